"""/creatorops: help, and the answer to anything it does not know."""

from __future__ import annotations

from slack_bolt import Ack, Respond

from handlers.blocks.help import help_blocks, help_text


def handle_creatorops(ack: Ack, command: dict, respond: Respond) -> None:
    ack()
    words = (command.get("text") or "").split()
    sub = words[0].lower() if words else "help"
    intro = None if sub in ("help", "") else f"I don't know `{sub}`. Here is what I can do:"
    respond(response_type="ephemeral", text=help_text(), blocks=help_blocks(intro))
