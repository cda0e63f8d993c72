"""CSV text read in one linear pass with every size bounded, and the problems a person can act on.

The caller opens the file and passes its text: a string, or any iterable of text pieces (lines, or chunks of
any size, e.g. `iter(lambda: f.read(65536), "")`), so a file far too big fails after `max_chars` characters
instead of after reading all of it. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.metrics.errors import MetricsInputError

TextInput = str | Iterable[str]


@dataclass(frozen=True)
class Limits:
    """Sizes a file may reach. The defaults take a 100,000-row export (Shopify rows run to about 1-2 KB)."""

    max_chars: int = 200_000_000  # the whole text, in characters (bytes for plain ASCII)
    max_rows: int = 200_000  # rows after the header: Shopify writes one per line item
    max_cell: int = 10_000  # characters in one cell the import reads
    max_line: int = 1_000_000  # characters in one physical line: junk without line breaks stops here
    max_problems: int = 10  # problems listed before reading stops: a file of junk fails at once


DEFAULT_LIMITS = Limits()

MAX_SHOWN = 40  # characters of a bad cell quoted back in a message


def shown(raw: str) -> str:
    """A cell as quoted in a message: '"12k"', cut short when long."""
    return f'"{raw}"' if len(raw) <= MAX_SHOWN else f'"{raw[:MAX_SHOWN]}…"'


class _Stop(Exception):
    """Reading cannot go on (the file is too big, or is not CSV text)."""


def _pieces(text: TextInput) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def bounded_lines(text: TextInput, limits: Limits) -> Iterator[str]:
    """The text as lines (each ending in its newline), failing as soon as a bound is passed.

    Linear: each character is looked at once, and a partial line is joined once, when it ends."""
    total = 0
    pending: list[str] = []
    pending_len = 0
    for piece in _pieces(text):
        total += len(piece)
        if total > limits.max_chars:
            raise _Stop(f"the file is longer than {limits.max_chars:,} characters; split it into smaller files")
        if "\x00" in piece:  # no text export writes NUL: a spreadsheet or a binary file saved under .csv
            raise _Stop("this is not a text file (it holds NUL bytes); save it as CSV (comma-separated values)")
        start = 0
        while (end := piece.find("\n", start)) >= 0:
            if pending_len + end + 1 - start > limits.max_line:
                raise _Stop(_long_line(limits))
            pending.append(piece[start : end + 1])
            yield "".join(pending)
            pending, pending_len, start = [], 0, end + 1
        if start < len(piece):
            pending.append(piece[start:])
            pending_len += len(piece) - start
            if pending_len > limits.max_line:
                raise _Stop(_long_line(limits))
    if pending:
        yield "".join(pending)


def _long_line(limits: Limits) -> str:
    return (
        f"a line is longer than {limits.max_line:,} characters, which no export writes; "
        "save the file as CSV (comma-separated values) and import that"
    )


@dataclass(frozen=True)
class Columns:
    """The columns one format reads: canonical names as the format writes them."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return self.required + self.optional


def column_key(name: str) -> str:
    """How header cells are compared: case, outer spaces and a spreadsheet's byte-order mark do not count."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    cells: dict[str, str]  # canonical column name -> the cell, outer spaces removed ("" when blank or absent)


class Problems:
    """Problems found so far; reading stops when `limits.max_problems` are listed."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.messages: list[str] = []

    def add(self, message: str, *, row: int) -> None:
        self.messages.append(message)
        if len(self.messages) >= self.limits.max_problems:
            raise MetricsInputError(tuple(self.messages), stopped_at_row=row, more=True)

    def cell(self, row: Row, column: str, message: str) -> None:
        self.add(f"row {row.number}, column {column}: {message}", row=row.number)

    def stop(self, message: str, *, row: int) -> MetricsInputError:
        return MetricsInputError((*self.messages, message), stopped_at_row=row)

    def raise_if_any(self) -> None:
        if self.messages:
            raise MetricsInputError(tuple(self.messages))


