"""Reminder delivery for the dispatcher: each step is its own short unit of work, so a claim is recorded before
anything is posted and every outcome is recorded (fenced by the claim) as soon as it is known."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Concatenate

from sqlalchemy.orm import Session

from bot.campaigns.channel_reads import (
    ChannelCheck,
    CheckWindow,
    HistoryPage,
    check_window,
    plan_check,
    span_of,
    verdict,
)
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_status import ClaimedReminder
from bot.services.purging import purge_each_workspace
from storage import campaigns as campaign_store
from storage import channel_reads as page_store
from storage import digests as digest_store
from storage import reminders as store
from storage.uow import UnitOfWork


def claim_due(uow: UnitOfWork, *, worker: str, now: datetime, lease: timedelta, limit: int) -> list[ClaimedReminder]:
    """Take up to `limit` due reminders under a lease (across workspaces: the dispatcher serves them all)."""
    with uow:
        claimed = store.claim_due(uow.session, worker=worker, now=now, lease=lease, limit=limit)
        uow.commit()
    return claimed


def subject(uow: UnitOfWork, reminder: ClaimedReminder) -> DeliverableContext | None:
    """The deliverable a claimed reminder is about, if it still needs this reminder: None when it was removed,
    closed (posted, finished, dropped) or its deadline moved since the reminder was planned."""
    if reminder.deliverable_id is None:
        return None
    with uow:
        context = campaign_store.deliverable_context(uow.session, reminder.team_id, reminder.deliverable_id)
    if context is None or not context.is_open or context.deliverable.version != reminder.deliverable_version:
        return None
    return context


# A fenced step in storage.reminders: (session, team_id, reminder_id, worker, *, its own keywords) -> held.
FencedStep = Callable[Concatenate[Session, str, int, str, ...], bool]


def _record(uow: UnitOfWork, step: FencedStep, reminder: ClaimedReminder, worker: str, **values: object) -> bool:
    with uow:
        held = step(uow.session, reminder.team_id, reminder.id, worker, **values)
        uow.commit()
    return bool(held)


def renew(uow: UnitOfWork, reminder: ClaimedReminder, worker: str, *, until: datetime) -> bool:
    """Keep the claim while working on it; False: the lease ran out and another worker has the reminder now."""
    return _record(uow, store.renew, reminder, worker, until=until)


def start_post(
    uow: UnitOfWork,
    reminder: ClaimedReminder,
    worker: str,
    *,
    at: datetime,
    until: datetime,
    results: Mapping[str, Any] | None = None,
) -> bool:
    """About to post: the lease runs to `until`, and a retry looks for this post from `at` on. False: the lease
    ran out and another worker has the reminder now, so this one must not post it. A digest's `results` are kept
    with it in the same transaction: once it is recorded as sent (or found in the channel), the next digest
    compares with what this one showed."""
    with uow:
        held = store.start_post(uow.session, reminder.team_id, reminder.id, worker, at=at, until=until)
        if held and results is not None:
            digest_store.save_snapshot(uow.session, reminder.team_id, reminder.campaign_id, reminder.id, results, at=at)
        uow.commit()
    return held


def mark_sent(
    uow: UnitOfWork, reminder: ClaimedReminder, worker: str, *, channel_id: str, ts: str, at: datetime, late: bool
) -> bool:
    """Posted: keep where. False if this worker lost its claim first (another may post it again)."""
    return _record(uow, store.mark_sent, reminder, worker, channel_id=channel_id, ts=ts, at=at, late=late)


def release(
    uow: UnitOfWork,
    reminder: ClaimedReminder,
    worker: str,
    *,
    retry_at: datetime,
    error: str,
    nothing_posted: bool = False,
) -> bool:
    """Back to pending for `retry_at` (a 429, or a catch-up message that failed); not counted as an attempt.
    `nothing_posted`: Slack refused the post this attempt began, so there is nothing to look for in the channel."""
    return _record(uow, store.release, reminder, worker, retry_at=retry_at, error=error, nothing_posted=nothing_posted)


def cancel(uow: UnitOfWork, reminder: ClaimedReminder, worker: str, *, reason: str | None = None) -> bool:
    return _record(uow, store.cancel, reminder, worker, reason=reason)


def fail(uow: UnitOfWork, reminder: ClaimedReminder, worker: str, *, error: str) -> bool:
    return _record(uow, store.fail, reminder, worker, error=error)


def keep_claim(uow: UnitOfWork, reminder: ClaimedReminder, worker: str, *, error: str) -> bool:
    return _record(uow, store.keep_claim, reminder, worker, error=error)


def mark_done(uow: UnitOfWork, reminder: ClaimedReminder, worker: str, *, at: datetime) -> bool:
    """Work that posts nothing is done. False if this worker lost its claim first."""
    return _record(uow, store.mark_done, reminder, worker, at=at)


def roll_up(uow: UnitOfWork, reminders: list[ClaimedReminder], worker: str, *, at: datetime) -> int:
    """Reminders that went out together as one catch-up message."""
    with uow:
        done = sum(store.roll_up(uow.session, r.team_id, r.id, worker, at=at) for r in reminders)
        uow.commit()
    return done


def cancel_workspace(uow: UnitOfWork, team_id: str) -> int:
    """A workspace found uninstalled: none of its pending reminders will be sent."""
    with uow:
        cancelled = store.cancel_pending(uow.session, team_id)
        uow.commit()
    return cancelled


def next_due_at(uow: UnitOfWork, *, after: datetime, until: datetime) -> datetime | None:
    """When the next pending reminder comes due in (after, until]: the console steps its clock through these."""
    with uow:
        return store.next_attempt_at(uow.session, after=after, until=until)


# --- looking in the channel for an earlier attempt's post ---------------------------------------------------------
# Pages older than this answer no check: a reminder that late is rolled up into one catch-up message, unchecked.
READ_RETENTION = timedelta(days=2)


def channel_check(
    uow: UnitOfWork, team_id: str, channel_id: str, own: CheckWindow, *, lease: timedelta, now: datetime
) -> ChannelCheck:
    """What the pages of the channel read so far (by any worker) say of `own`'s reminder, and, if they do not
    say yet, the one range to read for it and every other reminder of the channel that awaits a check."""
    with uow:
        waiting = store.awaiting_check(uow.session, team_id, channel_id)
        others = [check_window(r.id, r.posting_since, lease, now) for r in waiting if r.id != own.reminder_id]
        since, until = span_of([own, *others])
        pages = page_store.pages_within(uow.session, team_id, channel_id, since, until)
    return plan_check(own, others, pages)


def keep_page(uow: UnitOfWork, team_id: str, channel_id: str, page: HistoryPage) -> None:
    """A conversations.history page just read, for every later check of the channel."""
    with uow:
        page_store.add_page(uow.session, team_id, channel_id, page)
        uow.commit()


def bring_forward_answered(uow: UnitOfWork, team_id: str, channel_id: str, *, lease: timedelta, now: datetime) -> int:
    """Reminders of the channel put back until Slack would let them read it, which the pages kept now answer:
    due now, so they go out without waiting for a read of their own."""
    with uow:
        waiting = [r for r in store.awaiting_check(uow.session, team_id, channel_id) if r.pending]
        waiting = [r for r in waiting if r.next_attempt_at > now]
        if not waiting:
            return 0
        # Their widest window (checked after that attempt's lease): answered for it, answered for any claim.
        windows = [check_window(r.id, r.posting_since, lease, r.posting_since + lease) for r in waiting]
        pages = page_store.pages_within(uow.session, team_id, channel_id, *span_of(windows))
        answered = [w.reminder_id for w in windows if verdict(w, pages).decided]
        moved = store.bring_forward(uow.session, team_id, answered, to=now)
        uow.commit()
    return moved


def purge_old_reads(uow: UnitOfWork, now: datetime) -> int:
    """Forget pages too old to answer any check, one workspace at a time."""
    return purge_each_workspace(uow, page_store.teams_with_pages, page_store.purge_pages, now - READ_RETENTION)
