"""`/campaign draft @handle` and the message shortcut *Submit as draft*: the draft modal, with the deliverables
that may get a new version to pick from (the creator's, or every one waiting when the handle is not known)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.services import Services, drafts, services_of
from handlers.blocks.review import draft_modal
from handlers.blocks.text import escape
from handlers.context import team_of
from handlers.ids import draft_metadata

DRAFT_USAGE = "Whose draft? `/campaign draft @handle` opens a form for the caption and the links."
MAX_MESSAGE = 40_000  # a message's text as Slack caps it; anything longer is not read
_URL = re.compile(r"<(https://[^|>\s]{1,500})(?:\|[^>]{0,500})?>|(https://[^\s<>|]{1,500})")
MAX_FILES_KEPT = 10


def _open(
    services: Services,
    client: WebClient,
    respond: Respond,
    team_id: str,
    trigger_id: str,
    *,
    handle: str | None,
    metadata: str,
    caption: str = "",
    links: list[str] | None = None,
) -> None:
    choices = drafts.draftable(services.uow(), team_id, handle=handle)
    if not choices:
        whose = f"@{escape(handle)} has" if handle else "There is"
        respond(
            response_type="ephemeral",
            text=f"{whose} no deliverable waiting for a draft. "
            "`/campaign show <name>` lists a campaign's deliverables.",
        )
        return
    client.views_open(trigger_id=trigger_id, view=draft_modal(choices, metadata=metadata, caption=caption, links=links))


def open_draft(
    services: Services, client: WebClient, respond: Respond, command: dict[str, Any], words: list[str], team_id: str
) -> None:
    handle = words[0].lstrip("@")[:100] if words else None
    metadata = draft_metadata(channel=command.get("channel_id"), via="slack")
    _open(services, client, respond, team_id, command["trigger_id"], handle=handle, metadata=metadata)


def message_links(text: str) -> list[str]:
    """The https links in a message as Slack writes them (<https://…|label> or bare), in order, once each."""
    found = (m.group(1) or m.group(2) for m in _URL.finditer(text[:MAX_MESSAGE]))
    return list(dict.fromkeys(found))[:10]


# Slack's markup in a message's text: <@U…>, <@U…|name>, <#C…|name>, <!here>, <!subteam^S…|@team>, <url|label>.
_MARKUP = re.compile(r"<([@#!]?)([^<>|\s]{1,500})(?:\|([^<>]{0,500}))?>")


def _as_read(match: re.Match[str]) -> str:
    sigil, target, label = match.group(1), match.group(2), match.group(3)
    if sigil == "@":
        return f"@{label or target}"
    if sigil == "#":
        return f"#{label or target}"
    if sigil == "!":
        return label or f"@{target.split('^')[0]}"
    return label or target.removeprefix("mailto:")


def message_caption(text: str) -> str:
    """A message's text as its reader saw it, the caption the creator wrote: a mention as @name (its id when
    Slack gave no name), a link as its label, and Slack's escapes of & < > undone."""
    caption = _MARKUP.sub(_as_read, text[:MAX_MESSAGE])
    return caption.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def message_files(message: dict[str, Any]) -> list[dict[str, str]]:
    """What the draft keeps of a message's files: id, name and link."""
    kept = []
    for found in (message.get("files") or [])[:MAX_FILES_KEPT]:
        if not isinstance(found, dict) or not found.get("id"):
            continue
        link = str(found.get("permalink") or found.get("url_private") or "")
        kept.append(
            {
                "id": str(found["id"])[:32],
                "name": str(found.get("name") or found.get("title") or "")[:200],
                **({"url": link} if link.startswith("https://") and len(link) <= 500 else {}),
            }
        )
    return kept


def handle_submit_draft_shortcut(
    ack: Ack, shortcut: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    ack()
    message = shortcut.get("message") or {}
    text = str(message.get("text") or "")[:MAX_MESSAGE]
    channel = (shortcut.get("channel") or {}).get("id")
    metadata = draft_metadata(channel=channel, via="shortcut", files=message_files(message))
    links = message_links(text)
    caption = message_caption(text)
    services = services_of(context)
    _open(
        services,
        client,
        respond,
        team_of(context),
        shortcut["trigger_id"],
        handle=None,
        metadata=metadata,
        caption=caption,
        links=links,
    )
