"""What the dispatcher tests share: the test's clock and services, dispatchers that wait on that clock,
reminders to dispatch, and what reached the channels."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from bot.services import Services
from handlers.jobs.dispatcher import Dispatcher, TickResult
from tests.harness import TEAM, single_workspace_settings
from tests.reminders.clock import Clock
from tests.reminders.factories import make_campaign, make_deliverables, plan

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def services(engine, database_url, standin, clock) -> Services:
    standin.clock = lambda: clock().timestamp()
    settings = single_workspace_settings(database_url).model_copy(update={"slack_api_url": standin.api_url})
    return Services(settings=settings, engine=engine, clock=clock)


def dispatcher(services: Services, name: str, **kw) -> Dispatcher:
    """A dispatcher whose waits (Retry-After between history pages) pass on the test's clock, which the stand-in
    reads too: Slack's one history read a minute holds as it would, without the test sleeping."""
    kw.setdefault("sleep", lambda seconds: services.clock.advance(seconds=seconds))  # type: ignore[attr-defined]
    return Dispatcher(services, worker=name, lease=LEASE, channel_pace=0, **kw)


def posted_reminder_ids(standin) -> Counter:
    return Counter(
        call.params["metadata"]["event_payload"]["reminder_id"]
        for call in standin.calls_to("chat.postMessage")
        if call.status == 200 and call.answer.get("ok") and call.params.get("metadata")
    )


def tick_at_once(services: Services, workers: int = 2, **kw) -> list[TickResult]:
    """`workers` dispatchers, each in its own thread, start their tick at the same moment."""
    start = threading.Barrier(workers)
    results: list[TickResult] = []

    def run(name: str) -> None:
        start.wait()
        results.append(dispatcher(services, name, **kw).tick())

    threads = [threading.Thread(target=run, args=(f"worker-{i}",)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def setup_reminders(engine, n: int, *, channels: int = 1, fire_at: datetime = NOW, name: str = "Campaign") -> list[int]:
    ids = []
    for c in range(channels):
        campaign = make_campaign(engine, team_id=TEAM, name=f"{name} {c}", channel=f"C{c:04d}")
        for deliverable in make_deliverables(
            engine, campaign, fire_at + timedelta(days=3), n // channels, team_id=TEAM
        ):
            plan(engine, campaign, deliverable, [fire_at], team_id=TEAM)
            ids.append(deliverable)
    return ids


def reminders_in(standin, channel: str) -> Counter:
    """The reminders that are in the channel (a post that answered 5xx may be there too)."""
    return Counter(
        message["metadata"]["event_payload"]["reminder_id"]
        for message in standin.messages.get(channel, [])
        if message.get("metadata")
    )
