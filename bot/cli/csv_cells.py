"""Cells of the CSV files the app writes, made safe to open in a spreadsheet: a text cell starting with = + - @
(or a tab or carriage return) would be run as a formula (CSV injection), so it gets a leading single quote, the
usual way to make a spreadsheet show it as text. Numbers (a refund's -12.50 too) stay numbers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-\d{1,30}(\.\d{1,30})?")


def safe_cell(value: Any) -> Any:
    """`value`, with a leading ' when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NEGATIVE_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}
