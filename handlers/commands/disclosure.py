"""/disclosure check <caption> [tiktok] [UK] [gift] …, and /disclosure jurisdiction UK."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.disclosure import (
    CaptionTooLong,
    CheckOptions,
    Jurisdiction,
    ensure_checkable,
    option_kept_in_caption,
    parse_check_words,
)
from bot.services import Services, disclosure, services_of
from handlers.blocks.disclosure import disclosure_blocks, disclosure_text
from handlers.blocks.text import escape, fit, one_line
from handlers.context import team_of

USAGE = (
    "Usage: `/disclosure check <caption>` (add words like `tiktok`, `reel`, `UK`, `gift`, `affiliate` to change "
    "the platform, format, rules or connection; end them with `--`, as in `/disclosure check gift -- Loving my "
    "new serum`), or `/disclosure jurisdiction UK` to set this workspace's default."
)

SUBCOMMANDS = ("check", "jurisdiction")


def check_and_answer(
    services: Services, team_id: str, text: str, respond: Respond, *, parse_options: bool = True
) -> None:
    """Check a caption; option words (tiktok, UK, gift…) are read from a command, never from a shared message."""
    try:
        ensure_checkable(text)  # first: a megabyte "caption" is refused on its length alone
    except CaptionTooLong as exc:
        respond(response_type="ephemeral", text=str(exc))  # numbers only: nothing the user typed
        return
    options, caption = parse_check_words(text) if parse_options else (CheckOptions(), text)
    if not caption.strip():
        respond(response_type="ephemeral", text=f"There is no caption to check. {USAGE}")
        return
    defaults = services.settings.workspace_defaults
    result = disclosure.check_for_workspace(services.uow(), team_id, defaults, caption, options)
    kept = option_kept_in_caption(options, caption) if parse_options else None
    note = None
    if kept is not None:  # "gift Loving my new serum": the first word may have been meant as the option
        field, word = kept
        rest = caption.split(maxsplit=1)[-1]
        note = (
            f"I read `{escape(word)}` as the caption's first word. To check with it as the {field}, write "
            f"`/disclosure check {escape(word)} -- {escape(fit(one_line(rest), 60))}`."
        )
    blocks = disclosure_blocks(result, caption, note)
    respond(response_type="ephemeral", text=disclosure_text(result), blocks=blocks)


def handle_disclosure(
    ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext, logger: logging.Logger
) -> None:
    text = (command.get("text") or "").strip()
    sub, _, rest = text.partition(" ")
    sub = sub.lower()
    if sub == "jurisdiction":
        code = rest.strip().upper()
        if not code:  # the question "which rules do we use?": the answer needs the database, so after the ack
            ack()
            services = services_of(context)
            current = disclosure.workspace_jurisdiction(
                services.uow(), team_of(context), services.settings.workspace_defaults
            )
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
        disclosure.set_jurisdiction(
            services.uow(), team_of(context), services.settings.workspace_defaults, Jurisdiction(code)
        )
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
    check_and_answer(services_of(context), team_of(context), rest, respond)
