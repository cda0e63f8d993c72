"""Shortcuts: "Check disclosure" and "Submit as draft" on any message."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.services import services_of
from handlers.commands.campaign_draft import handle_submit_draft_shortcut
from handlers.commands.disclosure import check_and_answer
from handlers.context import team_of
from handlers.failures import reported_after_ack
from handlers.ids import Shortcut


def handle_check_disclosure(
    ack: Ack, shortcut: dict[str, Any], respond: Respond, context: BoltContext, logger: logging.Logger
) -> None:
    ack()
    text = (shortcut.get("message") or {}).get("text") or ""
    if not text.strip():
        respond(response_type="ephemeral", text="That message has no text to check.")
        return
    check_and_answer(services_of(context), team_of(context), text, respond, parse_options=False)


def register(app: App) -> None:
    app.shortcut(Shortcut.check_disclosure)(reported_after_ack(handle_check_disclosure))
    app.shortcut(Shortcut.submit_draft)(reported_after_ack(handle_submit_draft_shortcut))
