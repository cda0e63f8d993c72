"""App Home: welcome the user and list the commands."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.services import campaigns, services_of
from handlers.blocks.campaigns import home_campaign_blocks
from handlers.blocks.help import home_view
from handlers.events.dedup import once_per_event


@once_per_event
def handle_app_home_opened(body: dict, event: dict, client: WebClient, context: Any, logger: Any) -> None:
    if event.get("tab", "home") != "home":
        return
    services = services_of(context)
    user_id = event["user"]
    overview = campaigns.home_overview(services.uow(), context.team_id, user_id, limit=10)
    extra = home_campaign_blocks(overview.mine, overview.deadlines, services.clock())
    client.views_publish(user_id=user_id, view=home_view(user_id, extra))
