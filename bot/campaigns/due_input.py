"""Read a due date the way people type it in Slack, in the campaign's time zone.

Accepted: "2026-12-05", "2026-12-05 17:00", "dec 5", "5 december 2026", "tomorrow", "in 3 days", "in 2 weeks",
"friday", "next friday", "eod", "today 5pm", "friday at 17:30", "5pm". Decisions:
* A date without a time means the end of that day: the next local midnight (see localtime.end_of_day).
* A weekday means the nearest one, today included ("friday" on a Friday is today, end of day); "next friday"
  never means today.
* "dec 5" without a year is the next 5 December, today included.
* A time without a date is its next occurrence: today if still ahead, else tomorrow.
* 12/05 is refused as ambiguous (5 December or 12 May?).
* A due time that has already passed is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from bot.campaigns.due import LocalDue
from bot.campaigns.errors import DueInputError
from bot.campaigns.localtime import check_timezone, zone
from bot.vocabulary import as_utc

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

_TIME = re.compile(
    r"(?:^|\s)(?:at\s+)?(?:"
    r"(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})"
    r"|(?P<noon>noon|midday))(?=\s|$)"
)
_EOD = re.compile(r"(?:^|\s)(?:eod|cob|end\s+of\s+(?:the\s+)?day)(?=\s|$)")
_RELATIVE = re.compile(r"in\s+(?P<n>\d{1,3}|" + "|".join(SMALL_NUMBERS) + r")\s+(?P<unit>days?|weeks?)")
_WEEKDAY = re.compile(r"(?:(?P<which>next|this)\s+)?(?P<day>" + "|".join(WEEKDAYS) + ")")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_MON = "(?P<mon>" + "|".join(MONTHS) + r")\.?"
_DAY, _YEAR = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?", r"(?P<y>\d{4})"
_MONTH_DAY = re.compile(rf"{_MON}\s+{_DAY}(?:\s+{_YEAR})?")
_DAY_MONTH = re.compile(rf"{_DAY}\s+(?:of\s+)?{_MON}(?:\s+{_YEAR})?")
_SLASHED = re.compile(r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?")


def _help(tz: str, today: date) -> str:
    example = today + timedelta(days=7)
    iso, month_day = f"{example:%Y-%m-%d}", f"{example:%b}".lower() + f" {example.day}"
    return (
        f"Try {iso}, {iso} 17:00, {month_day}, tomorrow, in 3 days, friday, friday 5pm or eod. "
        f"A date alone means the end of that day; times are in {tz}."
    )


class _Unreadable(Exception):
    """Why the input could not be read; parse_due adds what to type instead."""


def parse_due(text: str, *, tz: str, now: datetime) -> LocalDue:
    """Read `text` as a due date in the time zone `tz`; raise DueInputError saying what to type instead."""
    tz = check_timezone(tz)
    today = as_utc(now).astimezone(zone(tz)).date()
    try:
        due = _parse(text, tz, today, as_utc(now))
    except _Unreadable as reason:
        raise DueInputError(f"{reason} {_help(tz, today)}") from None
    return due


def _parse(text: str, tz: str, today: date, now: datetime) -> LocalDue:
    shown = text.strip()
    cleaned = re.sub(r"[\s,]+", " ", shown.lower()).strip(" .")
    cleaned = re.sub(r"^(?:due|by|on)\s+", "", cleaned)
    if not cleaned:
        raise _Unreadable("Give a due date.")

    times = list(_TIME.finditer(cleaned))
    if len(times) > 1:
        raise _Unreadable(f"'{shown}' has more than one time in it.")
    local_time = _read_time(times[0]) if times else None
    rest = _TIME.sub(" ", cleaned)
    end_of_day = bool(_EOD.search(rest))
    rest = re.sub(r"\s+", " ", _EOD.sub(" ", rest)).strip()
    rest = re.sub(r"^(?:on|by)\s+|\s+(?:at|by)$", "", rest).strip()
    if end_of_day and local_time is not None:
        raise _Unreadable(f"'{shown}' gives both a time and end of day; give one of them.")

    day = _read_date(rest, today, shown) if rest else today
    due = LocalDue(local_date=day, local_time=local_time, tz=tz)
    if not rest and local_time is not None and due.at_utc() <= now:  # a time alone: its next occurrence
        due = LocalDue(local_date=day + timedelta(days=1), local_time=local_time, tz=tz)
    if due.at_utc() <= now:
        raise _Unreadable(f"{due.describe()} has already passed; give a date or time still ahead.")
    return due


def _read_time(match: re.Match[str]) -> time:
    if match["noon"]:
        return time(12, 0)
    if match["ampm"]:
        hour, minute = int(match["h12"]), int(match["m12"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise _Unreadable(f"'{match.group().strip()}' is not a time of day.")
        return time(hour % 12 + (12 if match["ampm"] == "pm" else 0), minute)
    hour, minute = int(match["h24"]), int(match["m24"])
    if hour > 23 or minute > 59:
        raise _Unreadable(f"'{match.group().strip()}' is not a time of day (use 00:00 to 23:59).")
    return time(hour, minute)


def _read_date(rest: str, today: date, shown: str) -> date:
    if rest == "today":
        return today
    if rest in ("tomorrow", "tmrw", "tmr", "tomorow"):
        return today + timedelta(days=1)
    if match := _RELATIVE.fullmatch(rest):
        n = SMALL_NUMBERS.get(match["n"]) or int(match["n"])
        return today + timedelta(days=n * (7 if match["unit"].startswith("week") else 1))
    if match := _WEEKDAY.fullmatch(rest):
        ahead = (WEEKDAYS[match["day"]] - today.weekday()) % 7
        if match["which"] == "next" and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)
    if match := _ISO.fullmatch(rest):
        return _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if match := (_MONTH_DAY.fullmatch(rest) or _DAY_MONTH.fullmatch(rest)):
        month, day = MONTHS[match["mon"]], int(match["d"])
        return _make_date(int(match["y"]), month, day) if match["y"] else _next_date(month, day, today)
    if _SLASHED.fullmatch(rest):
        raise _Unreadable(f"'{rest}' could be day/month or month/day, so I won't guess.")
    raise _Unreadable(f"I couldn't read '{shown}' as a due date.")


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Unreadable(f"There is no {day} {_month_name(month)} {year}.") from None


def _next_date(month: int, day: int, today: date) -> date:
    """The next `day` of `month` from today on (29 February can be up to 8 years ahead)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise _Unreadable(f"There is no {day} {_month_name(month)}.")


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")
