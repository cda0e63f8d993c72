"""The dispatcher against the Slack stand-in: once and only once, through crashes, 429s, 5xx and downtime."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.localslack.standin import Fault
from bot.services import Services
from bot.services import reminders as reminder_service
from handlers.jobs import slack_clients
from handlers.jobs.dispatcher import TickResult
from storage.db import transaction
from storage.models import Deliverable
from storage.reminders import get_reminder, list_reminders
from storage.uow import UnitOfWork
from tests.databases import stored
from tests.harness import BOT_TOKEN, TEAM
from tests.reminders.dispatching import (
    LEASE,
    NOW,
    dispatcher,
    posted_reminder_ids,
    reminders_in,
    setup_reminders,
    tick_at_once,
)
from tests.reminders.factories import make_campaign, make_deliverables, plan


def test_a_due_reminder_is_posted_with_its_buttons_and_recorded(services, engine, standin, clock):
    [deliverable] = setup_reminders(engine, 1)
    clock.advance(minutes=-1)
    assert dispatcher(services, "w1").tick().sent == 0  # not due yet
    clock.advance(minutes=1)
    result = dispatcher(services, "w1").tick()
    assert result.sent == 1
    [call] = standin.calls_to("chat.postMessage")
    assert call.token == BOT_TOKEN
    assert call.params["channel"] == "C0000"
    assert "@glowwithmia's reel for Campaign 0" in call.params["text"]
    actions = [e.get("action_id") for b in call.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    # Waiting for its draft: the first button opens the draft form.
    assert actions == ["deliverable_move_draft_submitted", "deliverable_extend", "deliverable_snooze"]
    [row] = stored(engine, list_reminders, TEAM, deliverable_id=deliverable)
    assert (row.status, row.slack_ts, row.late) == ("sent", call.answer["ts"], False)
    assert dispatcher(services, "w2").tick().claimed == 0


def test_two_dispatchers_deliver_each_reminder_once(services, engine, standin):
    setup_reminders(engine, 1000, channels=50)
    results = tick_at_once(services, batch=25)
    posted = posted_reminder_ids(standin)
    assert len(posted) == 1000
    assert max(posted.values()) == 1
    assert sum(r.sent for r in results) == 1000
    assert all(r.sent > 0 for r in results)  # both did a share of the work
    assert {r.status for r in stored(engine, list_reminders, TEAM)} == {"sent"}


def test_a_worker_killed_after_posting_and_before_recording_causes_no_duplicate(services, engine, standin, clock):
    setup_reminders(engine, 5)

    def die_on_third(reminder, ts) -> None:
        if len(standin.calls_to("chat.postMessage")) == 3:
            raise SystemExit("killed")

    with pytest.raises(SystemExit):
        dispatcher(services, "doomed", after_post=die_on_third).tick()
    assert dispatcher(services, "survivor").tick().sent == 0  # the dead worker's claims are still leased
    clock.advance(seconds=LEASE.total_seconds() + 1)
    result = dispatcher(services, "survivor").tick()
    assert result.reconciled == 1  # found in the channel by its metadata, not posted again
    assert result.sent == 2
    assert len(standin.calls_to("conversations.history")) == 1  # one read of the channel served the three
    posted = posted_reminder_ids(standin)
    assert len(posted) == 5 and max(posted.values()) == 1
    assert {r.status for r in stored(engine, list_reminders, TEAM)} == {"sent"}


def test_a_batch_that_outlives_its_lease_leaves_to_the_new_worker_what_it_took(services, engine, standin, clock):
    """Slack answers slowly: while the first worker is still posting, its lease on the rest of the batch runs out
    and a second worker claims and posts them. The first renews its lease before each post, sees it lost, and
    does not post them again."""
    setup_reminders(engine, 4)
    second = dispatcher(services, "second")
    taken: list[int] = []

    def slow_slack(reminder, ts) -> None:
        if not taken:  # after the first post, time runs past the lease and the second worker takes the rest
            clock.advance(seconds=LEASE.total_seconds() + 1)
            taken.append(second.tick().sent)

    result = dispatcher(services, "first", after_post=slow_slack).tick()
    assert taken == [3]
    assert (result.sent, result.taken_over) == (1, 3)
    posted = posted_reminder_ids(standin)
    assert len(posted) == 4 and max(posted.values()) == 1  # every reminder once, none twice


def test_a_backlog_for_one_deliverable_is_one_message_worded_from_now(services, engine, standin, clock):
    """Back after three hours down: three reminders of one deliverable are due at once; one message goes out."""
    campaign = make_campaign(engine, team_id=TEAM, name="Backlog", channel="C0BACKLOG")
    [deliverable] = make_deliverables(engine, campaign, NOW + timedelta(days=2), 1, team_id=TEAM)
    plan(engine, campaign, deliverable, [NOW - timedelta(hours=h) for h in (3, 2, 1)], team_id=TEAM)
    result = dispatcher(services, "w").tick()
    assert (result.claimed, result.sent, result.superseded) == (3, 1, 2)
    [call] = standin.calls_to("chat.postMessage")
    assert call.params["text"].startswith("Due in 2 days: @glowwithmia's reel for Backlog")  # from now, not then
    statuses = Counter(r.status for r in stored(engine, list_reminders, TEAM, deliverable_id=deliverable))
    assert statuses == {"sent": 1, "cancelled": 2}


def test_a_429_waits_for_retry_after_then_posts(services, engine, standin, clock):
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=429, retry_after=30))
    assert dispatcher(services, "w").tick().deferred == 1
    clock.advance(seconds=10)
    assert dispatcher(services, "w").tick().sent == 0
    clock.advance(seconds=21)
    assert dispatcher(services, "w").tick().sent == 1
    assert [c.status for c in standin.calls_to("chat.postMessage")] == [429, 200]
    assert standin.calls_to("conversations.history") == []  # a refused post is not there: no read spent on it


def test_a_5xx_is_retried_after_the_lease_and_checked_against_the_channel(services, engine, standin, clock):
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503))
    assert dispatcher(services, "w").tick().ambiguous == 1
    clock.advance(seconds=LEASE.total_seconds() + 1)
    result = dispatcher(services, "w").tick()
    assert (result.reconciled, result.sent) == (0, 1)
    assert standin.calls_to("conversations.history")  # it looked before posting again
    assert max(posted_reminder_ids(standin).values()) == 1


def test_a_missing_channel_fails_the_reminder_and_tells_the_owner(services, engine, standin):
    setup_reminders(engine, 1)
    standin.gone_channels.add("C0000")
    assert dispatcher(services, "w").tick().failed == 1
    [row] = stored(engine, list_reminders, TEAM)
    assert (row.status, row.last_error) == ("failed", "channel_not_found")
    dm = standin.calls_to("chat.postMessage")[-1]
    assert dm.params["channel"] == "D0OWNER"
    assert "could not post a deadline reminder" in dm.params["text"]


def test_after_downtime_late_reminders_say_so_and_old_ones_roll_into_one_message(services, engine, standin, clock):
    setup_reminders(engine, 1, fire_at=NOW - timedelta(hours=2))
    setup_reminders(engine, 3, fire_at=NOW - timedelta(hours=30), name="Old")
    result = dispatcher(services, "w", max_late=timedelta(hours=24)).tick()
    assert (result.sent, result.rolled_up) == (1, 3)
    late, catch_up = standin.calls_to("chat.postMessage")
    assert late.params["text"].endswith("(Delayed 2h)")
    assert catch_up.params["channel"] == "D0OWNER"
    assert "3 reminders for Old 0 became too old to send" in catch_up.params["text"]
    assert Counter(r.status for r in stored(engine, list_reminders, TEAM)) == {"sent": 1, "rolled_up": 3}


def test_reminders_of_a_finished_deliverable_are_not_sent(services, engine, standin):
    [deliverable] = setup_reminders(engine, 1)
    with transaction(engine) as session:
        session.get(Deliverable, deliverable).state = "complete"
    assert dispatcher(services, "w").tick().cancelled == 1
    assert standin.calls_to("chat.postMessage") == []


def test_an_uninstalled_workspace_gets_no_reminders(slack, standin):
    engine = slack.services.engine
    setup_reminders(engine, 2)
    slack.event({"type": "app_uninstalled"})
    deadline = time.monotonic() + 15
    while {r.status for r in stored(engine, list_reminders, TEAM)} != {"cancelled"}:
        assert time.monotonic() < deadline, "reminders were not cancelled"
        time.sleep(0.02)
    services = Services(settings=slack.services.settings, engine=engine, clock=lambda: NOW)
    assert dispatcher(services, "w").tick().claimed == 0
    assert stored(engine, get_reminder, TEAM, 1).status == "cancelled"


def test_a_tick_looks_up_each_workspace_token_once(services, engine, standin, monkeypatch):
    setup_reminders(engine, 3)
    lookups: list[str] = []
    real = slack_clients.bot_token_for
    monkeypatch.setattr(slack_clients, "bot_token_for", lambda s, team: lookups.append(team) or real(s, team))
    assert dispatcher(services, "w").tick().sent == 3
    assert lookups == [TEAM]


def test_a_workspace_gone_mid_tick_fails_what_was_claimed_and_is_cancelled_once(services, engine, standin, monkeypatch):
    setup_reminders(engine, 3)
    setup_reminders(engine, 1, fire_at=NOW + timedelta(days=1), name="Later")
    cancels: list[str] = []
    real_cancel = reminder_service.cancel_workspace
    monkeypatch.setattr(slack_clients, "bot_token_for", lambda s, team: None)
    monkeypatch.setattr(
        reminder_service, "cancel_workspace", lambda uow, team: cancels.append(team) or real_cancel(uow, team)
    )
    result = dispatcher(services, "w").tick()
    assert (result.claimed, result.failed) == (3, 3)
    assert cancels == [TEAM]
    assert Counter(r.status for r in stored(engine, list_reminders, TEAM)) == {"failed": 3, "cancelled": 1}
    assert standin.calls_to("chat.postMessage") == []


def test_without_read_access_a_reclaimed_reminder_is_failed_and_the_owner_told_rather_than_posted_twice(
    services, engine, standin, clock
):
    """The 503 may have come after Slack posted it: with no way to read the channel (missing_scope), posting
    again risks a duplicate after every crash recovery, and a reminder that fails says so to its owner, who can
    grant the scope or remind by hand. So it is not posted again."""
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503))
    dispatcher(services, "w").tick()
    standin.inject("conversations.history", Fault(error="missing_scope"))
    clock.advance(seconds=LEASE.total_seconds() + 1)
    result = dispatcher(services, "w").tick()
    assert (result.sent, result.failed) == (0, 1)
    [row] = stored(engine, list_reminders, TEAM)
    assert row.status == "failed" and row.last_error.startswith("missing_scope: could not check the channel")
    dm = standin.calls_to("chat.postMessage")[-1]
    assert dm.params["channel"] == "D0OWNER" and "could not post a deadline reminder" in dm.params["text"]


def chatter(standin, channel: str, n: int) -> None:
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url)
    for i in range(n):
        client.chat_postMessage(channel=channel, text=f"chatter {i}")


def settle(services, clock, *names: str) -> list[TickResult]:
    """Tick once a minute, by turns on each named worker, while Slack's one read a minute defers the check."""
    results: list[TickResult] = []
    while not results or results[-1].deferred:
        assert len(results) < 30, "still deferred after half an hour"
        if results:
            clock.advance(minutes=1)
        results.append(dispatcher(services, names[len(results) % len(names)]).tick())
    return results


