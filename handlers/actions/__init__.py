"""actions listeners (filled in by the features that need them)."""

from __future__ import annotations

from slack_bolt import App


def register(app: App) -> None:
    """Nothing of this kind yet."""
