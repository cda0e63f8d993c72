"""App Home: welcome the user and list the commands."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from handlers.blocks.help import home_view
from handlers.events.dedup import once_per_event


@once_per_event
def handle_app_home_opened(body: dict, event: dict, client: WebClient, context: Any, logger: Any) -> None:
    if event.get("tab", "home") != "home":
        return
    client.views_publish(user_id=event["user"], view=home_view(event["user"]))
