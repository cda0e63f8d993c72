"""What a submission through the creator's link says in Slack: the draft's review card in the deliverable's thread
(the same card as a draft from Slack), or the live link in the channel. Posted after the use case committed, with
the workspace's own bot token."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.read_models import DeliverableContext
from bot.services import Services, drafts, live_checks
from bot.services.drafts import SubmittedDraft
from bot.web.uploads import stored_path
from handlers.blocks.campaigns import deliverable_line
from handlers.blocks.live_checks import check_message
from handlers.blocks.text import escape
from handlers.jobs.slack_clients import bot_token_for, posting_client
from handlers.review_posting import post_card

logger = logging.getLogger("creatorops.web")


class Poster(Protocol):
    def draft(self, team_id: str, submitted: SubmittedDraft) -> None: ...

    def live(self, team_id: str, live: DeliverableContext) -> None: ...


class SlackPoster:
    def __init__(self, services: Services, upload_dir: Path) -> None:
        self.services = services
        self.upload_dir = upload_dir

    def _client(self, team_id: str) -> WebClient | None:
        token = bot_token_for(self.services, team_id)
        return posting_client(self.services, token) if token else None

    def draft(self, team_id: str, submitted: SubmittedDraft) -> None:
        client = self._client(team_id)
        if client is None:
            logger.warning("a creator's draft came in for %s, which uninstalled the app", team_id)
            return
        try:
            post_card(self.services, client, team_id, submitted)
            if submitted.view.version.files:
                self._share_media(client, team_id, submitted)
        except SlackApiError as error:  # the draft is stored; the team sees it on the board and in the evidence
            logger.warning("could not post a creator's draft card: %s", error.response.get("error"))
        except Exception:  # a network failure: the draft is stored all the same, and the creator is told so
            logger.exception("could not post a creator's draft card")

    def _share_media(self, client: WebClient, team_id: str, submitted: SubmittedDraft) -> None:
        """The uploaded photos and videos in the card's thread, so the team sees what they review."""
        view = drafts.review_view(self.services.uow(), team_id, int(submitted.view.version.id))
        version = view.version
        if not version.card_channel:
            return
        uploads = [
            {"filename": f.name or f.id, "title": f.name or f.id, "content": self._read(team_id, f.id)}
            for f in version.files
        ]
        client.files_upload_v2(
            file_uploads=uploads,
            channel=version.card_channel,
            thread_ts=view.thread_ts or version.card_ts,
            initial_comment=f"The media of {version.name}, uploaded through the creator's link.",
        )

    def _read(self, team_id: str, name: str) -> bytes:
        return stored_path(self.upload_dir, team_id, name).read_bytes()

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
