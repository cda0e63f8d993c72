"""Reminder rows on SQLite and PostgreSQL: idempotent planning, claims under a lease, fenced updates."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from storage.db import transaction
from storage.migrate import downgrade, upgrade
from storage.reminders import cancel_pending, claim_due, get_reminder, mark_sent, release
from tests.databases import stored
from tests.reminders.factories import make_campaign, make_deliverables, minutes, plan

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def test_planning_the_same_reminder_twice_inserts_it_once(engine):
    campaign = make_campaign(engine)
    [deliverable] = make_deliverables(engine, campaign, NOW, 1)
    assert plan(engine, campaign, deliverable, [NOW, NOW + minutes(5)]) == 2
    assert plan(engine, campaign, deliverable, [NOW, NOW + minutes(5)]) == 0


def test_only_due_reminders_are_claimed_and_each_once(engine):
    campaign = make_campaign(engine)
    [deliverable] = make_deliverables(engine, campaign, NOW, 1)
    plan(engine, campaign, deliverable, [NOW - minutes(1), NOW, NOW + minutes(1)])
    claimed = stored(engine, claim_due, worker="w1", now=NOW, lease=LEASE, limit=10)
    assert [c.fire_at for c in claimed] == [NOW - minutes(1), NOW]
    assert all(c.attempts == 1 and c.team_id == "T1" for c in claimed)
    assert stored(engine, claim_due, worker="w2", now=NOW, lease=LEASE, limit=10) == []


def test_an_expired_lease_is_claimed_again_and_the_old_worker_is_fenced_out(engine):
    campaign = make_campaign(engine)
    [deliverable] = make_deliverables(engine, campaign, NOW, 1)
    plan(engine, campaign, deliverable, [NOW])
    [first] = stored(engine, claim_due, worker="w1", now=NOW, lease=LEASE, limit=10)
    later = NOW + LEASE + timedelta(seconds=1)
    [again] = stored(engine, claim_due, worker="w2", now=later, lease=LEASE, limit=10)
    assert again.id == first.id and again.attempts == 2 and again.first_claimed_at == NOW
    assert not stored(engine, mark_sent, "T1", first.id, "w1", channel_id="C1", ts="1.1", at=later, late=False)
    assert stored(engine, mark_sent, "T1", first.id, "w2", channel_id="C1", ts="1.2", at=later, late=False)
    row = stored(engine, get_reminder, "T1", first.id)
    assert (row.status, row.slack_ts) == ("sent", "1.2")


def test_a_released_reminder_waits_for_its_retry_time(engine):
    campaign = make_campaign(engine)
    [deliverable] = make_deliverables(engine, campaign, NOW, 1)
    plan(engine, campaign, deliverable, [NOW])
    [claimed] = stored(engine, claim_due, worker="w1", now=NOW, lease=LEASE, limit=10)
    assert stored(engine, release, "T1", claimed.id, "w1", retry_at=NOW + minutes(1), error="ratelimited")
    assert stored(engine, claim_due, worker="w1", now=NOW + timedelta(seconds=30), lease=LEASE, limit=10) == []
    [retried] = stored(engine, claim_due, worker="w1", now=NOW + minutes(1), lease=LEASE, limit=10)
    assert retried.attempts == 1  # a 429 is not a failed attempt


def test_cancelling_is_scoped_to_the_workspace(engine):
    one = make_campaign(engine, team_id="T1")
    two = make_campaign(engine, team_id="T2")
    [d1] = make_deliverables(engine, one, NOW, 1, team_id="T1")
    [d2] = make_deliverables(engine, two, NOW, 1, team_id="T2")
    plan(engine, one, d1, [NOW], team_id="T1")
    plan(engine, two, d2, [NOW], team_id="T2")
    with transaction(engine) as session:
        assert cancel_pending(session, "T1", deliverable_id=d2) == 0  # T1 cannot touch T2's rows
        assert cancel_pending(session, "T1") == 1
    [left] = stored(engine, claim_due, worker="w", now=NOW, lease=LEASE, limit=10)
    assert left.team_id == "T2"


def test_concurrent_claims_never_share_a_reminder(engine):
    campaign = make_campaign(engine)
    deliverables = make_deliverables(engine, campaign, NOW, 200)
    for deliverable in deliverables:
        plan(engine, campaign, deliverable, [NOW])
    seen: list[int] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        while batch := stored(engine, claim_due, worker=name, now=NOW, lease=LEASE, limit=7):
            with lock:
                seen.extend(c.id for c in batch)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 200 and len(set(seen)) == 200


def test_upgrading_while_a_reminder_is_in_flight_has_its_retry_look_in_the_channel_from_its_first_claim(
    database_url, engine
):
    """Workers from before the upgrade did not note when they began to post: a claim they left is checked from
    its first claim on, so a post they made and did not record is found rather than sent again."""
    # The campaign is made with today's schema: later migrations add campaign columns the ORM writes.
    campaign = make_campaign(engine)
    [deliverable] = make_deliverables(engine, campaign, NOW, 1)
    downgrade(database_url, "0006")
    plan(engine, campaign, deliverable, [NOW])
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE reminder SET status = 'sending', claimed_by = 'old', first_claimed_at = :at, lease_until = :at"
            ),
            {"at": NOW},
        )
    upgrade(database_url)
    [retry] = stored(engine, claim_due, worker="new", now=NOW + minutes(1), lease=LEASE, limit=10)
    assert retry.posting_since == NOW
