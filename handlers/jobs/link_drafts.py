"""What comes in through a creator's private link, as the dispatcher delivers it: a draft's review card, then its
files; and the live link they gave, said in the channel with the caption's check in its thread.

The submission's transaction plans a `link_card` row (and a `link_media` row when a file came with it), so the
creator's page answers without waiting for Slack and nothing is lost when Slack is slow or down. The card goes
through the dispatcher's own delivery (a fenced start, the row's id in the message metadata, a look in the channel
before any retry): it is posted once, however many dispatchers run and whatever Slack answered. A card in the
deliverable's review thread is also sent to the channel (reply_broadcast), which is where a creator's new version
should be seen and where conversations.history lists it for that look.

The files are shared once the card is there, in its thread (files.getUploadURLExternal, the bytes, then
files.completeUploadExternal: only that last call shows anything in Slack). An attempt that failed before it, or
that Slack refused with a 429, is tried again; one whose completion may have gone through (a 5xx, a dropped
connection) is not shared a second time: a file message carries no metadata to look for, so rather once than twice.

The live link's message goes through the same fenced delivery; once it is there, the caption is read from the
platform and checked (outside any transaction) and the result said in its thread.
"""

from __future__ import annotations

import logging
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.reminder_status import ClaimedReminder
from bot.review.stored_files import stored_path
from bot.services import Services, creator_links, drafts, live_checks
from bot.services.creator_links import MediaToShare
from handlers.blocks.campaigns import deliverable_line
from handlers.blocks.live_checks import check_message
from handlers.blocks.review import review_card
from handlers.blocks.text import escape
from handlers.jobs.outgoing import Outgoing
from handlers.review_posting import update_card

logger = logging.getLogger(__name__)
UPLOAD_TIMEOUT_SECONDS = 30


def card_outgoing(services: Services, reminder: ClaimedReminder, *, late: bool) -> Outgoing | None:
    """The version's review card, worded as it reads now; None when the draft was removed."""
    team_id, version_id = reminder.team_id, reminder.draft_version_id
    submitted = drafts.card_of(services.uow(), team_id, version_id) if version_id is not None else None
    if submitted is None or version_id is None:
        return None
    campaign = submitted.view.context.campaign
    # The thread, when it is in the campaign's channel (a campaign moved to another channel starts a new one).
    thread_ts = submitted.thread_ts if submitted.thread_channel == campaign.channel_id else None
    text, blocks = review_card(submitted.view)

    def delivered(client: WebClient, channel: str, ts: str) -> None:
        drafts.record_card(services.uow(), team_id, version_id, channel=channel, ts=ts, thread_ts=thread_ts)
        if submitted.superseded is None:
            return
        try:  # the version before loses its buttons: decisions are taken on the latest one
            update_card(client, submitted.superseded)
        except (SlackApiError, URLError, OSError) as error:
            logger.warning("draft %s: the earlier card keeps its buttons (%s)", version_id, error)

    return Outgoing(
        campaign,
        text,
        blocks,
        what="a creator's draft from their link",
        late=late,
        thread_ts=thread_ts,
        delivered=delivered,
    )


def live_outgoing(services: Services, reminder: ClaimedReminder, *, late: bool) -> Outgoing | None:
    """ "@creator marked it live from the creator's link"; None when it is not live any more (dropped, removed)."""
    team_id, deliverable_id = reminder.team_id, reminder.deliverable_id
    live = live_checks.live_post(services.uow(), team_id, deliverable_id) if deliverable_id is not None else None
    if live is None or deliverable_id is None:
        return None
    text = (
        f":tada: @{escape(live.creator.handle)} marked it live from the creator's link: "
        f"{deliverable_line(live, services.clock())}. Reminders stopped."
    )

    def delivered(client: WebClient, channel: str, ts: str) -> None:
        checked = live_checks.check_now(services.uow, services.sources, team_id, deliverable_id, clock=services.clock)
        if checked is None:
            return
        said, blocks = check_message(checked.context, checked.check)
        try:
            client.chat_postMessage(channel=channel, thread_ts=ts, text=said, blocks=blocks)
        except (SlackApiError, URLError, OSError) as error:  # the check is kept; the re-check a day later says more
            logger.warning("deliverable %s: the live check's result was not said (%s)", deliverable_id, error)

    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
    return Outgoing(live.campaign, text, blocks, what="a creator's live link", late=late, delivered=delivered)


def media_to_share(services: Services, reminder: ClaimedReminder) -> MediaToShare | None:
    if reminder.draft_version_id is None:
        return None
    return creator_links.media_to_share(services.uow(), reminder.team_id, reminder.draft_version_id)


@dataclass(frozen=True)
class Uploaded:
    """Files uploaded to Slack but not shown anywhere yet (files.completeUploadExternal shows them)."""

    files: list[dict[str, str | None]]


def upload(services: Services, client: WebClient, team_id: str, media: MediaToShare) -> Uploaded:
    """The stored files' bytes to Slack (nothing appears in a channel yet); a file no longer on disk is left out."""
    directory = Path(services.settings.creatorops_upload_dir)
    files: list[dict[str, str | None]] = []
    for file in media.version.files:
        try:
            data = stored_path(directory, team_id, file.id).read_bytes()
        except (ValueError, OSError) as error:
            logger.warning("draft %s: file %s cannot be read (%s)", media.version.id, file.id, error)
            continue
        title = file.name or file.id
        answer = client.files_getUploadURLExternal(filename=title, length=len(data))
        request = urllib.request.Request(str(answer["upload_url"]), data=data, method="POST")
        with urllib.request.urlopen(request, timeout=UPLOAD_TIMEOUT_SECONDS) as response:  # noqa: S310 (Slack's URL)
            response.read()
        files.append({"id": str(answer["file_id"]), "title": title})
    return Uploaded(files)


def share(client: WebClient, media: MediaToShare, uploaded: Uploaded) -> None:
    """Show the uploaded files under the card (or in the channel); Slack's answer says whether it did."""
    where = "under its card" if media.thread_ts else "here (its card could not be posted)"
    comment = (
        f"The media of {media.version.name} from @{escape(media.context.creator.handle)}, uploaded through the "
        f"creator's link: {where}."
    )
    client.files_completeUploadExternal(
        files=uploaded.files, channel_id=media.channel, thread_ts=media.thread_ts, initial_comment=comment
    )
