"""Modal submissions that change what was agreed (a campaign's terms, a creator's) or add a post's results.

Each is checked without I/O first, so every mistake comes back at once as a field error and Slack keeps what was
typed; the change is made after the ack, and the campaign's channel is told what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.campaigns.errors import CampaignError, NeedsConfirmation
from bot.campaigns.models import DRAFT_AFTER_GO_LIVE
from bot.services import campaigns, results, services_of
from bot.vocabulary import plural
from handlers.blocks.campaign_edit import changes_text, deliverable_edited_text, refusal_text, reported_text
from handlers.blocks.text import bold, error_text, escape
from handlers.context import team_of
from handlers.forms import (
    CreatorTermsModal,
    EditCampaignModal,
    EditDeliverableModal,
    InvalidModal,
    ResultsModal,
    fit_error,
    warning_errors,
)
from handlers.ids import EditDeliverableBlock, parse_metadata_channel, parse_metadata_id

F = TypeVar("F")


def checked(read: Callable[[dict[str, Any]], F], view: dict[str, Any], ack: Ack) -> F | None:
    """The submission read and checked by its form (no I/O), then acked: with every mistake as a field error
    (Slack keeps the form open with what was typed, and None is returned), or plainly."""
    try:
        submitted = read(view)
    except InvalidModal as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return None
    ack()
    return submitted


def _refused(client: WebClient, user: str, error: CampaignError) -> None:
    """The modal has closed: its author hears by DM why nothing was changed."""
    client.chat_postMessage(channel=user, text=f"Nothing was changed. {refusal_text(error)}")


def handle_campaign_edit(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    submitted = checked(EditCampaignModal.from_view, view, ack)
    if submitted is None:
        return
    services = services_of(context)
    user = body["user"]["id"]
    try:
        edited = campaigns.edit_campaign(
            services.uow(), team_of(context), submitted.campaign, submitted.to_edit(), actor=user, now=services.clock()
        )
    except CampaignError as error:
        _refused(client, user, error)
        return
    name = bold(edited.campaign.name)
    if not edited.changes:
        client.chat_postMessage(channel=user, text=f"{name} is as it was: nothing in the form was changed.")
        return
    replanned = (
        f" Reminders of {plural(edited.replanned, 'open deliverable')} follow the new schedule."
        if edited.replanned
        else ""
    )
    client.chat_postMessage(
        channel=edited.campaign.channel_id,
        text=f"<@{user}> changed {name}: {changes_text(edited.changes)}.{replanned}",
    )


def handle_creator_terms(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    submitted = checked(CreatorTermsModal.from_view, view, ack)
    if submitted is None:
        return
    services = services_of(context)
    user = body["user"]["id"]
    try:
        edited = campaigns.edit_creator_terms(
            services.uow(), team_of(context), submitted.campaign, submitted.creator, submitted.to_edit(), actor=user
        )
    except CampaignError as error:
        _refused(client, user, error)
        return
    who = f"@{escape(edited.creator.handle)}'s terms on {bold(edited.campaign.name)}"
    if not edited.changes:
        client.chat_postMessage(channel=user, text=f"{who} are as they were: nothing in the form was changed.")
        return
    client.chat_postMessage(
        channel=edited.campaign.channel_id, text=f"<@{user}> changed {who}: {changes_text(edited.changes)}."
    )


def handle_deliverable_results(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    submitted = checked(ResultsModal.from_view, view, ack)
    if submitted is None:
        return
    services = services_of(context)
    user = body["user"]["id"]
    try:
        added = results.add_post_results(
            services.uow(),
            team_of(context),
            submitted.deliverable,
            submitted.to_reported(),
            actor=user,
            now=services.clock(),
            where=parse_metadata_channel(view.get("private_metadata")),
        )
    except CampaignError as error:
        _refused(client, user, error)
        return
    client.chat_postMessage(
        channel=added.deliverable.campaign.channel_id, text=f"<@{user}> {reported_text(added)}", unfurl_links=False
    )


SAVE_HINT = "Worth a second look (see above). Tick Save anyway to change it as it is."
# Where each kind of booking warning is shown: under the field it is about.
EDIT_WARNING_FIELDS = {
    "kind": EditDeliverableBlock.kind,
    "go_live": EditDeliverableBlock.due,
    "draft_due": EditDeliverableBlock.draft_due,
}


def handle_deliverable_edit(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    services = services_of(context)
    team_id, user, now = team_of(context), body["user"]["id"], services.clock()
    deliverable_id = parse_metadata_id(view.get("private_metadata"), "deliverable")
    # Reads before the ack, as its answer depends on them (like the add-creator form): the deliverable gives the
    # platform and zone its kind and dates are read in, and a dry run of the edit says what is worth a second look
    # (a date outside the campaign), which keeps the form open with what was typed until "Save anyway" is ticked.
    # Nothing is written until Slack has its ack.
    try:
        found = campaigns.deliverable_to_edit(services.uow(), team_id, deliverable_id, actor=user)
        submitted = EditDeliverableModal.from_view(view, found=found, now=now)
        campaigns.edit_deliverable(
            services.uow(), team_id, deliverable_id, submitted.to_edit(), actor=user, now=now, dry_run=True
        )
    except InvalidModal as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return
    except NeedsConfirmation as asked:
        errors = warning_errors(asked.warnings, EDIT_WARNING_FIELDS, EditDeliverableBlock.confirm, SAVE_HINT)
        ack(response_action="errors", errors=errors)
        return
    except CampaignError as error:  # not theirs to change, posted meanwhile, a date that passed since
        # A draft due after the go-live date is said under Draft due, the field to change.
        field = EditDeliverableBlock.draft_due if DRAFT_AFTER_GO_LIVE in str(error) else EditDeliverableBlock.due
        ack(response_action="errors", errors={field: fit_error(str(error))})
        return
    ack()
    try:
        edited = campaigns.edit_deliverable(
            services.uow(), team_id, deliverable_id, replace(submitted.to_edit(), confirmed=True), actor=user, now=now
        )
    except CampaignError as error:  # changed by someone else between the check and the save
        client.chat_postMessage(channel=user, text=f":no_entry: Nothing was changed: {error_text(error)}")
        return
    if not edited.changes:
        what = f"@{escape(edited.deliverable.creator.handle)}'s {edited.deliverable.deliverable.kind.value}"
        client.chat_postMessage(channel=user, text=f"{what} is as it was: nothing in the form was changed.")
        return
    client.chat_postMessage(channel=edited.deliverable.campaign.channel_id, text=deliverable_edited_text(edited, user))