class Table:
    """A CSV text whose header has been read; `rows(columns)` then yields its rows once."""

    def __init__(self, text: TextInput, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.problems = Problems(limits)
        self._reader = csv.reader(bounded_lines(text, limits))
        self._row = 0
        header = self._next()
        if header is None or not any(cell.strip() for cell in header):
            raise self.problems.stop("the file is empty: its first row must be the header", row=1)
        if len(header) > 500 or any(len(cell) > 200 for cell in header):
            raise self.problems.stop("row 1 is not a header row (too many or too long column names)", row=1)
        self.header = tuple(" ".join(cell.replace("\ufeff", "").split()) for cell in header)

    def _next(self) -> list[str] | None:
        self._row += 1
        try:
            return next(self._reader, None)
        except _Stop as stop:
            raise self.problems.stop(str(stop), row=self._row) from None
        except csv.Error as exc:  # a NUL byte (a binary file), a quoted cell without its closing quote
            raise self.problems.stop(
                f"row {self._row} is not CSV text ({exc}); save the file as CSV (comma-separated values)",
                row=self._row,
            ) from None

    def header_keys(self) -> frozenset[str]:
        return frozenset(column_key(name) for name in self.header)

    def _positions(self, columns: Columns) -> dict[str, int]:
        """Where each wanted column is; a missing, misspelt or repeated column stops the import."""
        keys = [column_key(name) for name in self.header]
        positions: dict[str, int] = {}
        problems: list[str] = []
        for name in columns.all:
            found = [i for i, key in enumerate(keys) if key == column_key(name)]
            if len(found) > 1:
                problems.append(f"row 1: the column {name} appears {len(found)} times; keep one")
            elif found:
                positions[name] = found[0]
        absent = {column_key(name): name for name in columns.all if name not in positions}
        wanted = {column_key(name) for name in columns.all}
        for number, key in enumerate(keys, start=1):
            close = difflib.get_close_matches(key, list(absent), n=1, cutoff=0.75) if key not in wanted else []
            if close:
                problems.append(
                    f"row 1, column {number}: {shown(self.header[number - 1])} is not a column I read; "
                    f"did you mean {absent[close[0]]}? Rename it"
                )
                absent.pop(close[0])
        missing = [name for name in columns.required if name not in positions]
        if missing:
            optional = f" (optional: {', '.join(columns.optional)})" if columns.optional else ""
            problems.append(
                f"row 1: the header has no column {', '.join(missing)}. The header must name the columns "
                f"{', '.join(columns.required)}{optional}"
            )
        if problems:
            raise MetricsInputError(tuple(problems), stopped_at_row=1)
        return positions

    def rows(self, columns: Columns) -> Iterator[Row]:
        """Every non-blank row, with the wanted columns only; over-long cells and rows are problems."""
        positions = self._positions(columns)
        width = len(self.header)
        while (cells := self._next()) is not None:
            if self._row - 1 > self.limits.max_rows:
                raise self.problems.stop(
                    f"the file has more than {self.limits.max_rows:,} rows; split it into smaller files",
                    row=self._row,
                )
            if not "".join(cells).strip():  # blank: one join, not a look at each of a wide export's cells
                continue
            if len(cells) > width:
                self.problems.add(
                    f"row {self._row} has {len(cells)} cells but the header has {width} columns; "
                    "put quotes around values that contain a comma",
                    row=self._row,
                )
                continue
            values: dict[str, str] = {}
            for name, at in positions.items():
                values[name] = cells[at].strip() if at < len(cells) else ""
            row = Row(self._row, values)
            too_long = [name for name, cell in values.items() if len(cell) > self.limits.max_cell]
            for name in too_long:
                self.problems.cell(
                    row, name, f"{len(values[name]):,} characters; a cell holds at most {self.limits.max_cell:,}"
                )
            if not too_long:
                yield row
