"""Enterprise Grid: the scheduler finds a workspace's bot token under its org, as Bolt does for a request."""

from __future__ import annotations

from slack_sdk.oauth.installation_store import Installation

from bot.services import Services, workspaces
from handlers.jobs.slack_clients import bot_token_for
from storage.slack_stores import installation_store
from storage.token_cipher import TokenCipher
from tests.harness import OAUTH_CLIENT_ID, oauth_settings


def oauth_services(engine, database_url) -> Services:
    settings = oauth_settings(database_url)
    store = installation_store(OAUTH_CLIENT_ID, engine, TokenCipher(settings.token_keys()))
    return Services(settings=settings, engine=engine, installation_store=store)


def install(services: Services, *, team_id: str, enterprise_id: str | None, token: str) -> None:
    services.installation_store.save(
        Installation(
            app_id="A0APP",
            enterprise_id=enterprise_id,
            team_id=team_id,
            bot_token=token,
            bot_id="B0BOT",
            bot_user_id="U0BOT",
            bot_scopes="chat:write",
            user_id="U0ADMIN",
        )
    )
    workspaces.ensure(services.uow(), team_id, services.settings.workspace_defaults, enterprise_id=enterprise_id)


def test_a_grid_workspace_is_not_mistaken_for_an_uninstalled_one(engine, database_url):
    services = oauth_services(engine, database_url)
    install(services, team_id="T0GRID", enterprise_id="E0ORG", token="xoxb-grid")
    install(services, team_id="T0PLAIN", enterprise_id=None, token="xoxb-plain")
    assert bot_token_for(services, "T0GRID") == "xoxb-grid"
    assert bot_token_for(services, "T0PLAIN") == "xoxb-plain"
    assert bot_token_for(services, "T0NEVER") is None
