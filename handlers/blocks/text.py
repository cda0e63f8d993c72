"""Text helpers for Block Kit."""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """User text in mrkdwn: no <!channel> pings or fake links from a handle, a caption or a campaign name."""
    return html.escape(text, quote=False)  # Slack's three control characters: & < >
