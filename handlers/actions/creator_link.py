"""*Copy creator link* on the board: a new private link for the creator of that row, said only to whoever asked
(the campaign's channel and its managers may; the service checks)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.campaigns.errors import CampaignError
from bot.services import creator_links, services_of
from handlers.blocks.text import error_text, escape, local_time
from handlers.context import clicked_in, team_of
from handlers.ids import parse_deliverable_value

LINKS_OFF = (
    ":no_entry: Creators' links are off here: whoever runs CreatorOps sets CREATOROPS_LINK_KEY (and"
    " CREATOROPS_PUBLIC_URL) to turn them on."
)


def handle_creator_link(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext):
    ack()
    services = services_of(context)
    keys = services.settings.link_keys()
    if keys is None:
        respond(response_type="ephemeral", replace_original=False, text=LINKS_OFF)
        return
    deliverable_id = parse_deliverable_value(action.get("value", ""))
    try:
        if deliverable_id is None:
            raise CampaignError("I can't find that deliverable any more.")
        issued = creator_links.issue_link_for(
            services.uow(),
            team_of(context),
            deliverable_id,
            keys=keys,
            actor=body["user"]["id"],
            where=clicked_in(body),
            now=services.clock(),
        )
    except CampaignError as error:
        respond(response_type="ephemeral", replace_original=False, text=f":no_entry: {error_text(error)}")
        return
    url = f"{services.settings.public_url()}/c/{issued.token}"
    respond(
        response_type="ephemeral",
        replace_original=False,
        text=(
            f":link: @{escape(issued.handle)}'s private link for {escape(issued.campaign)}, until "
            f"{local_time(issued.expires_at)}:\n{url}\nSend it to them only: with it they see their "
            "deliverables, send drafts (checked for disclosure as they type) and give the live link. "
            "`creatorops link NAME @handle --rotate` ends earlier links."
        ),
    )
