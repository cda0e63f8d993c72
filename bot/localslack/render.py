"""Block Kit as readable terminal text, with every interactive element numbered so `click N` can press it."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any

from bot.localslack.slack_dates import render_dates

INTERACTIVE = {
    "button",
    "static_select",
    "external_select",
    "users_select",
    "multi_users_select",
    "conversations_select",
    "channels_select",
    "datepicker",
    "timepicker",
    "datetimepicker",
    "overflow",
    "checkboxes",
    "radio_buttons",
}
WIDTH = 100
EMOJI = {
    ":red_circle:": "🔴",
    ":large_green_circle:": "🟢",
    ":large_yellow_circle:": "🟡",
    ":warning:": "⚠️",
    ":white_check_mark:": "✅",
    ":x:": "❌",
    ":mag:": "🔍",
    ":moneybag:": "💰",
    ":alarm_clock:": "⏰",
    ":tada:": "🎉",
    ":memo:": "📝",
    ":calendar:": "📅",
    ":rotating_light:": "🚨",
    ":no_entry:": "⛔",
    ":information_source:": "ℹ️",
    ":hourglass:": "⌛",
    ":grey_question:": "❔",
    ":mega:": "📣",
}

Number = Callable[[dict[str, Any], dict[str, Any]], int]  # (element, block) -> its number


CODE_BLOCK = re.compile(r"```(.*?)```", re.DOTALL)
CODE = re.compile(r"```(.*?)```|`([^`\n]+)`", re.DOTALL)
CODE_INDENT = "    "  # a ``` block is shown on its own lines, indented, as it was written


def mrkdwn_to_text(text: str) -> str:
    """Slack's mrkdwn markup as plain text: links, mentions, escapes. `Code` is shown as written, unformatted."""
    codes: list[str] = []

    def hold(match: re.Match[str]) -> str:
        codes.append(match.group(1) if match.group(1) is not None else match.group(2))
        return f"\x00{len(codes) - 1}\x00"

    text = CODE.sub(hold, text)
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"<@(\w+)>", r"@\1", text)
    text = re.sub(r"<#(\w+)(?:\|([^>]*))?>", lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = render_dates(text)
    text = re.sub(r"<!(\w+)(?:\|[^>]*)?>", r"@\1", text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", text)  # *bold*
    text = re.sub(r"(?<!\w)_([^_\n]+)_(?!\w)", r"\1", text)  # _italic_
    text = _emoji(text)
    return _unescape(re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], text))


def _emoji(text: str) -> str:
    return re.sub(r":[a-z_]+:", lambda m: EMOJI.get(m.group(0), m.group(0)), text)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _text(obj: Any) -> str:
    if isinstance(obj, dict):
        text = str(obj.get("text", ""))
        if obj.get("type") == "plain_text":  # shown as written: no links, bold or code
            return _unescape(_emoji(text) if obj.get("emoji", True) else text)
        return mrkdwn_to_text(text)
    return mrkdwn_to_text(str(obj or ""))


def _mrkdwn_lines(obj: Any) -> list[str]:
    """A text object as wrapped lines; a ``` block keeps its own lines, unwrapped and indented."""
    if not isinstance(obj, str) and (not isinstance(obj, dict) or obj.get("type") == "plain_text"):
        return _wrap(_text(obj))
    text = str(obj.get("text", "")) if isinstance(obj, dict) else obj
    parts = CODE_BLOCK.split(text)  # prose, code, prose, code, …, prose
    lines: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:
            lines += [CODE_INDENT + line for line in _unescape(part.strip("\n")).splitlines()]
            continue
        if index:
            part = part.removeprefix("\n")
        if index < len(parts) - 1:
            part = part.removesuffix("\n")
        if part.strip() or len(parts) == 1:
            lines += _wrap(mrkdwn_to_text(part))
    return lines


def _wrap(text: str, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent])
    return lines


def element_label(element: dict[str, Any]) -> str:
    label = _element_kind(element)
    initial = (
        element.get("initial_value")
        or element.get("initial_conversation")
        or (_text(element["initial_option"].get("text")) if element.get("initial_option") else None)
    )
    return f"{label} [{initial}]" if initial and element.get("type") != "datepicker" else label


