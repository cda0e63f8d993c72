"""Reminder rows: planning, claiming under a lease, and fenced state changes.

The claim is the one query that spans workspaces: the dispatcher serves them all. Each claimed row carries
its team_id, and every later statement is scoped by it and fenced by the claim (status='sending' AND
claimed_by=me), so a worker that lost its lease can never overwrite the work of the one that took over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.campaigns.channel_reads import AwaitingCheck
from bot.campaigns.dispatch_kinds import DEADLINE_KINDS, DIGEST_KINDS
from bot.campaigns.reminder_status import ClaimedReminder, ReminderStatus
from storage.db import dialect_insert, execute_dml
from storage.models import Campaign, Reminder

PENDING, SENDING = ReminderStatus.pending.value, ReminderStatus.sending.value


@dataclass(frozen=True)
class PlannedRow:
    kind: str
    fire_at: datetime
    idempotency_key: str
    audience: str = "channel"


def _pending(
    team_id: str, campaign_id: int, deliverable_id: int | None, deliverable_version: int, row: PlannedRow
) -> dict[str, object]:
    """A planned row's columns, pending from its planned time."""
    return {
        "team_id": team_id,
        "campaign_id": campaign_id,
        "deliverable_id": deliverable_id,
        "deliverable_version": deliverable_version,
        "kind": row.kind,
        "audience": row.audience,
        "fire_at": row.fire_at,
        "next_attempt_at": row.fire_at,
        "idempotency_key": row.idempotency_key,
        "status": PENDING,
        "attempts": 0,
        "late": False,
    }


def insert_planned(
    session: Session,
    *,
    team_id: str,
    campaign_id: int,
    deliverable_id: int | None,
    deliverable_version: int,
    planned: Iterable[PlannedRow],
) -> int:
    """Insert reminders; one already planned under the same key is left alone (retries are no-ops)."""
    rows = [_pending(team_id, campaign_id, deliverable_id, deliverable_version, row) for row in planned]
    if not rows:
        return 0
    statement = (
        dialect_insert(session)(Reminder)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["team_id", "idempotency_key"])
        .returning(Reminder.id)
    )
    return len(session.execute(statement).all())


def cancel_pending(
    session: Session, team_id: str, *, deliverable_id: int | None = None, kinds: Iterable[str] | None = None
) -> int:
    """Cancel what has not been claimed yet: for a deliverable, or (without one) for the workspace; only rows of
    these `kinds` when given."""
    conditions = [Reminder.team_id == team_id, Reminder.status == PENDING]
    if deliverable_id is not None:
        conditions.append(Reminder.deliverable_id == deliverable_id)
    if kinds is not None:
        conditions.append(Reminder.kind.in_(tuple(kinds)))
    result = execute_dml(session, update(Reminder).where(*conditions).values(status=ReminderStatus.cancelled.value))
    return int(result.rowcount or 0)


def replan_digests(
    session: Session, team_id: str, campaign_id: int, planned: Iterable[PlannedRow], *, now: datetime
) -> int:
    """The campaign's digests from now on are `planned`: its pending digests still ahead are cancelled and the
    planned ones inserted. A planned digest whose key was cancelled before (the same schedule set again) is made
    pending again; a key already pending stays as it is. Rows ahead of `now` were never claimed, so nothing that
    may have been posted is ever revived. Returns how many digests are pending ahead now."""
    execute_dml(
        session,
        update(Reminder)
        .where(
            Reminder.team_id == team_id,
            Reminder.campaign_id == campaign_id,
            Reminder.kind.in_(DIGEST_KINDS),
            Reminder.status == PENDING,
            Reminder.fire_at > now,
        )
        .values(status=ReminderStatus.cancelled.value, last_error="replanned")
        .execution_options(synchronize_session=False),
    )
    rows = [_pending(team_id, campaign_id, None, 1, row) for row in planned if row.fire_at > now]
    if rows:
        statement = dialect_insert(session)(Reminder).values(rows)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["team_id", "idempotency_key"],
                set_={"status": PENDING, "next_attempt_at": statement.excluded.next_attempt_at, "last_error": None},
                where=and_(Reminder.status == ReminderStatus.cancelled.value, Reminder.first_claimed_at.is_(None)),
            )
        )
    return len(pending_digests(session, team_id, campaign_id, after=now))


