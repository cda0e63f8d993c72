"""One conversations.history read answers every reminder of the channel whose window it covers, for every
dispatcher and tick (Slack allows about one read a minute per workspace), and never one whose window it does not."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from slack_sdk import WebClient

from bot.localslack.standin import Fault
from handlers.ids import REMINDER_EVENT
from handlers.jobs.dispatcher import TickResult
from storage.reminders import list_reminders
from tests.databases import stored
from tests.harness import BOT_TOKEN, TEAM
from tests.reminders.dispatching import LEASE, NOW, dispatcher, reminders_in, setup_reminders

AFTER_THE_LEASE = LEASE.total_seconds() + 1


def statuses(engine) -> Counter:
    return Counter(row.status for row in stored(engine, list_reminders, TEAM))


def history_answers(standin) -> list[int]:
    return [call.status for call in standin.calls_to("conversations.history")]


def test_three_posts_that_answered_503_are_settled_by_one_read_for_two_dispatchers_in_different_ticks(
    services, engine, standin, clock
):
    """All three posts answered 503; only the third had landed. The second dispatcher reads the channel once and
    posts the first two; Slack is slow, its lease on the third runs out, and a third dispatcher, in a tick of its
    own, finds the third in what was read, without reading again."""
    setup_reminders(engine, 3)
    standin.inject("chat.postMessage", Fault(status=503), Fault(status=503), Fault(status=503, applied=True))
    assert dispatcher(services, "first").tick().ambiguous == 3
    clock.advance(seconds=AFTER_THE_LEASE)
    third: list[TickResult] = []

    def slow_slack(reminder, ts) -> None:
        if reminder.id == 1:
            clock.advance(seconds=10)
        else:  # the lease it took on the third with the batch runs out; the second's was renewed before posting
            clock.advance(seconds=LEASE.total_seconds() - 5)
            third.append(dispatcher(services, "third").tick())

    second = dispatcher(services, "second", after_post=slow_slack).tick()
    assert (second.sent, second.reconciled, second.taken_over) == (2, 0, 1)
    assert [(r.claimed, r.reconciled, r.sent) for r in third] == [(1, 1, 0)]
    assert history_answers(standin) == [200]
    assert reminders_in(standin, "C0000") == {1: 1, 2: 1, 3: 1}
    assert statuses(engine) == {"sent": 3}


def test_a_reminder_put_back_for_the_rate_limit_goes_out_from_another_dispatchers_read(
    services, engine, standin, clock
):
    """The first reminder's check was refused (429, Retry-After 60 s); twenty seconds later another dispatcher
    reads the channel for two later reminders, and that one read settles the first too, before its Retry-After."""
    setup_reminders(engine, 1)
    setup_reminders(engine, 2, fire_at=NOW + timedelta(seconds=20), name="Later")
    standin.inject("chat.postMessage", Fault(status=503, applied=True), Fault(status=503), Fault(status=503))
    assert dispatcher(services, "first").tick().ambiguous == 1
    clock.advance(seconds=20)
    assert dispatcher(services, "first").tick().ambiguous == 2
    clock.advance(seconds=AFTER_THE_LEASE - 20)
    standin.inject("conversations.history", Fault(status=429, retry_after=60))
    assert dispatcher(services, "second").tick().deferred == 1
    clock.advance(seconds=20)
    third = dispatcher(services, "third").tick()
    assert (third.claimed, third.sent, third.reconciled) == (3, 2, 1)
    assert history_answers(standin) == [429, 200]
    assert reminders_in(standin, "C0000") == {1: 1, 2: 1, 3: 1}
    assert statuses(engine) == {"sent": 3}


def test_a_read_made_while_a_post_was_under_way_does_not_answer_for_that_post(services, engine, standin, clock):
    """The second reminder's post answered 503 and, still within its lease, lands after the first reminder's check
    read the channel. That read cannot answer for the second: its check reads again, from five seconds before that
    read, finds the post and records it rather than posting a second copy."""
    setup_reminders(engine, 1)
    setup_reminders(engine, 1, fire_at=NOW + timedelta(seconds=20), name="Later")
    standin.inject("chat.postMessage", Fault(status=503), Fault(status=503))
    assert dispatcher(services, "first").tick().ambiguous == 1
    clock.advance(seconds=20)
    assert dispatcher(services, "first").tick().ambiguous == 1
    clock.advance(seconds=AFTER_THE_LEASE - 20)
    assert dispatcher(services, "second").tick().sent == 1  # the first reminder, after one read
    clock.advance(seconds=2)
    late = WebClient(token=BOT_TOKEN, base_url=standin.api_url).chat_postMessage(
        channel="C0000",
        text="the second reminder, at last",
        metadata={"event_type": REMINDER_EVENT, "event_payload": {"reminder_id": 2}},
    )
    clock.advance(seconds=18)
    assert dispatcher(services, "third").tick().deferred == 1  # Slack's minute since the first read is not over
    clock.advance(seconds=45)
    result = dispatcher(services, "third").tick()
    assert (result.reconciled, result.sent) == (1, 0)
    assert reminders_in(standin, "C0000") == {1: 1, 2: 1}
    assert history_answers(standin) == [200, 429, 200]
    assert {row.id: row.slack_ts for row in stored(engine, list_reminders, TEAM)}[2] == late["ts"]
