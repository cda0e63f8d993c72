"""Slack's own charts and tables: the `data_visualization` block and the `table` block, as typed dicts.

slack_sdk has no class for the chart block, so both are built here as plain JSON, inside Slack's limits:
https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block — a title of 50 characters, line, bar,
area or pie; 1 to 6 series of 1 to 20 points; every label (point, category, series name) 20 characters at most,
each point's label one of the axis categories; axis labels 50 characters; at most 2 charts a message.
https://docs.slack.dev/reference/block-kit/blocks/table-block — up to 100 rows of up to 20 cells, each cell
`raw_text` or `rich_text`; `column_settings` (align, is_wrapped) for up to 20 columns. This is the table block
for messages, not the `data_table` block (pagination, sorting and Work Object interactivity, meant for apps
built on Work Objects); a report posted by a bot is a plain, read-only table.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal, NotRequired, TypedDict

from handlers.blocks.text import cut, unique_labels

CHARTS_PER_MESSAGE = 2
CHART_TITLE = 50
CHART_LABEL = 20  # a point's label, a category, a series name, a pie segment
CHART_POINTS = 20  # per series, so categories too
CHART_SERIES = 6
AXIS_LABEL = 50
TABLE_ROWS = 100
TABLE_CELLS = 20
TABLE_CELL_TEXT = 200  # no documented limit; a report's cells are short, and every size is bounded

SeriesKind = Literal["bar", "area", "line"]
Align = Literal["left", "center", "right"]


class DataPoint(TypedDict):
    label: str
    value: int | float


class DataSeries(TypedDict):
    name: str
    data: list[DataPoint]


class AxisConfig(TypedDict):
    categories: list[str]
    x_label: NotRequired[str]
    y_label: NotRequired[str]


class SeriesChart(TypedDict):
    type: SeriesKind
    series: list[DataSeries]
    axis_config: AxisConfig


class DataVisualizationBlock(TypedDict):
    type: Literal["data_visualization"]
    title: str
    chart: SeriesChart


class RawTextCell(TypedDict):
    type: Literal["raw_text"]
    text: str


class ColumnSetting(TypedDict):
    align: Align
    is_wrapped: NotRequired[bool]


class TableBlock(TypedDict):
    type: Literal["table"]
    rows: list[list[RawTextCell]]
    column_settings: NotRequired[list[ColumnSetting]]


def json_number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: whole numbers stay whole (views), others become floats (CPE)."""
    return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)


def series_chart(
    kind: SeriesKind,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal]]],
    *,
    x_label: str = "",
    y_label: str = "",
) -> DataVisualizationBlock:
    """A bar, area or line chart: `series` are (name, one value per category). Categories past 20 and series
    past 6 are dropped (the caller chooses which come first); labels are cut to 20 characters, kept unique."""
    labels = unique_labels(categories[:CHART_POINTS], CHART_LABEL)
    names = unique_labels([name for name, _ in series[:CHART_SERIES]], CHART_LABEL)
    axis: AxisConfig = {"categories": labels}
    if x_label.strip():
        axis["x_label"] = cut(x_label, AXIS_LABEL)
    if y_label.strip():
        axis["y_label"] = cut(y_label, AXIS_LABEL)
    return {
        "type": "data_visualization",
        "title": cut(title, CHART_TITLE),
        "chart": {
            "type": kind,
            "series": [
                {
                    "name": name,
                    "data": [
                        {"label": label, "value": json_number(value)}
                        for label, value in zip(labels, values, strict=False)
                    ],
                }
                for name, (_, values) in zip(names, series, strict=False)
            ],
            "axis_config": axis,
        },
    }


def raw_text(text: str) -> RawTextCell:
    """A table cell as written (no mrkdwn, so nothing to escape); never empty, as Slack refuses empty cells."""
    return {"type": "raw_text", "text": cut(text, TABLE_CELL_TEXT) or "-"}


def table_block(rows: Sequence[Sequence[str]], align: Sequence[Align] = ()) -> TableBlock:
    """A table whose first row is its header; rows past 100 and cells past 20 are dropped."""
    block: TableBlock = {
        "type": "table",
        "rows": [[raw_text(cell) for cell in row[:TABLE_CELLS]] for row in rows[:TABLE_ROWS]],
    }
    if align:
        block["column_settings"] = [{"align": a} for a in align[:TABLE_CELLS]]
    return block
