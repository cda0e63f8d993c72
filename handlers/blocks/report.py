"""The campaign results report as one Slack message, from a `ReportView` (handlers/blocks/report_view.py).

`report_message(view)` gives `(text, blocks)` for chat.postMessage or respond(); `/campaign report` and the
weekly digest both post it. The message, top to bottom: a header and the period; the key numbers; for a digest,
what changed; a bar chart (CPE or engagements per creator, the best 20) and a line chart (cumulative views by
day) drawn by Slack itself; a table of creators, best first, worst last; what is missing; compliance exceptions;
a context line. It stays inside Slack's limits by construction (about a dozen blocks of the 50 allowed, two
charts, one table of 50 rows), and every piece of user text is escaped where Slack reads mrkdwn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.vocabulary import plural
from handlers.blocks.charts import (
    CHART_POINTS,
    CHART_SERIES,
    CHART_TITLE,
    Align,
    DataVisualizationBlock,
    TableBlock,
    series_chart,
    table_block,
)
from handlers.blocks.report_view import (
    BarChart,
    CreatorRow,
    KeyNumber,
    LineChart,
    ReportView,
    ResultsButton,
    Shown,
)
from handlers.blocks.text import cut
from handlers.ids import Action, add_results_action, deliverable_value

HEADER = 150  # Slack: a header's text
FIELDS_PER_SECTION = 10  # Slack: a section's fields; the key numbers are one section
CONTEXT_TEXT = 2000  # Slack: a context element's text
# Our own bounds, so that the longest report stays well inside Slack's 12,000 characters of text a message:
LABEL_TEXT = 40  # a key number's label and value
NOTE_TEXT = 80  # a note, a reason for a "—"
LINES_SHOWN = 8  # of missing items, compliance exceptions, changes: the rest are counted
LINE_TEXT = 150
BUTTON_TEXT = 75  # Slack: a button's text
BUTTONS_SHOWN = 10  # Add results buttons in a report (Slack takes 25 in an actions block): the rest are counted
CELL_TEXT = {"handle": 32, "platform": 12, "figure": 16}
TEXT_FALLBACK = 3000
# Slack takes 100 rows, but 100 rows of 7 cells come near a message's size limit (msg_blocks_too_long), and a
# channel message that long goes unread: past 49 creators the table keeps the best, the 10 worst, and counts the gap.
TABLE_ROWS_SHOWN = 50
WORST_KEPT = 10
COLUMNS: tuple[tuple[str, Align], ...] = (
    ("Creator", "left"),
    ("Platform", "left"),
    ("Spend", "right"),
    ("Views", "right"),
    ("Engagements", "right"),
    ("CPE", "right"),
    ("ROAS", "right"),
)

Item = TypeVar("Item")
ReportBlock = Block | DataVisualizationBlock | TableBlock


def report_message(view: ReportView) -> tuple[str, list[dict[str, Any]]]:
    """The report as one message: `text` (the notification, and what screen readers and old clients show: the
    key numbers in a sentence) and `blocks` as JSON, ready for `client.chat_postMessage(channel=…, text=text,
    blocks=blocks)` or `respond(text=text, blocks=blocks)`."""
    return report_text(view), [_json(block) for block in report_blocks(view)]


def report_text(view: ReportView) -> str:
    """The notification: "Spring Glow results, 1–31 Mar: Spend $4,200 · ROAS — (no orders yet) · 2 missing"."""
    figures = [f"{k.label} {_with_reason(k.value)}" for k in view.key_numbers[:FIELDS_PER_SECTION]]
    counts = [f"{len(view.missing)} missing"] if view.missing else []
    counts += [plural(len(view.compliance), "compliance exception")] if view.compliance else []
    sentence = f"{view.campaign_name} {view.title}, {view.period_text}: " + " · ".join(figures + counts)
    return cut(sentence, TEXT_FALLBACK, escaped=True)


def report_blocks(view: ReportView) -> list[ReportBlock]:
    blocks: list[ReportBlock] = [
        HeaderBlock(text=cut(f"{view.campaign_name} · {view.title}", HEADER)),  # plain_text: shown as typed
        _context(" · ".join(part for part in (view.period_text, f"figures in {view.currency}") if part)),
    ]
    if view.key_numbers:
        blocks.append(SectionBlock(fields=[_key_field(n) for n in view.key_numbers[:FIELDS_PER_SECTION]]))
    if view.changes:
        blocks.append(_list_section("*Since the last digest*", view.changes))
    if view.bar is not None and view.bar.categories:
        blocks.append(bar_chart_block(view.bar))
    if view.line is not None and any(series.points for series in view.line.series[:CHART_SERIES]):
        blocks.append(line_chart_block(view.line))
    if view.creators:
        table, reasons = creators_table(view.creators, view.ranking.lower_is_better)
        blocks.append(table)
        if reasons:
            blocks.append(_context(" · ".join(f"[{n}] {why}" for n, why in enumerate(reasons, 1))))
    if view.missing:
        blocks.append(_list_section(f":hourglass: *Missing* ({len(view.missing)})", view.missing))
    if view.add_results:
        blocks += add_results_blocks(view.add_results, view.campaign_name)
    if view.compliance:
        blocks.append(_list_section(f":warning: *Compliance exceptions* ({len(view.compliance)})", view.compliance))
    order = "lowest" if view.ranking.lower_is_better else "highest"
    footer = [f"Creators ranked by {view.ranking.label}, {order} first"] if view.creators else []
    footer += [view.as_of_text] if view.as_of_text else []
    if footer:
        blocks.append(_context(" · ".join(footer)))
    return blocks


def add_results_blocks(buttons: Sequence[ResultsButton], campaign_name: str) -> list[Block]:
    """An *Add results* button per live post without results (the first BUTTONS_SHOWN; the rest are counted with
    the command that reaches each of them), opening the same form as the button on the post's card."""
    shown = buttons[:BUTTONS_SHOWN]
    elements = [
        ButtonElement(
            text=cut(f"Add results: {button.label}", BUTTON_TEXT),
            action_id=add_results_action(n) if len(shown) > 1 else Action.add_results.value,
            value=deliverable_value(button.deliverable_id),
        )
        for n, button in enumerate(shown)
    ]
    blocks: list[Block] = [ActionsBlock(elements=elements)]
    if len(buttons) > BUTTONS_SHOWN:
        command = f"/campaign results {campaign_name} @handle"  # escaped by _context
        blocks.append(_context(f"…and {len(buttons) - BUTTONS_SHOWN} more live posts: `{command}`"))
    return blocks


