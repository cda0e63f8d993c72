"""When a snoozed deliverable's one reminder comes.

"Snooze 1 day" means no reminder for at least a calendar day, then one, in working hours in the campaign's zone:
a day after a click at 02:30 is not a time to post to a team's channel, so it moves to WORKING_HOUR. If another
planned reminder already falls later that same local day (the "1 day before" one, say), the snooze takes its time
and kind instead of adding a second reminder beside it: the same reminder never comes twice in one day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.campaigns.localtime import local_to_utc, shift_local_days, wall_clock, zone
from bot.campaigns.reminder_plan import WORKING_HOUR, ReminderKind
from bot.vocabulary import as_utc

WORKDAY_STARTS, WORKDAY_ENDS = time(9, 0), time(18, 0)  # local; a snooze landing outside moves to WORKING_HOUR


@dataclass(frozen=True)
class Upcoming:
    """A pending deadline reminder of the deliverable, posted to the channel."""

    kind: ReminderKind
    at: datetime  # UTC


@dataclass(frozen=True)
class SnoozeTarget:
    kind: ReminderKind
    at: datetime  # UTC: nothing before it, then this one reminder
    merged: Upcoming | None  # the planned reminder it takes the place of, if any


def _in_working_hours(moment: datetime, tz_name: str) -> datetime:
    """`moment` if it falls in the working day, else the next WORKING_HOUR after it (local)."""
    tz = zone(tz_name)
    wall = wall_clock(moment, tz)
    if WORKDAY_STARTS <= wall.time() <= WORKDAY_ENDS:
        return moment
    day = wall.date() if wall.time() < WORKDAY_STARTS else wall.date() + timedelta(days=1)
    return local_to_utc(datetime.combine(day, WORKING_HOUR), tz)


def snooze_target(now: datetime, tz_name: str, deadline: datetime, upcoming: Sequence[Upcoming]) -> SnoozeTarget:
    """When the one reminder after a snooze clicked at `now` comes, and what kind it is (towards `deadline`)."""
    tz = zone(tz_name)
    at = _in_working_hours(shift_local_days(as_utc(now), 1, tz), tz_name)
    day = wall_clock(at, tz).date()
    same_day = sorted((u for u in upcoming if u.at >= at and wall_clock(u.at, tz).date() == day), key=lambda u: u.at)
    if same_day:
        return SnoozeTarget(same_day[0].kind, as_utc(same_day[0].at), same_day[0])
    deadline = as_utc(deadline)
    kind = ReminderKind.before if at < deadline else ReminderKind.due if at == deadline else ReminderKind.overdue
    return SnoozeTarget(kind, at, None)
