"""Reading follower records from CSV or JSON Lines files (or Python dicts), with errors a person can act on.

Columns: username, has_profile_pic, is_private, follower_count, following_count, media_count (required);
full_name, biography, has_external_url (optional). Other columns are ignored. A missing optional value is
unknown, never zero: in JSON a key left out or null; in CSV an empty has_external_url cell or a column left
out. An empty biography or full_name cell in a CSV that has the column is an empty text (the export had the
field), as "" is in JSON. Booleans: true/false, 1/0, yes/no. Counts: whole numbers >= 0.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.sources.models import FollowerProfile
from bot.vetting.audience.columns import ProfileColumns, columns_from_fields

REQUIRED = ("username", "has_profile_pic", "is_private", "follower_count", "following_count", "media_count")
OPTIONAL = ("full_name", "biography", "has_external_url")
LABEL = "fake"
MAX_REPORTED = 10  # problems listed before "... and N more"
MAX_SHOWN = 60  # characters of a bad value quoted in its problem

_TRUE = frozenset({"true", "1", "yes", "y", "t", "1.0"})
_FALSE = frozenset({"false", "0", "no", "n", "f", "0.0"})


class RecordError(ValueError):
    """Bad input: the message names the file, the line and the column, and says what was expected."""


class _BadValue(Exception):
    pass


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise _BadValue(f"expected true/false (or 1/0), got {_shown(value)}")


def _shown(value: Any) -> str:
    """A bad value as the message quotes it: short, so a 100 KB cell is not echoed."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def _count(value: Any) -> int:
    number: float | int | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            number = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                number = None
    if number is None or not math.isfinite(number) or number < 0 or number != int(number):
        raise _BadValue(f"expected a whole number >= 0, got {_shown(value)}")
    return int(number)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # a JSON username like 12345
    raise _BadValue(f"expected text, got {_shown(value)}")


PARSERS: dict[str, Callable[[Any], Any]] = {
    "username": _text,
    "full_name": _text,
    "biography": _text,
    "has_profile_pic": _boolean,
    "is_private": _boolean,
    "follower_count": _count,
    "following_count": _count,
    "media_count": _count,
    "has_external_url": _boolean,
    LABEL: _boolean,
}
_EMPTY_MEANS_TEXT = frozenset({"full_name", "biography"})  # in CSV: an empty cell is an empty text


@dataclass(frozen=True)
class _RawRow:
    where: str  # "line 7" / "record 3": what a person looks for in the file
    values: Mapping[str, Any]
    from_csv: bool


@dataclass
class _Problems:
    source: str
    messages: list[str]
    count: int = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < MAX_REPORTED:
            self.messages.append(message)

    def raise_if_any(self) -> None:
        if not self.count:
            return
        more = f"\n  ... and {self.count - len(self.messages)} more" if self.count > len(self.messages) else ""
        noun = "problem" if self.count == 1 else "problems"
        lines = "\n  ".join(self.messages)
        raise RecordError(f"{self.count} {noun} in {self.source}:\n  {lines}{more}")


@dataclass(frozen=True)
class FollowerRecords:
    """Parsed rows as typed per-field lists (None = unknown), in input order."""

    fields: dict[str, list[Any]]
    labels: np.ndarray | None  # 0/1 per row when a label column was asked for

    def __len__(self) -> int:
        return len(self.fields["username"])

    def columns(self) -> ProfileColumns:
        f = self.fields
        return columns_from_fields(
            follower_count=f["follower_count"],
            following_count=f["following_count"],
            media_count=f["media_count"],
            has_profile_pic=f["has_profile_pic"],
            is_private=f["is_private"],
            biography=f["biography"],
            username=f["username"],
            has_external_url=f["has_external_url"],
        )

    def profiles(self) -> list[FollowerProfile]:
        names = list(self.fields)
        return [
            FollowerProfile(**{k: v for k, v in zip(names, row, strict=True) if k != LABEL})
            for row in zip(*self.fields.values(), strict=True)
        ]


def _parse(rows: Iterator[_RawRow], source: str, required: Sequence[str]) -> FollowerRecords:
    wanted = list(required) + [name for name in OPTIONAL if name not in required]
    fields: dict[str, list[Any]] = {name: [] for name in wanted}
    problems = _Problems(source, [])
    for row in rows:
        for name in wanted:
            raw = row.values.get(name)
            label = "column" if row.from_csv else "field"
            if raw is None or (row.from_csv and raw == "" and name not in _EMPTY_MEANS_TEXT):
                if name in required:
                    state = "is missing" if name not in row.values else "is empty" if row.from_csv else "is null"
                    problems.add(f"{row.where}, {label} '{name}' {state} (it is required)")
                fields[name].append(None)
                continue
            try:
                fields[name].append(PARSERS[name](raw))
            except _BadValue as exc:
                problems.add(f"{row.where}, {label} '{name}': {exc}")
                fields[name].append(None)
    problems.raise_if_any()
    labels = np.array(fields.pop(LABEL), dtype=float) if LABEL in fields else None
    return FollowerRecords(fields=fields, labels=labels)


