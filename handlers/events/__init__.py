"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.events.home import handle_app_home_opened
from handlers.events.uninstall import handle_app_uninstalled, handle_tokens_revoked


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened)
    app.event("app_uninstalled")(handle_app_uninstalled)
    app.event("tokens_revoked")(handle_tokens_revoked)
