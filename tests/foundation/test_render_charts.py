"""The console draws Slack's charts and tables as text: bars of █ with their values, a sparkline per line with its
first and last values, a table in aligned columns under its header."""

from __future__ import annotations

from bot.localslack.render import render_blocks


def render(block: dict) -> list[str]:
    return render_blocks([block], lambda element, block: 0)


def chart(kind: str, title: str, series: dict[str, dict[str, float]], **axis: str) -> dict:
    """A chart block: series by name, each {category: value}; the categories in the order they first appear."""
    categories = list(dict.fromkeys(label for points in series.values() for label in points))
    return {
        "type": "data_visualization",
        "title": title,
        "chart": {
            "type": kind,
            "series": [
                {"name": name, "data": [{"label": label, "value": value} for label, value in points.items()]}
                for name, points in series.items()
            ],
            "axis_config": {"categories": categories, **axis},
        },
    }


def test_a_bar_chart_is_drawn_as_horizontal_bars_with_their_values():
    block = chart("bar", "Engagements per creator", {"Engagements": {"@ana": 1200, "@benjamin": 300}}, x_label="x")
    assert render(block) == [
        "",
        "📊 Engagements per creator",
        "  @ana       " + "█" * 40 + " 1,200",
        "  @benjamin  " + "█" * 10 + " 300",
    ]


def test_a_bar_chart_of_two_series_shows_each_by_name():
    block = chart("bar", "Views and likes", {"Views": {"@ana": 4, "@ben": 2}, "Likes": {"@ana": 1}}, y_label="count")
    assert render(block) == [
        "",
        "📊 Views and likes (count)",
        "  @ana  Views  " + "█" * 40 + " 4",
        "        Likes  " + "█" * 10 + " 1",
        "  @ben  Views  " + "█" * 20 + " 2",
        "        Likes   —",
    ]


def test_a_line_chart_is_a_sparkline_per_series_with_its_first_and_last_values():
    days = [f"Mar {day}" for day in range(1, 9)]
    views = {day: 1000 * n for n, day in enumerate(days)}
    block = chart("line", "Cumulative views by day", {"Views": views, "Reels": dict.fromkeys(days, 5)})
    assert render(block) == [
        "",
        "📊 Cumulative views by day",
        "  Views  ▁▂▃▄▅▆▇█  Mar 1: 0 → Mar 8: 7,000",
        "  Reels  ▁▁▁▁▁▁▁▁  Mar 1: 5 → Mar 8: 5",
    ]


def test_a_pie_chart_shows_each_share():
    block = {
        "type": "data_visualization",
        "title": "Spend by platform",
        "chart": {"type": "pie", "segments": [{"label": "TikTok", "value": 3}, {"label": "YouTube", "value": 1}]},
    }
    assert render(block)[2:] == ["  TikTok   " + "█" * 40 + " 3  75 %", "  YouTube  " + "█" * 13 + " 1  25 %"]


def test_a_table_is_drawn_in_aligned_columns_under_its_header():
    def row(*cells: str) -> list[dict]:
        return [{"type": "raw_text", "text": cell} for cell in cells]

    rich = {
        "type": "rich_text",
        "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "@cara"}]}],
    }
    block = {
        "type": "table",
        "rows": [
            row("Creator", "Platform", "CPE"),
            row("@ana", "tiktok", "$0.12"),
            [rich, *row("youtube", "— [1]")],
            row("@a_creator_whose_handle_goes_on_and_on", "instagram", "$10.40"),
        ],
        "column_settings": [{"align": "left"}, None, {"align": "right"}],
    }
    assert render(block) == [
        "",
        "  Creator                   Platform      CPE",
        "  ────────────────────────  ─────────  ──────",
        "  @ana                      tiktok      $0.12",
        "  @cara                     youtube     — [1]",
        "  @a_creator_whose_handle…  instagram  $10.40",
    ]
