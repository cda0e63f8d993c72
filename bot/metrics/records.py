"""From a row's cells to a record, and the message for a record that repeats an earlier one with other values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from bot.metrics.cells import CellError
from bot.metrics.csv_table import Problems, Row


def parse_cells(row: Row, parsers: Mapping[str, Callable[[str], Any]], problems: Problems) -> dict[str, Any] | None:
    """Each cell of the row through its parser; None (and the problems noted) when any cell is bad."""
    values: dict[str, Any] = {}
    ok = True
    for name, raw in row.cells.items():
        try:
            values[name] = parsers[name](raw)
        except CellError as bad:
            problems.cell(row, name, str(bad))
            ok = False
    return values if ok else None


def conflict(
    problems: Problems,
    row: Row,
    earlier: tuple[int, BaseModel],
    record: BaseModel,
    same: str,
    columns: Mapping[str, str] | None = None,
) -> None:
    """A record whose key repeats an earlier row's with other values: name the first value that differs
    (`columns` maps a record field to the column it came from, when their names differ)."""
    before, now = earlier[1].model_dump(), record.model_dump()
    name = next(name for name in now if now[name] != before[name])
    column = (columns or {}).get(name, name)
    problems.cell(
        row,
        column,
        f"row {earlier[0]} has {same} with another {column} ({now[name]} here, {before[name]} there); "
        "keep one of the two rows",
    )
