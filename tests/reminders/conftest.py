"""A clock the test moves, shared by the services and the Slack stand-in."""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.harness import single_workspace_settings
from tests.reminders.clock import Clock
from tests.reminders.dispatching import NOW


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def services(engine, database_url, standin, clock) -> Services:
    standin.clock = lambda: clock().timestamp()
    settings = single_workspace_settings(database_url).model_copy(update={"slack_api_url": standin.api_url})
    return Services(settings=settings, engine=engine, clock=clock)
