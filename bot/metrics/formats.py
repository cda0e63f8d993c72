"""Which kind of file a CSV is, from its header row: the import can take either and say when it got the other."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from bot.metrics.csv_table import column_key


class FileFormat(StrEnum):
    metrics = "metrics"  # post results, one row per observation
    shopify = "shopify"  # Shopify's orders export
    generic_orders = "generic_orders"  # order_id, created_at, code, utm_content, revenue, currency


def detect_format(header: Collection[str]) -> FileFormat | None:
    """The format whose tell-tale columns the header has (any case), or None."""
    keys = {column_key(name) for name in header}
    if {"name", "financial status"} <= keys:
        return FileFormat.shopify
    if "order_id" in keys:
        return FileFormat.generic_orders
    if "post_url" in keys:
        return FileFormat.metrics
    return None


WRONG_FILE: dict[FileFormat, str] = {
    FileFormat.metrics: "row 1: this is a post results file, not orders; import it as post results",
    FileFormat.shopify: "row 1: this is a Shopify orders export, not post results; import it as orders",
    FileFormat.generic_orders: "row 1: this is an orders file, not post results; import it as orders",
}
