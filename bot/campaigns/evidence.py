"""The evidence pack: one record per creator of everything the team did and saw on a campaign.

What was vetted and decided, every draft version with its disclosure check and each review decision on it, how
the deliverables moved (who, when, with what note), the creator's private link (issued, rotated, revoked, and each
submission through it), the payments, the live post with its checks and results.
Plain data filled by the service (bot/services/evidence.py), turned into one document per creator by
bot/campaigns/evidence_document.py and written out as Markdown (evidence_markdown.py) or PDF (evidence_pdf.py);
no I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.vocabulary import Money


@dataclass(frozen=True)
class VetEvidence:
    """The creator's last /vet card, in short, and the team's latest decision on them."""

    vetted_at: datetime
    requested_by: str
    verdict: str  # recommended | caution | avoid
    verdict_reason: str
    score: int | None
    tier: str | None
    followers: int | None
    source: str
    red_flags: tuple[str, ...] = ()  # "label: evidence", worst first, as the card lists them
    rate: str | None = None  # the fair rate as the card shows it
    decision: str | None = None  # approved | shortlisted | rejected | needs_human
    decided_by: str | None = None
    decided_at: datetime | None = None
    decided_on_verdict: str | None = None  # the verdict of the run the decision was made on


@dataclass(frozen=True)
class DecisionEvidence:
    """One review decision on a draft version: who decided what, when and why."""

    version: int
    decision: str  # approved | approved_with_corrections | changes_requested | …
    decided_by: str
    decided_at: datetime
    reasons: tuple[str, ...] = ()  # from the short list: disclosure, brand claims, …
    note: str | None = None  # the reviewer's own words
    step: str | None = None  # brand | legal, for two-step approval
    confirmed_missing_disclosure: bool = False  # approved although the check said `missing`


@dataclass(frozen=True)
class DraftEvidence:
    """One draft version as submitted, with its disclosure check and the decisions made on it."""

    version: int
    submitted_by: str
    submitted_at: datetime
    caption: str
    links: tuple[str, ...] = ()
    disclosure_verdict: str | None = None  # compliant | needs_work | missing | not_needed
    findings: tuple[str, ...] = ()
    fixed_caption: str | None = None
    label_to_enable: str | None = None  # the platform's built-in paid-partnership label
    decisions: tuple[DecisionEvidence, ...] = ()


@dataclass(frozen=True)
class LiveCheckEvidence:
    """One check of the live post: the caption as read from the platform against the approved version."""

    checked_at: datetime
    post_url: str
    result: str  # e.g. ok | disclosure_removed | caption_changed | unreadable
    detail: str | None = None
    caption_seen: str | None = None


@dataclass(frozen=True)
class TransitionEvidence:
    """One move of a deliverable through its states (the audit trail)."""

    from_state: str
    to_state: str
    actor: str
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class PaymentEvidence:
    amount: Money
    paid_on: date
    recorded_by: str


@dataclass(frozen=True)
class ResultEvidence:
    """The latest numbers read for a live post."""

    post_url: str
    observed_at: datetime
    source: str
    counts: tuple[tuple[str, int], ...]  # (name, value) of the known counts only: unknown is not 0
    proof_url: str | None = None


@dataclass(frozen=True)
class DeliverableEvidence:
    description: str  # "a reel", "3 stories"
    state: str
    due_at: datetime
    post_url: str | None = None
    posted_at: datetime | None = None
    transitions: tuple[TransitionEvidence, ...] = ()
    drafts: tuple[DraftEvidence, ...] = ()
    live_checks: tuple[LiveCheckEvidence, ...] = ()
    number: int | None = None  # the deliverable's number on cards and reminders ("deliverable #3")


@dataclass(frozen=True)
class LinkEvent:
    """Something done to the creator's private link (issued, rotated, revoked) or through it (a draft, a live link)."""

    at: datetime
    kind: str  # issued | rotated (a new link that ended the earlier ones) | revoked | draft | live
    by: str | None = None  # who issued it; the creator's own submissions have no Slack user
    until: datetime | None = None  # an issued link's expiry
    network: str | None = None  # where a submission came from, anonymised (203.0.113.0/24)
    deliverable_number: int | None = None
    version: int | None = None  # a draft's version
    live_url: str | None = None
    files: tuple[str, ...] = ()  # the names of the files uploaded with a draft, as the creator named them


@dataclass(frozen=True)
class CreatorEvidence:
    handle: str
    platform: str
    fee: Money
    vet: VetEvidence | None = None
    deliverables: tuple[DeliverableEvidence, ...] = ()
    payments: tuple[PaymentEvidence, ...] = ()
    results: tuple[ResultEvidence, ...] = ()
    link_events: tuple[LinkEvent, ...] = ()  # oldest first


@dataclass(frozen=True)
class EvidencePack:
    campaign: str
    channel_id: str
    timezone: str
    jurisdiction: str
    generated_at: datetime
    creators: tuple[CreatorEvidence, ...] = field(default_factory=tuple)


_UNSAFE_IN_NAME = re.compile(r"[^a-z0-9]+")
NAME_PART = 40  # each part of a file name: long enough to recognise, short enough for every file system


def file_name(pack: EvidencePack, creator: CreatorEvidence, extension: str = "md") -> str:
    """evidence-glow-sample-maya.makes-instagram.md: only letters, digits, '.', '-' (no path, nothing hidden)."""

    def part(text: str) -> str:
        return _UNSAFE_IN_NAME.sub("-", text.casefold())[:NAME_PART].strip("-") or "x"

    handle = ".".join(part(piece) for piece in creator.handle.split("."))
    return f"evidence-{part(pack.campaign)}-{handle}-{part(creator.platform)}.{extension}"
