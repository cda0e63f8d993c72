from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.campaigns.late import LateReminder, classify_late
from bot.campaigns.reminder_plan import (
    Audience,
    PlannedReminder,
    ReminderKind,
    ReminderSubject,
    plan_reminders,
)

NOW = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)


def reminder(
    key: str,
    kind: ReminderKind,
    hours_ago: float,
    owner: str = "U0OWNER",
    audience: Audience = Audience.channel,
) -> PlannedReminder:
    fire_at = NOW - timedelta(hours=hours_ago)
    return PlannedReminder(key, kind, fire_at, audience, fire_at, owner)


def test_reminders_within_the_grace_are_sent_as_usual() -> None:
    r = reminder("d1", ReminderKind.due, hours_ago=1 / 60)
    triage = classify_late([r], NOW)
    assert triage.on_time == (r,) and triage.send_late == () and triage.catch_up == ()


def test_reminders_within_max_late_are_sent_marked_late() -> None:
    r = reminder("d1", ReminderKind.due, hours_ago=3)
    triage = classify_late([r], NOW, timedelta(hours=24))
    assert triage.send_late == (LateReminder(r, timedelta(hours=3)),)


def test_only_the_newest_reminder_of_a_deliverable_is_sent() -> None:
    day_before = reminder("d1", ReminderKind.before, hours_ago=27)  # stale on its own
    due = reminder("d1", ReminderKind.due, hours_ago=3)
    triage = classify_late([due, day_before], NOW, timedelta(hours=24))
    assert [late.reminder for late in triage.send_late] == [due]
    assert triage.superseded == (day_before,)
    assert triage.catch_up == ()  # the fresh reminder covers it


def test_old_reminders_roll_into_one_catch_up_per_owner() -> None:
    a1 = reminder("a", ReminderKind.before, hours_ago=80, owner="U0ANN")
    a2 = reminder("a", ReminderKind.due, hours_ago=30, owner="U0ANN")
    b1 = reminder("b", ReminderKind.overdue, hours_ago=50, owner="U0ANN")
    c1 = reminder("c", ReminderKind.due, hours_ago=26, owner="U0BOB")
    triage = classify_late([a2, c1, a1, b1], NOW, timedelta(hours=24))
    assert triage.send_late == () and triage.on_time == () and triage.superseded == ()
    by_owner = {s.owner_user_id: s for s in triage.catch_up}
    assert set(by_owner) == {"U0ANN", "U0BOB"}
    assert by_owner["U0ANN"].reminders == (a1, b1, a2)  # oldest first
    assert by_owner["U0ANN"].deliverable_keys == ("a", "b")
    assert by_owner["U0BOB"].reminders == (c1,)


def test_owner_escalations_are_judged_apart_from_channel_reminders() -> None:
    escalation = reminder("d1", ReminderKind.escalation, hours_ago=27, audience=Audience.owner_dm)
    overdue = reminder("d1", ReminderKind.overdue, hours_ago=3)
    triage = classify_late([escalation, overdue], NOW, timedelta(hours=24))
    assert [late.reminder for late in triage.send_late] == [overdue]
    assert [s.reminders for s in triage.catch_up] == [(escalation,)]


def test_future_reminders_are_left_alone() -> None:
    later = reminder("d1", ReminderKind.overdue, hours_ago=-5)
    triage = classify_late([later], NOW)
    assert triage.not_due == (later,) and triage.on_time == triage.send_late == triage.catch_up == ()


def test_after_three_days_down_with_a_real_plan() -> None:
    # Due Tue 1 Dec 17:00 London; the bot was down from Mon 30 Nov to Sat 5 Dec 20:00.
    plan = plan_reminders(
        ReminderSubject("d1", "Europe/London", "U0OWNER"), datetime(2026, 12, 1, 17, tzinfo=UTC),
        now=datetime(2026, 11, 20, tzinfo=UTC),
    )  # fmt: skip
    triage = classify_late(plan, NOW, timedelta(hours=24))
    assert [(late.reminder.key, late.late_by) for late in triage.send_late] == [
        ("d1:overdue:20261205T1700Z", timedelta(hours=3))
    ]
    assert [r.key for s in triage.catch_up for r in s.reminders] == ["d1:escalation:20261204T1700Z"]
    assert [r.key.split(":", 1)[1] for r in triage.superseded] == [
        "before:20261128T1700Z", "before:20261130T1700Z", "due:20261201T1700Z",
        "overdue:20261202T1700Z", "overdue:20261203T1700Z", "overdue:20261204T1700Z",
    ]  # fmt: skip
    assert len(triage.not_due) == 10  # +5d .. +14d
