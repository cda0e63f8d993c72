"""WebClients for work that no Slack request started (scheduled posts), one per workspace."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.config import Mode
from bot.services import Services

POST_TIMEOUT_SECONDS = 10


def bot_token_for(services: Services, team_id: str) -> str | None:
    """The workspace's own bot token: from the installation store with OAuth, else the configured one.
    None when the workspace uninstalled the app."""
    if services.settings.mode is Mode.oauth:
        bot = services.installation_store.find_bot(enterprise_id=None, team_id=team_id)
        return bot.bot_token if bot else None
    token = services.settings.slack_bot_token
    return token.get_secret_value() if token else None


def posting_client(services: Services, token: str) -> WebClient:
    """No automatic retries: a connection error after the request left may mean Slack already posted, so
    the dispatcher decides (it reconciles against the channel) instead of slack_sdk re-sending blindly."""
    return WebClient(
        token=token, base_url=services.settings.slack_api_url, timeout=POST_TIMEOUT_SECONDS, retry_handlers=[]
    )
