"""What listeners read from Bolt's context beyond the services."""

from __future__ import annotations

from slack_bolt import BoltContext


def team_of(context: BoltContext) -> str:
    """The workspace the request came from. Bolt types it optional (an org-wide app may lack it); every
    request these listeners handle carries one, and without it no workspace's rows match."""
    return context.team_id or ""
