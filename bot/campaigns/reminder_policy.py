"""When reminders fire relative to a deadline, configurable per campaign.

Offsets are written like "-3d", "-1d", "0", "+1d" or "-2h". Days are local calendar days (the same wall-clock
time N days earlier or later in the campaign's time zone); hours are elapsed hours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.campaigns.localtime import shift_local_days

_OFFSET = re.compile(r"^(?P<sign>[+-]?)(?P<n>\d{1,3})(?P<unit>[dh]?)$")
OFFSET_HELP = 'Write offsets like "-3d" (3 days before), "-2h", "0" (the deadline) or "+1d" (1 day overdue).'


@dataclass(frozen=True)
class Offset:
    days: int = 0
    hours: int = 0

    @classmethod
    def parse(cls, text: str) -> Offset:
        match = _OFFSET.match(text.strip().lower().replace(" ", ""))
        if not match:
            raise ValueError(f"'{text}' is not a reminder offset. {OFFSET_HELP}")
        n = int(match["n"]) * (-1 if match["sign"] == "-" else 1)
        return cls(hours=n) if match["unit"] == "h" else cls(days=n)

    @property
    def sign(self) -> int:
        value = self.days or self.hours
        return (value > 0) - (value < 0)

    def apply(self, due_at: datetime, tz: ZoneInfo) -> datetime:
        if self.sign == 0:  # the deadline itself, even in a repeated hour (re-resolving would pick the first)
            return due_at
        if self.hours:
            return due_at + timedelta(hours=self.hours)
        return shift_local_days(due_at, self.days, tz)

    def __str__(self) -> str:
        if self.sign == 0:
            return "0"
        return f"{self.days:+d}d" if self.days else f"{self.hours:+d}h"


DEFAULT_OFFSETS = ("-3d", "-1d", "0", "+1d")


class ReminderPolicy(BaseModel):
    """Defaults: 3 days and 1 day before, at the deadline, 1 day overdue then daily up to 14 days overdue,
    and a DM to the campaign owner at 3 days overdue."""

    model_config = ConfigDict(frozen=True)

    offsets: tuple[str, ...] = DEFAULT_OFFSETS
    daily_after: bool = True  # after the last positive offset (or the deadline), one reminder a day ...
    overdue_cap_days: int = Field(default=14, ge=0, le=365)  # ... up to this many days overdue
    owner_escalation_at: str | None = "+3d"  # DM the campaign owner this long after the deadline; None: never

    @field_validator("offsets")
    @classmethod
    def _parse_offsets(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(str(Offset.parse(v)) for v in values)

    @field_validator("owner_escalation_at")
    @classmethod
    def _parse_escalation(cls, value: str | None) -> str | None:
        if value is None or value.strip().lower() in ("", "none", "never"):
            return None
        offset = Offset.parse(value)
        if offset.sign <= 0:
            raise ValueError(f"the owner escalation must be after the deadline, like +3d, not '{value}'")
        return str(offset)

    @model_validator(mode="after")
    def _within_cap(self) -> ReminderPolicy:
        late = [o for o in self.parsed_offsets() if o.days > self.overdue_cap_days]
        if late:
            cap = self.overdue_cap_days
            raise ValueError(f"offset {late[0]} is later than the overdue cap of {cap} days")
        return self

    @classmethod
    def from_text(cls, text: str, **options: object) -> ReminderPolicy:
        """'-3d, -1d, 0, +1d' → a policy (the other settings from `options` or the defaults)."""
        offsets = tuple(part for part in re.split(r"[,\s]+", text.strip()) if part)
        return cls(offsets=offsets, **options)

    def parsed_offsets(self) -> tuple[Offset, ...]:
        return tuple(sorted({Offset.parse(v) for v in self.offsets}, key=lambda o: o.days * 24 + o.hours))

    def escalation_offset(self) -> Offset | None:
        return Offset.parse(self.owner_escalation_at) if self.owner_escalation_at else None

    def daily_overdue_days(self) -> range:
        """Days overdue that get a daily reminder on top of the listed offsets."""
        if not self.daily_after:
            return range(0)
        positive_days = [o.days for o in self.parsed_offsets() if o.days > 0]
        return range(max(positive_days, default=0) + 1, self.overdue_cap_days + 1)

    def describe(self) -> str:
        """The schedule in one sentence, as the confirmation after adding a creator states it."""
        offsets = self.parsed_offsets()
        before = [o for o in offsets if o.sign < 0]
        after = [o for o in offsets if o.sign > 0]
        parts = []
        if before:
            parts.append(f"{_spans(before)} before")
        if any(o.sign == 0 for o in offsets):
            parts.append("at the deadline")
        # A daily reminder covers every overdue day after the listed ones; listed days 1..n read as "daily".
        consecutive = [o.days for o in after] == list(range(1, len(after) + 1))
        if self.daily_after and consecutive:
            parts.append("daily once overdue")
        elif after:
            parts.append(f"{_spans(after)} after" + (", then daily" if self.daily_after else ""))
        elif self.daily_after:
            parts.append("daily once overdue")
        if not parts:
            return "No reminders are planned."
        listed = (
            parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])}{',' if len(parts) > 2 else ''} and {parts[-1]}"
        )
        return f"Reminders are planned {listed}."


def _spans(offsets: Iterable[Offset]) -> str:
    """'3 days and 1 day', '2 hours'."""
    words = []
    for offset in offsets:
        n, unit = (abs(offset.days), "day") if offset.days else (abs(offset.hours), "hour")
        words.append(f"{n} {unit}{'' if n == 1 else 's'}")
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