def _element_kind(element: dict[str, Any]) -> str:
    kind = element.get("type")
    if kind == "button":
        return _text(element.get("text"))
    if kind == "external_select":
        return (
            f"type to search: {_text(element.get('placeholder'))}" if element.get("placeholder") else "type to search"
        )
    if kind == "datepicker":
        return f"pick a date ({element.get('initial_date', 'YYYY-MM-DD')})"
    if kind in ("static_select", "overflow", "radio_buttons", "checkboxes"):
        options = ", ".join(_text(o.get("text")) for o in element.get("options", []))
        return f"choose: {options}"
    return kind.replace("_", " ") if kind else "?"


def render_blocks(blocks: list[dict[str, Any]], number: Number) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text(block.get("text"))
            lines += ["", title.upper(), "=" * min(len(title), WIDTH)]
        elif kind == "section":
            if block.get("text"):
                lines += _mrkdwn_lines(block["text"])
            for field in block.get("fields") or []:
                lines += _wrap(_text(field).replace("\n", " "), "  • ")
            accessory = block.get("accessory")
            if accessory and accessory.get("type") in INTERACTIVE:
                lines.append(f"  [{number(accessory, block)}] {element_label(accessory)}")
            elif accessory and accessory.get("type") == "image":
                lines.append(f"  [image: {accessory.get('alt_text', '')}]")
        elif kind == "context":
            parts = [
                _text(e) if e.get("type") != "image" else f"[{e.get('alt_text', 'image')}]" for e in block["elements"]
            ]
            lines += _wrap("  ".join(parts), "  ")
        elif kind == "divider":
            lines.append("-" * 40)
        elif kind == "actions":
            buttons = [f"[{number(e, block)}] {element_label(e)}" for e in block.get("elements", [])]
            lines += _wrap("   ".join(buttons), "  ")
        elif kind == "image":
            lines.append(f"[image: {block.get('alt_text', '')} {block.get('image_url', '')}]".rstrip())
        elif kind == "input":
            label = _text(block.get("label"))
            optional = " (optional)" if block.get("optional") else ""
            lines.append(f"  {label}{optional}: <{element_label(block.get('element', {}))}>")
        elif kind == "rich_text":
            lines += _wrap(_rich_text(block))
        elif kind == "data_visualization":
            lines += chart_lines(block)
        elif kind == "table":
            lines += table_lines(block)
        else:
            lines.append(f"[{kind} block]")
    return lines


def _rich_text(block: dict[str, Any]) -> str:
    words: list[str] = []
    stack = list(block.get("elements", []))
    while stack:
        item = stack.pop(0)
        if item.get("type") == "text":
            words.append(item.get("text", ""))
        stack[0:0] = item.get("elements", [])
    return "".join(words)


# --- Charts and tables: Slack draws them; the console draws them as text -------------------------------------
BAR = "█"
BAR_WIDTH = 40
SPARK = "▁▂▃▄▅▆▇█"
CELL_WIDTH = 24


def _value(point: dict[str, Any]) -> float | None:
    value = point.get("value")
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _number(value: float | None) -> str:
    """1234 -> 1,234; 0.125 -> 0.13; 2.0 -> 2; no value -> —."""
    if value is None:
        return "—"
    text = f"{value:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def chart_lines(block: dict[str, Any]) -> list[str]:
    """A chart as text: bars of █ with their values, or one sparkline per series with its first and last values."""
    chart = block.get("chart") or {}
    axis = chart.get("axis_config") or {}
    unit = f" ({axis['y_label']})" if axis.get("y_label") else ""
    lines = ["", f"📊 {block.get('title', '')}{unit}"]
    if chart.get("type") == "pie":
        segments = chart.get("segments") or []
        total = sum(_value(s) or 0 for s in segments) or 1
        bars = _bars([(str(s.get("label", "")), "", _value(s)) for s in segments])
        return lines + [f"{bar}  {100 * (_value(s) or 0) / total:.0f} %" for bar, s in zip(bars, segments, strict=True)]
    series = chart.get("series") or []
    if chart.get("type") == "bar":
        rows: list[tuple[str, str, float | None]] = []
        for category in axis.get("categories") or []:
            for n, one in enumerate(series):
                value = next((_value(p) for p in one.get("data") or [] if p.get("label") == category), None)
                rows.append(
                    (str(category) if n == 0 else "", str(one.get("name", "")) if len(series) > 1 else "", value)
                )
        return lines + _bars(rows)
    return lines + _sparklines(series)


