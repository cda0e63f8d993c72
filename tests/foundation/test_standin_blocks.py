"""The stand-in refuses charts and tables as Slack does: invalid_blocks, with the json-pointer of the field at
fault, for a block type Slack does not know and for each documented limit of data_visualization and table."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from tests.harness import BOT_TOKEN


def bar(title: str = "CPE per creator", labels: tuple[str, ...] = ("@ana", "@ben")) -> dict[str, Any]:
    return {
        "type": "data_visualization",
        "title": title,
        "chart": {
            "type": "bar",
            "series": [{"name": "CPE", "data": [{"label": label, "value": 0.2} for label in labels]}],
            "axis_config": {"categories": list(labels), "x_label": "Creator", "y_label": "USD"},
        },
    }


def table(rows: int = 2, cells: int = 3) -> dict[str, Any]:
    return {
        "type": "table",
        "rows": [[{"type": "raw_text", "text": f"r{r}c{c}"} for c in range(cells)] for r in range(rows)],
        "column_settings": [{"align": "left"}, None, {"align": "right", "is_wrapped": True}],
    }


def message() -> list[dict[str, Any]]:
    line = bar("Cumulative views", ("Mar 1", "Mar 2"))
    line["chart"]["type"] = "line"
    return [{"type": "section", "text": {"type": "mrkdwn", "text": "Results"}}, bar(), line, table()]


def post(standin, blocks: list[dict[str, Any]]) -> list[str]:
    """Slack's messages for a refused post; [] when it was posted."""
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url)
    try:
        client.chat_postMessage(channel="C0ANY", text="Results", blocks=blocks)
    except SlackApiError as error:
        assert error.response["error"] == "invalid_blocks"
        return error.response["response_metadata"]["messages"]
    return []


def chart(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return blocks[1]["chart"]


def set_in(path: str, value: Any) -> Callable[[list[dict[str, Any]]], None]:
    """A change to the message: put `value` at a json-pointer-like path such as 1/chart/type."""

    def change(blocks: list[dict[str, Any]]) -> None:
        *parents, last = path.split("/")
        target: Any = blocks
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(last) if isinstance(target, list) else last] = value

    return change


def add_block(block: dict[str, Any]) -> Callable[[list[dict[str, Any]]], None]:
    return lambda blocks: blocks.append(block)


