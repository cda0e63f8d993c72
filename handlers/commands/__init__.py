"""Slash commands."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App

from handlers.commands.campaign import handle_campaign
from handlers.commands.creatorops import handle_creatorops
from handlers.commands.disclosure import handle_disclosure
from handlers.commands.vet import handle_vet
from handlers.failures import reported_after_ack

# Every slash command the app answers (manifest.yml declares the same; /creatorops help lists each).
COMMANDS: dict[str, Callable[..., None]] = {
    "/creatorops": handle_creatorops,
    "/vet": handle_vet,
    "/campaign": handle_campaign,
    "/disclosure": handle_disclosure,
}


def register(app: App) -> None:
    for command, handler in COMMANDS.items():
        app.command(command)(reported_after_ack(handler))
