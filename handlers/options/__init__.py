"""Options of select menus that load them as the user types (block_suggestion)."""

from __future__ import annotations

from slack_bolt import App

from handlers.ids import Suggest
from handlers.options.campaign import handle_campaign_options


def register(app: App) -> None:
    app.options(Suggest.campaign)(handle_campaign_options)
