"""Approve / Shortlist / Reject / Needs a human on a /vet card: record who decided, update the card in place."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.services import services_of, vetting
from handlers.blocks.vet_card import DECISIONS, card_text, vet_card_blocks
from handlers.context import team_of
from handlers.ids import parse_vet_decision_action, parse_vet_run_value


def handle_vet_decision(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    ack()
    services = services_of(context)
    decision = parse_vet_decision_action(action["action_id"])
    run_id = parse_vet_run_value(action.get("value", ""))
    user_id, now = body["user"]["id"], services.clock()
    try:
        if decision is None or run_id is None:
            raise vetting.VetRunNotFound(run_id if run_id is not None else -1)
        run = vetting.decide(services.uow(), team_of(context), run_id, decision, user_id=user_id, at=now)
    except vetting.VetRunNotFound:
        respond(
            response_type="ephemeral",
            replace_original=False,
            text="I can't find this vetting card any more; run /vet again.",
        )
        return
    report = run.report
    blocks = vet_card_blocks(report, run.id, decision=(decision, user_id, now))
    text = f"{card_text(report)} · {DECISIONS[decision][1]} by <@{user_id}>"
    container = body.get("container", {})
    if container.get("is_ephemeral") or not body.get("message", {}).get("ts"):
        respond(replace_original=True, text=text, blocks=blocks)
    else:
        client.chat_update(channel=body["channel"]["id"], ts=body["message"]["ts"], text=text, blocks=blocks)
