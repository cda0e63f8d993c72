"""Text helpers for Block Kit."""

from __future__ import annotations

import html
import re

ELLIPSIS = "…"
# A cut may move back this far (a share of the room) to fall between words; a longer word is cut inside.
WORD_BACKTRACK = 0.25
# An escape cut before its `;` (html.escape writes &amp; &lt; &gt;): looked for in the last 4 characters only.
OPEN_ESCAPE = re.compile(r"&[a-z]{0,3}\Z")


def escape(text: str) -> str:
    """User text in mrkdwn: no <!channel> pings or fake links from a handle, a caption or a campaign name."""
    return html.escape(text, quote=False)  # Slack's three control characters: & < >


def fit(text: str, limit: int, *, mrkdwn: bool = True) -> str:
    """`text` within `limit` characters: when longer, cut between words and ended with an ellipsis.

    In mrkdwn (escaped user text and markup) the cut never falls inside an escape (`&amp;`) nor inside a `<…>`
    mention or link, which Slack would show broken; plain_text has neither. A single word longer than the room
    is cut inside, as it must be.
    """
    if len(text) <= limit:
        return text
    room = max(limit - len(ELLIPSIS), 0)
    cut = text[:room]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if text[room : room + 1] not in (" ", "\n") and space >= room * (1 - WORD_BACKTRACK):
        cut = cut[:space]
    if mrkdwn:
        start = cut.rfind("<")
        if start != -1 and ">" not in cut[start:]:  # a mention or link without its end
            cut = cut[:start]
        tail = max(len(cut) - 4, 0)
        cut = cut[:tail] + OPEN_ESCAPE.sub("", cut[tail:])
    return cut.rstrip() + ELLIPSIS
