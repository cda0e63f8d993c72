"""A draft waiting past its campaign's review SLA: the approvers are nudged in its thread (and the channel), then
the owner by DM; nothing is ever approved for them. Through the real services, the dispatcher and the Slack stand-in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.review.models import DraftSource
from bot.services import Services, drafts
from bot.services import campaigns as campaign_service
from bot.services.campaigns import CampaignEdit, CampaignForm, DeliverableForm
from bot.services.drafts import DraftSubmission
from handlers.blocks.campaigns import campaign_show_blocks
from handlers.blocks.review import review_card
from handlers.jobs import review_nudges as job
from storage.reminders import list_reminders
from storage.uow import UnitOfWork
from tests.databases import stored
from tests.harness import BOT_TOKEN, TEAM
from tests.reminders.dispatching import LEASE, dispatcher, tick_at_once

CHANNEL, OWNER, APPROVER = "C0GLOW", "U0OWNER", "U0APPR"
SUBMITTED = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # Friday 16:00 in London (GMT)
SLA_PASSES = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)  # Tuesday 16:00: two business days on
OWNER_TOLD = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)  # Wednesday 16:00: one more
NUDGES = ("review_nudge", "review_owner")


@pytest.fixture
def review(services: Services, engine, clock) -> int:
    """A reel whose draft was submitted on Friday 16:00: the deliverable's id."""
    clock.now = SUBMITTED - timedelta(days=10)
    uow = lambda: UnitOfWork(engine)  # noqa: E731 - a fresh unit of work per use case, as the app does
    campaign = campaign_service.create_campaign(
        uow(),
        TEAM,
        CampaignForm(
            name="Glow",
            channel_id=CHANNEL,
            owner_user_id=OWNER,
            approver_user_ids=(APPROVER,),
            start_date=date(2026, 11, 1),
            end_date=date(2027, 1, 31),
            timezone="Europe/London",
            reminder_policy=ReminderPolicy(offsets=[]),  # no deadline reminders: only the nudges reach Slack
            digest=DigestSchedule.from_text("none"),
        ),
        created_by=OWNER,
        now=clock(),
    )
    form = DeliverableForm(
        campaign_id=int(campaign.id), handle="mia", platform="instagram", kind="reel", due_text="2027-01-20"
    )
    deliverable = int(campaign_service.add_deliverable(uow(), TEAM, form, now=clock()).deliverable.id)
    for state in ("accepted", "draft_due"):
        campaign_service.move(uow(), TEAM, deliverable, state, actor=OWNER, now=clock())
    clock.now = SUBMITTED
    campaign_service.move(uow(), TEAM, deliverable, "draft_submitted", actor=OWNER, now=clock(), where=CHANNEL)
    return deliverable


def nudges_posted(standin) -> list:
    return [
        call
        for call in standin.calls_to("chat.postMessage")
        if call.status == 200 and "for review (SLA" in str(call.params.get("text")) and call.params.get("metadata")
    ]


def nudge_rows(engine, deliverable: int) -> list[tuple[str, str]]:
    return [
        (r.kind, r.status) for r in stored(engine, list_reminders, TEAM, deliverable_id=deliverable) if r.kind in NUDGES
    ]


def state_of(engine, deliverable: int) -> str:
    return campaign_service.get_deliverable(UnitOfWork(engine), TEAM, deliverable).deliverable.state.value


