from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.campaigns.models import Campaign, CampaignCreator
from bot.campaigns.reminder_plan import ReminderKind
from bot.campaigns.reminder_text import (
    deadline_text,
    due_status,
    format_duration,
    posted_late_marker,
    reminder_text,
)
from bot.campaigns.states import DeliverableState
from tests.campaigns.factories import make_deliverable

LONDON, NEW_YORK = "Europe/London", "America/New_York"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (utc(2026, 12, 2, 17), "Due in 3 days"),
        (utc(2026, 12, 4, 17), "Due tomorrow at 17:00 (Europe/London)"),
        (utc(2026, 12, 5, 9), "Due today at 17:00 (Europe/London)"),
        (utc(2026, 12, 5, 17, 0, 30), "Due now"),
        (utc(2026, 12, 5, 22, 30), "Overdue by 5h 30min"),
        (utc(2026, 12, 6, 17), "1 day overdue"),
        (utc(2026, 12, 8, 17, 5), "3 days overdue"),
    ],
)
def test_status_of_a_timed_deadline(now: datetime, status: str) -> None:
    assert due_status(utc(2026, 12, 5, 17), now, LONDON) == status


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (utc(2026, 12, 2, 10), "Due in 3 days"),  # the -3d reminder of an end-of-day deadline: 10:00 Wednesday
        (utc(2026, 12, 3, 0), "Due in 2 days"),  # Thursday: Saturday is two days away
        (utc(2026, 12, 4, 0), "Due tomorrow, end of day (Europe/London)"),
        (utc(2026, 12, 5, 0), "Due today, end of day (Europe/London)"),
        (utc(2026, 12, 5, 23), "Due today, end of day (Europe/London)"),
        (utc(2026, 12, 6, 10), "1 day overdue"),  # the +1d reminder, at 10:00 on Sunday
        (utc(2026, 12, 7, 0), "2 days overdue"),  # Monday
    ],
)
def test_status_of_an_end_of_day_deadline(now: datetime, status: str) -> None:
    assert due_status(utc(2026, 12, 6, 0), now, LONDON) == status  # end of Sat 5 December


def test_status_counts_local_days_across_clock_changes() -> None:
    due = utc(2027, 3, 29, 8)  # Mon 09:00 BST, the day after clocks go forward
    assert due_status(due, utc(2027, 3, 26, 9), LONDON) == "Due in 3 days"  # 71 hours before
    assert due_status(due, utc(2027, 3, 28, 8), LONDON) == "Due tomorrow at 09:00 (Europe/London)"
    spring_due = utc(2027, 3, 13, 14)  # Sat 09:00 EST; the +1d reminder is 23 hours later
    assert due_status(spring_due, utc(2027, 3, 14, 13), NEW_YORK) == "1 day overdue"
    fall_due = utc(2027, 11, 6, 13)  # Sat 09:00 EDT; the +1d reminder is 25 hours later
    assert due_status(fall_due, utc(2027, 11, 7, 13, 30), NEW_YORK) == "Overdue by 24h 30min"
    assert due_status(fall_due, utc(2027, 11, 7, 14), NEW_YORK) == "1 day overdue"


def test_deadline_text() -> None:
    assert deadline_text(utc(2026, 12, 5, 17), LONDON) == "Sat 5 Dec 2026 at 17:00 (Europe/London)"
    assert deadline_text(utc(2026, 12, 6, 0), LONDON) == "end of Sat 5 Dec 2026 (Europe/London)"
    assert deadline_text(utc(2026, 12, 5, 17), NEW_YORK) == "Sat 5 Dec 2026 at 12:00 (America/New_York)"


def test_channel_reminder_text(campaign: Campaign, creator: CampaignCreator) -> None:
    deliverable = make_deliverable(state=DeliverableState.draft_due)
    text = reminder_text(ReminderKind.before, deliverable, creator, campaign, now=utc(2026, 12, 2, 17))
    assert text.status == "Due in 3 days"
    assert text.headline == "Due in 3 days: @maya.makes's reel for Summer Launch"
    assert text.body == (
        "@maya.makes (instagram) owes a reel for Summer Launch.\n"
        "Deadline: Sat 5 Dec 2026 at 17:00 (Europe/London).\n"
        "Now: draft due, waiting on the creator."
    )
    assert text.marker is None


def test_escalation_text_for_the_owner(campaign: Campaign, creator: CampaignCreator) -> None:
    deliverable = make_deliverable(state=DeliverableState.changes_requested, count=2)
    text = reminder_text(ReminderKind.escalation, deliverable, creator, campaign, now=utc(2026, 12, 8, 17))
    assert text.headline == "3 days overdue: @maya.makes's 2 reels for Summer Launch"
    assert text.body.splitlines()[-2:] == [
        "Now: changes requested, waiting on the creator.",
        "You are getting this as the owner of Summer Launch. Follow up with @maya.makes, move the deadline, "
        "or drop the deliverable.",
    ]


def test_late_reminder_is_marked(campaign: Campaign, creator: CampaignCreator) -> None:
    text = reminder_text(
        ReminderKind.due, make_deliverable(), creator, campaign, now=utc(2026, 12, 5, 20),
        late_by=timedelta(hours=3),
    )  # fmt: skip
    assert (text.status, text.marker) == ("Overdue by 3h", "Delayed 3h")


def test_posted_late_marker() -> None:
    due = utc(2026, 12, 5, 17)
    late = make_deliverable(due_at=due, posted_at=due + timedelta(hours=2))
    assert posted_late_marker(late) == "Posted late by 2h"
    assert posted_late_marker(make_deliverable(due_at=due, posted_at=due - timedelta(hours=1))) is None
    assert posted_late_marker(make_deliverable(due_at=due)) is None


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(seconds=20), "0 min"),
        (timedelta(minutes=45), "45 min"),
        (timedelta(hours=2), "2h"),
        (timedelta(hours=2, minutes=30), "2h 30min"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=3, hours=4, minutes=10), "3 days 4h"),
    ],
)
def test_format_duration(span: timedelta, text: str) -> None:
    assert format_duration(span) == text


def test_format_duration_in_hours() -> None:
    assert format_duration(timedelta(hours=24, minutes=30), in_days=False) == "24h 30min"
