"""Which reminders a deliverable gets, when (UTC), and for whom.

Every reminder carries a stable idempotency key, `{deliverable}:{kind}:{fire_at:%Y%m%dT%H%MZ}`, so storing a
plan twice changes nothing.

A deadline given as a day without a time ends at the end of that day, but nobody wants a reminder at midnight:
its day-offset reminders land at WORKING_HOUR local time on their day ("due" at 10:00 on the day itself,
"overdue" at 10:00 on the days after). Hour offsets stay elapsed hours from the deadline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.campaigns.deadlines import deadline_in_effect
from bot.campaigns.localtime import local_to_utc, shift_local_days, wall_clock, zone
from bot.campaigns.models import Campaign, CampaignCreator, Deliverable
from bot.campaigns.reminder_policy import Offset, ReminderPolicy
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
    date_only: bool = False  # the deadline is a whole day: day-offset reminders land at WORKING_HOUR

    @classmethod
    def of(
        cls, deliverable: Deliverable, campaign: Campaign, creator: CampaignCreator | None = None
    ) -> ReminderSubject:
        """The subject for the deadline in effect, in the zone it was given in (the creator's, else the campaign's)."""
        deadline = deadline_in_effect(deliverable)
        tz = deadline.due.tz if deadline.due else (creator.zone_in(campaign) if creator else campaign.timezone)
        policy, owner = campaign.reminder_policy, campaign.owner_user_id
        return cls(deliverable.id, tz, owner, policy, date_only=deadline.date_only)


WORKING_HOUR = time(10, 0)  # where a whole-day deadline's reminders land, local time


def working_hour_of_day(due_at: datetime, tz: ZoneInfo) -> datetime:
    """WORKING_HOUR on the local day a whole-day deadline ends (due_at is the next midnight), as a naive wall time."""
    day = wall_clock(due_at - timedelta(microseconds=1), tz).date()
    return datetime.combine(day, WORKING_HOUR)


def _fire(offset: Offset, due_at: datetime, tz: ZoneInfo, date_only: bool) -> datetime:
    if date_only and offset.hours == 0:
        return local_to_utc(working_hour_of_day(due_at, tz) + timedelta(days=offset.days), tz)
    return offset.apply(due_at, tz)


def _kind_for(sign: int) -> ReminderKind:
    return ReminderKind.before if sign < 0 else ReminderKind.due if sign == 0 else ReminderKind.overdue


def schedule(subject: ReminderSubject, due_at: datetime) -> list[PlannedReminder]:
    """Every reminder of the policy for this deadline, past ones included, in firing order."""
    tz, due, policy = zone(subject.tz), as_utc(due_at), subject.policy
    whole_day = subject.date_only
    fires: list[tuple[ReminderKind, datetime, Audience]] = [
        (_kind_for(o.sign), _fire(o, due, tz, whole_day), Audience.channel) for o in policy.parsed_offsets()
    ]
    daily = policy.daily_overdue_days()
    if whole_day:
        fires += [(ReminderKind.overdue, _fire(Offset(days=d), due, tz, True), Audience.channel) for d in daily]
    else:
        fires += [(ReminderKind.overdue, shift_local_days(due, d, tz), Audience.channel) for d in daily]
    escalation = policy.escalation_offset()
    if escalation is not None:
        fires.append((ReminderKind.escalation, _fire(escalation, due, tz, whole_day), Audience.owner_dm))
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


def plan_for(
    deliverable: Deliverable, campaign: Campaign, *, now: datetime, creator: CampaignCreator | None = None
) -> list[PlannedReminder]:
    """The plan for a deliverable in its current state, against the deadline in effect (the draft due date while
    the draft is awaited, then the go-live date): none once it is live, complete or dropped."""
    if not needs_reminders(deliverable.state):
        return []
    subject = ReminderSubject.of(deliverable, campaign, creator)
    return plan_reminders(subject, deadline_in_effect(deliverable).at, now=now)
