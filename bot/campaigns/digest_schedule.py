"""When a campaign's results digest goes to its channel: weekly on a local weekday and time, plus a final
report after the campaign ends. Pure: the dispatcher delivers the instants this module plans.

Times are wall-clock times in the campaign's zone resolved with zoneinfo on each date, so "Monday 09:00"
stays 09:00 across a DST change (a skipped 09:00 would move forward; no zone skips that hour).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.campaigns.localtime import local_to_utc, zone
from bot.vocabulary import as_utc

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


class DigestKind(StrEnum):
    weekly = "weekly"
    final = "final"


class DigestSchedule(BaseModel):
    """Default: every Monday at 09:00 campaign time while the campaign runs, and a final report the day after
    it ends, at the same time."""

    model_config = ConfigDict(frozen=True)

    weekly: bool = True
    weekday: int = Field(default=0, ge=0, le=6)  # Monday = 0
    at: str = "09:00"
    final: bool = True

    @field_validator("at")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        found = _TIME.fullmatch(value.strip())
        if not found:
            raise ValueError(f"'{value[:20]}' is not a time of day; write it like 09:00 or 17:30")
        return f"{int(found.group(1)):02d}:{found.group(2)}"

    @classmethod
    def from_text(cls, text: str) -> DigestSchedule:
        """'monday 09:00', 'fri 17:30', 'off' (final report only), 'none' (no digests at all)."""
        words = text.strip().lower().split()
        if words in (["off"], ["final"]):
            return cls(weekly=False)
        if words in (["none"], ["never"]):
            return cls(weekly=False, final=False)
        if len(words) != 2:
            raise ValueError("write the weekly digest as a day and a time, like 'monday 09:00', or 'off'")
        day = next((i for i, name in enumerate(WEEKDAYS) if len(words[0]) >= 3 and name.startswith(words[0])), None)
        if day is None:
            raise ValueError(f"'{words[0][:20]}' is not a weekday; write monday, tue, wednesday …")
        return cls(weekday=day, at=words[1])

    @property
    def sends_any(self) -> bool:
        return self.weekly or self.final

    def describe(self) -> str:
        """When they go, read after "digests go out": "every Monday at 09:00, and a final report after the end"."""
        if self.weekly:
            day = f"every {WEEKDAYS[self.weekday].title()} at {self.at}"
            return f"{day}, and a final report after the end" if self.final else f"{day}, with no final report"
        if self.final:
            return "only as a final report after the end, with no weekly digest"
        return "no weekly digest and no final report"

    def as_text(self) -> str:
        """What the edit form shows: the text `from_text` reads back to this schedule."""
        if not self.weekly:
            return "off" if self.final else "none"
        return f"{WEEKDAYS[self.weekday]} {self.at}"

    @property
    def clock(self) -> time:
        hours, minutes = self.at.split(":")
        return time(int(hours), int(minutes))


@dataclass(frozen=True)
class PlannedDigest:
    kind: DigestKind
    fire_at: datetime  # UTC
    key: str  # stable per campaign and local date: re-planning never sends one twice


@dataclass(frozen=True)
class DeliveredDigest:
    """What the campaign's last delivered digest showed (its results as `bot.metrics.results_json`), and when:
    the next digest says what changed since."""

    results: Mapping[str, Any]
    taken_at: datetime  # UTC


def plan_digests(schedule: DigestSchedule, *, tz: str, start: date, end: date, now: datetime) -> list[PlannedDigest]:
    """Every digest still ahead of `now`: the weekly ones on days inside [start, end] after the first day,
    then the final one the day after `end`."""
    zone_info, now = zone(tz), as_utc(now)
    planned: list[PlannedDigest] = []
    if schedule.weekly:
        day = start + timedelta(days=1)  # nothing to report on the first morning
        day += timedelta(days=(schedule.weekday - day.weekday()) % 7)
        while day <= end:
            planned.append(_digest(DigestKind.weekly, day, schedule.clock, zone_info))
            day += timedelta(days=7)
    if schedule.final:
        planned.append(_digest(DigestKind.final, end + timedelta(days=1), schedule.clock, zone_info))
    return [digest for digest in planned if digest.fire_at > now]


def _digest(kind: DigestKind, day: date, clock: time, tz: object) -> PlannedDigest:
    fire_at = local_to_utc(datetime.combine(day, clock), tz)  # type: ignore[arg-type]
    return PlannedDigest(kind=kind, fire_at=fire_at, key=f"digest:{kind.value}:{day.isoformat()}")
