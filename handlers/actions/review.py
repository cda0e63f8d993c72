"""The buttons of a draft's review card: Approve (a second, explicit step when the check found no disclosure),
Approve with corrections and Request changes (modals), Allow another round. Who may decide, on which version,
is the service's call at every click: a button's value only names the version."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.campaigns.errors import CampaignError
from bot.review.models import Decision
from bot.review.rules import NeedsConfirmation
from bot.services import drafts, services_of
from bot.services.drafts import DecisionInput
from handlers.blocks.review import changes_modal, confirm_missing_blocks, corrections_modal
from handlers.blocks.text import error_text
from handlers.context import clicked_in, team_of
from handlers.ids import ReviewAction, parse_version_value
from handlers.review_posting import announce, refusal, update_card


def _refuse(respond: Respond, client: WebClient, error: CampaignError) -> None:
    respond(response_type="ephemeral", replace_original=False, text=refusal(client, error))


def _version_of(action: dict[str, Any]) -> int:
    version_id = parse_version_value(action.get("value", ""))
    if version_id is None:
        raise CampaignError("This button is broken; the latest draft's card in the thread has working ones.")
    return version_id


def handle_approve(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    user, team_id = body["user"]["id"], team_of(context)
    confirmed = action["action_id"] == ReviewAction.approve_confirmed
    try:
        version_id = _version_of(action)
        wanted = DecisionInput(Decision.approved, confirmed_missing_disclosure=confirmed)
        decided = drafts.decide(services.uow(), team_id, version_id, wanted, actor=user, now=services.clock())
    except NeedsConfirmation as error:
        view = drafts.review_view(services.uow(), team_id, version_id)
        respond(
            response_type="ephemeral",
            replace_original=False,
            text=error_text(error),
            blocks=confirm_missing_blocks(view.version, str(error)),
        )
        return
    except CampaignError as error:
        _refuse(respond, client, error)
        return
    if confirmed:
        respond(delete_original=True)  # the private confirmation has done its job
    update_card(client, decided.view)
    announce(client, decided)


def handle_open_decision(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Approve with corrections / Request changes: the modal opens only for someone who may decide now."""
    ack()
    services = services_of(context)
    user, team_id = body["user"]["id"], team_of(context)
    changes = action["action_id"] == ReviewAction.changes
    try:
        version_id = _version_of(action)
        check = drafts.changes_for_decision if changes else drafts.review_for_decision
        view = check(services.uow(), team_id, version_id, actor=user)
    except CampaignError as error:
        _refuse(respond, client, error)
        return
    modal = changes_modal if changes else corrections_modal
    client.views_open(trigger_id=body["trigger_id"], view=modal(view, clicked_in(body)))


def handle_another_round(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    user, team_id = body["user"]["id"], team_of(context)
    try:
        view = drafts.allow_another_round(services.uow(), team_id, _version_of(action), actor=user)
    except CampaignError as error:
        _refuse(respond, client, error)
        return
    update_card(client, view)
    if view.version.card_channel:
        client.chat_postMessage(
            channel=view.version.card_channel,
            thread_ts=view.thread_ts or view.version.card_ts,
            text=f"<@{user}> allowed another revision round ({view.round_limit} in all); changes can be requested.",
        )
