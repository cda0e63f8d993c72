"""The results report as Slack shows it: posted through the real WebClient to the stand-in, which refuses what
Slack refuses; the charts keep the best 20, the table runs best to worst, user text cannot ping anyone."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from slack_sdk import WebClient

from handlers.blocks.report import report_message
from handlers.blocks.report_view import (
    BarChart,
    CreatorRow,
    KeyNumber,
    LineChart,
    LineSeries,
    Ranking,
    ReportView,
    Shown,
)
from tests.harness import BOT_TOKEN

START = date(2026, 3, 1)


def creator(n: int, *, handle: str = "", cpe: Decimal | None = None) -> CreatorRow:
    cpe = Decimal(n) / 100 if cpe is None else cpe
    return CreatorRow(
        handle=handle or f"creator_{n:02d}",
        platform="instagram",
        spend=Shown(f"${n * 10}"),
        views=Shown(f"{n * 1000:,}"),
        engagements=Shown(f"{n * 50:,}"),
        cpe=Shown(f"${cpe:.2f}"),
        roas=Shown.missing("no orders yet"),
        score=cpe,
    )


def report(creators: list[CreatorRow], **changes: Any) -> ReportView:
    fields: dict[str, Any] = {
        "campaign_name": "Spring Glow",
        "period_text": "1–31 Mar 2026",
        "currency": "USD",
        "key_numbers": [
            KeyNumber("Spend", Shown("$8,200")),
            KeyNumber("Views", Shown("820,000"), note="38 of 40 posts live"),
            KeyNumber("CPE", Shown("$0.21")),
            KeyNumber("ROAS", Shown.missing("no orders yet")),
        ],
        "creators": creators,
        "bar": BarChart(
            "CPE per creator",
            "CPE (USD)",
            [(f"@{c.handle}", c.score or Decimal(0)) for c in creators],
            lower_is_better=True,
            y_label="USD",
        ),
        "line": LineChart(
            "Cumulative views by day",
            [LineSeries("Views", [(START + timedelta(days=d), Decimal(1000 * d)) for d in range(31)])],
        ),
        "missing": ["@creator_07: live post without results since 3 Mar"],
        "compliance": ["@creator_09: reel not disclosed as an ad (UK)"],
        "as_of_text": "results as of 31 Mar, 09:00",
    }
    return ReportView(**(fields | changes))


def post(standin, view: ReportView) -> dict[str, Any]:
    """Post the report as the app will, and give back what Slack kept."""
    text, blocks = report_message(view)
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url)
    answer = client.chat_postMessage(channel="C0RESULTS", text=text, blocks=blocks)
    assert answer["ok"]
    return standin.messages["C0RESULTS"][-1]


def of_type(blocks: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [block for block in blocks if block["type"] == kind]


def table_rows(blocks: list[dict[str, Any]]) -> list[list[str]]:
    [table] = of_type(blocks, "table")
    return [[cell["text"] for cell in row] for row in table["rows"]]


def mrkdwn_texts(blocks: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    stack: list[Any] = list(blocks)
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("type") in ("mrkdwn", "plain_text"):
                found.append(item["text"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_a_report_of_40_creators_is_one_message_slack_accepts(standin):
    message = post(standin, report([creator(n) for n in range(1, 41)]))

    blocks = message["blocks"]
    assert len(blocks) <= 50
    bar, line = of_type(blocks, "data_visualization")
    assert bar["title"] == "CPE per creator · top 20 of 40"
    assert bar["chart"]["type"] == "bar" and len(bar["chart"]["axis_config"]["categories"]) == 20
    assert line["chart"]["type"] == "line" and len(line["chart"]["axis_config"]["categories"]) == 20
    rows = table_rows(blocks)
    assert rows[0] == ["Creator", "Platform", "Spend", "Views", "Engagements", "CPE", "ROAS"]
    assert len(rows) == 41 and all(len(row) == 7 for row in rows)
    assert "Creators ranked by CPE, lowest first · results as of 31 Mar, 09:00" in mrkdwn_texts(blocks)


def test_the_bar_chart_shows_the_best_20_best_first(standin):
    cheapest_last = [creator(n, cpe=Decimal(41 - n) / 100) for n in range(1, 41)]
    [bar, _] = of_type(post(standin, report(cheapest_last))["blocks"], "data_visualization")

    categories = bar["chart"]["axis_config"]["categories"]
    assert categories[:3] == ["@creator_40", "@creator_39", "@creator_38"]
    assert categories[-1] == "@creator_21"
    assert [point["value"] for point in bar["chart"]["series"][0]["data"]][:3] == [0.01, 0.02, 0.03]


def test_for_engagements_the_most_are_the_best():
    view = report(
        [creator(n) for n in range(1, 26)],
        bar=BarChart("Engagements per creator", "Engagements", [(f"@c{n}", Decimal(n * 10)) for n in range(1, 26)]),
    )
    [bar, _] = of_type(report_message(view)[1], "data_visualization")
    assert bar["chart"]["axis_config"]["categories"][:2] == ["@c25", "@c24"]
    assert bar["chart"]["series"][0]["data"][0] == {"label": "@c25", "value": 250}


def test_the_table_runs_best_to_worst_with_unranked_creators_last(standin):
    unranked = CreatorRow(
        "newcomer",
        "tiktok",
        Shown("$0"),
        Shown.missing("no results yet"),
        Shown.missing("no results yet"),
        Shown.missing("no engagements yet"),
        Shown.missing("no orders yet"),
    )
    creators = [creator(3), unranked, creator(1), creator(2)]
    message = post(standin, report(creators))

    rows = table_rows(message["blocks"])
    assert [row[0] for row in rows[1:]] == ["@creator_01", "@creator_02", "@creator_03", "@newcomer"]
    assert rows[-1][2:] == ["$0", "— [2]", "— [2]", "— [3]", "— [1]"]
    assert "[1] no orders yet · [2] no results yet · [3] no engagements yet" in mrkdwn_texts(message["blocks"])


def test_a_long_table_keeps_the_best_and_the_worst_and_counts_the_rest(standin):
    message = post(standin, report([creator(n) for n in range(1, 121)]))

    rows = table_rows(message["blocks"])
    assert len(rows) == 50
    assert [row[0] for row in rows[1:3]] == ["@creator_01", "@creator_02"]
    assert rows[39] == ["… 72 more", "…", "…", "…", "…", "…", "…"]
    assert [row[0] for row in rows[40:]] == [f"@creator_{n}" for n in range(111, 121)]


def test_a_handle_or_a_name_that_would_ping_the_channel_is_escaped(standin):
    pinger = creator(1, handle="<!channel>")
    view = report(
        [pinger, creator(2)],
        campaign_name="<!here> launch & co",
        missing=["@<!channel>: live post without results"],
        compliance=["@<!channel>: no #ad"],
        changes=["@<!channel> joined"],
        key_numbers=[KeyNumber("Best <!channel>", Shown("@<!channel>"), note="<@U1>")],
    )
    text, _ = report_message(view)
    message = post(standin, view)

    readable = [text, *mrkdwn_texts(message["blocks"][1:])]  # the header is plain_text: see below
    assert not any("<!" in part or "<@" in part for part in readable)
    assert text.startswith("&lt;!here&gt; launch &amp; co results")
    assert "• @&lt;!channel&gt;: live post without results" in "\n".join(readable)
    # Chart labels and table cells are not mrkdwn: Slack shows them as written, so they are not escaped.
    assert table_rows(message["blocks"])[1][0] == "@<!channel>"
    # Nor is the header (plain_text): an escaped name would show as "&amp;".
    assert message["blocks"][0]["text"]["text"] == "<!here> launch & co · results"


def test_labels_are_cut_to_20_characters_and_stay_apart(standin):
    twins = [
        creator(1, handle="the_longest_handle_in_town_a"),
        creator(2, handle="the_longest_handle_in_town_b"),
        creator(3, handle="🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧"),
    ]
    [bar, _] = of_type(post(standin, report(twins))["blocks"], "data_visualization")

    categories = bar["chart"]["axis_config"]["categories"]
    assert categories == ["@the_longest_handle…", "@the_longest_hand…~2", "@🇬🇧🇬🇧🇬🇧🇬🇧…"]
    assert [point["label"] for point in bar["chart"]["series"][0]["data"]] == categories


def test_the_text_fallback_carries_the_key_numbers():
    text, _ = report_message(report([creator(n) for n in range(1, 41)]))
    assert text == (
        "Spring Glow results, 1–31 Mar 2026: Spend $8,200 · Views 820,000 · CPE $0.21 · "
        "ROAS — (no orders yet) · 1 missing · 1 compliance exception"
    )


def test_the_line_chart_keeps_20_days_with_the_first_and_the_last(standin):
    late_starter = LineSeries(
        "Reels", [(START + timedelta(days=10), Decimal(500)), (START + timedelta(days=30), Decimal(900))]
    )
    view = report([creator(1)], line=LineChart("Cumulative views by day", [*report([]).line.series, late_starter]))
    [_, line] = of_type(post(standin, view)["blocks"], "data_visualization")

    days = line["chart"]["axis_config"]["categories"]
    assert (len(days), days[0], days[-1]) == (20, "Mar 1", "Mar 31")
    views, reels = line["chart"]["series"]
    assert (views["data"][0]["value"], views["data"][-1]["value"]) == (0, 30000)
    reels_by_day = {point["label"]: point["value"] for point in reels["data"]}
    assert (reels_by_day["Mar 1"], reels_by_day["Mar 12"], reels_by_day["Mar 31"]) == (0, 500, 900)


def test_a_chart_draws_at_most_6_series(standin):
    many = [LineSeries(f"Platform {n}", [(START, Decimal(n))]) for n in range(1, 9)]
    [_, line] = of_type(
        post(standin, report([creator(1)], line=LineChart("Views", many)))["blocks"], "data_visualization"
    )
    assert [series["name"] for series in line["chart"]["series"]] == [f"Platform {n}" for n in range(1, 7)]


def test_a_report_without_creators_or_charts_is_still_a_message(standin):
    view = report([], bar=None, line=None, missing=[], compliance=[])
    blocks = post(standin, view)["blocks"]
    assert [block["type"] for block in blocks] == ["header", "context", "section", "context"]


def test_a_figure_shown_as_a_dash_needs_its_reason():
    with pytest.raises(ValueError, match="reason"):
        Shown("—")
    assert Shown.missing("no results yet").is_missing


def test_the_message_fits_slacks_size_limits_with_everything_at_its_longest(standin):
    long = "x" * 500
    view = report(
        [creator(n, handle=f"{long}{n}") for n in range(1, 200)],
        campaign_name=long,
        key_numbers=[KeyNumber(long, Shown(long), note=long) for _ in range(30)],
        missing=[long] * 100,
        compliance=[long] * 100,
        changes=[long] * 100,
        ranking=Ranking("CPE", lower_is_better=True),
    )
    message = post(standin, view)
    assert len(message["blocks"]) <= 50
    assert len(json.dumps(message["blocks"])) < 36_000
