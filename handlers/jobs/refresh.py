"""A post-metrics refresh: the live post's public numbers read from its platform (YouTube statistics, Instagram's
recent media, or snapshot files offline) and saved as an observation the report counts. Nothing goes to Slack.

The fetch happens between two short units of work, never inside one. A platform that no longer shows the post,
or that refuses for good, fails the refresh with the reason; a rate limit or an outage sends it back for a
later try (until it is a day late); nothing here raises into the tick.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from enum import StrEnum

from bot.campaigns.reminder_status import ClaimedReminder
from bot.services import Services, post_refresh, reminders
from bot.sources.errors import RateLimited, SourceError, SourceUnavailable

logger = logging.getLogger(__name__)

RETRY_AFTER = timedelta(minutes=15)  # a platform that is down or busy: try again then
MAX_RETRY_WAIT = timedelta(hours=12)
GIVE_UP_AFTER = timedelta(days=1)  # later than this after its planned time, a refresh failing for now fails


class Outcome(StrEnum):
    """What became of a refresh; each value names the dispatcher's TickResult counter it adds to."""

    stored = "refreshed"
    cancelled = "cancelled"
    deferred = "deferred"
    failed = "failed"
    taken_over = "taken_over"


def refresh(services: Services, reminder: ClaimedReminder, worker: str) -> Outcome:
    """Read one live post's numbers now and keep them; the outcome is recorded on the row."""
    target = post_refresh.refresh_target(services.uow(), reminder)
    if target is None:  # dropped, removed, or without a link since it was planned
        reminders.cancel(services.uow(), reminder, worker)
        return Outcome.cancelled
    if services.sources is None:
        return _fail(services, reminder, worker, "no platform source is configured")
    try:
        stats = services.sources.post_stats(target.handle, target.platform, target.post_url)
    except (RateLimited, SourceUnavailable) as error:
        return later(services, reminder, worker, error)
    except SourceError as error:
        return _fail(services, reminder, worker, str(error))
    except Exception as error:  # a bug in one adapter must not stop the tick: kept on the row, logged in full
        logger.exception("metrics refresh %s: unexpected error", reminder.id)
        return _fail(services, reminder, worker, f"unexpected error: {type(error).__name__}")
    if stats is None:
        reason = f"{target.platform.value} no longer shows the post (deleted, private, or past its recent posts)"
        return _fail(services, reminder, worker, reason)
    if not post_refresh.record_refresh(services.uow(), reminder, worker, target, stats, at=services.clock()):
        return Outcome.taken_over
    return Outcome.stored


def later(services: Services, reminder: ClaimedReminder, worker: str, error: SourceError) -> Outcome:
    """A platform down or busy: the row goes back for a later try, or fails once it is a day late."""
    now = services.clock()
    if now - reminder.fire_at > GIVE_UP_AFTER:
        return _fail(services, reminder, worker, f"gave up after a day: {error}")
    wait = RETRY_AFTER
    if isinstance(error, RateLimited) and error.retry_after:
        wait = max(wait, timedelta(seconds=error.retry_after))
    retry_at = now + min(wait, MAX_RETRY_WAIT)
    reminders.release(services.uow(), reminder, worker, retry_at=retry_at, error=str(error)[:500])
    return Outcome.deferred


def _fail(services: Services, reminder: ClaimedReminder, worker: str, reason: str) -> Outcome:
    logger.info("metrics refresh %s failed: %s", reminder.id, reason)
    reminders.fail(services.uow(), reminder, worker, error=reason[:500])
    return Outcome.failed
