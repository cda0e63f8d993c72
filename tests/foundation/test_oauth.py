"""Several workspaces through OAuth, with slack_sdk's own installation and state stores in our database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from bot.services import workspaces
from storage.slack_stores import OAUTH_STATE_EXPIRY_SECONDS
from storage.uow import UnitOfWork
from storage.workspaces import get_workspace
from tests.databases import stored
from tests.harness import SlackHarness, get, oauth_settings, serve_app
from tests.harness import oauth_install as install


@pytest.fixture
def oauth_slack(engine, database_url, standin) -> Iterator[SlackHarness]:
    with serve_app(oauth_settings(database_url, default_jurisdiction="UK"), engine, standin) as harness:
        yield harness


def test_oauth_install_stores_installation_and_next_command_uses_its_token(oauth_slack, engine):
    oauth_slack.standin.add_oauth_code("code-two", "T0TWO", "xoxb-team-two", name="Team Two")
    done = install(oauth_slack, "code-two")
    assert done.status_code == 200
    assert "Thank you" in done.text or "success" in done.text.lower()

    bot = oauth_slack.services.installation_store.find_bot(enterprise_id=None, team_id="T0TWO")
    assert bot is not None and bot.bot_token == "xoxb-team-two"
    workspace = stored(engine, get_workspace, "T0TWO")
    assert workspace.name == "Team Two"
    assert workspace.default_jurisdiction == "UK"

    oauth_slack.team_id = "T0TWO"
    oauth_slack.event({"type": "app_home_opened", "user": "U0BOB", "tab": "home"})
    [call] = oauth_slack.wait_for("views.publish")
    assert call.token == "xoxb-team-two"


def test_oauth_redirect_without_valid_state_is_refused(oauth_slack, engine):
    oauth_slack.standin.add_oauth_code("code-x", "T0X", "xoxb-x")
    response = httpx.get(oauth_slack.server.url + "/slack/oauth_redirect", params={"code": "code-x", "state": "forged"})
    assert response.status_code == 400
    assert oauth_slack.services.installation_store.find_bot(enterprise_id=None, team_id="T0X") is None


def test_workspace_that_never_installed_is_refused(oauth_slack):
    oauth_slack.team_id = "T0STRANGER"
    response = oauth_slack.command("/creatorops", "help")
    assert response.status_code == 200
    [reply] = oauth_slack.wait_for("response_url")
    assert "CreatorOps is not installed in this workspace" in reply.params["text"]


@pytest.mark.parametrize("event", ["app_uninstalled", "tokens_revoked"])
def test_uninstall_and_revocation_remove_the_installation(oauth_slack, engine, event):
    oauth_slack.standin.add_oauth_code("code-three", "T0THREE", "xoxb-team-three")
    assert install(oauth_slack, "code-three").status_code == 200
    store = oauth_slack.services.installation_store
    assert store.find_bot(enterprise_id=None, team_id="T0THREE") is not None

    oauth_slack.team_id = "T0THREE"
    payload = {"type": event}
    if event == "tokens_revoked":
        payload["tokens"] = {"oauth": [], "bot": ["U0CREATOROPS"]}
    assert oauth_slack.event(payload).status_code == 200

    def gone() -> bool:
        return store.find_bot(enterprise_id=None, team_id="T0THREE") is None

    _eventually(gone)
    _eventually(lambda: stored(engine, get_workspace, "T0THREE") is None)
    assert store.find_installation(enterprise_id=None, team_id="T0THREE") is None


def _eventually(condition, timeout: float = 15.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def test_install_states_left_unused_are_purged_once_expired(oauth_slack, engine):
    """Anyone can open the install page; each visit stores a state that only an install would consume."""
    for _ in range(5):
        assert get(oauth_slack.server.url + "/slack/install").status_code == 200
    now = datetime.now(UTC)
    assert workspaces.purge_expired_install_states(UnitOfWork(engine), now) == 0  # still valid for 10 minutes
    later = now + timedelta(seconds=OAUTH_STATE_EXPIRY_SECONDS + 1)
    assert workspaces.purge_expired_install_states(UnitOfWork(engine), later) == 5
    assert workspaces.purge_expired_install_states(UnitOfWork(engine), later) == 0
