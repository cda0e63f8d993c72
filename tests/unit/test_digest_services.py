"""When a campaign's results digests go out: planned with the campaign, planned again when the schedule changes,
never twice; only its owner and approvers change it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot.campaigns.errors import CampaignError, NotAllowed
from bot.services import campaigns, digests
from bot.services.campaigns import CampaignForm
from storage.db import transaction
from storage.models import Campaign, Reminder

TEAM, OWNER, APPROVER, STRANGER = "T0TEAM", "U0OWNER", "U0APPROVER", "U0STRANGER"
NOW = datetime(2030, 1, 9, 12, 0, tzinfo=UTC)  # a Wednesday


def new_campaign(uow) -> int:
    form = CampaignForm(
        name="Spring Glow",
        channel_id="C0SPRING",
        owner_user_id=OWNER,
        approver_user_ids=(APPROVER,),
        start_date=date(2030, 1, 7),
        end_date=date(2030, 1, 31),
        timezone="Europe/London",
    )
    return int(campaigns.create_campaign(uow, TEAM, form, created_by=OWNER, now=NOW).id)


def digest_rows(engine, status: str = "pending") -> list[tuple[int, str, str]]:
    """(id, kind, fire_at as ISO) of the campaign's digest rows in this status."""
    with transaction(engine) as session:
        rows = session.scalars(
            select(Reminder)
            .where(Reminder.kind.startswith("digest_"), Reminder.status == status)
            .order_by(Reminder.fire_at)
        )
        return [(r.id, r.kind, f"{r.fire_at:%Y-%m-%dT%H:%M}") for r in rows]


def test_a_new_campaign_plans_its_digests_from_now_in_the_same_commit(uow, memory):
    new_campaign(uow)
    assert uow.commits == 1
    assert [(kind, at) for _, kind, at in digest_rows(memory)] == [
        ("digest_weekly", "2030-01-14T09:00"),  # Monday 09:00 in London; the 7th's is already past
        ("digest_weekly", "2030-01-21T09:00"),
        ("digest_weekly", "2030-01-28T09:00"),
        ("digest_final", "2030-02-01T09:00"),
    ]


def test_setting_the_same_schedule_again_plans_nothing_twice(uow, memory):
    new_campaign(uow)
    before = digest_rows(memory)
    plan = digests.set_digest_schedule(uow, TEAM, "spring", "Monday 09:00", now=NOW, actor=OWNER)
    assert digest_rows(memory) == before  # the same rows, still pending
    assert plan.describe() == (
        "every Monday at 09:00, and a final report after the end (Europe/London); "
        "next: the weekly digest on Mon 14 Jan 2030 at 09:00"
    )


def test_a_new_schedule_replaces_the_pending_digests_and_going_back_revives_the_first(uow, memory):
    new_campaign(uow)
    first = digest_rows(memory)
    digests.set_digest_schedule(uow, TEAM, "spring", "fri 17:30", now=NOW, actor=APPROVER)
    assert [(kind, at) for _, kind, at in digest_rows(memory)] == [
        ("digest_weekly", "2030-01-11T17:30"),
        ("digest_weekly", "2030-01-18T17:30"),
        ("digest_weekly", "2030-01-25T17:30"),
        ("digest_final", "2030-02-01T17:30"),
    ]
    assert digest_rows(memory, "cancelled") == first
    digests.set_digest_schedule(uow, TEAM, "spring", "monday 09:00", now=NOW, actor=OWNER)
    assert digest_rows(memory) == first  # the same rows again: one per instant, never two
    with transaction(memory) as session:
        stored = session.scalar(select(Campaign.digest_schedule))
    assert stored == {"weekly": True, "weekday": 0, "at": "09:00", "final": True}


def test_off_keeps_the_final_report_only_and_none_plans_nothing(uow, memory):
    new_campaign(uow)
    off = digests.set_digest_schedule(uow, TEAM, "spring", "off", now=NOW, actor=OWNER)
    assert [(kind, at) for _, kind, at in digest_rows(memory)] == [("digest_final", "2030-02-01T09:00")]
    assert off.describe().startswith(
        "only as a final report after the end, with no weekly digest (Europe/London); next: the"
    )
    none = digests.set_digest_schedule(uow, TEAM, "spring", "none", now=NOW, actor=OWNER)
    assert digest_rows(memory) == []
    assert none.predicate(changed=True) == "are now off: no weekly digest and no final report"


def test_only_the_owner_and_approvers_change_it_and_a_typo_says_what_to_type(uow, memory):
    new_campaign(uow)
    before = digest_rows(memory)
    with pytest.raises(NotAllowed, match="Only the campaign's owner and approvers can change when its digests go"):
        digests.set_digest_schedule(uow, TEAM, "spring", "off", now=NOW, actor=STRANGER)
    with pytest.raises(CampaignError, match="'someday' is not a weekday"):
        digests.set_digest_schedule(uow, TEAM, "spring", "someday 09:00", now=NOW, actor=OWNER)
    assert digest_rows(memory) == before


def test_replanning_after_the_end_date_moved_moves_the_final_report(uow, memory):
    campaign_id = new_campaign(uow)
    with transaction(memory) as session:  # what the campaign edit form stores
        session.get(Campaign, campaign_id).end_date = date(2030, 1, 20)
    plan = digests.replan_digests(uow, TEAM, campaign_id, now=NOW)
    assert [(kind, at) for _, kind, at in digest_rows(memory)] == [
        ("digest_weekly", "2030-01-14T09:00"),
        ("digest_final", "2030-01-21T09:00"),
    ]
    assert [kind.value for kind, _ in plan.upcoming] == ["weekly", "final"]