def test_a_post_that_landed_but_answered_503_is_found_under_101_later_messages(services, engine, standin, clock):
    """Seven pages, one a minute: between two pages the check goes back to pending until Slack's next minute,
    whichever worker takes it up reads on below the pages kept, and none posts it meanwhile."""
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503, applied=True))
    assert dispatcher(services, "w").tick().ambiguous == 1
    clock.advance(minutes=1)
    chatter(standin, "C0000", 101)
    clock.advance(seconds=LEASE.total_seconds())
    results = settle(services, clock, "w1", "w2", "w3")
    assert [(r.deferred, r.reconciled, r.sent) for r in results] == [(1, 0, 0)] * 6 + [(0, 1, 0)]
    assert list(reminders_in(standin, "C0000").values()) == [1]
    calls = standin.calls_to("conversations.history")
    pages = [call for call in calls if call.status == 200]
    assert all(int(call.params["limit"]) <= 15 for call in pages) and len(pages) == 7
    assert all(call.params.get("latest") for call in pages)
    # each read after the first starts just below where the one before stopped: no message is read twice
    seen = [message["ts"] for call in pages for message in call.answer["messages"]]
    assert len(seen) == len(set(seen)) == 102
    assert [call.status for call in calls].count(429) == 6
    [row] = stored(engine, list_reminders, TEAM)
    assert row.status == "sent"


