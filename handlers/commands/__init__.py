"""Slash commands."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands.campaign import handle_campaign
from handlers.commands.creatorops import handle_creatorops
from handlers.commands.disclosure import handle_disclosure
from handlers.commands.vet import handle_vet
from handlers.failures import reported_after_ack


def register(app: App) -> None:
    app.command("/creatorops")(reported_after_ack(handle_creatorops))
    app.command("/vet")(reported_after_ack(handle_vet))
    app.command("/campaign")(reported_after_ack(handle_campaign))
    app.command("/disclosure")(reported_after_ack(handle_disclosure))
