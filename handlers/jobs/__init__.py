"""Time-triggered work. APScheduler only ticks these functions; the database holds what is due."""

from __future__ import annotations

from apscheduler.schedulers.base import BaseScheduler

from bot.services import Services
from handlers.jobs.dispatcher import Dispatcher
from handlers.jobs.housekeeping import purge_old_event_ids

DISPATCH_EVERY_SECONDS = 15


def register(scheduler: BaseScheduler, services: Services) -> None:
    # First tick at start-up: that is the catch-up after downtime.
    scheduler.add_job(
        Dispatcher(services).tick,
        "interval",
        seconds=DISPATCH_EVERY_SECONDS,
        id="dispatch_reminders",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        next_run_time=services.clock(),
    )
    scheduler.add_job(
        purge_old_event_ids,
        "interval",
        hours=6,
        args=[services],
        id="purge_old_event_ids",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
