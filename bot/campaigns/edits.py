"""What an edit changed, field by field, in words: the line posted to the campaign's channel after an edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.campaigns.digest_schedule import WEEKDAYS, DigestSchedule
from bot.campaigns.models import Campaign, CampaignCreator
from bot.campaigns.review_sla import days_text
from bot.campaigns.workflow import approvers
from bot.vocabulary import Money

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str
    users: bool = False  # before and after are Slack user ids separated by spaces, shown as mentions


def _money(amount: Money | None) -> str:
    return amount.display_with_symbol() if amount is not None else "none"


def _digest(schedule: DigestSchedule) -> str:
    """'Mondays 09:00', 'final report only', 'none': short enough for a line of changes."""
    if not schedule.weekly:
        return "final report only" if schedule.final else "none"
    return f"{WEEKDAYS[schedule.weekday].title()}s {schedule.at}" + ("" if schedule.final else ", no final report")


def _days(days: int) -> str:
    return f"{days} day{'' if days == 1 else 's'}"


def _diff(before: T, after: T, fields: tuple[tuple[str, Callable[[T], str]], ...]) -> list[Change]:
    """One Change per field whose words differ, in the order given."""
    changes = []
    for label, words in fields:
        old, new = words(before), words(after)
        if old != new:
            changes.append(Change(label, old, new, users=label in ("approvers", "legal approvers")))
    return changes


CAMPAIGN_FIELDS: tuple[tuple[str, Callable[[Campaign], str]], ...] = (
    ("budget", lambda c: c.budget.display_with_symbol()),
    ("starts", lambda c: c.start_date.isoformat()),
    ("ends", lambda c: c.end_date.isoformat()),
    ("attribution window", lambda c: _days(c.attribution_days)),
    ("approvers", lambda c: " ".join(approvers(c))),
    ("reminders", lambda c: ", ".join(str(o) for o in c.reminder_policy.parsed_offsets()) or "none"),
    ("owner DM when overdue by", lambda c: c.reminder_policy.owner_escalation_at or "never"),
    ("digest", lambda c: _digest(c.digest)),
    ("review SLA", lambda c: days_text(c.review_sla_days)),
    ("EMV", lambda c: f"by {c.emv_method}" if c.emv_method else "off"),
    ("required tags", lambda c: c.required_tags or "none"),
    ("legal approvers", lambda c: " ".join(c.legal_approver_user_ids)),
)

CREATOR_FIELDS: tuple[tuple[str, Callable[[CampaignCreator], str]], ...] = (
    ("fee", lambda c: _money(c.fee)),
    ("gift value", lambda c: _money(c.gift_value)),
    ("extra costs", lambda c: _money(c.extra_costs)),
    ("discount code", lambda c: c.discount_code or "none"),
    ("tracking link", lambda c: c.tracking_link or "none"),
    ("usage rights", lambda c: c.terms.usage_rights if isinstance(c.terms.usage_rights, str) else "none"),
    ("exclusivity", lambda c: "yes" if c.terms.exclusivity else "no"),
    ("revision rounds", lambda c: str(c.terms.max_revision_rounds)),
)


def campaign_changes(before: Campaign, after: Campaign) -> list[Change]:
    return _diff(before, after, CAMPAIGN_FIELDS)


def creator_changes(before: CampaignCreator, after: CampaignCreator) -> list[Change]:
    return _diff(before, after, CREATOR_FIELDS)


def digest_timing_changed(before: Campaign, after: Campaign) -> bool:
    """The digests' instants depend on the schedule and the campaign's dates: a change there re-plans them."""
    return (before.digest, before.start_date, before.end_date) != (after.digest, after.start_date, after.end_date)
