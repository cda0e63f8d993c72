"""The digest plan: weekly at a local time across DST, the final report, and the schedule as people type it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.campaigns.digest_schedule import DigestKind, DigestSchedule, plan_digests

BEFORE = datetime(2026, 3, 1, tzinfo=UTC)


def test_weekly_digests_stay_at_nine_local_across_the_spring_change_in_london() -> None:
    # The UK moves to BST on Sunday 29 March 2026: Monday 23 March 09:00 is 09:00Z, Monday 30 March is 08:00Z.
    planned = plan_digests(
        DigestSchedule(), tz="Europe/London", start=date(2026, 3, 18), end=date(2026, 4, 3), now=BEFORE
    )
    assert [(d.kind, d.fire_at) for d in planned] == [
        (DigestKind.weekly, datetime(2026, 3, 23, 9, 0, tzinfo=UTC)),
        (DigestKind.weekly, datetime(2026, 3, 30, 8, 0, tzinfo=UTC)),
        (DigestKind.final, datetime(2026, 4, 4, 8, 0, tzinfo=UTC)),
    ]
    assert planned[1].key == "digest:weekly:2026-03-30"


def test_only_digests_still_ahead_are_planned_and_none_on_the_first_morning() -> None:
    schedule = DigestSchedule.from_text("Wed 17:30")
    planned = plan_digests(
        schedule,
        tz="America/New_York",
        start=date(2026, 12, 2),  # a Wednesday: its first digest is a week later
        end=date(2026, 12, 20),
        now=datetime(2026, 12, 9, 22, 31, tzinfo=UTC),  # 17:31 in New York, just after the 9th's digest
    )
    assert [d.fire_at for d in planned] == [
        datetime(2026, 12, 16, 22, 30, tzinfo=UTC),
        datetime(2026, 12, 21, 22, 30, tzinfo=UTC),
    ]


@pytest.mark.parametrize(
    ("typed", "described"),
    [
        ("monday 09:00", "every Monday at 09:00, and a final report after the end"),
        ("FRI 8:05", "every Friday at 08:05, and a final report after the end"),
        ("off", "only as a final report after the end, with no weekly digest"),
        ("none", "no weekly digest and no final report"),
    ],
)
def test_the_schedule_reads_as_people_type_it_and_reads_back(typed: str, described: str) -> None:
    schedule = DigestSchedule.from_text(typed)
    assert schedule.describe() == described
    assert DigestSchedule.from_text(schedule.as_text()) == schedule


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("monday", "write the weekly digest as a day and a time"),
        ("funday 09:00", "'funday' is not a weekday"),
        ("monday 25:00", "'25:00' is not a time of day"),
        ("mo 09:00", "'mo' is not a weekday"),
    ],
)
def test_a_schedule_that_cannot_be_read_says_what_to_type(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DigestSchedule.from_text(typed)
