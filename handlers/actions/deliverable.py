"""Buttons on deliverables: move along the workflow, mark posted, extend the deadline, snooze a reminder, add a
live post's results.

Who may press what is checked again at every click (the campaign's approvers approve and request changes),
in the workspace of the click: a button's value is never trusted to say which workspace it belongs to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.campaigns.errors import CampaignError
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_text import deadline_text
from bot.campaigns.states import DeliverableState
from bot.services import Services, campaigns, drafts, results, services_of
from handlers.blocks.campaign_edit import edit_deliverable_modal, results_modal
from handlers.blocks.campaigns import campaign_show_blocks, deliverable_line, dropped_message, mark_posted_modal
from handlers.blocks.live_checks import verify_confirmation
from handlers.blocks.review import draft_modal
from handlers.blocks.text import error_text, escape
from handlers.context import clicked_in, team_of
from handlers.ids import deliverable_from_block, draft_metadata, parse_deliverable_value, parse_move_action


def handle_move(
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
    deliverable_id = parse_deliverable_value(action.get("value", ""))
    target = parse_move_action(action["action_id"])
    user, now = body["user"]["id"], services.clock()
    try:
        if deliverable_id is None or target is None:
            raise CampaignError("This button is broken; run /campaign show again.")
        if target is DeliverableState.draft_submitted:  # a draft is content: its form, not a bare move
            found = drafts.draftable_deliverable(services.uow(), team_of(context), deliverable_id)
            metadata = draft_metadata(channel=clicked_in(body), via="slack")
            client.views_open(trigger_id=body["trigger_id"], view=draft_modal([found], metadata=metadata))
            return
        if target is DeliverableState.live:  # live takes its link, checked: the Mark posted form, not a bare move
            found = campaigns.postable_deliverable(
                services.uow(), team_of(context), deliverable_id, actor=user, where=clicked_in(body)
            )
            _open_mark_posted(client, body, found)
            return
        moved = campaigns.move(
            services.uow(), team_of(context), deliverable_id, target, actor=user, now=now, where=clicked_in(body)
        )
    except campaigns.VerifyNeedsConfirmation as unclear:  # never silently: a person confirms they looked
        text, blocks = verify_confirmation(unclear.context, unclear.check, now)
        respond(response_type="ephemeral", replace_original=False, text=text, blocks=blocks)
        return
    except CampaignError as error:
        respond(response_type="ephemeral", replace_original=False, text=f":no_entry: {error_text(error)}")
        return
    _moved(moved, user, now, client, respond, services_of(context))


def _moved(
    moved: DeliverableContext,
    user: str,
    now: datetime,
    client: WebClient,
    respond: Respond,
    services: Services,
    *,
    by_hand: bool = False,
) -> None:
    """The card redrawn where it was clicked, and the channel told of the move."""
    board = campaigns.board_of(services.uow(), moved.campaign.team_id, moved.campaign.id, now)
    respond(replace_original=True, text=escape(moved.campaign.name), blocks=campaign_show_blocks(board, now))
    if moved.deliverable.state is DeliverableState.dropped:
        text, blocks = dropped_message(moved, user, now)
        client.chat_postMessage(channel=moved.campaign.channel_id, text=text, blocks=blocks)
        return
    state = moved.deliverable.state.value.replace("_", " ")
    how = " after checking the post by hand (its live caption check was not clear)" if by_hand else ""
    client.chat_postMessage(
        channel=moved.campaign.channel_id,
        text=f"<@{user}> moved a deliverable to *{state}*{how}: {deliverable_line(moved, now)}",
    )


def handle_undo_drop(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    user, now = body["user"]["id"], services.clock()
    back = _deliverable_or_refused(
        action,
        respond,
        lambda deliverable_id: campaigns.undo_drop(
            services.uow(), team_of(context), deliverable_id, actor=user, now=now, where=clicked_in(body)
        ),
    )
    if back is not None:
        respond(
            replace_original=True,
            text=f"<@{user}> undid the drop: {deliverable_line(back, now)}\nIts reminders are planned again.",
        )


def handle_verify_confirmed(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """*I looked: verify it*: a person confirms they checked a live post whose caption check was not clear; the
    move is recorded with who and when, and the channel is told it was checked by hand."""
    ack()
    services = services_of(context)
    user, now = body["user"]["id"], services.clock()
    moved = _deliverable_or_refused(
        action,
        respond,
        lambda deliverable_id: campaigns.move(
            services.uow(),
            team_of(context),
            deliverable_id,
            DeliverableState.verified,
            actor=user,
            now=now,
            where=clicked_in(body),
            looked=True,
        ),
    )
    if moved is not None:
        _moved(moved, user, now, client, respond, services, by_hand=True)


def _deliverable_or_refused(
    action: dict[str, Any], respond: Respond, find: Callable[[int], DeliverableContext]
) -> DeliverableContext | None:
    """The deliverable behind a button that opens a form, as `find` checks it; None once the refusal is said."""
    deliverable_id = parse_deliverable_value(action.get("value", ""))
    try:
        if deliverable_id is None:
            raise CampaignError("I can't find that deliverable any more.")
        return find(deliverable_id)
    except CampaignError as error:
        respond(response_type="ephemeral", replace_original=False, text=f":no_entry: {error_text(error)}")
        return None


def handle_mark_posted(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: BoltContext,
) -> None:
    ack()
    services = services_of(context)
    found = _deliverable_or_refused(
        action,
        respond,
        lambda deliverable_id: campaigns.postable_deliverable(
            services.uow(), team_of(context), deliverable_id, actor=body["user"]["id"], where=clicked_in(body)
        ),
    )
    if found is not None:
        _open_mark_posted(client, body, found)


def _open_mark_posted(client: WebClient, body: dict[str, Any], found: DeliverableContext) -> None:
    what = f"@{found.creator.handle}'s {found.deliverable.describe().removeprefix('a ')}"
    client.views_open(
        trigger_id=body["trigger_id"],
        view=mark_posted_modal(
            int(found.deliverable.id), what, found.creator.platform.value, clicked_in(body), found.creator.handle
        ),
    )


def handle_extend(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    deliverable_id = deliverable_from_block(action.get("block_id", ""))
    try:
        if deliverable_id is None or not action.get("selected_date"):
            raise CampaignError("Pick a date in the date picker.")
        moved = campaigns.extend_to_date(
            services.uow(),
            team_of(context),
            deliverable_id,
            date.fromisoformat(action["selected_date"]),
            actor=body["user"]["id"],
            now=services.clock(),
            where=clicked_in(body),
        )
    except CampaignError as error:
        respond(response_type="ephemeral", replace_original=False, text=f":no_entry: {error_text(error)}")
        return
    new_deadline = deadline_text(moved.deliverable.due_at, moved.campaign.timezone)
    respond(
        response_type="in_channel",
        replace_original=False,
        text=f"<@{body['user']['id']}> moved @{escape(moved.creator.handle)}'s deadline to {new_deadline}; "
        "reminders are planned again.",
    )


def handle_snooze(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    deliverable_id = parse_deliverable_value(action.get("value", ""))
    try:
        if deliverable_id is None:
            raise CampaignError("This button is broken.")
        now = services.clock()
        snoozed = campaigns.snooze(
            services.uow(), team_of(context), deliverable_id, actor=body["user"]["id"], now=now, where=clicked_in(body)
        )
    except CampaignError as error:
        respond(response_type="ephemeral", replace_original=False, text=f":no_entry: {error_text(error)}")
        return
    respond(
        response_type="ephemeral",
        replace_original=False,
        text=f"Snoozed: the next reminder comes {deadline_text(snoozed.until, snoozed.context.campaign.timezone)}.",
    )


def handle_add_results(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    found = _deliverable_or_refused(
        action,
        respond,
        lambda deliverable_id: results.post_for_results(
            services.uow(), team_of(context), deliverable_id, actor=body["user"]["id"], where=clicked_in(body)
        ),
    )
    if found is not None:
        client.views_open(trigger_id=body["trigger_id"], view=results_modal(found, channel_id=clicked_in(body)))


def handle_edit_deliverable(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    found = _deliverable_or_refused(
        action,
        respond,
        lambda deliverable_id: campaigns.deliverable_to_edit(
            services.uow(), team_of(context), deliverable_id, actor=body["user"]["id"]
        ),
    )
    if found is not None:
        client.views_open(
            trigger_id=body["trigger_id"], view=edit_deliverable_modal(found, channel_id=clicked_in(body))
        )
