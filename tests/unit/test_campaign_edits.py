"""Editing a campaign and a creator's terms, and adding a post's results, on an in-memory unit of work: who may,
one commit or none, and reminders planned again without a duplicate or a lost one."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.dispatch_kinds import DEADLINE_KINDS
from bot.campaigns.errors import CampaignError, NotAllowed
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.services import campaigns, reminders, results
from bot.services.campaigns import CampaignEdit, CreatorTermsEdit
from bot.services.results import ReportedResults
from storage.reminders import list_reminders
from tests.databases import stored
from tests.unit.fakes import CountingUnitOfWork
from tests.unit.test_campaign_services import APPROVER, CHANNEL, NOW, OWNER, TEAM, add, approved, new_campaign

STRANGER = "U0STRANGER"


def edit_of(campaign_id: str, uow: CountingUnitOfWork, **changes: object) -> CampaignEdit:
    """The edit form as it opens (the campaign as it is), with `changes` typed over it."""
    found = campaigns.campaign_by_id(uow, TEAM, int(campaign_id))
    assert found is not None
    fields: dict[str, object] = {
        "budget": found.budget.amount,
        "start_date": found.start_date,
        "end_date": found.end_date,
        "attribution_days": found.attribution_days,
        "approver_user_ids": found.approver_user_ids,
        "reminder_policy": found.reminder_policy,
        "digest": found.digest,
    }
    return CampaignEdit(**(fields | changes))  # type: ignore[arg-type]


def pending(memory, deliverable_id: int) -> list[tuple[str, datetime]]:
    rows = stored(memory, list_reminders, TEAM, deliverable_id=deliverable_id)
    return sorted((r.kind, r.fire_at) for r in rows if r.status == "pending")


def test_an_edit_is_written_in_one_commit_and_says_what_changed(uow):
    campaign_id = new_campaign(uow)
    edit = edit_of(
        campaign_id,
        uow,
        budget=Decimal("6000"),
        end_date=date(2030, 4, 1),
        digest=DigestSchedule.from_text("friday 17:00"),
        approver_user_ids=(APPROVER, "U0BOB"),
    )
    before = uow.commits
    edited = campaigns.edit_campaign(uow, TEAM, int(campaign_id), edit, actor=APPROVER, now=NOW)
    assert uow.commits == before + 1
    assert [(c.label, c.before, c.after) for c in edited.changes] == [
        ("budget", "£5,000", "£6,000"),
        ("ends", "2030-03-01", "2030-04-01"),
        ("approvers", APPROVER, f"{APPROVER} U0BOB"),
        ("digest", "Mondays 09:00", "Fridays 17:00"),
    ]
    found = campaigns.find_campaign(uow, TEAM, "spring")
    assert (found.budget.amount, found.end_date, found.digest.as_text()) == (6000, date(2030, 4, 1), "friday 17:00")


def test_a_new_end_date_and_digest_day_move_the_pending_digests_in_the_same_commit(uow, memory):
    campaign_id = new_campaign(uow)
    edit = edit_of(campaign_id, uow, end_date=date(2030, 4, 1), digest=DigestSchedule.from_text("friday 17:00"))
    before = uow.commits
    campaigns.edit_campaign(uow, TEAM, int(campaign_id), edit, actor=OWNER, now=NOW)
    assert uow.commits == before + 1
    digests = [r for r in stored(memory, list_reminders, TEAM) if r.kind.startswith("digest") and r.status == "pending"]
    finals = [r.fire_at for r in digests if r.kind == "digest_final"]
    assert finals == [datetime(2030, 4, 2, 16, 0, tzinfo=UTC)]  # the day after the new end, 17:00 in London (BST)
    weekly = [r.fire_at.astimezone(ZoneInfo("Europe/London")) for r in digests if r.kind == "digest_weekly"]
    assert weekly and all((w.weekday(), w.hour) == (4, 17) for w in weekly)  # Fridays at 17:00 local, none on Mondays


def test_saving_the_form_unchanged_writes_nothing(uow):
    campaign_id = new_campaign(uow)
    before = uow.commits
    edited = campaigns.edit_campaign(uow, TEAM, int(campaign_id), edit_of(campaign_id, uow), actor=OWNER, now=NOW)
    assert edited.changes == [] and uow.commits == before


def test_only_the_owner_and_approvers_may_edit(uow):
    campaign_id = new_campaign(uow)
    with pytest.raises(NotAllowed, match="Only the campaign's owner and approvers can edit Spring Glow.") as refused:
        campaigns.campaign_to_edit(uow, TEAM, "spring", actor=STRANGER)
    assert refused.value.allowed_user_ids == (OWNER, APPROVER)
    before = uow.commits
    edit = edit_of(campaign_id, uow, budget=Decimal(1))
    with pytest.raises(NotAllowed):
        campaigns.edit_campaign(uow, TEAM, int(campaign_id), edit, actor=STRANGER, now=NOW)
    with pytest.raises(NotAllowed):  # nor a creator's terms
        campaigns.creator_to_edit(uow, TEAM, "spring", "@mia", actor=STRANGER)
    assert uow.commits == before
    assert campaigns.find_campaign(uow, TEAM, "spring").budget.amount == 5000


def test_the_currency_changes_only_while_nothing_is_booked_in_it(uow):
    campaign_id = new_campaign(uow)
    assert campaigns.campaign_to_edit(uow, TEAM, "spring", actor=OWNER).currency_fixed is False
    campaigns.edit_campaign(
        uow, TEAM, int(campaign_id), edit_of(campaign_id, uow, currency="EUR"), actor=OWNER, now=NOW
    )
    add(uow, campaign_id)  # a fee of 450, in euros now
    assert campaigns.campaign_to_edit(uow, TEAM, "spring", actor=OWNER).currency_fixed is True
    with pytest.raises(CampaignError, match="The budget stays in EUR: Spring Glow has fees or payments in it"):
        campaigns.edit_campaign(
            uow, TEAM, int(campaign_id), edit_of(campaign_id, uow, currency="USD"), actor=OWNER, now=NOW
        )


NO_DIGESTS = DigestSchedule.from_text("none")  # these tests follow a deliverable's reminders only


def test_new_offsets_replan_pending_reminders_once_each(uow, memory):
    campaign_id = new_campaign(uow, digest=NO_DIGESTS)
    deliverable_id = int(add(uow, campaign_id, due="2030-01-20 17:00").deliverable.id)
    planned_first = {r.id: (r.kind, r.fire_at) for r in stored(memory, list_reminders, TEAM)}
    quick = ReminderPolicy.from_text("-2d, 0", owner_escalation_at=None)
    edited = campaigns.edit_campaign(
        uow, TEAM, int(campaign_id), edit_of(campaign_id, uow, reminder_policy=quick), actor=OWNER, now=NOW
    )
    assert edited.replanned == 1
    due = datetime(2030, 1, 20, 17, tzinfo=UTC)
    now_pending = pending(memory, deliverable_id)
    # the go-live reminder follows the deadline, not the schedule: it stays as it was
    assert Counter(kind for kind, _ in now_pending) == {"before": 1, "due": 1, "overdue": 14, "golive_disclosure": 1}
    assert ("before", due - timedelta(days=2)) in now_pending and (
        "escalation",
        due + timedelta(days=3),
    ) not in now_pending
    assert len(set(now_pending)) == len(now_pending)  # no reminder twice
    # What both plans share kept its row: the deadline's reminder was not cancelled and planned again.
    kept = {r.id for r in stored(memory, list_reminders, TEAM) if r.status == "pending"}
    assert {i for i, (kind, _) in planned_first.items() if kind == "due"} <= kept

    campaigns.edit_campaign(  # and back: the reminders the first edit cancelled come back, once each
        uow, TEAM, int(campaign_id), edit_of(campaign_id, uow, reminder_policy=ReminderPolicy()), actor=OWNER, now=NOW
    )
    assert pending(memory, deliverable_id) == sorted(planned_first.values())


def test_a_reminder_being_sent_during_an_edit_is_still_sent_and_not_planned_again(uow, memory):
    campaign_id = new_campaign(uow, digest=NO_DIGESTS)
    deliverable_id = int(add(uow, campaign_id, due="2030-01-20 17:00").deliverable.id)
    three_days_before = datetime(2030, 1, 17, 17, tzinfo=UTC)
    [claimed] = reminders.claim_due(uow, worker="w1", now=three_days_before, lease=timedelta(seconds=45), limit=1)
    quick = ReminderPolicy.from_text("-3d, 0", owner_escalation_at=None)
    campaigns.edit_campaign(
        uow,
        TEAM,
        int(campaign_id),
        edit_of(campaign_id, uow, reminder_policy=quick),
        actor=OWNER,
        now=three_days_before,
    )
    assert reminders.subject(uow, claimed) is not None  # the dispatcher still posts it: its deliverable is as planned
    rows = stored(memory, list_reminders, TEAM, deliverable_id=deliverable_id)
    assert [r.status for r in rows if r.fire_at == three_days_before] == ["sending"]


def test_a_snooze_holds_across_an_edit(uow, memory):
    campaign_id = new_campaign(uow)
    deliverable_id = int(add(uow, campaign_id, due="2030-01-08 17:00").deliverable.id)
    snoozed = campaigns.snooze(uow, TEAM, deliverable_id, actor=OWNER, now=NOW)
    assert snoozed.until == datetime(2030, 1, 8, 17, 0, tzinfo=UTC)  # a day on, the deadline's reminder that day
    quick = ReminderPolicy.from_text("-12h, 0", owner_escalation_at=None)
    campaigns.edit_campaign(
        uow, TEAM, int(campaign_id), edit_of(campaign_id, uow, reminder_policy=quick), actor=OWNER, now=NOW
    )
    # Nothing of the new plan fires before the snooze's one reminder (the deadline, -12h, is inside it).
    nags = [at for kind, at in pending(memory, deliverable_id) if kind in DEADLINE_KINDS]  # not the go-live note
    assert min(nags) == snoozed.until
    assert nags.count(snoozed.until) == 1  # the snooze's reminder is the deadline's, not a second one beside it


def test_creator_terms_are_edited_by_managers_and_a_code_stays_one_creators(uow):
    campaign_id = new_campaign(uow)
    mia = add(uow, campaign_id, "mia")
    leo = add(uow, campaign_id, "leo")
    terms = CreatorTermsEdit(
        fee=Decimal("500"),
        gift_value=Decimal("60"),
        extra_costs=None,
        discount_code="mia10",
        tracking_link="https://shop.example/?utm_content=mia",
        usage_rights="paid social, 90 days",
        exclusivity=True,
        max_revision_rounds=3,
    )
    edited = campaigns.edit_creator_terms(uow, TEAM, int(campaign_id), int(mia.creator.id), terms, actor=APPROVER)
    assert [c.label for c in edited.changes] == [
        "fee", "gift value", "discount code", "tracking link", "usage rights", "exclusivity", "revision rounds"
    ]  # fmt: skip
    assert (edited.creator.discount_code, edited.creator.fee.amount) == ("MIA10", 500)
    before = uow.commits
    with pytest.raises(CampaignError, match="MIA10 is already @mia's discount code"):
        campaigns.edit_creator_terms(uow, TEAM, int(campaign_id), int(leo.creator.id), terms, actor=OWNER)
    with pytest.raises(NotAllowed):
        campaigns.edit_creator_terms(uow, TEAM, int(campaign_id), int(leo.creator.id), terms, actor=STRANGER)
    assert uow.commits == before


def test_money_on_the_board_is_the_reports_spend_and_paid(uow):
    campaign_id = new_campaign(uow, budget=Decimal("800"))
    mia = add(uow, campaign_id, "mia")  # fee 450
    add(uow, campaign_id, "leo")  # fee 450: 900 of 800, over budget
    approved(uow, int(mia.deliverable.id))
    campaigns.mark_posted(
        uow, TEAM, int(mia.deliverable.id), url="https://www.instagram.com/p/abc/", actor=OWNER, now=NOW
    )
    for target in ("verified", "paid"):  # verified by a person who looked (no caption check ran here)
        campaigns.move(uow, TEAM, int(mia.deliverable.id), target, actor=OWNER, now=NOW, looked=True)
    money = campaigns.campaign_board(uow, TEAM, "spring", NOW).money
    figures = results.campaign_report(uow, TEAM, "spring").results.figures
    assert money is not None and (money.spend, money.paid) == (figures.spend, figures.paid) == (900, 450)
    assert money.over_budget and money.left == -100
    assert [(c.handle, c.fee, c.paid) for c in money.creators] == [("mia", 450, 450), ("leo", 450, 0)]
    [summary] = campaigns.campaign_summaries(uow, TEAM, NOW)
    assert summary.money == money
    assert campaigns.home_overview(uow, TEAM, OWNER).money[campaign_id] == money


def test_results_are_added_to_a_live_post_only_by_its_channel_and_managers(uow):
    campaign_id = new_campaign(uow)
    mia = add(uow, campaign_id, "mia")
    deliverable_id = int(mia.deliverable.id)
    reported = ReportedResults(proof_url="https://files.example/shot.png", counts={"views": 1200, "likes": 80})
    with pytest.raises(CampaignError, match="It is not live"):
        results.add_post_results(uow, TEAM, deliverable_id, reported, actor=OWNER, now=NOW)
    approved(uow, deliverable_id)
    campaigns.mark_posted(uow, TEAM, deliverable_id, url="https://www.instagram.com/p/abc/", actor=OWNER, now=NOW)
    with pytest.raises(NotAllowed, match="To add its results, work from the campaign's channel"):
        results.add_post_results(uow, TEAM, deliverable_id, reported, actor=STRANGER, now=NOW, where="D0DM")
    negative = ReportedResults(proof_url="https://files.example/shot.png", counts={"views": -1})
    with pytest.raises(CampaignError, match="views: Input should be greater than or equal to 0"):
        results.add_post_results(uow, TEAM, deliverable_id, negative, actor=OWNER, now=NOW)
    before = uow.commits
    added = results.add_post_results(uow, TEAM, deliverable_id, reported, actor=STRANGER, now=NOW, where=CHANNEL)
    assert uow.commits == before + 1
    assert (added.observation.source, added.observation.comments) == ("creator", None)  # blank stays unknown
    figures = results.campaign_report(uow, TEAM, "spring").results.figures
    assert (figures.views.value, figures.engagements.value) == (1200, 80)
