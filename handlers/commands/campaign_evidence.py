"""/campaign evidence <name> [@handle] [pdf]: the evidence pack, one Markdown (or PDF) file per creator, shared in the
campaign's channel (or, when the app may not share files there, with the person who asked)."""

from __future__ import annotations

import logging

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.errors import CampaignError
from bot.campaigns.evidence_files import Format, evidence_files
from bot.services import Services, evidence
from handlers.blocks.text import error_text, escape
from handlers.uploads import NotInChannel, share_files, share_with_user

EVIDENCE_USAGE = (
    "Which campaign? `/campaign evidence <name> [@handle] [pdf]`: one file per creator (or only @handle) with the "
    "vetting, drafts, decisions, history and payments, in Markdown or (with `pdf`) as PDF; `/campaign list` shows the "
    "campaigns."
)
PREPARING = "Preparing the evidence pack…"
# Installs from before the evidence pack lack files:write until the app is installed again.
NO_FILES_SCOPE = (
    "I may not share files in this workspace yet: CreatorOps needs its new *files:write* permission. Ask whoever "
    "installed it to install it again (its page at api.slack.com/apps, *Install App*), then run this again; "
    "`creatorops evidence <name>` writes the same files on the server meanwhile."
)


def evidence_words(words: list[str]) -> tuple[str, str | None, Format]:
    """'glow @maya pdf' -> ('glow', '@maya', 'pdf'); 'glow' -> ('glow', None, 'md'). The format is the last word (or
    the one just before the @handle), never the whole name."""
    words = list(words)
    file_format: Format = "md"
    at = -2 if len(words) > 2 and words[-1].startswith("@") else -1
    if len(words) > 1 and words[at].lower() in ("pdf", "md"):
        file_format = "pdf" if words.pop(at).lower() == "pdf" else "md"
    if len(words) > 1 and words[-1].startswith("@"):
        return " ".join(words[:-1]), words[-1], file_format
    return " ".join(words), None, file_format


def post_evidence(
    services: Services,
    client: WebClient,
    respond: Respond,
    *,
    team_id: str,
    user_id: str,
    channel_id: str,
    words: list[str],
    logger: logging.Logger,
) -> None:
    """After the ack (which said PREPARING): read the pack, write one file per creator, share them."""
    name, handle, file_format = evidence_words(words)
    try:
        pack = evidence.evidence_pack(
            services.uow(), team_id, name, handle, now=services.clock(), actor=user_id, where=channel_id
        )
    except CampaignError as error:
        respond(response_type="ephemeral", text=error_text(error))
        return
    files = evidence_files(pack, file_format)
    campaign = escape(pack.campaign)
    if not files:
        respond(response_type="ephemeral", text=f"{campaign} has no creators yet: there is no evidence to pack.")
        return
    who = f" (@{escape(handle.lstrip('@'))})" if handle else ""
    kind = "one PDF per creator" if file_format == "pdf" else "one file per creator"
    comment = f"Evidence pack for {campaign}{who}, asked for by <@{user_id}>: {kind}."
    try:
        shared_in_channel = _share(client, pack.channel_id, user_id, files, comment=comment)
    except SlackApiError as error:
        if error.response.get("error") != "missing_scope":
            raise
        respond(response_type="ephemeral", text=NO_FILES_SCOPE)
        return
    if not shared_in_channel:
        logger.info("evidence pack not shared in %s: the app is not in the channel", pack.channel_id)
        respond(
            response_type="ephemeral",
            text=f"I could not share files in <#{pack.channel_id}>, so I sent the {len(files)} file(s) to you in a "
            "direct message. To have them in the channel next time, invite me there with `/invite @CreatorOps`.",
        )
    elif channel_id != pack.channel_id:
        respond(
            response_type="ephemeral",
            text=f"Shared the evidence pack of {campaign} ({len(files)} file(s)) in <#{pack.channel_id}>.",
        )


def _share(client: WebClient, channel_id: str, user_id: str, files: list[tuple[str, bytes]], *, comment: str) -> bool:
    """In the campaign's channel (True), else in a DM with the person who asked (False)."""
    try:
        share_files(client, channel_id, files, comment=comment)
        return True
    except NotInChannel:
        share_with_user(client, user_id, files, comment=comment)
        return False
