from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from bot.campaigns.models import Campaign
from bot.campaigns.reminder_plan import (
    Audience,
    PlannedReminder,
    ReminderKind,
    ReminderSubject,
    plan_for,
    plan_reminders,
)
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.states import DeliverableState
from tests.campaigns.factories import OWNER, make_deliverable

LONDON, NEW_YORK = "Europe/London", "America/New_York"
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def subject(tz: str = LONDON, policy: ReminderPolicy | None = None, key: str = "d1") -> ReminderSubject:
    return ReminderSubject(key, tz, OWNER, policy or ReminderPolicy())


def fires(plan: list[PlannedReminder], kind: ReminderKind | None = None) -> list[datetime]:
    return [r.fire_at for r in plan if kind is None or r.kind is kind]


def test_default_plan_across_london_spring_forward() -> None:
    # Clocks go forward on Sun 2027-03-28. Due Mon 29 March 09:00 BST = 08:00Z.
    plan = plan_reminders(subject(), utc(2027, 3, 29, 8), now=LONG_AGO)
    # 09:00 GMT, then 09:00 BST
    assert fires(plan, ReminderKind.before) == [utc(2027, 3, 26, 9), utc(2027, 3, 28, 8)]
    assert fires(plan, ReminderKind.due) == [utc(2027, 3, 29, 8)]
    assert fires(plan, ReminderKind.overdue) == [utc(2027, 3, 29 + d, 8) for d in range(1, 3)] + [
        utc(2027, 4, d, 8) for d in range(1, 13)
    ]  # +1d .. +14d, daily
    assert [(r.kind, r.fire_at, r.audience) for r in plan if r.audience is Audience.owner_dm] == [
        (ReminderKind.escalation, utc(2027, 4, 1, 8), Audience.owner_dm)
    ]
    assert len(plan) == 2 + 1 + 14 + 1
    assert all(r.fire_at.astimezone(ZoneInfo(LONDON)).strftime("%H:%M") == "09:00" for r in plan)


def test_default_plan_across_london_fall_back() -> None:
    # Clocks go back on Sun 2027-10-31. Due Mon 1 November 09:00 GMT.
    plan = plan_reminders(subject(), utc(2027, 11, 1, 9), now=LONG_AGO)
    assert fires(plan, ReminderKind.before) == [utc(2027, 10, 29, 8), utc(2027, 10, 31, 9)]
    assert fires(plan, ReminderKind.due) == [utc(2027, 11, 1, 9)]


def test_new_york_spring_forward_and_fall_back() -> None:
    spring = plan_reminders(subject(NEW_YORK), utc(2027, 3, 15, 13), now=LONG_AGO)  # 09:00 EDT
    assert fires(spring, ReminderKind.before) == [utc(2027, 3, 12, 14), utc(2027, 3, 14, 13)]
    fall = plan_reminders(subject(NEW_YORK), utc(2027, 11, 8, 14), now=LONG_AGO)  # 09:00 EST
    assert fires(fall, ReminderKind.before) == [utc(2027, 11, 5, 13), utc(2027, 11, 7, 14)]
    overdue_across_fall_back = plan_reminders(subject(NEW_YORK), utc(2027, 11, 6, 13), now=LONG_AGO)
    # 09:00 EST, 25 hours after 09:00 EDT
    assert fires(overdue_across_fall_back, ReminderKind.overdue)[0] == utc(2027, 11, 7, 14)


def test_reminder_in_the_spring_gap_is_shifted_forward() -> None:
    # Due 2027-03-15 02:30 EDT; the day before, 02:30 does not exist, so that reminder is at 03:30 EDT.
    plan = plan_reminders(subject(NEW_YORK), utc(2027, 3, 15, 6, 30), now=LONG_AGO)
    assert fires(plan, ReminderKind.before) == [utc(2027, 3, 12, 7, 30), utc(2027, 3, 14, 7, 30)]
    assert utc(2027, 3, 14, 7, 30).astimezone(ZoneInfo(NEW_YORK)).strftime("%H:%M %Z") == "03:30 EDT"


def test_reminder_in_the_repeated_hour_takes_the_first() -> None:
    # Due 2027-11-08 01:30 EST; on 2027-11-07, 01:30 happens twice: the reminder is the first (EDT).
    plan = plan_reminders(subject(NEW_YORK), utc(2027, 11, 8, 6, 30), now=LONG_AGO)
    assert fires(plan, ReminderKind.before)[-1] == utc(2027, 11, 7, 5, 30)


def test_deadline_in_the_second_repeated_hour_keeps_its_instant() -> None:
    due = utc(2027, 11, 7, 6, 30)  # 01:30 EST, the second 01:30 of that night
    plan = plan_reminders(subject(NEW_YORK), due, now=LONG_AGO)
    assert fires(plan, ReminderKind.due) == [due]
    assert fires(plan, ReminderKind.overdue)[0] == utc(2027, 11, 8, 6, 30)