def test_a_reclaimed_reminder_in_a_channel_the_bot_never_joined_is_found_after_joining(
    services, engine, standin, clock
):
    standin.add_channel("C0000", bot_member=False)  # posted with chat:write.public, never joined
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503, applied=True))
    dispatcher(services, "w").tick()
    clock.advance(seconds=LEASE.total_seconds() + 1)
    result = dispatcher(services, "w").tick()
    assert (result.reconciled, result.sent) == (1, 0)
    assert [call.params["channel"] for call in standin.calls_to("conversations.join")] == ["C0000"]
    # the not_in_channel answer used the minute's read: the read after joining waited for the next minute
    answers = [call.answer.get("error") for call in standin.calls_to("conversations.history")]
    assert answers == ["not_in_channel", "ratelimited", None]
    assert list(reminders_in(standin, "C0000").values()) == [1]


def test_a_reclaimed_reminder_in_a_private_channel_the_bot_is_not_in_is_not_posted_twice(
    services, engine, standin, clock
):
    standin.add_channel("C0000", private=True)
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503, applied=True))
    dispatcher(services, "w").tick()
    standin.channels["C0000"].bot_member = False  # someone removed the bot; it cannot rejoin by itself
    standin.inject("conversations.history", Fault(error="not_in_channel"))
    clock.advance(seconds=LEASE.total_seconds() + 1)
    result = dispatcher(services, "w").tick()
    assert (result.sent, result.reconciled, result.failed) == (0, 0, 1)
    assert list(reminders_in(standin, "C0000").values()) == [1]
    [row] = stored(engine, list_reminders, TEAM)
    assert row.status == "failed" and "could not check the channel" in row.last_error
    dm = standin.calls_to("chat.postMessage")[-1]
    assert dm.params["channel"] == "D0OWNER" and "Invite me" in dm.params["text"]


