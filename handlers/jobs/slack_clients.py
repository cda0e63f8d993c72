"""WebClients for work that no Slack request started (scheduled posts), one per workspace."""

from __future__ import annotations

from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.config import Mode
from bot.services import Services, workspaces

POST_TIMEOUT_SECONDS = 10


def bot_token_for(services: Services, team_id: str) -> str | None:
    """The workspace's own bot token: from the installation store with OAuth, else the configured one.
    None when the workspace uninstalled the app."""
    if services.settings.mode is Mode.oauth:
        # An Enterprise Grid workspace's installation is stored under its org: ask with the org's id, or the
        # store finds nothing and the workspace looks uninstalled (its reminders would be cancelled).
        workspace = workspaces.find(services.uow(), team_id)
        enterprise_id = workspace.enterprise_id if workspace else None
        bot = services.installation_store.find_bot(enterprise_id=enterprise_id, team_id=team_id)
        return bot.bot_token if bot else None
    token = services.settings.slack_bot_token
    return token.get_secret_value() if token else None


def posting_client(services: Services, token: str) -> WebClient:
    """No automatic retries: a connection error after the request left may mean Slack already posted, so
    the dispatcher decides (it reconciles against the channel) instead of slack_sdk re-sending blindly."""
    return WebClient(
        token=token, base_url=services.settings.slack_api_url, timeout=POST_TIMEOUT_SECONDS, retry_handlers=[]
    )


@dataclass
class WorkspaceClients:
    """Bot tokens and posting clients by workspace, looked up once and kept for one short run (a dispatcher
    tick), so a batch of reminders for one workspace makes one installation-store lookup, not one each."""

    services: Services
    _tokens: dict[str, str | None] = field(default_factory=dict)
    _clients: dict[str, WebClient] = field(default_factory=dict)

    def token(self, team_id: str) -> str | None:
        """The bot token (see bot_token_for); None when the workspace uninstalled the app."""
        if team_id not in self._tokens:
            self._tokens[team_id] = bot_token_for(self.services, team_id)
        return self._tokens[team_id]

    def client(self, team_id: str) -> WebClient:
        if team_id not in self._clients:
            self._clients[team_id] = posting_client(self.services, self.token(team_id) or "")
        return self._clients[team_id]
