"""Which reminders a deliverable gets, when (UTC), and for whom.

Every reminder carries a stable idempotency key, `{deliverable}:{kind}:{fire_at:%Y%m%dT%H%MZ}`, so storing a
plan twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.campaigns.localtime import shift_local_days, zone
from bot.campaigns.models import Campaign, Deliverable
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.states import needs_reminders
from bot.vocabulary import as_utc


class ReminderKind(StrEnum):
    before = "before"
    due = "due"
    overdue = "overdue"
    escalation = "escalation"  # the campaign owner is told something is well overdue


class Audience(StrEnum):
    channel = "channel"  # the campaign's channel
    owner_dm = "owner_dm"  # a DM to the campaign owner


@dataclass(frozen=True)
class PlannedReminder:
    deliverable_key: str
    kind: ReminderKind
    fire_at: datetime  # UTC
    audience: Audience
    due_at: datetime  # UTC, the deadline this reminder was planned for
    owner_user_id: str  # gets escalations and catch-up summaries

    @property
    def key(self) -> str:
        return f"{self.deliverable_key}:{self.kind.value}:{self.fire_at:%Y%m%dT%H%MZ}"


@dataclass(frozen=True)
class ReminderSubject:
    """What a plan needs to know about the deliverable and its campaign."""

    deliverable_key: str
    tz: str
    owner_user_id: str
    policy: ReminderPolicy = field(default_factory=ReminderPolicy)

    @classmethod
    def of(cls, deliverable: Deliverable, campaign: Campaign) -> ReminderSubject:
        return cls(deliverable.id, campaign.timezone, campaign.owner_user_id, campaign.reminder_policy)


def _kind_for(sign: int) -> ReminderKind:
    return ReminderKind.before if sign < 0 else ReminderKind.due if sign == 0 else ReminderKind.overdue


def schedule(subject: ReminderSubject, due_at: datetime) -> list[PlannedReminder]:
    """Every reminder of the policy for this deadline, past ones included, in firing order."""
    tz, due, policy = zone(subject.tz), as_utc(due_at), subject.policy
    fires: list[tuple[ReminderKind, datetime, Audience]] = [
        (_kind_for(o.sign), o.apply(due, tz), Audience.channel) for o in policy.parsed_offsets()
    ]
    daily = policy.daily_overdue_days()
    fires += [(ReminderKind.overdue, shift_local_days(due, d, tz), Audience.channel) for d in daily]
    escalation = policy.escalation_offset()
    if escalation is not None:
        fires.append((ReminderKind.escalation, escalation.apply(due, tz), Audience.owner_dm))
    reminders = {
        r.key: r
        for r in (
            PlannedReminder(subject.deliverable_key, kind, at, aud, due, subject.owner_user_id)
            for kind, at, aud in fires
        )
    }
    return sorted(reminders.values(), key=lambda r: (r.fire_at, r.audience != Audience.channel))


def plan_reminders(subject: ReminderSubject, due_at: datetime, *, now: datetime) -> list[PlannedReminder]:
    """The reminders still to send: those already in the past at plan time are left out."""
    now = as_utc(now)
    return [r for r in schedule(subject, due_at) if r.fire_at >= now]


def plan_for(deliverable: Deliverable, campaign: Campaign, *, now: datetime) -> list[PlannedReminder]:
    """The plan for a deliverable in its current state: none once it is live, complete or dropped."""
    if not needs_reminders(deliverable.state):
        return []
    return plan_reminders(ReminderSubject.of(deliverable, campaign), deliverable.due_at, now=now)