def _pending_times(
    session: Session, *where: ColumnElement[bool], at: InstrumentedAttribute[datetime]
) -> list[tuple[str, datetime]]:
    """(kind, `at`) of the pending reminders that match `where`, soonest first."""
    rows = session.execute(
        select(Reminder.kind, at).where(Reminder.status == PENDING, *where).order_by(at, Reminder.id)
    ).all()
    return [(kind, when) for kind, when in rows]


def pending_digests(session: Session, team_id: str, campaign_id: int, *, after: datetime) -> list[tuple[str, datetime]]:
    """(kind, fire_at) of the campaign's digests still to come after `after`, soonest first."""
    mine = (Reminder.team_id == team_id, Reminder.campaign_id == campaign_id, Reminder.kind.in_(DIGEST_KINDS))
    return _pending_times(session, *mine, Reminder.fire_at > after, at=Reminder.fire_at)


def claim_due(session: Session, *, worker: str, now: datetime, lease: timedelta, limit: int) -> list[ClaimedReminder]:
    """Take up to `limit` due reminders (and ones whose lease expired) under a lease. The caller commits at once.

    PostgreSQL: FOR UPDATE SKIP LOCKED lets several dispatchers split the rows. SQLite: SQLAlchemy drops
    SKIP LOCKED there, so the claim runs under BEGIN IMMEDIATE, SQLite's single-writer lock.
    """
    due = or_(
        and_(Reminder.status == PENDING, Reminder.next_attempt_at <= now),
        and_(Reminder.status == SENDING, Reminder.lease_until < now),
    )
    candidates = (
        select(Reminder.id).where(due).order_by(Reminder.next_attempt_at).limit(limit).with_for_update(skip_locked=True)
    )
    statement = (
        update(Reminder)
        .where(Reminder.id.in_(candidates.scalar_subquery()))
        .values(
            status=SENDING,
            claimed_by=worker,
            lease_until=now + lease,
            attempts=Reminder.attempts + 1,
            first_claimed_at=func.coalesce(Reminder.first_claimed_at, now),
        )
        .returning(
            Reminder.id,
            Reminder.team_id,
            Reminder.campaign_id,
            Reminder.deliverable_id,
            Reminder.deliverable_version,
            Reminder.kind,
            Reminder.audience,
            Reminder.fire_at,
            Reminder.attempts,
            Reminder.first_claimed_at,
            Reminder.lease_until,
            Reminder.posting_since,
            Reminder.draft_version_id,
        )
        .execution_options(synchronize_session=False)
    )
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    rows = connection.execute(statement).all()
    claimed = [ClaimedReminder(**row._asdict()) for row in rows]
    return sorted(claimed, key=lambda c: (c.fire_at, c.id))


def _fenced(team_id: str, reminder_id: int, worker: str) -> tuple[ColumnElement[bool], ...]:
    return (
        Reminder.team_id == team_id,
        Reminder.id == reminder_id,
        Reminder.status == SENDING,
        Reminder.claimed_by == worker,
    )


def _finish(session: Session, team_id: str, reminder_id: int, worker: str, **values: object) -> bool:
    """Change a claimed reminder only while this worker still holds its claim; False if it lost it."""
    result = execute_dml(
        session,
        update(Reminder)
        .where(*_fenced(team_id, reminder_id, worker))
        .values(**values)
        .execution_options(synchronize_session=False),
    )
    return bool(result.rowcount)


