"""The check every draft version gets before review: the disclosure checker under the campaign's jurisdiction,
the creator's platform and the deliverable's format; the tags and handles the brief requires; the platform's
own paid-partnership label to switch on."""

from __future__ import annotations

import re

from bot.disclosure.checker import check_caption
from bot.disclosure.golive import BUILT_IN_LABELS
from bot.disclosure.models import CheckRequest, Connection, Verdict
from bot.review.models import CheckFinding, DraftCheck
from bot.vocabulary import DeliverableKind, Jurisdiction, Platform

# The switch each platform offers for a paid post, as the platform names it in its app: the go-live reminder's.
PLATFORM_LABELS: dict[Platform, str] = {platform: label.switch for platform, label in BUILT_IN_LABELS.items()}

MAX_TAGS = 10  # required tags and handles a campaign may list
MAX_TAG = 50  # characters of one
MAX_REQUIRED_TAGS = 200  # the stored column's size
_TAG = re.compile(r"[#@][\w.]{1,49}")


class RequiredTagsError(ValueError):
    """The required tags as typed are not tags; str() says what to type instead."""


def required_tags(text: str | None) -> list[str]:
    """'#GlowCo @glowco' -> ['#GlowCo', '@glowco']; blank -> []; RequiredTagsError in words otherwise."""
    words = (text or "").replace(",", " ").split()
    if len(text or "") > MAX_REQUIRED_TAGS or len(words) > MAX_TAGS:
        raise RequiredTagsError(
            f"List at most {MAX_TAGS} tags or handles in {MAX_REQUIRED_TAGS} characters, e.g. #GlowCo @glowco."
        )
    for word in words:
        if not _TAG.fullmatch(word):
            shown = word if len(word) <= 40 else word[:40] + "…"
            raise RequiredTagsError(
                f"'{shown}' is not a hashtag or handle: write each like #GlowCo or @glowco, separated by spaces."
            )
    return list(dict.fromkeys(words))


def _present(tag: str, caption: str) -> bool:
    """The tag as a whole word, ignoring case: #glowco is there in '#GlowCo!' but not in '#GlowCoffee'."""
    pattern = re.escape(tag.casefold()) + r"(?!\w)"
    return re.search(r"(?<![\w#@])" + pattern, caption.casefold()) is not None


def missing_tags(caption: str, tags: list[str]) -> list[str]:
    return [tag for tag in tags if not _present(tag, caption)]


def connection_for(fee_paid: bool) -> Connection:
    """A creator booked on a brand's campaign has a material connection: a fee, or at least the product (the FTC
    and the ASA count free product as one), so a draft is never checked as if no disclosure were needed."""
    return Connection.paid if fee_paid else Connection.gift


def check_draft(
    caption: str,
    *,
    platform: Platform,
    format: DeliverableKind,
    jurisdiction: Jurisdiction,
    connection: Connection = Connection.unknown,
    tags: list[str] | None = None,
) -> DraftCheck:
    """Check one version. Pure; raises CaptionTooLong (bot.disclosure) before reading a caption too long."""
    result = check_caption(
        CheckRequest(text=caption, platform=platform, format=format, jurisdiction=jurisdiction, connection=connection)
    )
    findings = [CheckFinding(rule_id=f.rule_id, severity=f.severity.value, message=f.message) for f in result.findings]
    missing = missing_tags(caption, tags or [])
    findings += [
        CheckFinding(
            rule_id="brief.required_tag",
            severity="needs_work",
            message=f"The brief asks for {tag} in the caption; it is not there.",
        )
        for tag in missing
    ]
    fixed = result.fixed_caption
    still_missing = missing_tags(fixed, missing)
    if still_missing:
        fixed = f"{fixed.rstrip()} {' '.join(still_missing)}"
    label = PLATFORM_LABELS.get(platform) if result.verdict is not Verdict.not_needed else None
    return DraftCheck(
        verdict=result.verdict.value,
        findings=findings,
        fixed_caption=fixed,
        label_to_enable=label,
        missing_tags=missing,
    )
