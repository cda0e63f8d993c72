from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.localslack.standin import SlackStandIn
from storage.db import make_engine
from storage.migrate import upgrade
from tests.databases import postgres_schema_url
from tests.harness import BOT_TOKEN, TEAM, USER, SlackHarness, serve_app, single_workspace_settings


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, then a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        upgrade(url)
        yield url
    else:
        with postgres_schema_url() as url:
            upgrade(url)
            yield url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'test.db'}"
    upgrade(url)
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn() as fake:
        fake.add_workspace(TEAM, BOT_TOKEN, name="teamone")
        fake.add_user(USER, tz="Europe/London", name="alice")
        yield fake


def _served(url: str, standin: SlackStandIn) -> Iterator[SlackHarness]:
    engine = make_engine(url)
    with serve_app(single_workspace_settings(url), engine, standin) as harness:
        yield harness
    engine.dispose()


@pytest.fixture
def slack(sqlite_url: str, standin: SlackStandIn) -> Iterator[SlackHarness]:
    """The real app, single-workspace mode, on SQLite, served over HTTP against the stand-in."""
    yield from _served(sqlite_url, standin)


@pytest.fixture
def slack_on_both(database_url: str, standin: SlackStandIn) -> Iterator[SlackHarness]:
    """The same, on SQLite and on PostgreSQL: for what the two databases could treat differently."""
    yield from _served(database_url, standin)


@pytest.fixture
def offline_cli(tmp_path, monkeypatch):
    """Run the CLI as a new user would: no Slack variables, a fresh working directory (its own SQLite file)."""
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path
