"""The add-creator modal's campaign menu: the open campaigns whose name holds what the user typed."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.services import campaigns, services_of
from handlers.blocks.campaigns import campaign_option
from handlers.context import team_of


def handle_campaign_options(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    # The options are the answer itself, so the read comes before the ack: one bounded query (100 rows at most).
    services = services_of(context)
    typed = str(body.get("value") or "")
    found = campaigns.campaigns_to_pick(services.uow(), team_of(context), typed, services.clock())
    ack(options=[campaign_option(campaign) for campaign in found])
