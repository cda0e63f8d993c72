"""Slack's published Block Kit limits, as one table, and the check that finds what breaks them.

Each limit names the `type` of the object it belongs to (a block, an element, a view; "message" for a message's
own fields, "*" for every typed object), a path from that object ("[]" steps into every item of a list) and the
most characters (a string) or items (a list) Slack takes there. Slack refuses the whole call and names each
place with a JSON pointer; the stand-in answers the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

REFERENCE = "https://docs.slack.dev/reference/"


@dataclass(frozen=True)
class Limit:
    owner: str  # the `type` of the object the field belongs to; "*" any typed object
    path: str  # dotted, from that object; "[]" is every item of a list
    most: int  # characters of a string, or items of a list
    docs: str  # the page that publishes it


SELECTS = ("static_select", "external_select", "users_select", "conversations_select", "channels_select")
PLACEHOLDERS = (*SELECTS, "multi_users_select", "plain_text_input", "number_input", "datepicker")
SELECT_DOCS = REFERENCE + "block-kit/block-elements/select-menu-element"
OPTION_DOCS = REFERENCE + "block-kit/composition-objects/option-object"
MODAL_DOCS = REFERENCE + "views/modal-views"
HOME_DOCS = REFERENCE + "views/home-tab-views"
CONFIRM_DOCS = REFERENCE + "block-kit/composition-objects/confirmation-dialog-object"

LIMITS: tuple[Limit, ...] = (
    Limit("message", "blocks", 50, REFERENCE + "block-kit/blocks"),
    Limit("modal", "blocks", 100, MODAL_DOCS),
    Limit("modal", "title.text", 24, MODAL_DOCS),
    Limit("modal", "submit.text", 24, MODAL_DOCS),
    Limit("modal", "close.text", 24, MODAL_DOCS),
    Limit("modal", "private_metadata", 3000, MODAL_DOCS),
    Limit("modal", "callback_id", 255, MODAL_DOCS),
    Limit("home", "blocks", 100, HOME_DOCS),
    Limit("home", "private_metadata", 3000, HOME_DOCS),
    Limit("home", "callback_id", 255, HOME_DOCS),
    Limit("*", "block_id", 255, REFERENCE + "block-kit/blocks/section-block"),
    Limit("*", "action_id", 255, REFERENCE + "block-kit/block-elements/button-element"),
    Limit("section", "text.text", 3000, REFERENCE + "block-kit/blocks/section-block"),
    Limit("section", "fields", 10, REFERENCE + "block-kit/blocks/section-block"),
    Limit("section", "fields[].text", 2000, REFERENCE + "block-kit/blocks/section-block"),
    Limit("header", "text.text", 150, REFERENCE + "block-kit/blocks/header-block"),
    Limit("context", "elements", 10, REFERENCE + "block-kit/blocks/context-block"),
    Limit("actions", "elements", 25, REFERENCE + "block-kit/blocks/actions-block"),
    Limit("input", "label.text", 2000, REFERENCE + "block-kit/blocks/input-block"),
    Limit("input", "hint.text", 2000, REFERENCE + "block-kit/blocks/input-block"),
    Limit("button", "text.text", 75, REFERENCE + "block-kit/block-elements/button-element"),
    Limit("button", "value", 2000, REFERENCE + "block-kit/block-elements/button-element"),
    Limit("button", "url", 3000, REFERENCE + "block-kit/block-elements/button-element"),
    # A button's confirmation dialog (the confirm object has no `type`: it is reached from its button).
    Limit("button", "confirm.title.text", 100, CONFIRM_DOCS),
    Limit("button", "confirm.text.text", 300, CONFIRM_DOCS),
    Limit("button", "confirm.confirm.text", 30, CONFIRM_DOCS),
    Limit("button", "confirm.deny.text", 30, CONFIRM_DOCS),
    Limit("static_select", "options", 100, SELECT_DOCS),
    Limit("static_select", "option_groups", 100, SELECT_DOCS),
    *(Limit(kind, "placeholder.text", 150, SELECT_DOCS) for kind in PLACEHOLDERS),
    # An option's text and value, wherever a select or a checkbox group carries one (options, initial_option).
    *(
        Limit(kind, f"{where}.{field}", most, OPTION_DOCS)
        for kind in ("static_select", "external_select", "checkboxes", "radio_buttons")
        for where in ("options[]", "initial_option", "initial_options[]")
        for field, most in (("text.text", 75), ("value", 150))
    ),
)

_BY_OWNER: dict[str, tuple[Limit, ...]] = {}
for _limit in LIMITS:
    _BY_OWNER[_limit.owner] = (*_BY_OWNER.get(_limit.owner, ()), _limit)


def problems(root: dict[str, Any], *, kind: str, pointer: str = "") -> list[str]:
    """Slack's words for every limit the message (kind "message") or view (its own type) breaks, each with its
    JSON pointer, e.g. "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"."""
    found: list[str] = []
    for where, typed, owner in _typed(root, pointer, kind):
        for limit in _BY_OWNER.get(owner, ()) + (_BY_OWNER["*"] if owner != kind else ()):
            for at, value in _resolve(typed, limit.path.split("."), where):
                if isinstance(value, str) and len(value) > limit.most:
                    found.append(f"must be less than {limit.most + 1} characters [json-pointer:{at}]")
                elif isinstance(value, list) and len(value) > limit.most:
                    found.append(f"must provide an array with no more than {limit.most} items [json-pointer:{at}]")
    return found + _duplicates(root.get("blocks"), pointer)


def _typed(node: Any, pointer: str, kind: str | None) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every object with a `type` (the root as `kind`), with its JSON pointer; depth-first."""
    if isinstance(node, dict):
        owner = kind or node.get("type")
        if isinstance(owner, str):
            yield pointer, node, owner
        for key, child in node.items():
            yield from _typed(child, f"{pointer}/{key}", None)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _typed(child, f"{pointer}/{index}", None)


def _resolve(node: Any, steps: list[str], pointer: str) -> Iterator[tuple[str, Any]]:
    if not steps:
        yield pointer, node
        return
    step, rest = steps[0], steps[1:]
    each = step.endswith("[]")
    key = step.removesuffix("[]")
    if not isinstance(node, dict) or key not in node:
        return
    child = node[key]
    if not each:
        yield from _resolve(child, rest, f"{pointer}/{key}")
    elif isinstance(child, list):
        for index, item in enumerate(child):
            yield from _resolve(item, rest, f"{pointer}/{key}/{index}")


def _duplicates(blocks: Any, pointer: str) -> list[str]:
    """A block_id used twice in one message or view, or an action_id twice in one block."""
    if not isinstance(blocks, list):
        return []
    found: list[str] = []
    block_ids: set[str] = set()
    for index, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        here = f"{pointer}/blocks/{index}"
        if block.get("block_id"):
            if block["block_id"] in block_ids:
                found.append(f"duplicate block_id [json-pointer:{here}/block_id]")
            block_ids.add(block["block_id"])
        action_ids: set[str] = set()
        for where, element in _elements(block, here):
            action_id = element.get("action_id")
            if not action_id:
                continue
            if action_id in action_ids:
                found.append(f"duplicate action_id [json-pointer:{where}/action_id]")
            action_ids.add(action_id)
    return found


def _elements(block: dict[str, Any], pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The interactive elements of one block: its elements, its accessory, its input element."""
    for index, element in enumerate(block.get("elements") or []):
        if isinstance(element, dict):
            yield f"{pointer}/elements/{index}", element
    for key in ("accessory", "element"):
        if isinstance(block.get(key), dict):
            yield f"{pointer}/{key}", block[key]
