"""/disclosure check <caption> [tiktok] [UK] [gift] …, and /disclosure jurisdiction UK."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, Respond

from bot.disclosure import CheckOptions, Jurisdiction, check_caption, parse_check_words
from bot.services import Services, services_of
from handlers.blocks.disclosure import disclosure_blocks, disclosure_text
from storage.workspaces import update_workspace_defaults

USAGE = (
    "Usage: `/disclosure check <caption>` (add words like `tiktok`, `reel`, `UK`, `gift`, `affiliate` to change "
    "the platform, format, rules or connection), or `/disclosure jurisdiction UK` to set this workspace's default."
)


def workspace_jurisdiction(services: Services, team_id: str) -> Jurisdiction:
    return Jurisdiction(services.workspace(team_id).default_jurisdiction)


def check_and_answer(
    services: Services, team_id: str, text: str, respond: Respond, *, parse_options: bool = True
) -> None:
    """Check a caption; option words (tiktok, UK, gift…) are read from a command, never from a shared message."""
    options, caption = parse_check_words(text) if parse_options else (CheckOptions(), text)
    if not caption.strip():
        respond(response_type="ephemeral", text=f"There is no caption to check. {USAGE}")
        return
    result = check_caption(options.request(caption, default_jurisdiction=workspace_jurisdiction(services, team_id)))
    respond(response_type="ephemeral", text=disclosure_text(result), blocks=disclosure_blocks(result, caption))


def handle_disclosure(ack: Ack, command: dict, respond: Respond, context: Any, logger: logging.Logger) -> None:
    text = (command.get("text") or "").strip()
    sub, _, rest = text.partition(" ")
    sub = sub.lower()
    if sub == "jurisdiction":
        code = rest.strip().upper()
        if not code:  # the question "which rules do we use?": the answer needs the database, so after the ack
            ack()
            current = workspace_jurisdiction(services_of(context), context.team_id)
            respond(
                response_type="ephemeral",
                text=f"This workspace checks disclosures against {current.value} rules by default. "
                f"Change it with `/disclosure jurisdiction UK` (one of {', '.join(Jurisdiction)}).",
            )
            return
        if code not in tuple(j.value for j in Jurisdiction):
            ack(
                response_type="ephemeral",
                text=f"Use one of {', '.join(Jurisdiction)}, e.g. `/disclosure jurisdiction UK`.",
            )
            return
        ack()
        services = services_of(context)
        services.workspace(context.team_id)  # a new workspace starts from the configured defaults
        update_workspace_defaults(services.engine, context.team_id, default_jurisdiction=code)
        respond(
            response_type="ephemeral", text=f"This workspace now checks disclosures against {code} rules by default."
        )
        return
    if sub != "check":
        ack(response_type="ephemeral", text=USAGE)
        return
    if not rest.strip():
        ack(response_type="ephemeral", text=f"Paste the caption after `check`. {USAGE}")
        return
    ack()
    check_and_answer(services_of(context), context.team_id, rest, respond)