def mark_sent(
    session: Session, team_id: str, reminder_id: int, worker: str, *, channel_id: str, ts: str, at: datetime, late: bool
) -> bool:
    return _finish(
        session,
        team_id,
        reminder_id,
        worker,
        status=ReminderStatus.sent.value,
        channel_id=channel_id,
        slack_ts=ts,
        sent_at=at,
        late=late,
        lease_until=None,
    )


def release(
    session: Session,
    team_id: str,
    reminder_id: int,
    worker: str,
    *,
    retry_at: datetime,
    error: str,
    nothing_posted: bool = False,
) -> bool:
    """Give a claimed reminder back for a later attempt (a 429, or pacing); not counted as a failure.
    `nothing_posted`: Slack refused this attempt's post, and any earlier post was looked for before it, so the
    next attempt need not look in the channel."""
    return _finish(
        session,
        team_id,
        reminder_id,
        worker,
        status=PENDING,
        next_attempt_at=retry_at,
        claimed_by=None,
        lease_until=None,
        attempts=Reminder.attempts - 1,
        last_error=error,
        **({"posting_since": None} if nothing_posted else {}),
    )


def cancel(session: Session, team_id: str, reminder_id: int, worker: str, *, reason: str | None = None) -> bool:
    """Not needed any more (the deliverable was posted, dropped or its deadline moved; or superseded)."""
    return _finish(
        session,
        team_id,
        reminder_id,
        worker,
        status=ReminderStatus.cancelled.value,
        lease_until=None,
        **({"last_error": reason} if reason else {}),
    )


def fail(session: Session, team_id: str, reminder_id: int, worker: str, *, error: str) -> bool:
    """Slack refused it for good (channel gone, app uninstalled): never tried again."""
    return _finish(
        session, team_id, reminder_id, worker, status=ReminderStatus.failed.value, last_error=error, lease_until=None
    )


def mark_done(session: Session, team_id: str, reminder_id: int, worker: str, *, at: datetime) -> bool:
    """Work that posts nothing (a post-metrics refresh) is done."""
    return _finish(
        session, team_id, reminder_id, worker, status=ReminderStatus.sent.value, sent_at=at, lease_until=None
    )


def roll_up(session: Session, team_id: str, reminder_id: int, worker: str, *, at: datetime) -> bool:
    """Too old to send: it went out as a line of one catch-up message instead."""
    return _finish(
        session, team_id, reminder_id, worker, status=ReminderStatus.rolled_up.value, sent_at=at, lease_until=None
    )


def keep_claim(session: Session, team_id: str, reminder_id: int, worker: str, *, error: str) -> bool:
    """The send may or may not have reached Slack: keep the claim, so the next attempt (after the lease)
    looks in the channel before posting again."""
    return _finish(session, team_id, reminder_id, worker, last_error=f"ambiguous: {error}")


def renew(session: Session, team_id: str, reminder_id: int, worker: str, *, until: datetime) -> bool:
    """Extend this worker's lease before it posts; False when the lease had run out and another worker took it."""
    return _finish(session, team_id, reminder_id, worker, lease_until=until)


def start_post(session: Session, team_id: str, reminder_id: int, worker: str, *, at: datetime, until: datetime) -> bool:
    """Right before chat.postMessage: renew the lease, and note that a post may land from `at` on (an earlier
    attempt's post, if any, was looked for already). False when another worker has taken the reminder."""
    return _finish(session, team_id, reminder_id, worker, lease_until=until, posting_since=at)


AWAITING_PER_CHANNEL = 100  # a read is planned for at most this many reminders of one channel


