"""Fixtures of the browser tests: one headless Chromium per test module, and the real app served over HTTP.

Without Chromium the tests skip and say how to install it; with CI=true they fail instead, so CI can never go
green without having driven a browser.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest

from bot.localslack.standin import SlackStandIn
from storage.db import make_engine
from storage.migrate import upgrade
from tests.browser.chrome import DESKTOP, chromium, missing_browser, set_viewport
from tests.browser.pages import APPROVER, CAMPAIGN, Site
from tests.harness import BOT_TOKEN, TEAM, USER, SlackHarness, serve_app, single_workspace_settings
from tests.slack.test_campaign_flow import create_campaign


def need_browser(reason: str | None) -> None:
    """Skip with `reason` (from missing_browser), or fail with it under CI=true; nothing when it is None."""
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the whole module (starting one costs about a second)."""
    need_browser(missing_browser())
    with chromium() as driver:
        yield driver


@pytest.fixture
def page(browser):
    """The module's browser, as a fresh visitor: no cookies, a desktop viewport, nothing open."""
    browser.delete_all_cookies()
    set_viewport(browser, DESKTOP)
    browser.get("about:blank")
    browser.get_log("browser")  # drop what earlier tests left in the console log
    return browser


def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'web.db'}"
    upgrade(url)
    return url


@pytest.fixture(scope="module")
def web_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database of the module's app: a migrated SQLite file (a module may ask for PostgreSQL too)."""
    return migrated_sqlite(tmp_path_factory)


@pytest.fixture(scope="module")
def web(web_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackHarness]:
    """The real app (build_wsgi behind waitress, as `creatorops serve`, with the creator's pages under /c/) on a
    free localhost port, and the stand-in for Slack's Web API recording every message; shared by the tests of a
    module."""
    folder = tmp_path_factory.mktemp("browser")
    url = web_database
    engine = make_engine(url)
    settings = single_workspace_settings(
        url, creatorops_link_key=secrets.token_urlsafe(32), creatorops_upload_dir=str(folder / "uploads")
    )
    with SlackStandIn() as standin:
        standin.add_workspace(TEAM, BOT_TOKEN, name="teamone")
        standin.add_user(USER, tz="Europe/London", name="alice")
        with serve_app(settings, engine, standin) as harness:
            yield harness
    engine.dispose()


@pytest.fixture(scope="module")
def site(web: SlackHarness) -> Site:
    """A campaign with an approver, created through Slack as a team would; creators join on their first link."""
    create_campaign(web, name=CAMPAIGN, approvers=[APPROVER])
    return Site(web)
