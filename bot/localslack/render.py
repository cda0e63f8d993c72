"""Block Kit as readable terminal text, with every interactive element numbered so `click N` can press it."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any

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
