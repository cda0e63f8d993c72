from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.campaigns.due import DueKind
from bot.campaigns.due_input import parse_due
from bot.campaigns.errors import DueInputError, InvalidTimezone

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # Tuesday 1 December 2026, 10:00 in London
LONDON = "Europe/London"
PASSED = "has already passed; give a date or time still ahead."
HELP = (
    "Try 2026-12-08, 2026-12-08 17:00, dec 8, tomorrow, in 3 days, friday, friday 5pm or eod. "
    "A date alone means the end of that day; times are in Europe/London."
)


@pytest.mark.parametrize(
    ("text", "local_date", "local_time", "utc"),
    [
        ("2026-12-05", date(2026, 12, 5), None, datetime(2026, 12, 6, 0, tzinfo=UTC)),
        ("2026-12-05 17:00", date(2026, 12, 5), time(17), datetime(2026, 12, 5, 17, tzinfo=UTC)),
        ("dec 5", date(2026, 12, 5), None, datetime(2026, 12, 6, 0, tzinfo=UTC)),
        ("Dec 5th", date(2026, 12, 5), None, datetime(2026, 12, 6, 0, tzinfo=UTC)),
        ("5 december 2027", date(2027, 12, 5), None, datetime(2027, 12, 6, 0, tzinfo=UTC)),
        ("december 1", date(2026, 12, 1), None, datetime(2026, 12, 2, 0, tzinfo=UTC)),  # today counts
        ("nov 30", date(2027, 11, 30), None, datetime(2027, 12, 1, 0, tzinfo=UTC)),  # passed: next year
        ("tomorrow", date(2026, 12, 2), None, datetime(2026, 12, 3, 0, tzinfo=UTC)),
        ("in 3 days", date(2026, 12, 4), None, datetime(2026, 12, 5, 0, tzinfo=UTC)),
        ("in two weeks", date(2026, 12, 15), None, datetime(2026, 12, 16, 0, tzinfo=UTC)),
        ("friday", date(2026, 12, 4), None, datetime(2026, 12, 5, 0, tzinfo=UTC)),
        ("Fri", date(2026, 12, 4), None, datetime(2026, 12, 5, 0, tzinfo=UTC)),
        ("tuesday", date(2026, 12, 1), None, datetime(2026, 12, 2, 0, tzinfo=UTC)),  # today is Tuesday
        ("next tuesday", date(2026, 12, 8), None, datetime(2026, 12, 9, 0, tzinfo=UTC)),
        ("eod", date(2026, 12, 1), None, datetime(2026, 12, 2, 0, tzinfo=UTC)),
        ("end of day", date(2026, 12, 1), None, datetime(2026, 12, 2, 0, tzinfo=UTC)),
        ("friday eod", date(2026, 12, 4), None, datetime(2026, 12, 5, 0, tzinfo=UTC)),
        ("today 5pm", date(2026, 12, 1), time(17), datetime(2026, 12, 1, 17, tzinfo=UTC)),
        ("friday at 5:30pm", date(2026, 12, 4), time(17, 30), datetime(2026, 12, 4, 17, 30, tzinfo=UTC)),
        ("by Friday, 12pm", date(2026, 12, 4), time(12), datetime(2026, 12, 4, 12, tzinfo=UTC)),
        ("tomorrow noon", date(2026, 12, 2), time(12), datetime(2026, 12, 2, 12, tzinfo=UTC)),
        ("5pm", date(2026, 12, 1), time(17), datetime(2026, 12, 1, 17, tzinfo=UTC)),  # still ahead today
        ("9:00", date(2026, 12, 2), time(9), datetime(2026, 12, 2, 9, tzinfo=UTC)),  # passed: tomorrow
        ("12am", date(2026, 12, 2), time(0), datetime(2026, 12, 2, 0, tzinfo=UTC)),
    ],
)
def test_each_form_in_london(text: str, local_date: date, local_time: time | None, utc: datetime) -> None:
    due = parse_due(text, tz=LONDON, now=NOW)
    assert (due.local_date, due.local_time, due.tz) == (local_date, local_time, LONDON)
    assert due.kind is (DueKind.end_of_day if local_time is None else DueKind.at)
    assert due.at_utc() == utc


