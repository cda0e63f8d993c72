"""/campaign edit <name> (the campaign's money, dates and schedules) and /campaign edit <name> @handle (a
creator's terms): each opens its form filled in with what is there now, for the campaign's owner and approvers."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.campaigns.errors import CampaignError
from bot.services import Services, campaigns
from handlers.blocks.campaign_edit import creator_terms_modal, edit_campaign_modal, refusal_text

EDIT_USAGE = (
    "Which campaign? `/campaign edit <name>` changes its budget, dates and schedules; "
    "`/campaign edit <name> @handle` a creator's fee and terms."
)


def open_edit(
    services: Services, client: WebClient, respond: Respond, command: dict[str, Any], words: list[str], team_id: str
) -> None:
    """`words`: what follows `edit`; a last word starting with @ names the creator."""
    handle = words[-1] if words and words[-1].startswith("@") else None
    name = " ".join(words[:-1] if handle else words)
    if not name:
        respond(response_type="ephemeral", text=EDIT_USAGE)
        return
    user, channel = command["user_id"], command["channel_id"]
    try:
        if handle:
            found = campaigns.creator_to_edit(services.uow(), team_id, name, handle, actor=user)
            view = creator_terms_modal(found.campaign, found.creator, channel_id=channel)
        else:
            editable = campaigns.campaign_to_edit(services.uow(), team_id, name, actor=user)
            view = edit_campaign_modal(editable.campaign, currency_fixed=editable.currency_fixed, channel_id=channel)
    except CampaignError as error:
        respond(response_type="ephemeral", text=refusal_text(error))
        return
    client.views_open(trigger_id=command["trigger_id"], view=view)
