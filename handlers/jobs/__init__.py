"""Time-triggered work. APScheduler only ticks these functions; the database holds what is due."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from apscheduler.schedulers.base import BaseScheduler

from bot.services import Services, database_unavailable
from handlers.jobs.dispatcher import Dispatcher
from handlers.jobs.housekeeping import purge_expired_install_states, purge_old_channel_reads, purge_old_event_ids

# An empty tick is one index probe (about a millisecond): ticking often picks up a dead worker's reminders
# soon after their lease runs out.
DISPATCH_EVERY_SECONDS = 5
logger = logging.getLogger(__name__)


def until_the_database_is_back(job: Callable[..., Any]) -> Callable[..., Any]:
    """A tick that finds the database down says so in one line and leaves the work to the next tick: what is
    due stays in the database, and a claim it could not record expires and is reconciled."""

    @functools.wraps(job)
    def tick(*args: Any, **kwargs: Any) -> Any:
        try:
            return job(*args, **kwargs)
        except Exception as error:
            if not database_unavailable(error):
                raise
            logger.warning(
                "%s: the database is unavailable (%s); trying again at the next tick",
                job.__name__,
                getattr(error, "orig", None) or type(error).__name__,
            )
            return None

    return tick


def register(scheduler: BaseScheduler, services: Services) -> None:
    # First tick at start-up: that is the catch-up after downtime.
    scheduler.add_job(
        until_the_database_is_back(Dispatcher(services).tick),
        "interval",
        seconds=DISPATCH_EVERY_SECONDS,
        id="dispatch_reminders",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        next_run_time=services.clock(),
    )
    for job, hours in ((purge_expired_install_states, 1), (purge_old_event_ids, 6), (purge_old_channel_reads, 6)):
        scheduler.add_job(
            until_the_database_is_back(job),
            "interval",
            hours=hours,
            args=[services],
            id=job.__name__,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )
