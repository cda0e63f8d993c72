"""Reading a submitted modal's state: one value per block, whatever the element type."""

from __future__ import annotations

from typing import Any


def value(view: dict[str, Any], block_id: str) -> Any:
    state = view.get("state", {}).get("values", {}).get(block_id, {})
    element: dict[str, Any] = next(iter(state.values()), {})
    for key in ("value", "selected_date", "selected_conversation", "selected_channel", "selected_user"):
        if element.get(key) not in (None, ""):
            return element[key]
    if element.get("selected_option"):
        return element["selected_option"]["value"]
    if "selected_users" in element:
        return element["selected_users"]
    if "selected_options" in element:
        return [option["value"] for option in element["selected_options"]]
    return None
