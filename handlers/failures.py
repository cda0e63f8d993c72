"""What the user hears when a listener fails after its ack: in plain words, where they are, with nothing lost.

A database that is restarting or unreachable gets its own message (try again in a minute); anything else the
generic one. A modal's input is sent back to its author in a DM, because the modal has already closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Args, Respond
from slack_bolt.util.utils import get_arg_names_of_callable
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import database_unavailable
from handlers.blocks.text import bold, escape
from handlers.modal_state import value
from handlers.replay import Replayed, ack_once

DATABASE_DOWN = (
    "Our database is not answering right now (it may be restarting), so that was not done. "
    "Please run it again in a minute."
)
SOMETHING_BROKE = (
    "Sorry, something went wrong on our side while doing that. Please try again in a minute; "
    "if it keeps failing, tell your CreatorOps admin."
)
MAX_VALUE_CHARS = 300


def failure_text(error: BaseException) -> str:
    return DATABASE_DOWN if database_unavailable(error) else SOMETHING_BROKE


def submitted_values(view: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, what was typed or picked) for every answered input of a submitted modal, in form order."""
    answers = []
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        answer = value(view, block.get("block_id", ""))
        if answer in (None, "", []):
            continue
        shown = ", ".join(map(str, answer)) if isinstance(answer, list) else str(answer)
        answers.append((block.get("label", {}).get("text", block.get("block_id", "")), shown[:MAX_VALUE_CHARS]))
    return answers


def report_listener_error(
    error: Exception, body: dict[str, Any], respond: Respond, client: WebClient, logger: logging.Logger
) -> None:
    """Bolt's error handler: log the failure and tell the user."""
    logger.exception("listener failed: %s", error)
    text = failure_text(error)
    try:
        if body.get("response_url"):
            respond(response_type="ephemeral", replace_original=False, text=text)
        elif body.get("type") == "view_submission":
            _return_the_form(client, body, text)
    except SlackApiError as slack_error:  # the user cannot be told; the log above is all there is
        logger.warning("could not tell the user about the failure: %s", slack_error)


def reported_after_ack(listener: Callable[..., None]) -> Callable[[Args], None]:
    """The listener, run once per request (handlers.replay guards its ack), with failures after its ack()
    reported by us instead of raised into Bolt.

    Bolt's thread runner, on an exception from an acked listener, resets the ack it has not yet sent when its
    10 ms poll has not seen it; the request then waits 3 s and Slack gets a 404 instead of the ack. A failure
    before ack() still goes to Bolt, which answers 500 and calls report_listener_error itself.
    """
    wanted = get_arg_names_of_callable(listener)

    def run(args: Args) -> None:
        given = {name: getattr(args, name) for name in wanted}
        if "ack" in given:
            given["ack"] = ack_once(args)
        try:
            listener(**given)
        except Replayed:
            args.logger.info("skipping %s: this request was handled already (a replay)", listener.__name__)
        except Exception as error:
            if args.ack.response is None:
                raise
            report_listener_error(error, args.body, args.respond, args.client, args.logger)

    run.__name__ = run.__qualname__ = listener.__name__  # Bolt's logs name the listener
    return run


def _return_the_form(client: WebClient, body: dict[str, Any], text: str) -> None:
    view = body.get("view") or {}
    answers = submitted_values(view)
    title = (view.get("title") or {}).get("text", "the form")
    lines = [f"{bold(title)}: {text}"]
    if answers:
        lines.append("Here is what you entered, so you can fill it in again:")
        lines.extend(f"• {escape(label)}: {escape(answer)}" for label, answer in answers)
    client.chat_postMessage(channel=body["user"]["id"], text="\n".join(lines))  # the user's DM with the app
