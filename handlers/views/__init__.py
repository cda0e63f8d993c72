"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from handlers.failures import reported_after_ack
from handlers.ids import Callback
from handlers.views.campaign import handle_campaign_add, handle_campaign_new, handle_deliverable_posted


def register(app: App) -> None:
    app.view(Callback.campaign_new)(reported_after_ack(handle_campaign_new))
    app.view(Callback.campaign_add)(reported_after_ack(handle_campaign_add))
    app.view(Callback.deliverable_posted)(reported_after_ack(handle_deliverable_posted))
