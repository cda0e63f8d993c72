"""When a review is late: business days in the campaign's zone, across weekends and clock changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.campaigns.review_sla import (
    NudgeKind,
    business_days_after,
    business_days_waited,
    nudge_is_current,
    plan_nudges,
    review_wait,
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("since", "tz", "sla", "due"),
    [
        pytest.param(utc(2026, 11, 30, 10), "UTC", 2, utc(2026, 12, 2, 10), id="monday: wednesday, same hour"),
        pytest.param(utc(2026, 11, 26, 12), "UTC", 1, utc(2026, 11, 27, 12), id="thursday, 1 day: friday"),
        pytest.param(utc(2026, 11, 27, 16), "Europe/London", 2, utc(2026, 12, 1, 16), id="friday 16:00: tuesday 16:00"),
        pytest.param(
            # BST ends on Sunday 25 October 2026: Friday 16:00 BST is 15:00 UTC, Tuesday 16:00 GMT is 16:00 UTC.
            utc(2026, 10, 23, 15),
            "Europe/London",
            2,
            utc(2026, 10, 27, 16),
            id="friday over the autumn clock change: tuesday 16:00 local",
        ),
        pytest.param(
            # New York springs forward on Sunday 8 March 2026: 09:00 EST is 14:00 UTC, 09:00 EDT is 13:00 UTC.
            utc(2026, 3, 6, 14),
            "America/New_York",
            2,
            utc(2026, 3, 10, 13),
            id="friday over the spring clock change: tuesday 09:00 local",
        ),
        pytest.param(
            utc(2026, 11, 28, 10), "Europe/London", 2, utc(2026, 12, 2, 0), id="saturday: counts from monday 00:00"
        ),
        pytest.param(
            # Monday 08:00 in Auckland is still Sunday in UTC: the weekend is the campaign's, not UTC's.
            utc(2026, 11, 29, 19),
            "Pacific/Auckland",
            2,
            utc(2026, 12, 1, 19),
            id="monday morning in auckland (sunday in UTC): wednesday 08:00 local",
        ),
        pytest.param(utc(2026, 11, 27, 16), "UTC", 5, utc(2026, 12, 4, 16), id="five days: a whole week"),
    ],
)
def test_a_review_is_due_business_days_later_in_the_campaigns_zone(since, tz, sla, due):
    assert business_days_after(since, sla, tz) == due
    assert business_days_waited(since, due, tz) == sla
    assert business_days_waited(since, due - timedelta(minutes=1), tz) == sla - 1


@pytest.mark.parametrize(
    ("now", "waited", "late"),
    [
        (utc(2026, 11, 28, 12), 0, False),  # saturday
        (utc(2026, 11, 30, 16), 1, False),  # monday 16:00
        (utc(2026, 12, 1, 15, 59), 1, False),  # a minute before the SLA passes
        (utc(2026, 12, 1, 16), 2, True),
        (utc(2026, 12, 3, 16), 4, True),
        (utc(2026, 12, 7, 9), 5, True),  # the next monday morning
    ],
)
def test_how_long_a_review_has_waited(now, waited, late):
    wait = review_wait(utc(2026, 11, 27, 16), now, sla_days=2, tz="Europe/London")
    assert (wait.waited, wait.late) == (waited, late)


def test_a_late_review_reads_in_business_days_against_its_sla():
    wait = review_wait(utc(2026, 11, 27, 16), utc(2026, 12, 2, 17), sla_days=2, tz="Europe/London")
    assert wait.describe() == "waiting for review 3 business days (SLA 2)"
    one = review_wait(utc(2026, 11, 27, 16), utc(2026, 11, 30, 17), sla_days=1, tz="Europe/London")
    assert one.describe() == "waiting for review 1 business day (SLA 1)"


def test_the_approvers_are_nudged_when_the_sla_passes_and_the_owner_a_business_day_later():
    nudges = plan_nudges("7", utc(2026, 11, 27, 16), sla_days=2, tz="Europe/London")
    assert [(n.kind, n.fire_at) for n in nudges] == [
        (NudgeKind.approvers, utc(2026, 12, 1, 16)),
        (NudgeKind.owner, utc(2026, 12, 2, 16)),
    ]
    again = plan_nudges("7", utc(2026, 12, 3, 9), sla_days=2, tz="Europe/London")
    assert {n.key for n in nudges}.isdisjoint(n.key for n in again)  # a new review never collides with an old one


def test_a_nudge_is_stale_once_the_review_restarts_or_the_sla_changes():
    since = utc(2026, 11, 27, 16)
    [approvers, owner] = plan_nudges("7", since, sla_days=2, tz="Europe/London")
    assert nudge_is_current(approvers.kind.value, approvers.fire_at, since, sla_days=2, tz="Europe/London")
    assert nudge_is_current(owner.kind.value, owner.fire_at, since, sla_days=2, tz="Europe/London")
    assert not nudge_is_current(owner.kind.value, approvers.fire_at, since, sla_days=2, tz="Europe/London")
    assert not nudge_is_current(approvers.kind.value, approvers.fire_at, since, sla_days=3, tz="Europe/London")
    later = utc(2026, 11, 30, 9)
    assert not nudge_is_current(approvers.kind.value, approvers.fire_at, later, sla_days=2, tz="Europe/London")
