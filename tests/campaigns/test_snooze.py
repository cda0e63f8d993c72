"""When a snooze's one reminder comes: a day on, in working hours, and in place of one planned that day."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.campaigns.reminder_plan import ReminderKind
from bot.campaigns.snooze import Upcoming, snooze_target

NY = "America/New_York"
DEADLINE = datetime(2026, 12, 5, 22, 0, tzinfo=UTC)  # Sat 5 Dec 17:00 in New York


def test_a_day_after_a_click_at_night_is_moved_to_ten_in_the_morning():
    target = snooze_target(datetime(2026, 12, 3, 7, 30, tzinfo=UTC), NY, DEADLINE, [])  # Thu 02:30 New York
    assert target.at == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # Fri 10:00 New York
    assert target.kind is ReminderKind.before


def test_a_day_after_a_click_in_the_evening_is_the_morning_after():
    target = snooze_target(datetime(2026, 12, 3, 1, 0, tzinfo=UTC), NY, DEADLINE, [])  # Wed 20:00 New York
    assert target.at == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # Fri 10:00, not Thu 20:00


def test_a_day_after_a_click_in_working_hours_keeps_its_time():
    target = snooze_target(datetime(2026, 12, 2, 19, 0, tzinfo=UTC), NY, DEADLINE, [])  # Wed 14:00 New York
    assert target.at == datetime(2026, 12, 3, 19, 0, tzinfo=UTC)
    assert target.merged is None


def test_a_reminder_planned_later_that_day_is_the_one_not_a_second():
    one_day_before = Upcoming(ReminderKind.before, datetime(2026, 12, 4, 22, 0, tzinfo=UTC))  # Fri 17:00
    due = Upcoming(ReminderKind.due, DEADLINE)
    target = snooze_target(datetime(2026, 12, 3, 7, 30, tzinfo=UTC), NY, DEADLINE, [due, one_day_before])
    assert (target.at, target.kind, target.merged) == (one_day_before.at, ReminderKind.before, one_day_before)


def test_a_snooze_past_the_deadline_is_an_overdue_reminder():
    target = snooze_target(datetime(2026, 12, 5, 23, 0, tzinfo=UTC), NY, DEADLINE, [])  # Sat 18:00, overdue
    assert target.at == datetime(2026, 12, 6, 23, 0, tzinfo=UTC)  # Sun 18:00: the working day's end still counts
    assert target.kind is ReminderKind.overdue