def test_a_429_from_history_releases_the_reminder_for_retry_after(services, engine, standin, clock):
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503))
    dispatcher(services, "w").tick()
    standin.inject("conversations.history", Fault(status=429, retry_after=60))
    clock.advance(seconds=LEASE.total_seconds() + 1)
    assert dispatcher(services, "w").tick().deferred == 1
    clock.advance(seconds=59)
    assert dispatcher(services, "w").tick().claimed == 0
    clock.advance(seconds=2)
    result = dispatcher(services, "w").tick()
    assert (result.reconciled, result.sent) == (0, 1)
    assert max(posted_reminder_ids(standin).values()) == 1


def test_reminders_fire_at_the_local_times_across_a_dst_change(services, engine, standin, clock):
    """Due Mon 29 Mar 2027 09:00 in London: 3 days before is 09:00 GMT (09:00Z), the deadline 09:00 BST (08:00Z)."""
    from bot.campaigns.digest_schedule import DigestSchedule
    from bot.services.campaigns import CampaignForm, DeliverableForm, add_deliverable, create_campaign

    clock.now = datetime(2027, 3, 20, 12, 0, tzinfo=UTC)
    campaign = create_campaign(
        UnitOfWork(engine),
        TEAM,
        CampaignForm(
            name="Spring",
            channel_id="C0SPRING",
            owner_user_id="U0OWNER",
            start_date=clock.now.date(),
            end_date=clock.now.date(),
            timezone="Europe/London",
            digest=DigestSchedule.from_text("none"),  # deadline reminders only
        ),
        created_by="U0OWNER",
        now=clock.now,
    )
    form = DeliverableForm(
        campaign_id=int(campaign.id), handle="mia", platform="instagram", kind="reel", due_text="2027-03-29 09:00",
        confirmed=True,  # after the campaign's last day, on purpose
    )  # fmt: skip
    add_deliverable(UnitOfWork(engine), TEAM, form, now=clock.now)
    fired: list[str] = []
    for stop in ("2027-03-26T08:59", "2027-03-26T09:00", "2027-03-28T08:00", "2027-03-29T08:00"):
        clock.now = datetime.fromisoformat(stop).replace(tzinfo=UTC)
        result = dispatcher(services, "w").tick()
        fired.extend([stop] * result.sent)
    # the day before, the go-live disclosure reminder comes with the deadline reminder, at the same local 09:00
    assert fired == ["2027-03-26T09:00", "2027-03-28T08:00", "2027-03-28T08:00", "2027-03-29T08:00"]
    texts = [c.params["text"] for c in standin.calls_to("chat.postMessage")]
    going_live = "Going live tomorrow, but no draft is approved yet. @mia's Instagram reel for Spring goes live Mon"
    assert texts[2].startswith(going_live)  # still invited: it says so first
    assert texts[-1].startswith("Due now: @mia's reel for Spring")


def test_a_429_between_pages_puts_the_check_back_until_retry_after_and_it_reads_on(services, engine, standin, clock):
    """About 1 request a minute: the second page may be refused; the check waits in the database, not in the
    worker, and the pages already read are not read again."""
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503, applied=True))
    dispatcher(services, "w").tick()
    chatter(standin, "C0000", 20)
    standin.inject("conversations.history", Fault(), Fault(status=429, retry_after=7))
    clock.advance(seconds=LEASE.total_seconds() + 1)
    assert dispatcher(services, "w").tick().deferred == 1  # the injected Retry-After
    clock.advance(seconds=7)
    assert dispatcher(services, "w").tick().deferred == 1  # then the rest of Slack's minute since the first page
    clock.advance(seconds=53)
    result = dispatcher(services, "w").tick()
    assert (result.reconciled, result.sent, result.deferred) == (1, 0, 0)
    first, second = [call for call in standin.calls_to("conversations.history") if call.status == 200]
    assert "cursor" not in second.params  # a read of its own, starting below what the first page showed
    assert not {m["ts"] for m in first.answer["messages"]} & {m["ts"] for m in second.answer["messages"]}


