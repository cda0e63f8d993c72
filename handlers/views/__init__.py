"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from handlers.failures import reported_after_ack
from handlers.ids import Callback
from handlers.views.campaign import handle_campaign_add, handle_campaign_new, handle_deliverable_posted
from handlers.views.campaign_edit import (
    handle_campaign_edit,
    handle_creator_terms,
    handle_deliverable_edit,
    handle_deliverable_results,
)
from handlers.views.draft import handle_draft_submit, handle_review_changes, handle_review_corrections


def register(app: App) -> None:
    app.view(Callback.campaign_new)(reported_after_ack(handle_campaign_new))
    app.view(Callback.campaign_add)(reported_after_ack(handle_campaign_add))
    app.view(Callback.deliverable_posted)(reported_after_ack(handle_deliverable_posted))
    app.view(Callback.campaign_edit)(reported_after_ack(handle_campaign_edit))
    app.view(Callback.creator_terms)(reported_after_ack(handle_creator_terms))
    app.view(Callback.deliverable_results)(reported_after_ack(handle_deliverable_results))
    app.view(Callback.deliverable_edit)(reported_after_ack(handle_deliverable_edit))
    app.view(Callback.draft_submit)(reported_after_ack(handle_draft_submit))
    app.view(Callback.review_corrections)(reported_after_ack(handle_review_corrections))
    app.view(Callback.review_changes)(reported_after_ack(handle_review_changes))
