"""Text helpers for Block Kit."""

from __future__ import annotations


def escape(text: str) -> str:
    """User text in mrkdwn: no <!channel> pings or fake links from a handle, a caption or a campaign name."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