def test_two_checks_within_a_minute_the_second_waits_and_each_reminder_is_in_its_channel_once(
    services, engine, standin, clock
):
    """Both posts landed but answered 503. Slack lets an app outside the Marketplace read history about once a
    minute per workspace: the second check is refused, so that reminder goes back to pending, unposted, until
    Retry-After; then it is checked, found and recorded."""
    setup_reminders(engine, 2, channels=2)
    standin.inject("chat.postMessage", Fault(status=503, applied=True), Fault(status=503, applied=True))
    assert dispatcher(services, "w").tick().ambiguous == 2
    clock.advance(seconds=LEASE.total_seconds() + 1)
    first = dispatcher(services, "w").tick()
    assert (first.reconciled, first.deferred, first.sent) == (1, 1, 0)
    assert Counter(r.status for r in stored(engine, list_reminders, TEAM)) == {"sent": 1, "pending": 1}
    clock.advance(seconds=30)
    assert dispatcher(services, "w").tick().claimed == 0  # not before Retry-After
    clock.advance(seconds=30)
    second = dispatcher(services, "w").tick()
    assert (second.reconciled, second.deferred, second.sent) == (1, 0, 0)
    assert reminders_in(standin, "C0000") == {1: 1} and reminders_in(standin, "C0001") == {2: 1}
    assert {r.status for r in stored(engine, list_reminders, TEAM)} == {"sent"}


def others_write(standin, channel: str, n: int) -> None:
    for i in range(n):
        standin.add_message(channel, f"unrelated message {i}")


def test_a_post_that_landed_on_the_third_try_is_found_under_110_messages_after_each_try(
    services, engine, standin, clock
):
    """Three tries answered 503 (the third after posting), each followed by 110 messages from others: a retry
    reads only the lease of the try before it, so the post is found, neither failed nor posted twice."""
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503), Fault(status=503), Fault(status=503, applied=True))
    for _ in range(3):
        assert settle(services, clock, "w")[-1].ambiguous == 1
        clock.advance(minutes=1)
        others_write(standin, "C0000", 110)
        clock.advance(seconds=LEASE.total_seconds())
    result = settle(services, clock, "w")[-1]
    assert (result.reconciled, result.sent, result.failed) == (1, 0, 0)
    assert list(reminders_in(standin, "C0000").values()) == [1]
    [row] = stored(engine, list_reminders, TEAM)
    assert row.status == "sent"


def test_a_channel_check_that_outlives_the_lease_does_not_post_what_another_worker_posted(
    services, engine, standin, clock
):
    """The bot posted without joining: its check is answered not_in_channel, joins, and the read that follows
    waits out Slack's minute (its lease renewed to cover the wait). The worker stalls past even that, so another
    worker takes the reminder, finds no earlier post and posts it. The slow one does not post it a second time."""
    standin.add_channel("C0000", bot_member=False)
    setup_reminders(engine, 1)
    standin.inject("chat.postMessage", Fault(status=503))
    dispatcher(services, "first").tick()
    clock.advance(seconds=LEASE.total_seconds() + 1)
    meanwhile = []

    def stall(seconds: float) -> None:
        clock.advance(seconds=seconds + LEASE.total_seconds() + 1)
        meanwhile.append(dispatcher(services, "second").tick())

    result = dispatcher(services, "slow", sleep=stall).tick()
    assert sum(r.sent for r in meanwhile) == 1
    assert (result.sent, result.taken_over) == (0, 1)
    assert list(reminders_in(standin, "C0000").values()) == [1]


def test_a_reminder_whose_worker_died_before_posting_is_posted_without_reading_the_channel(
    services, engine, standin, clock
):
    """Nothing can have landed, so no conversations.history request (about 1 a minute) is spent on it."""
    setup_reminders(engine, 1)
    reminder_service.claim_due(UnitOfWork(engine), worker="died", now=clock(), lease=LEASE, limit=10)
    clock.advance(seconds=LEASE.total_seconds() + 1)
    assert dispatcher(services, "w").tick().sent == 1
    assert standin.calls_to("conversations.history") == []
    assert list(reminders_in(standin, "C0000").values()) == [1]
