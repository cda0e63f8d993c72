"""What the dispatcher delivers, told apart by the `kind` stored on each row of the reminder table.

Several families share one table, one claim and one lease: deadline reminders (reminder_plan.ReminderKind, about
a deliverable), results digests (digest_schedule, about a whole campaign: no deliverable), post-metrics refreshes
(about a live deliverable; nothing is posted to Slack), review nudges (review_sla.NudgeKind, about a draft waiting
for review), go-live disclosure reminders (golive, about a deliverable), and live checks: a live post's caption
read again a day after it went live (live_recheck, nothing posted) and the alert when a caption changed
(live_alert, posted like a reminder), and a creator's draft from their private link: its review card in the
deliverable's thread (link_card, posted like a reminder) and the files they uploaded, shared under it (link_media);
and the live link they gave through it, said in the channel (link_live).
This module is the one place that maps a kind to its family, so the
dispatcher routes and the storage queries filter by the same words.
"""

from __future__ import annotations

from enum import StrEnum

from bot.campaigns.digest_schedule import DigestKind
from bot.campaigns.golive import GOLIVE_KIND
from bot.campaigns.reminder_plan import ReminderKind
from bot.campaigns.review_sla import NudgeKind


class Family(StrEnum):
    deadline = "deadline"
    digest = "digest"
    refresh = "refresh"
    review = "review"
    golive = "golive"  # the go-live disclosure reminder (bot.campaigns.golive), about a deliverable
    live_check = "live_check"  # a live post's caption read again (nothing posted)
    live_alert = "live_alert"  # the channel told that a live caption changed (posted like a reminder)
    link_card = "link_card"  # a creator's draft from their link: its review card (posted like a reminder)
    link_media = "link_media"  # that draft's uploaded files, shared in the card's thread once the card is there
    link_live = "link_live"  # the live link a creator gave through their link, said in the channel


METRICS_REFRESH = "metrics_refresh"
LIVE_RECHECK = "live_recheck"
LIVE_ALERT = "live_alert"
LINK_CARD = "link_card"
LINK_MEDIA = "link_media"
LINK_LIVE = "link_live"
DEADLINE_KINDS: tuple[str, ...] = tuple(kind.value for kind in ReminderKind)
REVIEW_KINDS: tuple[str, ...] = tuple(kind.value for kind in NudgeKind)
# What stops once a deliverable is live or dropped: its deadline reminders and its go-live reminder.
BEFORE_LIVE_KINDS: tuple[str, ...] = (*DEADLINE_KINDS, GOLIVE_KIND)


def digest_kind(kind: DigestKind) -> str:
    """The stored kind of a digest: digest_weekly, digest_final."""
    return f"digest_{kind.value}"


DIGEST_KINDS: tuple[str, ...] = tuple(digest_kind(kind) for kind in DigestKind)


def digest_of(kind: str) -> DigestKind | None:
    """Which digest a stored kind is; None when it is not a digest."""
    return next((k for k in DigestKind if digest_kind(k) == kind), None)


def family_of(kind: str) -> Family:
    if kind in DIGEST_KINDS:
        return Family.digest
    if kind in REVIEW_KINDS:
        return Family.review
    return _ONE_KIND_FAMILIES.get(kind, Family.deadline)


# The families that hold a single kind (every other kind is a deadline reminder).
_ONE_KIND_FAMILIES: dict[str, Family] = {
    METRICS_REFRESH: Family.refresh,
    GOLIVE_KIND: Family.golive,
    LIVE_RECHECK: Family.live_check,
    LIVE_ALERT: Family.live_alert,
    LINK_CARD: Family.link_card,
    LINK_MEDIA: Family.link_media,
    LINK_LIVE: Family.link_live,
}