TWENTY_ONE = tuple(f"@c{n}" for n in range(21))
REFUSED = {
    "an unknown block type": (add_block({"type": "chart"}), "[json-pointer:/blocks/4/type]"),
    "a third chart": (add_block(bar()), "no more than 2 data_visualization block(s) allowed per message"),
    "a title of 51 characters": (set_in("1/title", "x" * 51), "50 characters [json-pointer:/blocks/1/title]"),
    "no title": (set_in("1/title", ""), "missing required field: title [json-pointer:/blocks/1]"),
    "a chart type Slack does not draw": (set_in("1/chart/type", "scatter"), "[json-pointer:/blocks/1/chart/type]"),
    "a category of 21 characters": (
        set_in("1/chart/axis_config/categories/0", "x" * 21),
        "[json-pointer:/blocks/1/chart/axis_config/categories/0]",
    ),
    "a point's label of 21 characters": (
        set_in("1/chart/series/0/data/0/label", "x" * 21),
        "[json-pointer:/blocks/1/chart/series/0/data/0/label]",
    ),
    "21 categories": (set_in("1", bar(labels=TWENTY_ONE)), "no more than 20 items [json-pointer:/blocks/1/chart/"),
    "a point outside the categories": (
        set_in("1/chart/series/0/data/0/label", "@zoe"),
        "one of the axis_config categories [json-pointer:/blocks/1/chart/series/0/data/0/label]",
    ),
    "twice the same category": (
        set_in("1/chart/axis_config/categories/1", "@ana"),
        "categories must be unique",
    ),
    "7 series": (
        lambda blocks: chart(blocks).update(
            series=[{"name": f"S{n}", "data": [{"label": "@ana", "value": 1}]} for n in range(7)]
        ),
        "no more than 6 items [json-pointer:/blocks/1/chart/series]",
    ),
    "a series name of 21 characters": (set_in("1/chart/series/0/name", "x" * 21), "/chart/series/0/name]"),
    "an axis label of 51 characters": (set_in("1/chart/axis_config/y_label", "x" * 51), "/axis_config/y_label]"),
    "a value that is not a number": (set_in("1/chart/series/0/data/0/value", "0.2"), "/data/0/value]"),
    "no axis_config": (lambda blocks: chart(blocks).pop("axis_config"), "missing required field: axis_config"),
    "a pie of 7 segments": (
        set_in("1/chart", {"type": "pie", "segments": [{"label": f"P{n}", "value": 1} for n in range(7)]}),
        "no more than 6 items [json-pointer:/blocks/1/chart/segments]",
    ),
    "a pie segment of 0": (
        set_in("1/chart", {"type": "pie", "segments": [{"label": "P", "value": 0}]}),
        "greater than 0 [json-pointer:/blocks/1/chart/segments/0/value]",
    ),
    "a table of 101 rows": (set_in("3", table(rows=101)), "no more than 100 items [json-pointer:/blocks/3/rows]"),
    "a row of 21 cells": (set_in("3", table(cells=21)), "no more than 20 items [json-pointer:/blocks/3/rows/0]"),
    "a cell Slack's table does not take": (
        set_in("3/rows/1/0", {"type": "raw_number", "value": 3, "text": "3"}),
        "a cell must be one of: raw_text, rich_text [json-pointer:/blocks/3/rows/1/0]",
    ),
    "an empty cell": (set_in("3/rows/1/2", {"type": "raw_text", "text": ""}), "[json-pointer:/blocks/3/rows/1/2]"),
    "a second table": (add_block(table()), "no more than 1 table block(s) allowed per message"),
    "a column aligned nowhere": (
        set_in("3/column_settings/0", {"align": "middle"}),
        "[json-pointer:/blocks/3/column_settings/0]",
    ),
    "21 column settings": (set_in("3/column_settings", [None] * 21), "/blocks/3/column_settings]"),
}


def test_charts_and_a_table_within_the_limits_are_posted(standin):
    blocks = message()
    blocks[2] = {"type": "data_visualization", "title": "Platforms", "chart": {"type": "pie", "segments": []}}
    blocks[2]["chart"]["segments"] = [{"label": "TikTok", "value": 3}, {"label": "Instagram", "value": 1.5}]
    assert post(standin, blocks) == []
    assert post(standin, [bar(labels=TWENTY_ONE[:20]), table(rows=100, cells=3)]) == []
    assert post(standin, [table(rows=2, cells=20)]) == []


@pytest.mark.parametrize("change", REFUSED.values(), ids=REFUSED.keys())
def test_slack_refuses_charts_and_tables_outside_its_limits(standin, change):
    alter, expected = change
    blocks = copy.deepcopy(message())
    assert post(standin, blocks) == []
    alter(blocks)
    messages = post(standin, blocks)
    assert any(expected in line for line in messages), messages
    assert all(line.startswith("[ERROR] ") and "[json-pointer:/blocks" in line for line in messages)


def test_chat_update_and_a_response_url_refuse_them_too(standin):
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url)
    posted = client.chat_postMessage(channel="C0ANY", text="Results", blocks=message())
    with pytest.raises(SlackApiError) as refused:
        client.chat_update(channel="C0ANY", ts=posted["ts"], text="Results", blocks=[*message(), bar()])
    assert refused.value.response["error"] == "invalid_blocks"

    webhook = WebhookClient(standin.new_response_url())
    answer = webhook.send(text="Results", blocks=[bar("x" * 51)])
    assert (answer.status_code, answer.body) == (400, "invalid_blocks")
    assert webhook.send(text="Results", blocks=message()).status_code == 200


def test_a_view_with_an_unknown_block_is_refused(standin):
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url)
    view = {"type": "home", "blocks": [{"type": "sparkline"}]}
    with pytest.raises(SlackApiError) as refused:
        client.views_publish(user_id="U0ALICE", view=view)
    assert refused.value.response["response_metadata"]["messages"] == [
        "[ERROR] unsupported block type: sparkline [json-pointer:/view/blocks/0/type]"
    ]
