"""What listeners read from Bolt's context beyond the services."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext


def team_of(context: BoltContext) -> str:
    """The workspace the request came from. Bolt types it optional (an org-wide app may lack it); every
    request these listeners handle carries one, and without it no workspace's rows match."""
    return context.team_id or ""


def clicked_in(body: dict[str, Any]) -> str | None:
    """The channel a button was clicked in (a DM when the card was shown privately there), if Slack says."""
    channel = body.get("channel") or (body.get("container") or {}).get("channel_id")
    if isinstance(channel, dict):
        channel = channel.get("id")
    return str(channel) if channel else None
