"""Time-triggered work. APScheduler only ticks these functions; the database holds what is due."""

from __future__ import annotations

from apscheduler.schedulers.base import BaseScheduler

from bot.services import Services
from handlers.jobs.housekeeping import purge_old_event_ids


def register(scheduler: BaseScheduler, services: Services) -> None:
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
