"""/creatorops: help, and the answer to anything it does not know.

The help is static, so it travels in the ack itself: no Web API call, and the user sees it at once.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack

from handlers.blocks.help import help_blocks, help_text


def handle_creatorops(ack: Ack, command: dict[str, Any]) -> None:
    words = (command.get("text") or "").split()
    sub = words[0].lower() if words else "help"
    intro = None if sub == "help" else f"I don't know `{sub}`. Here is what I can do:"
    ack(response_type="ephemeral", text=help_text(), blocks=help_blocks(intro))
