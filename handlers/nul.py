"""NUL characters leave everything a user typed (slash command text, modal values, button payloads) as it comes
in: PostgreSQL refuses them in text (SQLite keeps them), so the same input must work on both databases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def without_nul(value: Any) -> Any:
    """`value` with NUL removed from every string in it, dicts and lists walked (a copy; other values as they are)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {key: without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value


def drop_nul(body: dict[str, Any], next: Callable[[], Any]) -> Any:  # noqa: A002 - Bolt names it `next`
    """Bolt middleware: the listener's arguments (command, view, action, body) are read from `body` after this,
    so its values are replaced in place."""
    for key, item in list(body.items()):
        body[key] = without_nul(item)
    return next()
