"""What the creator's live link says in Slack: the live post in the channel, after the use case committed, with the
workspace's own bot token. (A draft's review card and files are posted by the dispatcher, from rows the submission
planned: handlers/jobs/link_drafts.py.)"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.read_models import DeliverableContext
from bot.services import Services, live_checks
from handlers.blocks.campaigns import deliverable_line
from handlers.blocks.live_checks import check_message
from handlers.blocks.text import escape
from handlers.jobs.slack_clients import bot_token_for, posting_client

logger = logging.getLogger("creatorops.web")


class Poster(Protocol):
    def live(self, team_id: str, live: DeliverableContext) -> None: ...


class SlackPoster:
    def __init__(self, services: Services, upload_dir: Path) -> None:
        self.services = services
        self.upload_dir = upload_dir

    def _client(self, team_id: str) -> WebClient | None:
        token = bot_token_for(self.services, team_id)
        return posting_client(self.services, token) if token else None

    def live(self, team_id: str, live: DeliverableContext) -> None:
        client = self._client(team_id)
        if client is None:
            return
        services = self.services
        handle = escape(live.creator.handle)
        try:
            posted = client.chat_postMessage(
                channel=live.campaign.channel_id,
                text=f":tada: @{handle} marked it live from the creator's link: "
                f"{deliverable_line(live, services.clock())}. Reminders stopped.",
            )
            checked = live_checks.check_now(
                services.uow, services.sources, team_id, int(live.deliverable.id), clock=services.clock
            )
            if checked is not None:
                text, blocks = check_message(checked.context, checked.check)
                client.chat_postMessage(channel=posted["channel"], thread_ts=posted["ts"], text=text, blocks=blocks)
        except SlackApiError as error:
            logger.warning("could not post a creator's live link: %s", error.response.get("error"))