def _bars(rows: list[tuple[str, str, float | None]]) -> list[str]:
    """(label, series name, value) rows as horizontal bars scaled to the largest value."""
    top = max((value for _, _, value in rows if value is not None), default=0) or 1
    label_width = max((len(label) for label, _, _ in rows), default=0)
    name_width = max((len(name) for _, name, _ in rows), default=0)
    lines = []
    for label, name, value in rows:
        value_or_0 = max(value or 0, 0)
        bar = BAR * max(round(value_or_0 / top * BAR_WIDTH), 1 if value_or_0 > 0 else 0)  # a small value shows
        prefix = f"  {label.ljust(label_width)}" + (f"  {name.ljust(name_width)}" if name_width else "")
        lines.append(f"{prefix}  {bar} {_number(value)}".rstrip())
    return lines


def _sparklines(series: list[dict[str, Any]]) -> list[str]:
    """One line per series, each on its own scale (▁ its smallest value, █ its largest), then its first and last
    values: the shape of each line, and the numbers to compare them by."""
    name_width = max((len(str(one.get("name", ""))) for one in series), default=0)
    lines = []
    for one in series:
        points = [(str(p.get("label", "")), v) for p in one.get("data") or [] if (v := _value(p)) is not None]
        if not points:
            continue
        low, high = min(v for _, v in points), max(v for _, v in points)
        marks = "".join(SPARK[round((v - low) / ((high - low) or 1) * (len(SPARK) - 1))] for _, v in points)
        (first, start), (last, end) = points[0], points[-1]
        ends = f"{first}: {_number(start)} → {last}: {_number(end)}"
        lines.append(f"  {str(one.get('name', '')).ljust(name_width)}  {marks}  {ends}")
    return lines


def _cell_text(cell: Any) -> str:
    if not isinstance(cell, dict):
        return ""
    text = _rich_text(cell) if cell.get("type") == "rich_text" else str(cell.get("text", ""))
    return " ".join(text.split())


def table_lines(block: dict[str, Any]) -> list[str]:
    """A table as aligned columns: its first row is the header, underlined; long cells are cut with …."""
    rows = [[_fit(_cell_text(cell), CELL_WIDTH) for cell in row] for row in block.get("rows") or []]
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(columns)]
    settings = list(block.get("column_settings") or [])
    right = [i < len(settings) and (settings[i] or {}).get("align") == "right" for i in range(columns)]

    def line(row: list[str]) -> str:
        cells = [cell.rjust(widths[i]) if right[i] else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        return ("  " + "  ".join(cells)).rstrip()

    rule = "  " + "  ".join("─" * width for width in widths)
    return ["", line(rows[0]), rule, *(line(row) for row in rows[1:])]


def render_message(message: dict[str, Any], number: Number, *, title: str = "") -> str:
    lines = [title] if title else []
    if message.get("blocks"):
        lines += render_blocks(message["blocks"], number)
    elif message.get("text"):
        lines += _mrkdwn_lines(message["text"])
    return "\n".join(lines)


def render_view(view: dict[str, Any], number: Number) -> str:
    title = _text(view.get("title")) or ("App Home" if view.get("type") == "home" else "Modal")
    lines = [f"┌─ {title} " + "─" * max(0, 40 - len(title))]
    lines += ["│ " + line for line in render_blocks(view.get("blocks", []), number)]
    if view.get("type") == "modal":
        submit = _text(view.get("submit")) or "Submit"
        lines.append(f"└─ (modal: type `fill` to fill in and {submit}, or `cancel`)")
    else:
        lines.append("└" + "─" * 42)
    return "\n".join(lines)
