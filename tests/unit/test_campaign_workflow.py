"""Booking a creator as a new team does: count splits, draft and go-live dates, warnings before saving, a
creator's own zone, and a drop that can be undone for a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.campaigns.dispatch_kinds import DEADLINE_KINDS
from bot.campaigns.errors import CampaignError, NeedsConfirmation, NotAllowed
from bot.campaigns.states import DeliverableState
from bot.services import campaigns
from storage.db import transaction
from storage.models import Deliverable, Reminder, VetRun
from tests.unit.test_campaign_services import APPROVER, CHANNEL, NOW, OWNER, TEAM, add, count, new_campaign

LONDON = ZoneInfo("Europe/London")


def pending(memory, deliverable_id: int) -> list[datetime]:
    """The deadline reminders still to come (review nudges and go-live notes are planned beside them)."""
    with transaction(memory) as session:
        rows = session.scalars(
            select(Reminder.fire_at).where(
                Reminder.deliverable_id == deliverable_id,
                Reminder.status == "pending",
                Reminder.kind.in_(DEADLINE_KINDS),
            )
        )
        return sorted(rows)


def test_three_stories_are_three_deliverables_each_with_their_own_reminders(uow, memory):
    campaign_id = new_campaign(uow)
    form = campaigns.DeliverableForm(
        campaign_id=int(campaign_id), handle="mia", platform="instagram", kind="story", due_text="2030-01-20", count=3
    )
    booked = campaigns.add_deliverables(uow, TEAM, form, now=NOW)
    assert [b.deliverable.describe() for b in booked] == ["a story"] * 3
    assert len({b.deliverable.id for b in booked}) == 3
    assert all(pending(memory, int(b.deliverable.id)) for b in booked)
    assert uow.commits == 2  # the campaign, then the three in one


def test_the_draft_due_date_leads_until_the_draft_is_in_then_the_go_live_date(uow, memory):
    campaign_id = new_campaign(uow)
    added = add(uow, campaign_id, due="2030-01-25 18:00", draft_due_text="2030-01-18")
    deliverable_id = int(added.deliverable.id)
    assert added.deliverable.draft_due is not None and added.deliverable.draft_due.describe() == (
        "Fri 18 Jan 2030, end of day (Europe/London)"
    )
    first = pending(memory, deliverable_id)[0].replace(tzinfo=UTC).astimezone(LONDON)
    assert (first.date().isoformat(), first.strftime("%H:%M")) == ("2030-01-15", "10:00")  # 3 days before the draft

    for target in ("accepted", "draft_due", "draft_submitted"):
        campaigns.move(uow, TEAM, deliverable_id, target, actor=OWNER, now=NOW)
    after = [f.replace(tzinfo=UTC).astimezone(LONDON) for f in pending(memory, deliverable_id)]
    assert after[0].strftime("%Y-%m-%d %H:%M") == "2030-01-22 18:00"  # 3 days before going live, at its time


def test_dates_outside_the_campaign_and_a_second_reel_warn_before_anything_is_saved(uow, memory):
    campaign_id = new_campaign(uow)  # 1 January to 1 March 2030
    with pytest.raises(NeedsConfirmation) as asked:
        add(uow, campaign_id, due="2030-03-05")
    assert asked.value.warnings == ("The go-live date (Tue 5 Mar 2030) is after Spring Glow ends (2030-03-01).",)
    assert count(memory, Deliverable) == 0
    add(uow, campaign_id, due="2030-03-05", confirmed=True)
    with pytest.raises(NeedsConfirmation, match="@mia already has 1 reel booked on Spring Glow"):
        add(uow, campaign_id, due="2030-02-05")
    assert (
        campaigns.booking_check(
            uow, TEAM, campaigns.DeliverableForm(int(campaign_id), "mia", "instagram", "story", "2030-02-05"), now=NOW
        )
        == ()
    )  # a story is not a second reel


def test_a_creator_the_last_vet_said_to_avoid_is_shown_with_its_date_and_reason(uow, memory):
    campaign_id = new_campaign(uow)
    with transaction(memory) as session:
        session.add(
            VetRun(
                team_id=TEAM, platform="instagram", handle="Mia", requested_by=OWNER, score=31, verdict="avoid",
                report={"verdict_reason": "Score 31 is below 40."}, created_at=datetime(2030, 1, 2, 12, tzinfo=UTC),
            )
        )  # fmt: skip
    with pytest.raises(NeedsConfirmation) as asked:
        add(uow, campaign_id)
    assert asked.value.warnings == ("The last /vet of @mia (2030-01-02) said Avoid: Score 31 is below 40.",)
    assert "confirm to save it anyway" in str(asked.value)
    assert add(uow, campaign_id, confirmed=True).creator.handle == "mia"


def test_a_kind_the_platform_lacks_is_refused_in_words(uow):
    campaign_id = new_campaign(uow)
    form = campaigns.DeliverableForm(int(campaign_id), "mia", "instagram", "short", "2030-01-20")
    with pytest.raises(CampaignError, match="Instagram has no 'short'; on instagram a deliverable is one of: post"):
        campaigns.add_deliverables(uow, TEAM, form, now=NOW)


def test_a_creator_in_new_york_has_their_dates_read_and_kept_in_their_zone(uow):
    campaign_id = new_campaign(uow)  # a London campaign
    added = add(uow, campaign_id, due="2030-01-20 17:00", timezone="America/New_York")
    assert added.creator.timezone == "America/New_York"
    assert added.deliverable.due_at == datetime(2030, 1, 20, 22, tzinfo=UTC)  # 17:00 EST
    again = add(uow, campaign_id, due="2030-01-22", confirmed=True)  # the creator's zone is remembered
    assert again.deliverable.due is not None and again.deliverable.due.tz == "America/New_York"
    with pytest.raises(CampaignError, match="'Mars/Olympus' is not a time zone I know"):
        add(uow, campaign_id, due="2030-01-22", timezone="Mars/Olympus", confirmed=True)


def test_a_drop_is_undone_within_a_day_with_its_reminders_and_not_after(uow, memory):
    campaign_id = new_campaign(uow)
    deliverable_id = int(add(uow, campaign_id, due="2030-01-20 17:00").deliverable.id)
    campaigns.move(uow, TEAM, deliverable_id, "accepted", actor=OWNER, now=NOW)
    campaigns.move(uow, TEAM, deliverable_id, "dropped", actor=OWNER, now=NOW)
    assert pending(memory, deliverable_id) == []
    with pytest.raises(NotAllowed):
        campaigns.undo_drop(uow, TEAM, deliverable_id, actor="U0STRANGER", now=NOW, where=CHANNEL)

    back = campaigns.undo_drop(uow, TEAM, deliverable_id, actor=APPROVER, now=NOW + timedelta(hours=23))
    assert back.deliverable.state is DeliverableState.accepted
    assert pending(memory, deliverable_id)  # planned again from the undo on
    with pytest.raises(CampaignError, match="It is not dropped: it is accepted"):
        campaigns.undo_drop(uow, TEAM, deliverable_id, actor=OWNER, now=NOW)

    campaigns.move(uow, TEAM, deliverable_id, "dropped", actor=OWNER, now=NOW + timedelta(days=1))
    with pytest.raises(CampaignError, match="more than a day ago: too late to undo"):
        campaigns.undo_drop(uow, TEAM, deliverable_id, actor=OWNER, now=NOW + timedelta(days=2, minutes=1))


def test_editing_a_deliverable_changes_its_kind_and_dates_and_splits_a_count(uow, memory):
    campaign_id = new_campaign(uow)
    deliverable_id = int(add(uow, campaign_id, due="2030-01-20 17:00").deliverable.id)
    edit = campaigns.DeliverableEdit(kind="story", count=3, due_text="2030-01-24", draft_due_text="2030-01-17")
    edited = campaigns.edit_deliverable(uow, TEAM, deliverable_id, edit, actor=OWNER, now=NOW)
    assert edited.changes == [
        "kind reel → story",
        "go-live Sun 20 Jan 2030 at 17:00 (Europe/London) → end of Thu 24 Jan 2030 (Europe/London)",
        "draft due none → end of Thu 17 Jan 2030 (Europe/London)",
        "3 of them now, each tracked on its own",
    ]
    items = [edited.deliverable, *edited.added]
    assert [(i.deliverable.describe(), i.deliverable.draft_due_at) for i in items] == [
        ("a story", datetime(2030, 1, 18, tzinfo=UTC))
    ] * 3
    assert all(pending(memory, int(i.deliverable.id)) for i in items)

    with pytest.raises(CampaignError, match="youtube|Instagram has no 'short'"):
        campaigns.edit_deliverable(
            uow, TEAM, deliverable_id, campaigns.DeliverableEdit(kind="short"), actor=OWNER, now=NOW
        )
    with pytest.raises(NeedsConfirmation, match="after Spring Glow ends"):
        campaigns.edit_deliverable(
            uow, TEAM, deliverable_id, campaigns.DeliverableEdit(due_text="2030-03-10"), actor=OWNER, now=NOW
        )
    with pytest.raises(NotAllowed):
        campaigns.edit_deliverable(
            uow, TEAM, deliverable_id, campaigns.DeliverableEdit(due_text="2030-01-26"), actor="U0STRANGER", now=NOW
        )
    removed = campaigns.edit_deliverable(
        uow, TEAM, deliverable_id, campaigns.DeliverableEdit(draft_due_text="none"), actor=OWNER, now=NOW
    )
    assert removed.deliverable.deliverable.draft_due_at is None