def test_same_words_in_new_york_mean_a_different_instant() -> None:
    due = parse_due("2026-12-05 17:00", tz="America/New_York", now=NOW)
    assert due.at_utc() == datetime(2026, 12, 5, 22, tzinfo=UTC)
    end_of_day = parse_due("2026-12-05", tz="America/New_York", now=NOW)
    assert end_of_day.at_utc() == datetime(2026, 12, 6, 5, tzinfo=UTC)


def test_today_depends_on_the_campaign_zone() -> None:
    late_evening_in_la = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)  # 21:00 on Tue 1 Dec in Los Angeles
    assert parse_due("eod", tz="America/Los_Angeles", now=late_evening_in_la).local_date == date(2026, 12, 1)
    assert parse_due("eod", tz="Asia/Tokyo", now=late_evening_in_la).local_date == date(2026, 12, 2)


def test_end_of_day_on_a_dst_day_is_the_next_midnight() -> None:
    # London springs forward on 2027-03-28: that day is 23 hours long and ends at 00:00 BST = 23:00Z.
    due = parse_due("2027-03-28", tz=LONDON, now=NOW)
    assert due.at_utc() == datetime(2027, 3, 28, 23, tzinfo=UTC)


def test_non_existent_time_is_shifted_forward_and_explained() -> None:
    due = parse_due("2027-03-28 01:30", tz=LONDON, now=NOW)  # 01:00 GMT jumps to 02:00 BST
    assert due.at_utc() == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)  # 02:30 BST
    assert due.shifted_by_gap()
    assert due.describe() == (
        "Sun 28 Mar 2027 at 01:30 (Europe/London); 01:30 does not exist that day because the clocks go "
        "forward, so it is 02:30"
    )


def test_repeated_time_takes_the_first_occurrence() -> None:
    due = parse_due("2027-10-31 01:30", tz=LONDON, now=NOW)  # 01:00-02:00 happens twice
    assert due.at_utc() == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # 01:30 BST, the first one
    assert not due.shifted_by_gap()


def test_describe_for_confirmation() -> None:
    assert parse_due("dec 5", tz=LONDON, now=NOW).describe() == "Sat 5 Dec 2026, end of day (Europe/London)"
    at_five = parse_due("dec 5 17:00", tz=LONDON, now=NOW)
    assert at_five.describe() == "Sat 5 Dec 2026 at 17:00 (Europe/London)"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "Give a due date."),
        ("whenever", "I couldn't read 'whenever' as a due date."),
        ("12/05", "'12/05' could be day/month or month/day, so I won't guess."),
        ("2026-02-30", "There is no 30 February 2026."),
        ("feb 30", "There is no 30 February."),
        ("25:00", "'25:00' is not a time of day (use 00:00 to 23:59)."),
        ("13pm", "'13pm' is not a time of day."),
        ("friday 5pm 6pm", "'friday 5pm 6pm' has more than one time in it."),
        ("friday 5pm eod", "'friday 5pm eod' gives both a time and end of day; give one of them."),
        ("2026-11-30", f"Mon 30 Nov 2026, end of day (Europe/London) {PASSED}"),
        ("today 9am", f"Tue 1 Dec 2026 at 09:00 (Europe/London) {PASSED}"),
    ],
)
def test_unreadable_input_says_what_to_type_instead(text: str, reason: str) -> None:
    with pytest.raises(DueInputError) as caught:
        parse_due(text, tz=LONDON, now=NOW)
    assert str(caught.value) == f"{reason} {HELP}"


def test_unknown_zone_is_a_friendly_error() -> None:
    with pytest.raises(InvalidTimezone, match="'Mars/Olympus' is not a time zone I know"):
        parse_due("tomorrow", tz="Mars/Olympus", now=NOW)


def test_feb_29_without_a_year_is_the_next_leap_day() -> None:
    assert parse_due("29 feb", tz=LONDON, now=NOW).local_date == date(2028, 2, 29)
