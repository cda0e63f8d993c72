"""What the creator's page shows, already worded: plain strings (the templates escape them), times in the
creator's own zone. Pure: built from the service's read model, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns.localtime import zone
from bot.campaigns.states import DeliverableState
from bot.disclosure.golive import golive_instructions, switch_words
from bot.review.models import DraftCheck, DraftVersion
from bot.review.rules import SUBMITTABLE
from bot.services.creator_links import CreatorPage, PageItem
from bot.vocabulary import as_utc

POSTABLE = (DeliverableState.approved, DeliverableState.scheduled)
VERDICTS = {
    "compliant": "Disclosure: looks right",
    "needs_work": "Disclosure: needs work",
    "missing": "Disclosure: missing",
    "not_needed": "Disclosure: not needed",
}


def plain(text: str | None) -> str:
    """Slack's *bold* markers out of a sentence written for Slack."""
    return (text or "").replace("*", "")


def when(moment: datetime, tz_name: str) -> str:
    local = as_utc(moment).astimezone(zone(tz_name))
    return local.strftime("%a %d %b %Y, %H:%M")


@dataclass(frozen=True)
class CheckView:
    verdict: str  # compliant, needs_work, missing, not_needed
    verdict_text: str
    findings: list[str]
    fixed_caption: str
    label_to_enable: str | None
    switch_on: str | None  # the sentence that names it, as the draft card and the go-live reminder do

    @classmethod
    def of(cls, check: DraftCheck) -> CheckView:
        findings = [f.message for f in check.findings if f.severity != "info"]
        findings += [f"The brief asks for {tag} in the caption." for tag in check.missing_tags]
        return cls(
            verdict=check.verdict,
            verdict_text=VERDICTS.get(check.verdict, check.verdict),
            findings=list(dict.fromkeys(findings)),
            fixed_caption=check.fixed_caption,
            label_to_enable=check.label_to_enable,
            switch_on=(
                f"When you post, switch on {switch_words(check.label_to_enable, mark='')}."
                if check.label_to_enable
                else None
            ),
        )

    def as_json(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "verdict_text": self.verdict_text,
            "findings": self.findings,
            "fixed_caption": self.fixed_caption,
            "label_to_enable": self.label_to_enable,
            "switch_on": self.switch_on,
        }


@dataclass(frozen=True)
class VersionView:
    name: str
    submitted: str
    caption: str
    verdict_text: str
    decisions: list[str]  # "Sent back for changes (tone, disclosure): make the logo visible"


@dataclass(frozen=True)
class DeliverableView:
    id: int
    title: str  # "Reel"
    state: str
    due: str
    draft_due: str | None
    can_submit: bool
    can_go_live: bool
    post_url: str | None
    versions: list[VersionView]
    golive_caption: str
    golive_label: str | None
    golive_in_content: list[str]
    creator_text: str


@dataclass(frozen=True)
class PageView:
    campaign: str
    handle: str
    platform: str
    tz: str
    tz_whose: str  # "your time zone" or "the campaign's time zone"
    dates: str
    jurisdiction: str
    required_tags: str | None
    expires: str
    deliverables: list[DeliverableView]


def _version(version: DraftVersion, tz: str) -> VersionView:
    decisions = []
    for decision in version.decisions:
        said = decision.decision.label.capitalize()
        if decision.reasons:
            said += " (" + ", ".join(r.label.lower() for r in decision.reasons) + ")"
        if decision.note:
            said += f": {decision.note}"
        decisions.append(f"{when(decision.at, tz)}: {said}")
    return VersionView(
        name=version.name,
        submitted=when(version.submitted_at, tz),
        caption=version.caption,
        verdict_text=VERDICTS.get(version.check.verdict, version.check.verdict),
        decisions=decisions,
    )


def _deliverable(item: PageItem, tz: str) -> DeliverableView:
    context = item.context
    deliverable, campaign = context.deliverable, context.campaign
    guide = golive_instructions(context.creator.platform, deliverable.kind, campaign.jurisdiction)
    return DeliverableView(
        id=int(deliverable.id),
        title=deliverable.describe().removeprefix("a ").capitalize(),
        state=deliverable.state.label,
        due=when(deliverable.due_at, tz),
        draft_due=when(deliverable.draft_due_at, tz) if deliverable.draft_due_at else None,
        can_submit=deliverable.state in SUBMITTABLE,
        can_go_live=deliverable.state in POSTABLE and deliverable.posted_at is None,
        post_url=deliverable.post_url,
        versions=[_version(v, tz) for v in item.history],
        golive_caption=plain(guide.caption),
        golive_label=plain(guide.built_in) or None,
        golive_in_content=[plain(line) for line in guide.in_content],
        creator_text=plain(guide.creator_text),
    )


def page_view(page: CreatorPage) -> PageView:
    campaign, creator = page.campaign, page.creator
    tz = creator.timezone or campaign.timezone
    whose = "your time zone" if creator.timezone else "the campaign's time zone"
    return PageView(
        campaign=campaign.name,
        handle=creator.handle,
        platform=creator.platform.value.capitalize(),
        tz=tz,
        tz_whose=whose,
        dates=f"{campaign.start_date:%d %b %Y} to {campaign.end_date:%d %b %Y}",
        jurisdiction=campaign.jurisdiction.value,
        required_tags=campaign.required_tags,
        expires=when(page.link.expires_at, tz),
        deliverables=[_deliverable(item, tz) for item in page.items],
    )
