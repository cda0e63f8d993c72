"""App Home: welcome the user and list the commands."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.services import campaigns, services_of
from handlers.blocks.campaigns import home_campaign_blocks
from handlers.blocks.help import home_view
from handlers.context import team_of
from handlers.events.dedup import once_per_event


@once_per_event
def handle_app_home_opened(
    body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext, logger: logging.Logger
) -> None:
    if event.get("tab", "home") != "home":
        return
    services = services_of(context)
    user_id = event["user"]
    overview = campaigns.home_overview(services.uow(), team_of(context), user_id, limit=10)
    extra = home_campaign_blocks(overview.mine, overview.deadlines, services.clock(), overview.money)
    client.views_publish(user_id=user_id, view=home_view(user_id, extra))
