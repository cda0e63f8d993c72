from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.campaigns.localtime import end_of_day, exists_locally, local_to_utc, shift_local_days
from bot.vocabulary import as_utc

NEW_YORK, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")
SANTIAGO = ZoneInfo("America/Santiago")


def test_time_in_the_spring_gap_is_shifted_forward() -> None:
    # 2026-03-08 02:00 EST jumps to 03:00 EDT: 02:30 does not exist and becomes 03:30 EDT.
    wall = datetime(2026, 3, 8, 2, 30)
    assert not exists_locally(wall, NEW_YORK)
    moment = local_to_utc(wall, NEW_YORK)
    assert moment == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert moment.astimezone(NEW_YORK).strftime("%H:%M %Z") == "03:30 EDT"


def test_repeated_fall_back_hour_takes_the_first_occurrence() -> None:
    # 2026-11-01 01:30 happens at EDT (05:30Z) and again at EST (06:30Z): fold=0 picks the first.
    wall = datetime(2026, 11, 1, 1, 30)
    assert exists_locally(wall, NEW_YORK)
    assert local_to_utc(wall, NEW_YORK) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "hours"),
    [(date(2026, 3, 7), 24), (date(2026, 3, 8), 23), (date(2026, 11, 1), 25), (date(2026, 11, 2), 24)],
)
def test_local_days_last_23_or_25_hours_on_clock_changes(day: date, hours: int) -> None:
    start = local_to_utc(datetime.combine(day, datetime.min.time()), NEW_YORK)
    assert (end_of_day(day, NEW_YORK) - start).total_seconds() == hours * 3600


def test_end_of_day_is_the_next_local_midnight() -> None:
    assert end_of_day(date(2026, 12, 5), LONDON) == datetime(2026, 12, 6, 0, tzinfo=UTC)
    assert end_of_day(date(2026, 7, 5), LONDON) == datetime(2026, 7, 5, 23, tzinfo=UTC)  # BST
    assert end_of_day(date(2026, 3, 8), NEW_YORK) == datetime(2026, 3, 9, 4, tzinfo=UTC)  # EDT from that day


def test_end_of_day_when_midnight_is_skipped() -> None:
    # Chile moves its clocks at midnight: 2026-09-06 00:00 does not exist, the day starts at 01:00 -03.
    moment = end_of_day(date(2026, 9, 5), SANTIAGO)
    assert moment == datetime(2026, 9, 6, 4, tzinfo=UTC)
    assert moment.astimezone(SANTIAGO).strftime("%H:%M") == "01:00"


def test_shifting_by_days_keeps_the_wall_clock_across_dst() -> None:
    due = datetime(2027, 3, 29, 8, tzinfo=UTC)  # 09:00 BST
    assert shift_local_days(due, -3, LONDON) == datetime(2027, 3, 26, 9, tzinfo=UTC)  # 09:00 GMT
    assert (due - shift_local_days(due, -3, LONDON)).total_seconds() == 71 * 3600


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="without a time zone"):
        as_utc(datetime(2026, 1, 1))
