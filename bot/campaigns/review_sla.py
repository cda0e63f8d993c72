"""When a draft's review is late, counted in business days in the campaign's time zone, and the nudges it gets.

A review starts when the deliverable enters draft_submitted (the time of that transition). Business days are
Monday to Friday: weekends are skipped; public holidays are not (there is no holiday list). "N business days
after" keeps the local wall-clock time and moves it N weekdays on, then resolves it in the zone again, so a DST
change in between moves the UTC instant, never the local hour: submitted Friday 16:00 Europe/London, a 2-day SLA
is due Tuesday 16:00 London time. A review that starts on a Saturday or Sunday starts counting on Monday at 00:00.

Late reviews are never decided for anyone: the approvers are nudged when the SLA passes, the owner one business
day later if it still waits (bot.services.review_nudges plans them; the dispatcher delivers them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from bot.campaigns.localtime import local_to_utc, wall_clock, zone
from bot.vocabulary import as_utc

DEFAULT_REVIEW_SLA_DAYS = 2
MAX_REVIEW_SLA_DAYS = 20
OWNER_AFTER_DAYS = 1  # business days after the approvers' nudge that the owner hears of it
MAX_COUNTED = 260  # about a year of business days: a wait is not counted further
SAME_FIRE = timedelta(seconds=1)  # a stored time may lose its microseconds


def _working_start(since: datetime, tz: str) -> datetime:
    """The local wall-clock moment the review starts counting: `since`, or Monday 00:00 after a weekend."""
    wall = wall_clock(since, zone(tz))
    if wall.weekday() < 5:
        return wall
    return datetime.combine(wall.date() + timedelta(days=7 - wall.weekday()), time(0))


def _business_day_marks(since: datetime, tz: str) -> Iterator[datetime]:
    """The UTC instants 1, 2, 3, ... business days after `since`."""
    start, tzinfo = _working_start(since, tz), zone(tz)
    day = start.date()
    while True:
        day += timedelta(days=1)
        if day.weekday() < 5:
            yield local_to_utc(datetime.combine(day, start.time()), tzinfo)


def business_days_after(since: datetime, days: int, tz: str) -> datetime:
    """The instant `days` business days after `since` in zone `tz` (0: when the count starts)."""
    if days <= 0:
        return local_to_utc(_working_start(since, tz), zone(tz))
    for counted, mark in enumerate(_business_day_marks(since, tz), start=1):
        if counted == days:
            return mark
    raise AssertionError("unreachable: the marks never end")


def business_days_waited(since: datetime, now: datetime, tz: str) -> int:
    """Whole business days from `since` to `now` (at most MAX_COUNTED)."""
    now = as_utc(now)
    waited = 0
    for mark in _business_day_marks(since, tz):
        if mark > now or waited >= MAX_COUNTED:
            return waited
        waited += 1
    return waited  # pragma: no cover - the marks never end


def days_text(days: int) -> str:
    """'1 business day', '3 business days'."""
    return f"{days} business day{'' if days == 1 else 's'}"


@dataclass(frozen=True)
class ReviewWait:
    """A draft waiting for review: since when, for how many business days, against the campaign's SLA."""

    since: datetime
    waited: int  # whole business days
    sla_days: int

    @property
    def late(self) -> bool:
        return self.waited >= self.sla_days

    def describe(self) -> str:
        """'waiting for review 3 business days (SLA 2)'."""
        return f"waiting for review {days_text(self.waited)} (SLA {self.sla_days})"


def review_wait(since: datetime, now: datetime, *, sla_days: int, tz: str) -> ReviewWait:
    return ReviewWait(as_utc(since), business_days_waited(since, now, tz), sla_days)


class NudgeKind(StrEnum):
    """The stored kinds of the two nudges (bot.campaigns.dispatch_kinds routes them)."""

    approvers = "review_nudge"  # in the campaign's channel, mentioning the approvers
    owner = "review_owner"  # a DM to the campaign's owner


@dataclass(frozen=True)
class PlannedNudge:
    deliverable_key: str
    kind: NudgeKind
    since: datetime  # when the review started: a later review of the same deliverable gets its own keys
    fire_at: datetime  # UTC

    @property
    def key(self) -> str:
        return f"{self.deliverable_key}:{self.kind.value}:{self.since:%Y%m%dT%H%M%S%f}:{self.fire_at:%Y%m%dT%H%MZ}"


def plan_nudges(deliverable_key: str, since: datetime, *, sla_days: int, tz: str) -> list[PlannedNudge]:
    """The approvers' nudge when the SLA passes, the owner's DM one business day later."""
    since = as_utc(since)
    return [
        PlannedNudge(deliverable_key, NudgeKind.approvers, since, business_days_after(since, sla_days, tz)),
        PlannedNudge(
            deliverable_key, NudgeKind.owner, since, business_days_after(since, sla_days + OWNER_AFTER_DAYS, tz)
        ),
    ]


def nudge_is_current(kind: str, fire_at: datetime, since: datetime, *, sla_days: int, tz: str) -> bool:
    """Whether a nudge planned for `fire_at` belongs to the review that started at `since` under the SLA now set
    (a nudge of an earlier review, or planned under another SLA, is stale)."""
    fire_at = as_utc(fire_at)
    return any(
        nudge.kind.value == kind and abs(nudge.fire_at - fire_at) < SAME_FIRE
        for nudge in plan_nudges("", since, sla_days=sla_days, tz=tz)
    )