def best_first(items: Sequence[Item], score: Callable[[Item], Decimal | None], lower_is_better: bool) -> list[Item]:
    """Ranked items best first; items without a score (nothing to rank yet) after them, in their order."""
    scored = [(value, item) for item in items if (value := score(item)) is not None]
    scored.sort(key=lambda pair: pair[0], reverse=not lower_is_better)  # stable: ties keep their order
    return [item for _, item in scored] + [item for item in items if score(item) is None]


def bar_chart_block(bar: BarChart) -> DataVisualizationBlock:
    """The best 20 categories, best first; the title says "top 20 of N" when there were more."""
    ranked = best_first(bar.categories, lambda category: category[1], bar.lower_is_better)[:CHART_POINTS]
    more = len(bar.categories) > CHART_POINTS
    suffix = f" · top {CHART_POINTS} of {len(bar.categories)}" if more else ""
    return series_chart(
        "bar",
        cut(bar.title, CHART_TITLE - len(suffix)) + suffix,
        [label for label, _ in ranked],
        [(bar.series_name, [value for _, value in ranked])],
        x_label=bar.x_label,
        y_label=bar.y_label,
    )


def line_chart_block(line: LineChart) -> DataVisualizationBlock:
    """Running totals on at most 20 days, first and last included, evenly spread; each series takes its last
    total on or before each day (0 before its first point)."""
    days = sorted({day for series in line.series[:CHART_SERIES] for day, _ in series.points})
    if not days:
        raise ValueError("a line chart needs at least one point")
    if len(days) > CHART_POINTS:
        days = [days[round(i * (len(days) - 1) / (CHART_POINTS - 1))] for i in range(CHART_POINTS)]
    one_year = days[0].year == days[-1].year
    labels = [f"{day:%b} {day.day}" if one_year else f"{day:%b} {day.day} '{day:%y}" for day in days]
    series = [(s.name, _totals_on(days, s.points)) for s in line.series[:CHART_SERIES]]
    return series_chart("line", line.title, labels, series, x_label="Day", y_label=line.y_label)