def awaiting_check(session: Session, team_id: str, channel_id: str) -> list[AwaitingCheck]:
    """Reminders of the channel that an earlier attempt began to post and that are not settled yet: each must be
    looked for in the channel before it is posted again."""
    rows = session.execute(
        select(Reminder.id, Reminder.posting_since, Reminder.status, Reminder.next_attempt_at)
        .join(Campaign, Campaign.id == Reminder.campaign_id)
        .where(
            Reminder.team_id == team_id,
            Campaign.team_id == team_id,
            Campaign.channel_id == channel_id,
            Reminder.audience == "channel",
            Reminder.status.in_((PENDING, SENDING)),
            Reminder.posting_since.is_not(None),
        )
        .order_by(Reminder.posting_since)
        .limit(AWAITING_PER_CHANNEL)
    ).all()
    return [
        AwaitingCheck(
            id=row.id,
            posting_since=row.posting_since,
            pending=row.status == PENDING,
            next_attempt_at=row.next_attempt_at,
        )
        for row in rows
    ]


def bring_forward(session: Session, team_id: str, reminder_ids: Iterable[int], *, to: datetime) -> int:
    """Pending reminders that were waiting to read the channel, and need not any more: due at `to`."""
    ids = list(reminder_ids)
    if not ids:
        return 0
    result = execute_dml(
        session,
        update(Reminder)
        .where(
            Reminder.team_id == team_id,
            Reminder.id.in_(ids),
            Reminder.status == PENDING,
            Reminder.next_attempt_at > to,
        )
        .values(next_attempt_at=to)
        .execution_options(synchronize_session=False),
    )
    return int(result.rowcount or 0)


def get_reminder(session: Session, team_id: str, reminder_id: int) -> Reminder | None:
    return session.scalar(select(Reminder).where(Reminder.team_id == team_id, Reminder.id == reminder_id))


def list_reminders(session: Session, team_id: str, *, deliverable_id: int | None = None) -> list[Reminder]:
    query = select(Reminder).where(Reminder.team_id == team_id)
    if deliverable_id is not None:
        query = query.where(Reminder.deliverable_id == deliverable_id)
    return list(session.scalars(query.order_by(Reminder.fire_at, Reminder.id)))


def pending_deadline_reminders(session: Session, team_id: str, deliverable_id: int) -> list[tuple[str, datetime]]:
    """(kind, when) of the deliverable's pending deadline reminders to its channel, soonest first."""
    mine = (Reminder.team_id == team_id, Reminder.deliverable_id == deliverable_id, Reminder.kind.in_(DEADLINE_KINDS))
    return _pending_times(session, *mine, Reminder.audience == "channel", at=Reminder.next_attempt_at)


def snooze(
    session: Session,
    team_id: str,
    *,
    campaign_id: int,
    deliverable_id: int,
    deliverable_version: int,
    until: datetime,
    replacement: PlannedRow,
) -> int:
    """Hold back the deliverable's reminders due until `until`, and remind once at `until` instead."""
    held = execute_dml(
        session,
        update(Reminder)
        .where(
            Reminder.team_id == team_id,
            Reminder.deliverable_id == deliverable_id,
            Reminder.kind.in_(DEADLINE_KINDS),  # a snooze holds deadline reminders, not a review's nudges
            Reminder.status == PENDING,
            Reminder.next_attempt_at <= until,  # at `until`: the planned one the snooze's reminder replaces
            Reminder.idempotency_key != replacement.idempotency_key,  # the same snooze clicked twice
        )
        .values(status=ReminderStatus.cancelled.value, last_error="snoozed")
        .execution_options(synchronize_session=False),
    ).rowcount
    insert_planned(
        session,
        team_id=team_id,
        campaign_id=campaign_id,
        deliverable_id=deliverable_id,
        deliverable_version=deliverable_version,
        planned=[replacement],
    )
    return int(held or 0)


def next_attempt_at(session: Session, *, after: datetime, until: datetime) -> datetime | None:
    """When the next pending reminder comes due in (after, until]: the console steps its clock through these."""
    return session.scalar(
        select(func.min(Reminder.next_attempt_at)).where(
            Reminder.status == PENDING, Reminder.next_attempt_at > after, Reminder.next_attempt_at <= until
        )
    )
