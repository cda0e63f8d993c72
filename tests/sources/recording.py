"""Helpers to serve the recorded platform answers in tests/sources/recorded/ through respx."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

RECORDED = Path(__file__).parent / "recorded"
NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)  # 04:00 in Los Angeles (PST: DST ended the day before)


def recorded(name: str) -> dict[str, Any]:
    """One recorded exchange, {"about", "status", "headers", "body"}."""
    return json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))


def answer(name: str, **extra_headers: str) -> httpx.Response:
    """The recorded exchange as an httpx.Response (status, headers and JSON body as recorded)."""
    exchange = recorded(name)
    return httpx.Response(exchange["status"], headers={**exchange["headers"], **extra_headers}, json=exchange["body"])


def clock() -> datetime:
    return NOW


class Sleeps(list[float]):
    """Stands in for time.sleep: records each requested delay instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
