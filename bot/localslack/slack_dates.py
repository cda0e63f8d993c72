"""Slack's date formatting in mrkdwn (`<!date^1392734382^{date_short} {time}|fallback>`), shown as a Slack client
shows it to the console's user: in their time zone, with "today", "yesterday" and "tomorrow" read against the
console's clock. A token Slack does not know makes Slack show the fallback, and so here."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

# <!date^timestamp^tokens(^link)|fallback>; every part bounded
DATE = re.compile(r"<!date\^(\d{1,12})\^([^|>^]{0,200})(?:\^[^|>]{0,2000})?\|([^>]{0,500})>")
TOKEN = re.compile(r"\{([a-z_]{1,24})\}")


class _Viewer:
    zone: tzinfo = UTC
    now: Callable[[], datetime] = staticmethod(lambda: datetime.now(UTC))


def show_dates_to(zone: tzinfo, now: Callable[[], datetime]) -> None:
    """Whose dates the console shows: its user's zone and clock."""
    _Viewer.zone, _Viewer.now = zone, now


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _relative(moment: datetime) -> str | None:
    today = _Viewer.now().astimezone(_Viewer.zone).date()
    return {today: "today", today - timedelta(days=1): "yesterday", today + timedelta(days=1): "tomorrow"}.get(
        moment.date()
    )


def _token(name: str, moment: datetime) -> str | None:
    base = name.removesuffix("_pretty")
    if name.endswith("_pretty") and base in ("date", "date_short", "date_long") and (near := _relative(moment)):
        return near
    formats: dict[str, Callable[[datetime], str]] = {
        "date_num": lambda m: f"{m:%Y-%m-%d}",
        "date_slash": lambda m: f"{m:%d/%m/%Y}",
        "date": lambda m: f"{m:%B} {_ordinal(m.day)}, {m.year}",
        "date_short": lambda m: f"{m:%b} {m.day}, {m.year}",
        "date_long": lambda m: f"{m:%A}, {m:%B} {_ordinal(m.day)}, {m.year}",
        "date_long_full": lambda m: f"{m:%B} {m.day}, {m.year}",
        "time": lambda m: f"{m:%H:%M}",
        "time_secs": lambda m: f"{m:%H:%M:%S}",
    }
    shown = formats.get(base if name.endswith("_pretty") else name)
    return shown(moment) if shown else None


def _one(match: re.Match[str]) -> str:
    try:
        moment = datetime.fromtimestamp(int(match[1]), UTC).astimezone(_Viewer.zone)
    except (OverflowError, ValueError, OSError):  # past year 9999: Slack cannot show it either
        return match[3]
    parts: list[str] = []
    position = 0
    for token in TOKEN.finditer(match[2]):
        shown = _token(token[1], moment)
        if shown is None:
            return match[3]
        parts += (match[2][position : token.start()], shown)
        position = token.end()
    return "".join(parts) + match[2][position:]


def render_dates(text: str) -> str:
    return DATE.sub(_one, text)
