"""A due date as the user meant it: a local date, a time or "end of day", and the IANA zone it was given in.

Storing this intent (not just the UTC instant) lets the UTC instant be recomputed when time zone rules change.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from bot.campaigns.localtime import check_timezone, end_of_day, exists_locally, local_to_utc, zone


class DueKind(StrEnum):
    at = "at"  # at a local time
    end_of_day = "end_of_day"  # until the next local midnight


class LocalDue(BaseModel):
    model_config = ConfigDict(frozen=True)

    local_date: date
    local_time: time | None = None  # None: end of day
    tz: str

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return check_timezone(value)

    @field_validator("local_time")
    @classmethod
    def _wall_time(cls, value: time | None) -> time | None:
        return value.replace(second=0, microsecond=0, tzinfo=None) if value is not None else None

    @property
    def kind(self) -> DueKind:
        return DueKind.end_of_day if self.local_time is None else DueKind.at

    def at_utc(self) -> datetime:
        tz = zone(self.tz)
        if self.local_time is None:
            return end_of_day(self.local_date, tz)
        return local_to_utc(datetime.combine(self.local_date, self.local_time), tz)

    def shifted_by_gap(self) -> bool:
        """True when the local time does not exist that day (clocks went forward) and was moved later."""
        if self.local_time is None:
            return False
        return not exists_locally(datetime.combine(self.local_date, self.local_time), zone(self.tz))

    def as_typed(self) -> str:
        """'2026-12-05 17:00' or '2026-12-05' (end of day): what a form shows, read back as this same date."""
        return self.local_date.isoformat() + (f" {self.local_time:%H:%M}" if self.local_time else "")

    def describe(self) -> str:
        """'Sat 5 Dec 2026, end of day (Europe/London)' or 'Sat 5 Dec 2026 at 17:00 (Europe/London)'."""
        day = f"{self.local_date:%a} {self.local_date.day} {self.local_date:%b %Y}"
        if self.local_time is None:
            return f"{day}, end of day ({self.tz})"
        text = f"{day} at {self.local_time:%H:%M} ({self.tz})"
        if self.shifted_by_gap():
            actual = self.at_utc().astimezone(zone(self.tz))
            text += (
                f"; {self.local_time:%H:%M} does not exist that day because the clocks go forward,"
                f" so it is {actual:%H:%M}"
            )
        return text
