"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from handlers.failures import reported_after_ack
from handlers.ids import Callback
from handlers.views.campaign import handle_campaign_add, handle_campaign_new, handle_deliverable_posted
from handlers.views.campaign_edit import handle_campaign_edit, handle_creator_terms, handle_deliverable_results


def register(app: App) -> None:
    app.view(Callback.campaign_new)(reported_after_ack(handle_campaign_new))
    app.view(Callback.campaign_add)(reported_after_ack(handle_campaign_add))
    app.view(Callback.deliverable_posted)(reported_after_ack(handle_deliverable_posted))
    app.view(Callback.campaign_edit)(reported_after_ack(handle_campaign_edit))
    app.view(Callback.creator_terms)(reported_after_ack(handle_creator_terms))
    app.view(Callback.deliverable_results)(reported_after_ack(handle_deliverable_results))
