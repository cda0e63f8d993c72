"""Orders files: Shopify's orders export, or a generic orders CSV; the header says which.

Shopify writes one row per line item. The order-level cells (Financial Status, Currency, Subtotal, Discount
Code, Refunded Amount, Cancelled at …) are filled on one row of the order only, and every row of an order shares
its `Name` (#1001). Revenue = Subtotal − Refunded Amount (never below 0: a refund of shipping or tax can exceed
the subtotal). Voided orders are left out (and listed); cancelled ones are kept, marked, and never count.

An order that appears again exactly (the same export imported twice, pasted together) is kept once; the same
order id with other values is a problem.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from bot.metrics import cells
from bot.metrics.csv_table import DEFAULT_LIMITS, Columns, Limits, Problems, Row, Table, TextInput
from bot.metrics.errors import MetricsInputError
from bot.metrics.formats import WRONG_FILE, FileFormat, detect_format
from bot.metrics.inputs import MAX_CODE, Order, OrderSource
from bot.metrics.records import conflict, parse_cells

SHOPIFY_ORDER_LEVEL = ("Financial Status", "Currency", "Subtotal", "Discount Code", "Refunded Amount", "Cancelled at")
SHOPIFY_COLUMNS = Columns(required=("Name", "Created at", *SHOPIFY_ORDER_LEVEL))
# Order fields -> the Shopify column each comes from, for messages.
SHOPIFY_FIELDS = {
    "order_id": "Name",
    "created_at": "Created at",
    "code": "Discount Code",
    "revenue": "Subtotal",
    "currency": "Currency",
    "cancelled": "Cancelled at",
}
GENERIC_COLUMNS = Columns(
    required=("order_id", "created_at", "revenue", "currency"),
    optional=("code", "utm_content"),
)


@dataclass(frozen=True)
class OrdersRead:
    format: FileFormat
    orders: tuple[Order, ...]  # in file order, each order id once
    voided: tuple[str, ...] = ()  # ids of voided orders, left out


def _code(raw: str) -> str | None:
    if len(raw) > MAX_CODE:
        raise cells.CellError(f"{cells.shown(raw)} is longer than {MAX_CODE} characters, too long for a code")
    return raw or None


def _order_id(raw: str) -> str:
    if not raw:
        raise cells.CellError("is empty; every order needs its id")
    if len(raw) > 200:
        raise cells.CellError(f"{cells.shown(raw)} is longer than 200 characters, too long for an order id")
    return raw


def _currency_in(allowed: Collection[str] | None) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        code = cells.currency(raw)
        if allowed is not None and code not in allowed:
            wanted = " or ".join(sorted(allowed))
            raise cells.CellError(f"{code} is not the campaign's currency ({wanted}); leave this order out")
        return code

    return parse


class _Orders:
    """Orders collected by id: a repeat of an identical order is skipped, a conflicting one is a problem."""

    def __init__(self, problems: Problems, columns: Mapping[str, str] | None = None) -> None:
        self.problems = problems
        self.columns = columns
        self.seen: dict[str, tuple[int, Order]] = {}  # order id -> its first row and record
        self.orders: list[Order] = []
        self.voided: list[str] = []

    def add(self, row: Row, values: dict[str, Any], *, voided: bool = False) -> None:
        order = Order(**values)
        earlier = self.seen.setdefault(order.order_id, (row.number, order))
        if earlier[1] is not order:
            if earlier[1] != order:
                same = f"order {cells.shown(order.order_id)}"
                conflict(self.problems, row, earlier, order, same, self.columns)
        elif voided:
            self.voided.append(order.order_id)
        else:
            self.orders.append(order)


def _read_generic(table: Table, allowed: Collection[str] | None) -> OrdersRead:
    parsers: dict[str, Callable[[str], Any]] = {
        "order_id": _order_id,
        "created_at": cells.moment,
        "code": _code,
        "utm_content": _code,
        "revenue": cells.amount,
        "currency": _currency_in(allowed),
    }
    found = _Orders(table.problems)
    for row in table.rows(GENERIC_COLUMNS):
        values = parse_cells(row, parsers, table.problems)
        if values is not None:
            values.setdefault("code", None)
            values.setdefault("utm_content", None)
            found.add(row, {**values, "source": OrderSource.generic})
    table.problems.raise_if_any()
    return OrdersRead(FileFormat.generic_orders, tuple(found.orders))


def _read_shopify(table: Table, allowed: Collection[str] | None) -> OrdersRead:
    parsers: dict[str, Callable[[str], Any]] = {
        "Name": _order_id,
        "Created at": cells.moment,
        "Financial Status": lambda raw: raw.lower(),
        "Currency": _currency_in(allowed),
        "Subtotal": cells.amount,
        "Discount Code": _code,
        "Refunded Amount": cells.optional_amount,
        "Cancelled at": lambda raw: raw != "",
    }
    found = _Orders(table.problems, SHOPIFY_FIELDS)
    names: dict[str, int] = {}  # every order name seen -> its first row, to find orders without an order row
    for row in table.rows(SHOPIFY_COLUMNS):
        names.setdefault(row.cells["Name"], row.number)
        if not any(row.cells[name] for name in ("Financial Status", "Currency", "Subtotal")):
            continue  # a further line item: its order-level cells are on the order's own row
        values = parse_cells(row, parsers, table.problems)
        if values is None:
            continue
        order = {
            "order_id": values["Name"],
            "created_at": values["Created at"],
            "code": values["Discount Code"],
            "utm_content": None,
            "revenue": max(values["Subtotal"] - values["Refunded Amount"], 0),
            "currency": values["Currency"],
            "cancelled": values["Cancelled at"],
            "source": OrderSource.shopify,
        }
        found.add(row, order, voided=values["Financial Status"] == "voided")
    for name, number in names.items():
        if name not in found.seen:
            table.problems.add(
                f"row {number}, column Name: order {cells.shown(name)} has no row with its Financial Status, "
                "Currency and Subtotal; export the orders again with every column",
                row=number,
            )
    table.problems.raise_if_any()
    return OrdersRead(FileFormat.shopify, tuple(found.orders), tuple(found.voided))


def read_orders(
    text: TextInput, limits: Limits = DEFAULT_LIMITS, *, allowed_currencies: Collection[str] | None = None
) -> OrdersRead:
    """Every order in a Shopify export or a generic orders CSV, or MetricsInputError naming the first problems.

    `allowed_currencies` (e.g. {"USD"}) makes an order in any other currency a problem; by default such
    orders are read, and the results report them apart from the campaign's currency."""
    table = Table(text, limits)
    kind = detect_format(table.header)
    if kind is FileFormat.shopify:
        return _read_shopify(table, allowed_currencies)
    if kind is FileFormat.generic_orders:
        return _read_generic(table, allowed_currencies)
    if kind is FileFormat.metrics:
        raise MetricsInputError((WRONG_FILE[kind],), stopped_at_row=1)
    raise MetricsInputError(
        (
            "row 1: this is neither a Shopify orders export (columns Name, Financial Status, …) nor an orders CSV "
            f"with the columns {', '.join(GENERIC_COLUMNS.all)}",
        ),
        stopped_at_row=1,
    )