def buttons(call) -> list[str]:
    return [e["text"]["text"] for b in call.params["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_when_the_sla_passes_the_approvers_are_nudged_once_by_two_dispatchers(services, engine, standin, clock, review):
    clock.now = SLA_PASSES - timedelta(minutes=1)
    assert dispatcher(services, "early").tick().sent == 0  # Monday counted, the weekend not: not late yet
    clock.now = SLA_PASSES
    results = tick_at_once(services)
    assert sum(r.sent for r in results) == 1
    [nudge] = nudges_posted(standin)
    assert nudge.params["channel"] == CHANNEL
    assert nudge.params["text"] == (
        f":hourglass: <@{APPROVER}> @mia's reel for *Glow* has waited 2 business days for review (SLA 2 business "
        "days; in review since Fri 27 Nov 2026 at 16:00 (Europe/London)). Approve it or request changes: it is "
        "never approved without you."
    )
    assert buttons(nudge) == ["Approve", "Request changes", "Drop"]
    assert state_of(engine, review) == "draft_submitted"  # nudged, never bypassed
    assert nudge_rows(engine, review) == [("review_nudge", "sent"), ("review_owner", "pending")]


def test_the_owner_hears_by_dm_one_business_day_later_if_it_still_waits(services, engine, standin, clock, review):
    clock.now = SLA_PASSES
    dispatcher(services, "w").tick()
    clock.now = OWNER_TOLD - timedelta(minutes=1)
    assert dispatcher(services, "w").tick().sent == 0
    clock.now = OWNER_TOLD
    assert dispatcher(services, "w").tick().sent == 1
    [_, dm] = nudges_posted(standin)
    [opened] = standin.calls_to("conversations.open")
    assert opened.params["users"] == OWNER and dm.params["channel"] == opened.answer["channel"]["id"]
    assert dm.params["text"] == (
        ":hourglass: @mia's reel for *Glow* still waits: it has waited 3 business days for review (SLA 2 business "
        f"days; in review since Fri 27 Nov 2026 at 16:00 (Europe/London)). <@{APPROVER}> was nudged in <#{CHANNEL}> "
        "a business day ago. It is not approved automatically: `/campaign show Glow` has its card."
    )
    assert state_of(engine, review) == "draft_submitted"
    clock.now = OWNER_TOLD + timedelta(days=7)
    assert dispatcher(services, "w").tick().claimed == 0  # two nudges, then nothing more


def test_no_nudge_when_the_draft_is_approved_in_time(services, engine, standin, clock, review):
    clock.now = SLA_PASSES - timedelta(hours=2)
    campaign_service.move(UnitOfWork(engine), TEAM, review, "approved", actor=APPROVER, now=clock())
    assert nudge_rows(engine, review) == [("review_nudge", "cancelled"), ("review_owner", "cancelled")]
    for day in range(5):
        clock.now = SLA_PASSES + timedelta(days=day)
        dispatcher(services, "w").tick()
    assert nudges_posted(standin) == []


def test_a_decision_cancels_the_pending_nudge_and_a_new_draft_starts_a_new_review(
    services, engine, standin, clock, review
):
    clock.now = SLA_PASSES
    dispatcher(services, "w").tick()
    clock.now = SLA_PASSES + timedelta(hours=1)
    campaign_service.move(UnitOfWork(engine), TEAM, review, "changes_requested", actor=APPROVER, now=clock())
    assert nudge_rows(engine, review) == [("review_nudge", "sent"), ("review_owner", "cancelled")]
    clock.now = OWNER_TOLD
    assert dispatcher(services, "w").tick().sent == 0  # the owner is not told of a review that was decided
    resubmitted = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)  # Thursday 10:00: due Monday 10:00
    clock.now = resubmitted
    campaign_service.move(UnitOfWork(engine), TEAM, review, "draft_submitted", actor=OWNER, now=clock())
    clock.now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert dispatcher(services, "w").tick().sent == 1
    assert "has waited 2 business days for review" in nudges_posted(standin)[-1].params["text"]
    assert "in review since Thu 3 Dec 2026 at 10:00" in nudges_posted(standin)[-1].params["text"]


def test_a_nudge_whose_review_was_decided_after_it_was_claimed_is_not_posted(
    services, engine, standin, clock, review, monkeypatch
):
    """Decided between the claim and the post: the dispatcher finds the review gone and cancels the nudge."""
    clock.now = SLA_PASSES
    original = job.nudge_message

    def decided_meanwhile(*args, **kwargs):
        campaign_service.move(UnitOfWork(engine), TEAM, review, "approved", actor=APPROVER, now=clock())
        return original(*args, **kwargs)

    monkeypatch.setattr(job, "nudge_message", decided_meanwhile)
    result = dispatcher(services, "w").tick()
    # The approval plans its go-live disclosure note at once, which this tick also posts; the nudge is cancelled.
    assert (result.claimed, result.sent, result.cancelled) == (2, 1, 1)
    assert nudges_posted(standin) == []
    assert nudge_rows(engine, review) == [("review_nudge", "cancelled"), ("review_owner", "cancelled")]


def test_a_longer_sla_moves_the_nudge_and_a_snooze_of_deadline_reminders_keeps_it(
    services, engine, standin, clock, review
):
    clock.now = SLA_PASSES - timedelta(hours=5)
    campaign_service.snooze(UnitOfWork(engine), TEAM, review, actor=OWNER, now=clock(), where=CHANNEL)
    campaign = campaign_service.campaign_to_edit(UnitOfWork(engine), TEAM, "Glow", actor=OWNER).campaign
    edit = CampaignEdit(
        budget=campaign.budget.amount,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        attribution_days=campaign.attribution_days,
        approver_user_ids=campaign.approver_user_ids,
        reminder_policy=campaign.reminder_policy,
        digest=campaign.digest,
        review_sla_days=3,
    )
    edited = campaign_service.edit_campaign(UnitOfWork(engine), TEAM, int(campaign.id), edit, actor=OWNER, now=clock())
    assert [(c.label, c.before, c.after) for c in edited.changes] == [
        ("review SLA", "2 business days", "3 business days")
    ]
    clock.now = SLA_PASSES
    assert dispatcher(services, "w").tick().sent == 0
    clock.now = OWNER_TOLD
    dispatcher(services, "w").tick()  # the snooze's one deadline reminder is due too
    [nudge] = nudges_posted(standin)
    assert "has waited 3 business days for review (SLA 3 business days;" in nudge.params["text"]


def test_the_board_shows_a_late_review_in_business_days(services, engine, clock, review):
    def board_text(now: datetime) -> str:
        board = campaign_service.campaign_board(UnitOfWork(engine), TEAM, "Glow", now)
        return str(campaign_show_blocks(board, now))

    assert "waiting for review" not in board_text(SLA_PASSES - timedelta(minutes=1))
    assert "waiting for review 2 business days (SLA 2)" in board_text(SLA_PASSES)
    assert "waiting for review 3 business days (SLA 2)" in board_text(OWNER_TOLD + timedelta(hours=1))
    campaign_service.move(UnitOfWork(engine), TEAM, review, "approved", actor=APPROVER, now=OWNER_TOLD)
    assert "waiting for review" not in board_text(OWNER_TOLD + timedelta(hours=1))


def test_a_new_reminder_schedule_for_the_deadline_keeps_the_reviews_nudges(services, engine, standin, clock, review):
    clock.now = SLA_PASSES - timedelta(days=1)
    campaign = campaign_service.campaign_to_edit(UnitOfWork(engine), TEAM, "Glow", actor=OWNER).campaign
    edit = CampaignEdit(
        budget=campaign.budget.amount,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        attribution_days=campaign.attribution_days,
        approver_user_ids=campaign.approver_user_ids,
        reminder_policy=ReminderPolicy(offsets=["-1d"]),
        digest=campaign.digest,
    )
    edited = campaign_service.edit_campaign(UnitOfWork(engine), TEAM, int(campaign.id), edit, actor=OWNER, now=clock())
    assert edited.replanned == 1
    assert nudge_rows(engine, review) == [("review_nudge", "pending"), ("review_owner", "pending")]
    clock.now = SLA_PASSES
    assert dispatcher(services, "w").tick().sent == 1
    assert len(nudges_posted(standin)) == 1


def card_in_thread(engine, standin, clock, deliverable: int) -> str:
    """The draft arrives as content and its review card is posted in the channel, as /campaign draft does: the
    card's ts, which becomes the deliverable's review thread."""
    submission = DraftSubmission(deliverable, "#ad The new serum from Glow", DraftSource.slack)
    submitted = drafts.submit_draft(UnitOfWork(engine), TEAM, submission, actor=OWNER, now=clock(), where=CHANNEL)
    card = WebClient(token=BOT_TOKEN, base_url=standin.api_url).chat_postMessage(channel=CHANNEL, text="v1 review")
    drafts.record_card(
        UnitOfWork(engine), TEAM, int(submitted.view.version.id), channel=CHANNEL, ts=card["ts"], thread_ts=None
    )
    return str(card["ts"])


def test_a_nudge_goes_into_the_drafts_thread_and_is_also_sent_to_the_channel(services, engine, standin, clock, review):
    """The review's history reads top to bottom in its thread; the channel sees the nudge too."""
    thread = card_in_thread(engine, standin, clock, review)
    clock.now = SLA_PASSES
    assert dispatcher(services, "w").tick().sent == 1
    [nudge] = nudges_posted(standin)
    assert (nudge.params["channel"], nudge.params["thread_ts"], nudge.params["reply_broadcast"]) == (
        CHANNEL,
        thread,
        True,
    )
    history = WebClient(token=BOT_TOKEN, base_url=standin.api_url).conversations_history(channel=CHANNEL)
    assert [m.get("subtype") for m in history["messages"]][:2] == ["thread_broadcast", None]


def test_a_nudge_posted_in_the_thread_by_a_worker_that_died_is_found_and_not_posted_again(
    services, engine, standin, clock, review
):
    card_in_thread(engine, standin, clock, review)
    clock.now = SLA_PASSES

    def die(reminder, ts) -> None:
        raise SystemExit("killed after posting, before recording")

    with pytest.raises(SystemExit):
        dispatcher(services, "doomed", after_post=die).tick()
    clock.advance(seconds=LEASE.total_seconds() + 1)
    result = dispatcher(services, "survivor").tick()
    assert (result.reconciled, result.sent) == (1, 0)  # the broadcast reply was found in the channel's history
    assert len(nudges_posted(standin)) == 1
    assert nudge_rows(engine, review) == [("review_nudge", "sent"), ("review_owner", "pending")]


def test_a_nudge_on_a_draft_card_carries_that_cards_own_decision_buttons(services, engine, standin, clock, review):
    """The card's action ids and values (the version decided on): a click is handled, and checked, as one there."""
    card_in_thread(engine, standin, clock, review)
    clock.now = SLA_PASSES
    assert dispatcher(services, "w").tick().sent == 1
    [nudge] = nudges_posted(standin)
    assert buttons(nudge) == ["Approve", "Approve with corrections", "Request changes"]
    view = drafts.latest_review(UnitOfWork(engine), TEAM, review)
    assert view is not None
    _, card_blocks = review_card(view)
    actions = [b for b in nudge.params["blocks"] if b["type"] == "actions"]
    pressed = [(e["action_id"], e["value"]) for b in actions for e in b["elements"]]
    assert pressed == [(e.action_id, e.value) for e in card_blocks[-1].elements]
