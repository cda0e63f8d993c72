"""Live checks as the dispatcher runs them: a live post's caption read again a day after it went live (nothing
posted; a change plans an alert), and the alert itself, posted through the dispatcher's own fenced delivery, so
the channel hears of a change once however many dispatchers tick."""

from __future__ import annotations

import logging
from enum import StrEnum

from bot.campaigns.reminder_status import ClaimedReminder
from bot.services import Services, live_checks, reminders
from bot.sources.errors import RateLimited, SourceError, SourceUnavailable
from handlers.blocks.live_checks import alert_message
from handlers.jobs.outgoing import Outgoing
from handlers.jobs.refresh import later

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    """What became of a re-check; each value names the dispatcher's TickResult counter it adds to."""

    rechecked = "rechecked"
    cancelled = "cancelled"
    deferred = "deferred"
    failed = "failed"
    taken_over = "taken_over"


def recheck(services: Services, reminder: ClaimedReminder, worker: str) -> Outcome:
    """Read one live post's caption now and keep its check; a change plans the alert in the same transaction."""
    context = (
        live_checks.live_post(services.uow(), reminder.team_id, reminder.deliverable_id)
        if reminder.deliverable_id is not None
        else None
    )
    if context is None:  # dropped, removed, or without a link since it was planned
        reminders.cancel(services.uow(), reminder, worker)
        return Outcome.cancelled
    try:
        reading = live_checks.read_caption(services.sources, context)
    except (RateLimited, SourceUnavailable) as error:
        return Outcome(later(services, reminder, worker, error).value)  # deferred, or failed once a day late
    except SourceError as error:  # read_caption turns lasting refusals into a reading; kept as it came otherwise
        reading = live_checks.Reading(context.creator.platform.value, why_not=str(error))
    except Exception as error:  # a bug in one adapter must not stop the tick: kept as not checkable, logged
        logger.exception("live re-check %s: unexpected error", reminder.id)
        reading = live_checks.Reading(
            context.creator.platform.value, why_not=f"unexpected error: {type(error).__name__}"
        )
    recorded = live_checks.record_recheck(services.uow(), reminder, worker, context, reading, services.clock())
    return Outcome.taken_over if recorded is None else Outcome.rechecked


def alert_outgoing(services: Services, reminder: ClaimedReminder, *, late: bool) -> Outgoing | None:
    """The alert as it is posted; None when its deliverable was removed or dropped since."""
    alert = live_checks.alert_of(services.uow(), reminder)
    if alert is None:
        return None
    text, blocks = alert_message(alert.context, alert.check, alert.what_changed, alert.first)
    return Outgoing(alert.context.campaign, text, blocks, what="a live caption alert", late=late)
