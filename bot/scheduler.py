"""The scheduler process (`creatorops worker`) and its in-process twin for `serve` and the console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

import handlers.jobs
from bot.config import Mode, Settings
from bot.services import Services
from handlers.jobs.dispatcher import Dispatcher, TickResult
from storage.db import make_engine
from storage.migrate import upgrade
from storage.slack_stores import installation_store


def worker_services(settings: Settings) -> Services:
    """What `creatorops worker` runs on: the migrated database and, in OAuth mode, the installation store that
    holds each workspace's bot token (no Bolt App attaches one in this process). It imports no listener, so a
    worker restarted after a crash is back at work sooner."""
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    services = Services(settings=settings, engine=engine)
    if settings.mode is Mode.oauth:
        services.installation_store = installation_store(settings.slack_client_id or "", engine)
    return services


def build_scheduler(services: Services, *, blocking: bool) -> BackgroundScheduler | BlockingScheduler:
    scheduler_class = BlockingScheduler if blocking else BackgroundScheduler
    # Jobs live in memory only: they are ticks, the work they find is in the database.
    scheduler = scheduler_class(timezone="UTC", job_defaults={"misfire_grace_time": 60, "coalesce": True})
    handlers.jobs.register(scheduler, services)
    return scheduler


def reminder_tick(services: Services, **options: Any) -> Callable[[], TickResult]:
    """One dispatcher tick on demand (the console runs it when its clock moves)."""
    return Dispatcher(services, **options).tick
