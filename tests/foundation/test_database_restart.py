"""PostgreSQL restarts under a running app: the user hears about it, nothing they typed is lost, the work resumes.

The app reaches PostgreSQL through a TCP relay that the test takes down (live connections drop, new ones are
refused) and brings back on the same address, which is what a restart looks like from the app.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import make_url

from bot.services import Services
from handlers.failures import DATABASE_DOWN
from handlers.jobs import until_the_database_is_back
from handlers.jobs.dispatcher import Dispatcher
from storage.db import make_engine
from storage.migrate import upgrade
from storage.reminders import list_reminders
from tests.databases import postgres_schema_url, stored
from tests.harness import TEAM, SlackHarness, get, oauth_settings, seen, serve_app, single_workspace_settings
from tests.harness import oauth_install as install
from tests.reminders.clock import Clock
from tests.reminders.factories import make_campaign, make_deliverables, plan
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def relay() -> Iterator[tuple[TcpProxy, str]]:
    """(the relay, a migrated PostgreSQL schema's URL through it)."""
    with postgres_schema_url() as url:
        upgrade(url)
        direct = make_url(url)
        with TcpProxy((direct.host or "127.0.0.1", direct.port or 5432)) as proxy:
            yield proxy, direct.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


@pytest.fixture
def app_on_relay(relay, standin) -> Iterator[tuple[TcpProxy, SlackHarness]]:
    proxy, url = relay
    engine = make_engine(url, connect_args={"connect_timeout": 3})
    with serve_app(single_workspace_settings(url), engine, standin) as harness:
        yield proxy, harness
    engine.dispose()


def said(slack: SlackHarness, count: int) -> str:
    return slack.wait_for("response_url", count=count, timeout=10)[-1].params["text"]


def test_healthz_names_the_database_while_it_is_down(app_on_relay):
    proxy, slack = app_on_relay
    assert get(slack.server.url + "/healthz").json() == {"status": "ok", "database": "ok"}
    proxy.outage()
    down = get(slack.server.url + "/healthz")
    assert down.status_code == 503  # a load balancer takes this worker out of rotation
    assert down.json()["status"] == "unavailable"
    assert down.json()["database"].startswith("unavailable: ")
    proxy.restore()
    assert get(slack.server.url + "/healthz").status_code == 200


def test_a_command_during_a_restart_is_answered_and_works_again_afterwards(app_on_relay):
    proxy, slack = app_on_relay
    slack.command("/vet", "@nina_nano_sample")
    slack.wait_for("chat.update", timeout=10)

    proxy.outage()
    response = slack.command("/vet", "@bella_bought_sample")

    assert response.status_code == 200  # acked at once: nothing touches the database before ack()
    assert said(slack, 1) == DATABASE_DOWN

    proxy.restore()
    slack.command("/vet", "@bella_bought_sample")
    [_, card] = slack.wait_for("chat.update", count=2, timeout=10)
    assert "@BELLA_BOUGHT_SAMPLE · INSTAGRAM · MICRO" in seen(card.params).splitlines()


def test_a_modal_submitted_during_a_restart_comes_back_to_its_author(app_on_relay):
    proxy, slack = app_on_relay
    slack.command("/campaign", "new")
    [opened] = slack.wait_for("views.open", timeout=10)

    proxy.outage()
    values = {"name": "Autumn Launch", "start": "2030-09-01", "end": "2030-10-31", "budget": "7500"}
    slack.submit(opened.answer["view"], values | {"timezone": "Europe/Paris"})

    [dm] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == slack.user_id, timeout=10)
    text = dm.params["text"]
    assert DATABASE_DOWN in text
    assert "Here is what you entered" in text
    assert "Autumn Launch" in text and "2030-09-01" in text and "7500" in text and "Europe/Paris" in text


def test_the_dispatcher_skips_ticks_while_the_database_is_down_and_then_delivers_once(
    relay, standin, caplog: pytest.LogCaptureFixture
):
    proxy, url = relay
    engine = make_engine(url, connect_args={"connect_timeout": 3})
    clock = Clock(NOW)
    campaign = make_campaign(engine, team_id=TEAM)
    [deliverable] = make_deliverables(engine, campaign, NOW + timedelta(days=1), 1, team_id=TEAM)
    plan(engine, campaign, deliverable, [NOW - timedelta(minutes=1)], team_id=TEAM)
    settings = single_workspace_settings(url).model_copy(update={"slack_api_url": standin.api_url})
    tick = until_the_database_is_back(
        Dispatcher(Services(settings=settings, engine=engine, clock=clock), worker="w1", channel_pace=0).tick
    )

    proxy.outage()
    with caplog.at_level(logging.WARNING, logger="handlers.jobs"):
        assert tick() is None  # no exception reaches the scheduler
    assert "tick: the database is unavailable" in caplog.text
    assert standin.calls_to("chat.postMessage") == []

    proxy.restore()
    result = tick()
    tick()

    assert result.sent == 1
    assert len(standin.calls_to("chat.postMessage")) == 1
    assert [r.status for r in stored(engine, list_reminders, TEAM)] == ["sent"]
    engine.dispose()


def test_with_oauth_a_command_during_a_restart_is_still_answered(relay, standin):
    """Bolt looks the workspace's token up in the database before any listener runs; that failure is told too."""
    proxy, url = relay
    engine = make_engine(url, connect_args={"connect_timeout": 3})
    with serve_app(oauth_settings(url), engine, standin) as slack:
        standin.add_oauth_code("code-two", "T0TWO", "xoxb-team-two", name="Team Two")
        assert install(slack, "code-two").status_code == 200
        slack.team_id = "T0TWO"

        proxy.outage()
        slack.command("/creatorops", "help")
        assert said(slack, 1) == DATABASE_DOWN

        proxy.restore()
        answer = slack.command("/creatorops", "help").json()
        assert "/vet @handle [instagram|tiktok|youtube]" in seen(answer).splitlines()
    engine.dispose()