def test_end_of_day_deadline_reminders_fire_at_local_midnight() -> None:
    plan = plan_reminders(subject(), utc(2026, 12, 6, 0), now=LONG_AGO)  # "2026-12-05": end of 5 December
    assert fires(plan)[:3] == [utc(2026, 12, 3, 0), utc(2026, 12, 5, 0), utc(2026, 12, 6, 0)]


def test_reminders_already_past_are_not_planned() -> None:
    due = utc(2026, 12, 5, 17)
    plan = plan_reminders(subject(), due, now=utc(2026, 12, 4, 18))  # between -1d and due
    assert [r.kind for r in plan][:2] == [ReminderKind.due, ReminderKind.overdue]
    assert all(r.fire_at >= utc(2026, 12, 4, 18) for r in plan)
    assert plan_reminders(subject(), due, now=due)[0].kind is ReminderKind.due  # exactly now still fires


def test_idempotency_keys_are_stable_and_unique() -> None:
    plan = plan_reminders(subject(key="d42"), utc(2027, 3, 29, 8), now=LONG_AGO)
    assert plan[0].key == "d42:before:20270326T0900Z"
    assert "d42:escalation:20270401T0800Z" in {r.key for r in plan}
    assert len({r.key for r in plan}) == len(plan)
    assert plan_reminders(subject(key="d42"), utc(2027, 3, 29, 8), now=LONG_AGO) == plan


def test_custom_policy() -> None:
    policy = ReminderPolicy(offsets=("-7d", "-2h", "0"), daily_after=False, owner_escalation_at=None)
    plan = plan_reminders(subject(policy=policy), utc(2026, 12, 10, 17), now=LONG_AGO)
    assert [(r.kind, r.fire_at) for r in plan] == [
        (ReminderKind.before, utc(2026, 12, 3, 17)),
        (ReminderKind.before, utc(2026, 12, 10, 15)),
        (ReminderKind.due, utc(2026, 12, 10, 17)),
    ]


def test_overdue_cap_and_daily_reminders_after_the_last_offset() -> None:
    policy = ReminderPolicy(offsets=("0", "+2d"), overdue_cap_days=4, owner_escalation_at="+1d")
    plan = plan_reminders(subject(policy=policy), utc(2026, 12, 10, 17), now=LONG_AGO)
    assert fires(plan, ReminderKind.overdue) == [utc(2026, 12, d, 17) for d in (12, 13, 14)]
    assert fires(plan, ReminderKind.escalation) == [utc(2026, 12, 11, 17)]


def test_policy_from_text_and_its_errors() -> None:
    assert ReminderPolicy.from_text("-3d, -1d 0 +1d") == ReminderPolicy()
    assert ReminderPolicy(owner_escalation_at="never").owner_escalation_at is None
    with pytest.raises(ValidationError, match="'3 days' is not a reminder offset. Write offsets like"):
        ReminderPolicy(offsets=("3 days",))
    with pytest.raises(ValidationError, match="escalation must be after the deadline"):
        ReminderPolicy(owner_escalation_at="-1d")
    with pytest.raises(ValidationError, match=r"offset \+20d is later than the overdue cap of 14 days"):
        ReminderPolicy(offsets=("+20d",))


def test_plan_for_uses_the_campaign_and_stops_when_live_or_finished(campaign: Campaign) -> None:
    deliverable = make_deliverable(state=DeliverableState.draft_due, due_at=utc(2027, 3, 29, 8))
    plan = plan_for(deliverable, campaign, now=LONG_AGO)
    assert fires(plan)[0] == utc(2027, 3, 26, 9) and plan[0].owner_user_id == OWNER
    for state in (DeliverableState.live, DeliverableState.complete, DeliverableState.dropped):
        assert plan_for(deliverable.model_copy(update={"state": state}), campaign, now=LONG_AGO) == []


@pytest.mark.parametrize(
    ("policy", "sentence"),
    [
        (ReminderPolicy(), "Reminders are planned 3 days and 1 day before, at the deadline, and daily once overdue."),
        (ReminderPolicy(offsets=("-2h",), daily_after=False), "Reminders are planned 2 hours before."),
        (ReminderPolicy(offsets=("-1d", "+3d")), "Reminders are planned 1 day before and 3 days after, then daily."),
        (
            ReminderPolicy(offsets=("0", "+1d", "+2d"), daily_after=False),
            "Reminders are planned at the deadline and 1 day and 2 days after.",
        ),
        (ReminderPolicy(offsets=(), daily_after=False), "No reminders are planned."),
    ],
)
def test_the_schedule_is_told_in_one_sentence(policy: ReminderPolicy, sentence: str) -> None:
    assert policy.describe() == sentence
