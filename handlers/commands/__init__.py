"""Slash commands."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands.campaign import handle_campaign
from handlers.commands.creatorops import handle_creatorops
from handlers.commands.disclosure import handle_disclosure
from handlers.commands.vet import handle_vet


def register(app: App) -> None:
    app.command("/creatorops")(handle_creatorops)
    app.command("/vet")(handle_vet)
    app.command("/campaign")(handle_campaign)
    app.command("/disclosure")(handle_disclosure)
