"""Property tests: reminders keep the deadline's local wall-clock time in any zone, across clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.campaigns.due import LocalDue
from bot.campaigns.reminder_plan import Audience, ReminderKind, ReminderSubject, plan_reminders
from bot.campaigns.reminder_policy import ReminderPolicy

# Regular DST, 30-minute DST, odd offsets, no DST, +14, midnight changes and irregular (Ramadan) changes.
ZONES = [
    "Europe/London", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe",
    "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Kiritimati", "America/Santiago", "Africa/Casablanca",
    "America/Havana", "Pacific/Chatham",
]  # fmt: skip
FIRST, LAST = datetime(2025, 1, 1, tzinfo=UTC), datetime(2030, 12, 31, tzinfo=UTC)
CHANNEL_DAYS = [-3, -1, 0, *range(1, 15)]  # the default policy: -3d, -1d, due, +1d then daily to +14d
ESCALATION_DAYS = 3
SETTINGS = settings(max_examples=300, deadline=None)


@cache
def clock_changes(tz: str) -> tuple[datetime, ...]:
    """The UTC instants (to 15 minutes) at which the zone's offset changes, to aim examples at them."""
    zone, changes, moment, step = ZoneInfo(tz), [], FIRST, timedelta(days=1)
    while moment < LAST:
        if moment.astimezone(zone).utcoffset() != (moment + step).astimezone(zone).utcoffset():
            fine = moment
            while fine.astimezone(zone).utcoffset() == moment.astimezone(zone).utcoffset():
                fine += timedelta(minutes=15)
            changes.append(fine)
        moment += step
    return tuple(changes) or (FIRST,)


@st.composite
def zone_and_due(draw: st.DrawFn) -> tuple[str, datetime]:
    tz = draw(st.sampled_from(ZONES))
    way = draw(st.sampled_from(["anywhere", "near a change", "reminder at a change"]))
    if way == "anywhere":
        moment = draw(st.datetimes(min_value=FIRST.replace(tzinfo=None), max_value=LAST.replace(tzinfo=None)))
        return tz, moment.replace(tzinfo=UTC)
    change = draw(st.sampled_from(clock_changes(tz)))
    if way == "near a change":  # within 16 days, either side
        return tz, change + timedelta(minutes=draw(st.integers(-16 * 24 * 60, 16 * 24 * 60)))
    # A deadline whose k-day reminder falls within two hours of the change: hits gaps and repeated hours.
    days = draw(st.sampled_from([d for d in CHANNEL_DAYS if d]))
    return tz, change - timedelta(days=days) + timedelta(minutes=draw(st.integers(-120, 120)))


def _exists(wall: datetime, zone: ZoneInfo) -> bool:
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None, fold=0)


@SETTINGS
@given(zone_and_due())
def test_reminders_keep_the_deadline_wall_clock(case: tuple[str, datetime]) -> None:
    tz, due = case
    zone = ZoneInfo(tz)
    plan = plan_reminders(ReminderSubject("d", tz, "U1", ReminderPolicy()), due, now=due - timedelta(days=30))
    channel = [r for r in plan if r.audience is Audience.channel]
    escalations = [r for r in plan if r.audience is Audience.owner_dm]
    assert len(channel) == len(CHANNEL_DAYS) and len(escalations) == 1
    due_wall = _wall(due, zone)
    for reminder, days in [*zip(channel, CHANNEL_DAYS, strict=True), (escalations[0], ESCALATION_DAYS)]:
        if days == 0:
            assert reminder.fire_at == due  # the deadline itself, even in a repeated hour
            continue
        target, actual = due_wall + timedelta(days=days), _wall(reminder.fire_at, zone)
        if _exists(target, zone):
            assert actual == target
        else:  # skipped by a spring-forward change: moved later by the gap, never earlier
            assert target < actual <= target + timedelta(hours=2)


@SETTINGS
@given(zone_and_due())
def test_plan_is_ordered_and_never_fires_twice(case: tuple[str, datetime]) -> None:
    tz, due = case
    plan = plan_reminders(ReminderSubject("d", tz, "U1", ReminderPolicy()), due, now=due - timedelta(days=30))
    keys = [r.key for r in plan]
    assert len(keys) == len(set(keys))
    assert [r.fire_at for r in plan] == sorted(r.fire_at for r in plan)
    channel_times = [r.fire_at for r in plan if r.audience is Audience.channel]
    assert len(channel_times) == len(set(channel_times))  # nothing twice, even across a 25-hour day
    assert all(r.fire_at < due for r in plan if r.kind is ReminderKind.before)
    assert all(r.fire_at > due for r in plan if r.kind in (ReminderKind.overdue, ReminderKind.escalation))


@SETTINGS
@given(
    st.sampled_from(ZONES),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 30)),
    st.times().map(lambda t: t.replace(second=0, microsecond=0)) | st.none(),
)
def test_local_due_round_trips_except_in_gaps(tz: str, day: date, at: time | None) -> None:
    zone = ZoneInfo(tz)
    due = LocalDue(local_date=day, local_time=at, tz=tz)
    wall = _wall(due.at_utc(), zone)
    if at is None:  # end of day: the next midnight, or just after it if midnight is skipped
        midnight = datetime.combine(day + timedelta(days=1), time(0))
        if _exists(midnight, zone):
            assert wall == midnight
        else:
            assert midnight < wall <= midnight + timedelta(hours=2)
    elif due.shifted_by_gap():
        intended = datetime.combine(day, at)
        assert intended < wall <= intended + timedelta(hours=2)
    else:
        assert wall == datetime.combine(day, at)
