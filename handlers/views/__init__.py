"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from handlers.views.campaign import handle_campaign_add, handle_campaign_new, handle_deliverable_posted


def register(app: App) -> None:
    app.view("campaign_new")(handle_campaign_new)
    app.view("campaign_add")(handle_campaign_add)
    app.view("deliverable_posted")(handle_deliverable_posted)