def _csv_rows(text: str, source: str, required: Sequence[str]) -> Iterator[_RawRow]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return
    names = [h.strip().lower() for h in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise RecordError(
            f"{source} has no column {', '.join(repr(m) for m in missing)} (line 1 is the header: "
            f"{', '.join(h.strip() for h in header) or 'empty'}). Required columns: {', '.join(required)}; "
            f"optional: {', '.join(OPTIONAL)}."
        )
    for cells in _read_cells(reader, source):
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if len(cells) > len(names):
            raise RecordError(
                f"{source} line {reader.line_num} has {len(cells)} cells but the header has {len(names)}"
                " columns (an unquoted comma in a value? quote it)"
            )
        yield _RawRow(f"line {reader.line_num}", dict(zip(names, cells, strict=False)), from_csv=True)


def _read_cells(reader: Any, source: str) -> Iterator[list[str]]:
    """The rows of a csv.reader; a cell beyond the csv module's limit is a RecordError, not a traceback."""
    try:
        yield from reader
    except csv.Error as exc:
        raise RecordError(f"{source} line {reader.line_num}: {exc}; is it a CSV of follower profiles?") from exc


def _json_rows(text: str, source: str) -> Iterator[_RawRow]:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of objects, as well as JSON Lines
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(f"{source} line {exc.lineno}: not valid JSON ({exc.msg})") from exc
        except ValueError as exc:  # e.g. a number of more than 4,300 digits
            raise RecordError(f"{source}: not valid JSON ({str(exc)[:80]})") from exc
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise RecordError(f"{source} record {number}: expected a JSON object, got {item!r:.60}")
            yield _RawRow(f"record {number}", item, from_csv=False)
        return
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(f"{source} line {line_number}: not valid JSON ({exc.msg})") from exc
        except ValueError as exc:  # e.g. a number of more than 4,300 digits
            raise RecordError(f"{source} line {line_number}: not valid JSON ({str(exc)[:80]})") from exc
        if not isinstance(item, dict):
            raise RecordError(f"{source} line {line_number}: expected a JSON object, got {item!r:.60}")
        yield _RawRow(f"line {line_number}", item, from_csv=False)


def _looks_like_json(path: str, text: str) -> bool:
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return True
    if suffix in (".csv", ".txt"):
        return False
    return text.lstrip()[:1] in ("{", "[")


def _read_text(path: str | Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")  # -sig: spreadsheet exports start with a BOM
    except FileNotFoundError as exc:
        raise RecordError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise RecordError(f"{path} is a folder, not a CSV or JSONL file") from exc
    except UnicodeDecodeError as exc:
        raise RecordError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV or JSONL") from exc


def read_records(path: str | Path, *, labelled: bool = False) -> FollowerRecords:
    """Parse a CSV or JSONL file of follower profiles ('-' = standard input); raises RecordError.

    `labelled=True` also requires the `fake` column (0/1/true/false), for training.
    """
    source = "standard input" if str(path) == "-" else str(path)
    text = _read_text(path)
    required = (*REQUIRED, LABEL) if labelled else REQUIRED
    as_json = _looks_like_json(str(path), text)
    rows = _json_rows(text, source) if as_json else _csv_rows(text, source, required)
    return _parse(rows, source, required)


def records_from_dicts(records: Sequence[Mapping[str, Any]], *, labelled: bool = False) -> FollowerRecords:
    """Parse in-memory records with the same rules as a JSONL file; raises RecordError."""
    required = (*REQUIRED, LABEL) if labelled else REQUIRED
    rows = (_RawRow(f"record {i}", r, from_csv=False) for i, r in enumerate(records, start=1))
    return _parse(rows, "records", required)


def columns_from_records(records: Sequence[Mapping[str, Any]]) -> ProfileColumns:
    return records_from_dicts(records).columns()


def read_profiles(path: str | Path) -> list[FollowerProfile]:
    """A CSV or JSONL file as FollowerProfile objects (for /vet); raises RecordError."""
    return read_records(path).profiles()