def _totals_on(days: list[date], points: Sequence[tuple[date, Decimal]]) -> list[Decimal]:
    by_day = sorted(points)
    totals: list[Decimal] = []
    total, index = Decimal(0), 0
    for day in days:
        while index < len(by_day) and by_day[index][0] <= day:
            total = by_day[index][1]
            index += 1
        totals.append(total)
    return totals


def creators_table(creators: Sequence[CreatorRow], lower_is_better: bool) -> tuple[TableBlock, list[str]]:
    """The table (header, then creators best first, worst last) and the reasons its "— [n]" cells refer to.
    Past 49 creators it keeps the best, a row counting the ones left out, and the 10 worst."""
    ordered = best_first(creators, lambda row: row.score, lower_is_better)
    reasons: list[str] = []

    def shown(value: Shown) -> str:
        if not value.is_missing:
            return cut(value.text, CELL_TEXT["figure"])
        why = cut(value.why, NOTE_TEXT)
        if why not in reasons:
            reasons.append(why)
        return f"{value.text} [{reasons.index(why) + 1}]"

    def cells(row: CreatorRow) -> list[str]:
        figures = (row.spend, row.views, row.engagements, row.cpe, row.roas)
        handle = cut(f"@{row.handle}", CELL_TEXT["handle"])
        return [handle, cut(row.platform, CELL_TEXT["platform"]), *(shown(f) for f in figures)]

    room = TABLE_ROWS_SHOWN - 1  # the header takes one
    if len(ordered) <= room:
        body = [cells(row) for row in ordered]
    else:
        best = ordered[: room - 1 - WORST_KEPT]
        worst = ordered[-WORST_KEPT:]
        gap = len(ordered) - len(best) - len(worst)
        left_out = [f"… {gap} more", *["…"] * (len(COLUMNS) - 1)]
        body = [cells(row) for row in best] + [left_out] + [cells(row) for row in worst]
    header = [name for name, _ in COLUMNS]
    return table_block([header, *body], [align for _, align in COLUMNS]), reasons


def _with_reason(value: Shown) -> str:
    return f"{value.text} ({value.why})" if value.is_missing else value.text


def _key_field(number: KeyNumber) -> MarkdownTextObject:
    text = f"*{cut(number.label, LABEL_TEXT, escaped=True)}*\n{cut(number.value.text, LABEL_TEXT, escaped=True)}"
    if number.value.is_missing:
        text += f" _({cut(number.value.why, NOTE_TEXT, escaped=True)})_"
    if number.note:
        text += f"\n_{cut(number.note, NOTE_TEXT, escaped=True)}_"
    return MarkdownTextObject(text=text)  # well under Slack's 2,000 characters a field


def _list_section(title: str, lines: Sequence[str]) -> SectionBlock:
    """A titled list: its first lines, escaped and cut, then how many more there are."""
    bullets = [f"• {cut(line, LINE_TEXT, escaped=True)}" for line in lines[:LINES_SHOWN]]
    if len(lines) > LINES_SHOWN:
        bullets.append(f"…and {len(lines) - LINES_SHOWN} more")
    return SectionBlock(text=MarkdownTextObject(text="\n".join([title, *bullets])))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=cut(text, CONTEXT_TEXT, escaped=True))])


def _json(block: ReportBlock) -> dict[str, Any]:
    return block.to_dict() if isinstance(block, Block) else dict(block)
