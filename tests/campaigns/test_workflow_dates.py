"""Whole-day deadlines remind in working hours, a deliverable has a draft due date and a go-live date, and its
kind must exist on its platform."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.campaigns.deadlines import Phase, deadline_in_effect, go_live_at
from bot.campaigns.due import LocalDue
from bot.campaigns.reminder_plan import ReminderKind, ReminderSubject, plan_for, plan_reminders
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.reminder_text import reminder_text
from bot.campaigns.states import DeliverableState
from bot.vocabulary import kind_on_platform
from tests.campaigns.factories import OWNER, make_campaign, make_creator, make_deliverable

LONDON = "Europe/London"
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def test_a_whole_day_deadline_reminds_at_ten_local_across_the_spring_clock_change() -> None:
    due = LocalDue(local_date=date(2027, 3, 29), tz=LONDON)  # end of Mon 29 March; clocks go forward Sun 28
    subject = ReminderSubject("d1", LONDON, OWNER, ReminderPolicy(), date_only=True)
    plan = plan_reminders(subject, due.at_utc(), now=LONG_AGO)
    local = [(r.kind, r.fire_at.astimezone(ZoneInfo(LONDON))) for r in plan]
    assert {when.time() for _, when in local} == {time(10, 0)}  # never at midnight
    assert [(kind, when.date()) for kind, when in local[:5]] == [
        (ReminderKind.before, date(2027, 3, 26)),  # 10:00 GMT
        (ReminderKind.before, date(2027, 3, 28)),  # 10:00 BST, the day the clocks changed
        (ReminderKind.due, date(2027, 3, 29)),  # on the day itself: it is due by its end
        (ReminderKind.overdue, date(2027, 3, 30)),
        (ReminderKind.overdue, date(2027, 3, 31)),
    ]
    assert [r.fire_at for r in plan if r.kind is ReminderKind.escalation] == [utc(2027, 4, 1, 9)]  # +3d, 10:00 BST


def test_a_deadline_with_a_time_keeps_its_reminders_at_that_time() -> None:
    due = LocalDue(local_date=date(2027, 3, 29), local_time=time(17, 0), tz=LONDON)
    deliverable = make_deliverable(due=due, due_at=due.at_utc())
    plan = plan_for(deliverable, make_campaign(), now=LONG_AGO)
    assert {r.fire_at.astimezone(ZoneInfo(LONDON)).time() for r in plan} == {time(17, 0)}


def test_reminders_count_towards_the_draft_due_date_until_the_draft_is_in_then_the_go_live_date() -> None:
    draft = LocalDue(local_date=date(2027, 5, 3), tz=LONDON)
    go_live = LocalDue(local_date=date(2027, 5, 10), local_time=time(18, 0), tz=LONDON)
    waiting = make_deliverable().due_from(go_live, draft, id="d1", campaign_id="camp1", creator_id="cr1", kind="reel")
    assert deadline_in_effect(waiting).phase is Phase.draft
    assert go_live_at(waiting) == utc(2027, 5, 10, 17)
    before = plan_for(waiting, make_campaign(), now=LONG_AGO)
    assert before[0].fire_at == utc(2027, 4, 30, 9)  # 3 days before the draft, 10:00 BST
    assert {r.due_at for r in before} == {draft.at_utc()}

    in_review = waiting.model_copy(update={"state": DeliverableState.draft_submitted})
    assert deadline_in_effect(in_review).phase is Phase.go_live
    after = plan_for(in_review, make_campaign(), now=LONG_AGO)
    assert after[0].fire_at == utc(2027, 5, 7, 17)  # 3 days before go-live, at its own 18:00
    assert {r.due_at for r in after} == {go_live.at_utc()}

    changes = waiting.model_copy(update={"state": DeliverableState.changes_requested})
    assert deadline_in_effect(changes).phase is Phase.draft  # the revised draft is awaited again


def test_a_reminder_for_the_draft_says_so_and_names_both_dates() -> None:
    draft = LocalDue(local_date=date(2027, 5, 3), tz=LONDON)
    go_live = LocalDue(local_date=date(2027, 5, 10), tz=LONDON)
    deliverable = make_deliverable().due_from(
        go_live, draft, id="d1", campaign_id="camp1", creator_id="cr1", kind="reel"
    )
    text = reminder_text(ReminderKind.before, deliverable, make_creator(), make_campaign(), now=utc(2027, 5, 2, 9))
    assert text.headline == "Draft due tomorrow, end of day (Europe/London): @maya.makes's reel for Summer Launch"
    assert text.body.splitlines()[:2] == [
        "@maya.makes (instagram) owes the draft of a reel for Summer Launch.",
        "Draft due: end of Mon 3 May 2027 (Europe/London) · Go live: end of Mon 10 May 2027 (Europe/London).",
    ]


def test_a_draft_due_after_the_go_live_date_is_refused() -> None:
    with pytest.raises(ValueError, match="the draft would be due after the go-live date"):
        make_deliverable().due_from(
            LocalDue(local_date=date(2027, 5, 3), tz=LONDON),
            LocalDue(local_date=date(2027, 5, 10), tz=LONDON),
            campaign_id="camp1",
            creator_id="cr1",
            kind="reel",
        )


def test_a_creator_in_another_zone_is_reminded_in_theirs() -> None:
    due = LocalDue(local_date=date(2027, 5, 10), tz="America/New_York")
    deliverable = make_deliverable(due=due, due_at=due.at_utc())
    plan = plan_for(deliverable, make_campaign(), now=LONG_AGO)  # the campaign is in London
    assert {r.fire_at.astimezone(ZoneInfo("America/New_York")).time() for r in plan} == {time(10, 0)}


@pytest.mark.parametrize(
    ("kind", "platform", "said"),
    [
        (
            "short",
            "instagram",
            "instagram has no 'short'; on instagram a deliverable is one of: post, reel, story, live",
        ),
        ("reel", "youtube", "youtube has no 'reel'; on youtube a deliverable is one of: video, short, post, live"),
        ("story", "tiktok", "tiktok has no 'story'; on tiktok a deliverable is one of: video, post, live"),
    ],
)
def test_a_kind_its_platform_lacks_is_refused_with_the_kinds_it_has(kind: str, platform: str, said: str) -> None:
    with pytest.raises(ValueError) as refused:
        kind_on_platform(kind, platform)
    assert str(refused.value) == said
    assert kind_on_platform("Reel", "instagram").value == "reel"
