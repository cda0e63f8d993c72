"""One CSV cell to a value, or a CellError saying what is wrong and what to write instead.

Cells reach these functions stripped and at most `Limits.max_cell` long; every pattern is anchored and has
no nested repetition, so each runs in time linear in the cell.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from bot.metrics.csv_table import shown
from bot.vocabulary import MAX_AMOUNT, as_utc

MAX_COUNT = 10**15  # a view count beyond this is a typo, not a post


class CellError(ValueError):
    """What is wrong with one cell, worded to follow 'row 14, column likes: '."""


_DIGITS = re.compile(r"\d{1,16}")
_WHOLE_FLOAT = re.compile(r"(\d{1,16})\.0{1,2}")  # "120.0", as spreadsheets save whole numbers
_SUFFIXED = re.compile(r"(\d{1,12}(?:\.\d{1,6})?) ?([kKmM])")  # "12k", "1.2M"
_GROUPED = re.compile(r"\d{1,3}(?:[,  '.]\d{3})+")  # "12,000", "12 000", "12.000"
_SUFFIX_FACTOR = {"k": 1_000, "m": 1_000_000}


def whole_number(raw: str) -> int:
    """A count of 0 or more: '1200' or '1200.0'; '12k' and '12,000' are refused with '— write 12000'."""
    if match := _DIGITS.fullmatch(raw) or _WHOLE_FLOAT.fullmatch(raw):
        value = int(match.group(1) if match.re is _WHOLE_FLOAT else raw)
        if value > MAX_COUNT:
            raise CellError(f"{shown(raw)} is too large to be a count; check the number")
        return value
    if raw.startswith("-") and (_DIGITS.fullmatch(raw[1:]) or _WHOLE_FLOAT.fullmatch(raw[1:])):
        raise CellError(f"{shown(raw)} is negative; write the count (0 or more), or leave the cell blank if unknown")
    if match := _SUFFIXED.fullmatch(raw):
        value = int(Decimal(match.group(1)) * _SUFFIX_FACTOR[match.group(2).lower()])
        raise CellError(f"{shown(raw)} is not a whole number — write {value}")
    if _GROUPED.fullmatch(raw):
        raise CellError(f"{shown(raw)} is not a whole number — write {re.sub(r'[^0-9]', '', raw)}")
    if re.fullmatch(r"\d{1,16}\.\d{1,6}", raw):
        whole = raw.split(".")[0]
        raise CellError(f"{shown(raw)} is not a whole number — write a count without decimals, such as {whole}")
    raise CellError(f"{shown(raw)} is not a whole number — write digits only, such as 1200, or leave the cell blank")


def optional_count(raw: str) -> int | None:
    """A blank cell is unknown, never zero."""
    return None if raw == "" else whole_number(raw)


_AMOUNT = re.compile(r"\d{1,12}(?:\.\d{1,2})?")
_SYMBOL_AMOUNT = re.compile(r"[$€£¥]\s?(\d{1,12}(?:\.\d{1,2})?)|(\d{1,12}(?:\.\d{1,2})?)\s?[$€£¥]")
_GROUPED_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?")  # "1,234.50"
_DECIMAL_COMMA = re.compile(r"(\d{1,3}(?:\.\d{3})*|\d{1,12}),(\d{1,2})")  # "1.234,50", "64,41"


def amount(raw: str) -> Decimal:
    """A money amount of 0 or more with at most 2 decimals, written with a point: '64.41'."""
    if _AMOUNT.fullmatch(raw):
        value = Decimal(raw)
        if value > MAX_AMOUNT:
            raise CellError(f"{shown(raw)} is too large for an amount; check the number")
        return value
    if raw.startswith("-") and _AMOUNT.fullmatch(raw[1:]):
        raise CellError(f"{shown(raw)} is negative; write the amount (0 or more)")
    if match := _SYMBOL_AMOUNT.fullmatch(raw):
        number = match.group(1) or match.group(2)
        raise CellError(f"{shown(raw)} has a currency sign — write {number} (the currency goes in its own column)")
    if _GROUPED_AMOUNT.fullmatch(raw):
        raise CellError(f"{shown(raw)} is not an amount — write {raw.replace(',', '')}")
    if match := _DECIMAL_COMMA.fullmatch(raw):
        raise CellError(f"{shown(raw)} is not an amount — write {match.group(1).replace('.', '')}.{match.group(2)}")
    if re.fullmatch(r"\d{1,12}\.\d{3,8}", raw):
        raise CellError(f"{shown(raw)} has more than 2 decimals — write {Decimal(raw).quantize(Decimal('0.01'))}")
    raise CellError(f"{shown(raw)} is not an amount — write digits with a point, such as 64.41")


def optional_amount(raw: str) -> Decimal:
    """Shopify leaves Refunded Amount blank when nothing was refunded."""
    return Decimal(0) if raw == "" else amount(raw)


_ISO_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?")
MAX_DATETIME = 40  # characters: the longest ISO 8601 form with fractions and an offset is 35


def moment(raw: str) -> datetime:
    """An instant with its zone: ISO 8601 ('2026-11-13T09:30:00Z', '…+01:00') or Shopify's
    '2026-11-24 11:00:00 +0000'. A time without a zone is refused: its zone would be a guess."""
    example = "2026-11-13T09:30:00Z"
    if not raw:
        raise CellError(f"is empty — write a date and time such as {example}")
    if len(raw) > MAX_DATETIME:
        raise CellError(f"{shown(raw)} is not a date and time — write it like {example}")
    try:
        parsed = datetime.fromisoformat(raw)  # since Python 3.11 it also reads Shopify's form
    except ValueError:
        raise CellError(f"{shown(raw)} is not a date and time — write it like {example}") from None
    if parsed.utcoffset() is None:
        wall = parsed.replace(microsecond=0).isoformat() if _ISO_LIKE.fullmatch(raw) else "2026-11-13T09:30:00"
        raise CellError(f"{shown(raw)} has no time zone — write {wall}Z for UTC, or add the offset (e.g. {wall}+01:00)")
    return as_utc(parsed)


_CURRENCY = re.compile(r"[A-Za-z]{3}")
_CURRENCY_WORDS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "DOLLARS": "USD", "EURO": "EUR", "EUROS": "EUR"}


def currency(raw: str) -> str:
    """A three-letter ISO 4217 code, upper-cased: 'usd' -> 'USD'."""
    if _CURRENCY.fullmatch(raw):
        return raw.upper()
    hint = _CURRENCY_WORDS.get(raw.upper())
    if not raw:
        raise CellError("is empty — write the three-letter currency code, such as USD")
    if hint:
        raise CellError(f"{shown(raw)} is not a currency code — write {hint}")
    raise CellError(f"{shown(raw)} is not a currency code — write three letters, such as USD, EUR or GBP")


MAX_URL = 2_000
_SPACE = re.compile(r"\s")


def link(raw: str) -> str:
    """A web address: 'https://…', without spaces."""
    if not raw.lower().startswith(("https://", "http://")) or _SPACE.search(raw) or len(raw) > MAX_URL:
        raise CellError(f"{shown(raw)} is not a link — write the full address, starting with https://")
    return raw
