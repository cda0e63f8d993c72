"""Campaign use cases against an in-memory unit of work: each commits once, or not at all."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select

from bot.campaigns.dispatch_kinds import DEADLINE_KINDS
from bot.campaigns.errors import CampaignError, NotAllowed
from bot.campaigns.states import DeliverableState
from bot.services import campaigns
from bot.services.campaigns import CampaignForm, CampaignNotFound, DeliverableForm
from storage import campaigns as campaign_store
from storage.db import transaction
from storage.models import CampaignCreator, Deliverable, DeliverableTransition, Reminder
from tests.unit.fakes import CountingUnitOfWork

TEAM, OTHER = "T0TEAM", "T0OTHER"
OWNER, APPROVER, CREATOR = "U0OWNER", "U0APPROVER", "U0CREATOR"
NOW = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
CHANNEL = "C0SPRING"  # the campaign's channel: clicks from there are from people working on it


def count(engine: Engine, model: type) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def deadline_reminders(engine: Engine) -> int:
    """Reminder rows about a deliverable (a campaign's digests are rows too)."""
    with transaction(engine) as session:
        return int(
            session.scalar(select(func.count()).select_from(Reminder).where(Reminder.deliverable_id.is_not(None))) or 0
        )


def new_campaign(uow: CountingUnitOfWork, name: str = "Spring Glow", team: str = TEAM, **changes: object) -> str:
    fields: dict[str, object] = {
        "name": name,
        "channel_id": CHANNEL,
        "owner_user_id": OWNER,
        "start_date": date(2030, 1, 1),
        "end_date": date(2030, 3, 1),
        "budget": Decimal("5000"),
        "currency": "GBP",
        "timezone": "Europe/London",
        "approver_user_ids": (APPROVER,),
    }
    fields.update(changes)
    return campaigns.create_campaign(uow, team, CampaignForm(**fields), created_by=OWNER, now=NOW).id  # type: ignore[arg-type]


def add(
    uow: CountingUnitOfWork,
    campaign_id: str,
    handle: str = "mia",
    due: str = "2030-01-20 17:00",
    team=TEAM,
    **more: object,
):
    form = DeliverableForm(
        campaign_id=int(campaign_id),
        handle=handle,
        platform="instagram",
        kind="reel",
        due_text=due,
        fee=Decimal("450"),
        **more,  # type: ignore[arg-type]
    )
    return campaigns.add_deliverable(uow, team, form, now=NOW)


def approved(uow: CountingUnitOfWork, deliverable_id: int) -> None:
    for target, actor in (("accepted", CREATOR), ("draft_due", CREATOR), ("draft_submitted", CREATOR)):
        campaigns.move(uow, TEAM, deliverable_id, target, actor=actor, now=NOW, where=CHANNEL)
    campaigns.move(uow, TEAM, deliverable_id, "approved", actor=APPROVER, now=NOW)


# --- campaigns ---------------------------------------------------------------------------------------------
def test_a_campaign_is_created_in_one_commit_and_read_back_as_the_domain_sees_it(uow):
    campaign_id = new_campaign(uow)
    assert uow.commits == 1
    found = campaigns.find_campaign(uow, TEAM, "spring")
    assert (found.id, found.name, found.budget.display(), found.timezone) == (
        campaign_id,
        "Spring Glow",
        "5,000.00 GBP",
        "Europe/London",
    )
    assert found.approver_user_ids == (APPROVER,)


def test_a_second_campaign_of_the_same_name_is_refused_and_nothing_is_written(uow):
    new_campaign(uow)
    with pytest.raises(CampaignError, match="There is already a campaign called SPRING glow; pick another name."):
        new_campaign(uow, "SPRING glow")
    assert uow.commits == 1
    assert [c.name for c in campaigns.list_campaigns(uow, TEAM)] == ["Spring Glow"]


def test_an_unknown_time_zone_is_refused_before_anything_is_written(uow):
    with pytest.raises(CampaignError, match="Mars/Base"):
        new_campaign(uow, timezone="Mars/Base")
    assert uow.commits == 0


def test_a_campaign_name_that_matches_nothing_lists_the_campaigns_there_are(uow):
    new_campaign(uow)
    new_campaign(uow, "Summer Launch")
    with pytest.raises(CampaignNotFound, match="No campaign matches 'autumn'. Campaigns: Spring Glow, Summer Launch."):
        campaigns.find_campaign(uow, TEAM, "autumn")
    with pytest.raises(CampaignNotFound, match="'s' matches 2 campaigns: Spring Glow, Summer Launch. Type more"):
        campaigns.campaign_board(uow, TEAM, "s", NOW)  # a start of both names picks neither
    with pytest.raises(CampaignNotFound, match="Campaigns: none yet"):
        campaigns.find_campaign(uow, OTHER, "spring")  # another workspace sees none of them


def test_summaries_count_open_and_overdue_deliverables(uow):
    campaign_id = new_campaign(uow)
    new_campaign(uow, "Quiet")
    add(uow, campaign_id, "mia", due="2030-01-20 17:00")
    add(uow, campaign_id, "leo", due="2030-01-08 17:00")
    later = datetime(2030, 1, 10, tzinfo=UTC)
    by_name = {s.campaign.name: (s.open_count, s.overdue_count) for s in campaigns.campaign_summaries(uow, TEAM, later)}
    assert by_name == {"Spring Glow": (2, 1), "Quiet": (0, 0)}


def test_the_board_groups_overdue_upcoming_and_done(uow):
    campaign_id = new_campaign(uow)
    late = add(uow, campaign_id, "leo", due="2030-01-08 17:00")
    soon = add(uow, campaign_id, "mia", due="2030-01-20 17:00")
    dropped = add(uow, campaign_id, "zoe", due="2030-01-21 17:00")
    campaigns.move(uow, TEAM, int(dropped.deliverable.id), "dropped", actor=OWNER, now=NOW)
    board = campaigns.campaign_board(uow, TEAM, "spring glow", datetime(2030, 1, 10, tzinfo=UTC))
    assert [c.creator.handle for c in board.overdue] == [late.creator.handle]
    assert [c.creator.handle for c in board.upcoming] == [soon.creator.handle]
    assert [c.deliverable.state for c in board.closed] == [DeliverableState.dropped]
    assert board.count == 3


def test_home_lists_the_users_own_campaigns_and_the_next_deadlines(uow):
    campaign_id = new_campaign(uow)
    new_campaign(uow, "Not Mine", approver_user_ids=())
    add(uow, campaign_id)
    overview = campaigns.home_overview(uow, TEAM, APPROVER)
    assert [c.name for c in overview.mine] == ["Spring Glow"]
    assert [d.creator.handle for d in overview.deadlines] == ["mia"]


# --- adding a creator: all or nothing ---------------------------------------------------------------------------
def test_adding_a_creator_writes_the_creator_the_deliverable_and_its_reminders_in_one_commit(uow, memory):
    campaign_id = new_campaign(uow)
    added = add(uow, campaign_id)
    assert uow.commits == 2
    assert (added.creator.handle, added.deliverable.kind.value, added.deliverable.state) == ("mia", "reel", "invited")
    assert added.deliverable.due_at == datetime(2030, 1, 20, 17, 0, tzinfo=UTC)
    assert (count(memory, CampaignCreator), count(memory, Deliverable), deadline_reminders(memory)) == (
        1,
        1,
        19,
    )  # 3 days and 1 day before, due, then daily to 14 days, the owner DM; the go-live disclosure reminder


def test_when_the_second_write_of_campaign_add_fails_nothing_is_half_written(uow, memory, monkeypatch):
    campaign_id = new_campaign(uow)

    def disk_full(*args: object, **kwargs: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(campaign_store, "add_deliverable", disk_full)  # the creator row is written before it
    with pytest.raises(OSError, match="disk full"):
        add(uow, campaign_id)
    assert uow.commits == 1  # only the campaign
    assert (count(memory, CampaignCreator), count(memory, Deliverable), deadline_reminders(memory)) == (0, 0, 0)


def test_when_planning_the_reminders_fails_neither_creator_nor_deliverable_is_kept(uow, memory, monkeypatch):
    campaign_id = new_campaign(uow)
    monkeypatch.setattr(campaign_store, "plan_reminders", lambda *a, **k: (_ for _ in ()).throw(OSError("gone")))
    with pytest.raises(OSError):
        add(uow, campaign_id)
    assert (count(memory, CampaignCreator), count(memory, Deliverable)) == (0, 0)


def test_a_creator_added_twice_is_one_creator_with_two_deliverables(uow, memory):
    campaign_id = new_campaign(uow)
    add(uow, campaign_id, "Mia")
    with pytest.raises(CampaignError, match=r"@mia already has 1 reel booked on Spring Glow \(deliverable #1\)"):
        add(uow, campaign_id, "mia", due="2030-01-25")  # the same kind again: said before anything is saved
    assert (count(memory, CampaignCreator), count(memory, Deliverable)) == (1, 1)
    add(uow, campaign_id, "mia", due="2030-01-25", confirmed=True)
    assert (count(memory, CampaignCreator), count(memory, Deliverable)) == (1, 2)


def test_a_deadline_in_the_past_is_refused_with_nothing_written(uow, memory):
    campaign_id = new_campaign(uow)
    with pytest.raises(CampaignError):
        add(uow, campaign_id, due="2029-12-01 10:00")
    assert count(memory, CampaignCreator) == 0


def test_a_campaign_of_another_workspace_cannot_take_creators(uow):
    campaign_id = new_campaign(uow, team=OTHER)
    with pytest.raises(CampaignNotFound):
        add(uow, campaign_id)


# --- moving deliverables --------------------------------------------------------------------------------------
def test_only_an_approver_approves_and_every_move_is_audited(uow, memory):
    added = add(uow, new_campaign(uow))
    deliverable_id = int(added.deliverable.id)
    for target in ("accepted", "draft_due", "draft_submitted"):
        campaigns.move(uow, TEAM, deliverable_id, target, actor=CREATOR, now=NOW, where=CHANNEL)
    with pytest.raises(NotAllowed):
        campaigns.move(uow, TEAM, deliverable_id, "approved", actor=OWNER, now=NOW)
    moved = campaigns.move(uow, TEAM, deliverable_id, "approved", actor=APPROVER, now=NOW)
    assert moved.deliverable.state is DeliverableState.approved
    with transaction(memory) as session:
        audit = campaign_store.transitions(session, TEAM, deliverable_id)
    assert [(t.to_state, t.actor_user_id) for t in audit][-1] == ("approved", APPROVER)
    assert len(audit) == 4


def test_a_button_for_an_unknown_state_is_a_friendly_error(uow):
    added = add(uow, new_campaign(uow))
    with pytest.raises(CampaignError, match="This button is broken"):
        campaigns.move(uow, TEAM, int(added.deliverable.id), "teleported", actor=OWNER, now=NOW)


def test_marking_posted_goes_through_scheduled_to_live_in_one_commit_and_stops_reminders(uow, memory):
    added = add(uow, new_campaign(uow))
    deliverable_id = int(added.deliverable.id)
    approved(uow, deliverable_id)
    commits = uow.commits
    live = campaigns.mark_posted(uow, TEAM, deliverable_id, url="https://instagram.com/p/x", actor=OWNER, now=NOW)
    assert uow.commits == commits + 1
    assert (live.deliverable.state, live.deliverable.post_url) == (DeliverableState.live, "https://instagram.com/p/x")
    with transaction(memory) as session:
        steps = [t.to_state for t in campaign_store.transitions(session, TEAM, deliverable_id)][-2:]
        pending = session.scalar(
            select(func.count()).where(
                Reminder.status == "pending",
                Reminder.deliverable_id.is_not(None),
                Reminder.kind.not_in(("metrics_refresh", "live_recheck")),
            )
        )
    assert steps == ["scheduled", "live"]
    assert pending == 0  # its post-metrics refreshes and caption re-check go on (tests/reminders/)


def test_when_the_second_step_of_mark_posted_fails_the_first_is_undone(uow, memory, monkeypatch):
    added = add(uow, new_campaign(uow))
    deliverable_id = int(added.deliverable.id)
    approved(uow, deliverable_id)
    real_update = campaign_store.update_deliverable
    calls: list[str] = []

    def fail_second(session, team_id, read, **change):  # type: ignore[no-untyped-def]
        calls.append(change["values"]["state"])
        if len(calls) == 2:
            raise OSError("connection lost")
        return real_update(session, team_id, read, **change)

    monkeypatch.setattr(campaign_store, "update_deliverable", fail_second)
    with pytest.raises(OSError):
        campaigns.mark_posted(uow, TEAM, deliverable_id, url="https://instagram.com/p/x", actor=OWNER, now=NOW)
    assert calls == ["scheduled", "live"]
    assert campaigns.get_deliverable(uow, TEAM, deliverable_id).deliverable.state is DeliverableState.approved
    with transaction(memory) as session:
        assert session.scalar(select(func.count()).where(DeliverableTransition.to_state == "scheduled")) == 0


def test_a_draft_not_yet_approved_cannot_be_marked_posted(uow):
    added = add(uow, new_campaign(uow))
    with pytest.raises(CampaignError, match="It is invited, not approved yet: approve the draft first"):
        campaigns.postable_deliverable(uow, TEAM, int(added.deliverable.id), actor=OWNER)


# --- deadlines -----------------------------------------------------------------------------------------------
def test_extending_replans_the_reminders_for_the_new_deadline(uow, memory):
    added = add(uow, new_campaign(uow))
    deliverable_id = int(added.deliverable.id)
    moved = campaigns.extend_to_date(uow, TEAM, deliverable_id, date(2030, 2, 20), actor=OWNER, now=NOW)
    assert moved.deliverable.due_at == datetime(2030, 2, 20, 17, 0, tzinfo=UTC)
    assert moved.deliverable.version == 2
    with transaction(memory) as session:
        pending = list(
            session.scalars(
                select(Reminder).where(Reminder.status == "pending", Reminder.deliverable_id == deliverable_id)
            )
        )
    assert pending and {r.deliverable_version for r in pending} == {2}


def test_extending_to_a_day_already_past_is_refused(uow):
    added = add(uow, new_campaign(uow))
    with pytest.raises(CampaignError, match="is already past; pick a later date"):
        campaigns.extend_to_date(uow, TEAM, int(added.deliverable.id), date(2030, 1, 1), actor=OWNER, now=NOW)


def test_snoozing_holds_reminders_for_a_day_then_reminds_once(uow, memory):
    added = add(uow, new_campaign(uow), due="2030-01-08 10:00")
    campaigns.snooze(uow, TEAM, int(added.deliverable.id), actor=OWNER, now=NOW)
    until = datetime(2030, 1, 8, 9, 0, tzinfo=UTC)
    with transaction(memory) as session:
        due_before = list(
            session.scalars(
                select(Reminder).where(
                    Reminder.status == "pending",
                    Reminder.next_attempt_at < until,
                    Reminder.kind.in_(DEADLINE_KINDS),  # a snooze holds the nags, not the go-live note
                )
            )
        )
        snoozed = session.scalar(select(func.count()).where(Reminder.last_error == "snoozed"))
    assert due_before == []
    assert snoozed >= 1


def test_a_posted_or_dropped_deliverable_cannot_be_snoozed_or_extended(uow):
    added = add(uow, new_campaign(uow))
    campaigns.move(uow, TEAM, int(added.deliverable.id), "dropped", actor=OWNER, now=NOW)
    closed = "It is dropped: its deadline no longer matters and no more reminders are coming for it."
    with pytest.raises(CampaignError, match=closed):
        campaigns.snooze(uow, TEAM, int(added.deliverable.id), actor=OWNER, now=NOW)
    with pytest.raises(CampaignError, match=closed):
        campaigns.extend_to_date(uow, TEAM, int(added.deliverable.id), date(2030, 2, 1), actor=OWNER, now=NOW)


def test_a_deadline_typed_again_moves_it_in_the_campaigns_zone(uow):
    added = add(uow, new_campaign(uow))
    moved = campaigns.change_due(uow, TEAM, int(added.deliverable.id), due="2030-01-25 09:30", actor=OWNER, now=NOW)
    assert moved.deliverable.due_at == datetime(2030, 1, 25, 9, 30, tzinfo=UTC)  # London is on UTC in January
    assert moved.deliverable.version == 2


def test_the_board_after_a_click_is_the_campaign_of_that_deliverable_only_in_its_workspace(uow):
    campaign_id = new_campaign(uow)
    add(uow, campaign_id)
    assert campaigns.board_of(uow, TEAM, campaign_id, NOW).count == 1
    with pytest.raises(CampaignNotFound):
        campaigns.board_of(uow, OTHER, campaign_id, NOW)


def test_someone_outside_the_campaign_cannot_drop_snooze_extend_or_mark_posted(uow, memory):
    added = add(uow, new_campaign(uow))
    deliverable_id = int(added.deliverable.id)
    stranger, dm = "U0STRANGER", "D0STRANGER"
    with pytest.raises(NotAllowed, match="Only the campaign's owner and approvers can mark a deliverable dropped"):
        campaigns.move(uow, TEAM, deliverable_id, "dropped", actor=stranger, now=NOW, where=CHANNEL)
    outside = "work from the campaign's channel <#C0SPRING> (or ask its owner or an approver)"
    with pytest.raises(NotAllowed, match=re.escape(outside)):
        campaigns.move(uow, TEAM, deliverable_id, "accepted", actor=stranger, now=NOW, where=dm)
    with pytest.raises(NotAllowed, match="To snooze its reminders"):
        campaigns.snooze(uow, TEAM, deliverable_id, actor=stranger, now=NOW, where=dm)
    with pytest.raises(NotAllowed, match="To move its deadline"):
        campaigns.extend_to_date(uow, TEAM, deliverable_id, date(2030, 2, 1), actor=stranger, now=NOW, where=dm)
    with pytest.raises(NotAllowed, match="To mark it posted"):
        campaigns.postable_deliverable(uow, TEAM, deliverable_id, actor=stranger, where=dm)
    with transaction(memory) as session:  # nothing moved, nothing cancelled
        assert session.scalar(select(func.count()).where(Reminder.status == "cancelled")) == 0
    assert campaigns.move(uow, TEAM, deliverable_id, "accepted", actor=stranger, now=NOW, where=CHANNEL)


def test_a_double_submitted_mark_posted_is_not_someone_elses_change(uow):
    added = add(uow, new_campaign(uow))
    deliverable_id = int(added.deliverable.id)
    approved(uow, deliverable_id)
    link = "https://www.instagram.com/p/abc/"
    first = campaigns.mark_posted(uow, TEAM, deliverable_id, url=link, actor=OWNER, now=NOW)
    commits = uow.commits
    again = campaigns.mark_posted(uow, TEAM, deliverable_id, url=link, actor=OWNER, now=NOW)
    assert again == first and uow.commits == commits  # nothing written twice
    with pytest.raises(CampaignError, match="It is already live at https://www.instagram.com/p/abc/."):
        campaigns.mark_posted(uow, TEAM, deliverable_id, url="https://www.instagram.com/p/other/", actor=OWNER, now=NOW)


# --- the add-creator menu ---------------------------------------------------------------------------------------
def names(found: list) -> list[str]:
    return [campaign.name for campaign in found]


def test_the_menu_offers_campaigns_until_their_last_day_ends_in_their_own_zone(uow):
    last_day = date(2030, 3, 31)
    for name, zone in (("LA", "America/Los_Angeles"), ("Tokyo", "Asia/Tokyo"), ("Samoa", "Pacific/Pago_Pago")):
        new_campaign(uow, name, end_date=last_day, timezone=zone)
    new_campaign(uow, "Ended yesterday", end_date=date(2030, 3, 30), timezone="Pacific/Pago_Pago")

    at = datetime(2030, 3, 31, 20, 0, tzinfo=UTC)  # 13:00 in LA, 09:00 in Samoa, already Apr 1 in Tokyo

    assert names(campaigns.campaigns_to_pick(uow, TEAM, "", at)) == ["Samoa", "LA"]


def test_the_menu_matches_any_part_of_the_name_ignoring_case_newest_first_and_stops_at_the_limit(uow):
    for name in ("Été Glow", "Winter GLOW", "Glow 100% natural", "Spring"):
        new_campaign(uow, name)
    new_campaign(uow, "Glow elsewhere", team=OTHER)

    assert names(campaigns.campaigns_to_pick(uow, TEAM, "glow", NOW)) == [
        "Glow 100% natural",
        "Winter GLOW",
        "Été Glow",
    ]
    assert names(campaigns.campaigns_to_pick(uow, TEAM, "ÉTÉ", NOW)) == ["Été Glow"]
    assert names(campaigns.campaigns_to_pick(uow, TEAM, "100%", NOW)) == ["Glow 100% natural"]
    assert names(campaigns.campaigns_to_pick(uow, TEAM, "0%", NOW)) == ["Glow 100% natural"]  # % is no wildcard
    assert names(campaigns.campaigns_to_pick(uow, TEAM, "_", NOW)) == []
    assert names(campaigns.campaigns_to_pick(uow, TEAM, "glow", NOW, limit=2)) == ["Glow 100% natural", "Winter GLOW"]
    assert uow.commits == 5  # one for each campaign created: reading commits nothing


def test_a_campaign_is_found_by_id_only_in_its_own_workspace(uow):
    ours = new_campaign(uow, "Ours")
    theirs = new_campaign(uow, "Theirs", team=OTHER)

    assert campaigns.campaign_by_id(uow, TEAM, int(ours)).name == "Ours"
    assert campaigns.campaign_by_id(uow, TEAM, int(theirs)) is None


def test_a_post_already_recorded_for_another_deliverable_is_refused_however_it_is_written(uow):
    campaign_id = new_campaign(uow)
    nina, mia = (int(add(uow, campaign_id, handle=h).deliverable.id) for h in ("nina", "mia"))
    approved(uow, nina)
    approved(uow, mia)
    reel = "https://www.instagram.com/reel/NINA_q1/"
    campaigns.mark_posted(uow, TEAM, nina, url=reel, actor=OWNER, now=NOW, where=CHANNEL)
    with pytest.raises(CampaignError, match="already recorded as @nina's reel on Spring Glow: paste the link of @mia"):
        campaigns.mark_posted(uow, TEAM, mia, url=reel + "?igsh=xyz", actor=OWNER, now=NOW, where=CHANNEL)
    assert campaigns.get_deliverable(uow, TEAM, mia).deliverable.state is DeliverableState.approved
    campaigns.mark_posted(uow, TEAM, nina, url=reel, actor=OWNER, now=NOW, where=CHANNEL)  # a double click: fine
