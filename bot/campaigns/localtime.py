"""Local wall-clock time ⇄ UTC with zoneinfo, and the rules for the awkward hours around DST changes.

* A local time that does not exist (the spring-forward gap) is shifted forward by the gap: 02:30 in New York
  on the night clocks jump from 02:00 to 03:00 becomes 03:30 EDT. zoneinfo does this with fold=0 (PEP 495).
* A local time that happens twice (the fall-back hour) means the first occurrence (fold=0), so a reminder or a
  deadline is never an hour late.
* "N days before/after" moves the wall clock by N calendar days and resolves it again: never add 24-hour
  timedeltas, since local days last 23 or 25 hours when the clocks change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from bot.campaigns.errors import InvalidTimezone
from bot.vocabulary import as_utc


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_timezone(name: str) -> str:
    """Return the IANA name if zoneinfo knows it, else raise InvalidTimezone with what to type instead."""
    cleaned = name.strip()
    if cleaned not in _known_zones():
        example = "Europe/London, America/New_York or UTC"
        raise InvalidTimezone(f"'{name}' is not a time zone I know. Use an IANA name such as {example}.")
    return cleaned


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(check_timezone(name))


def exists_locally(wall: datetime, tz: ZoneInfo) -> bool:
    """False for wall-clock times skipped by a spring-forward change."""
    aware = wall.replace(tzinfo=tz, fold=0)
    return aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall.replace(tzinfo=None, fold=0)


def local_to_utc(wall: datetime, tz: ZoneInfo) -> datetime:
    """A naive local wall-clock time → its UTC instant (gaps shifted forward; a repeated hour: the first)."""
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The end of `day` in `tz` as the exclusive bound: the next local midnight (or the first instant after
    it if midnight is skipped, as in zones that change their clocks at 00:00)."""
    return local_to_utc(datetime.combine(day + timedelta(days=1), time(0)), tz)


def shift_local_days(moment: datetime, days: int, tz: ZoneInfo) -> datetime:
    """The same local wall-clock time `days` calendar days away from `moment`, as a UTC instant."""
    wall = as_utc(moment).astimezone(tz).replace(tzinfo=None, fold=0)
    return local_to_utc(wall + timedelta(days=days), tz)


def wall_clock(moment: datetime, tz: ZoneInfo) -> datetime:
    """The naive local wall-clock time of an instant."""
    return as_utc(moment).astimezone(tz).replace(tzinfo=None, fold=0)
