"""Modal submissions: a new campaign, a creator with a deliverable, a posted link (then its live caption checked).

Each is checked without I/O first (the modal's model in handlers.forms), so mistakes come back as field errors
in the modal; the write happens after the ack, and its outcome is posted where the team sees it.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns import workflow
from bot.campaigns.errors import CampaignError, NotAllowed
from bot.campaigns.post_links import read_post_link
from bot.services import Services, campaigns, live_checks, services_of
from handlers.blocks.campaigns import deliverable_line
from handlers.blocks.live_checks import check_message
from handlers.blocks.text import bold, escape
from handlers.context import team_of
from handlers.forms import AddCreatorModal, InvalidModal, MarkPostedModal, NewCampaignModal, fit_error, warning_errors
from handlers.ids import AddCreatorBlock, MarkPostedBlock, parse_mark_posted_channel

# The bot cannot see that channel (a private one it was not invited to): chat:write.public covers public ones only.
NOT_THERE = {"channel_not_found", "not_in_channel"}


def _join(client: WebClient, channel: str, logger: logging.Logger) -> None:
    """The bot joins the campaign's channel (channels:join), so that the reminder dispatcher may read it back
    after a crash (a bot reads only channels it is in). A private channel cannot be joined, only invited to."""
    try:
        client.conversations_join(channel=channel)
    except SlackApiError as error:
        logger.info("could not join %s: %s", channel, error.response.get("error"))


def _tell(client: WebClient, channel: str, user: str, text: str) -> None:
    """Only the person who submitted sees it (in the channel the modal was opened from)."""
    client.chat_postEphemeral(channel=channel, user=user, text=text)


def handle_campaign_new(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    try:
        submitted = NewCampaignModal.from_view(view)
    except InvalidModal as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return
    ack()
    services = services_of(context)
    user = body["user"]["id"]
    form = submitted.to_form(owner_user_id=user)
    try:
        campaign = campaigns.create_campaign(
            services.uow(), team_of(context), form, created_by=user, now=services.clock()
        )
    except CampaignError as error:
        _tell(client, form.channel_id, user, f"Nothing was created: {escape(str(error))}")
        return
    _join(client, campaign.channel_id, logger)
    approvers = ", ".join(f"<@{u}>" for u in workflow.approvers(campaign))
    created = (
        f"<@{user}> created the campaign {bold(campaign.name)} ({campaign.start_date} → {campaign.end_date}, "
        f"{campaign.budget.display()}, deadlines in {campaign.timezone}; approvers: {approvers}). "
        "Add creators with `/campaign add @handle`."
    )
    try:
        client.chat_postMessage(channel=campaign.channel_id, text=created)
    except SlackApiError as error:
        if error.response.get("error") not in NOT_THERE:
            raise
        client.chat_postMessage(
            channel=user,
            text=f"{created}\nI am not in <#{campaign.channel_id}> and cannot join a private channel by myself: "
            "type `/invite @CreatorOps` there, or I cannot post its reminders.",
        )


def handle_campaign_add(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    services = services_of(context)
    team_id = team_of(context)

    def zone_of(campaign_id: int) -> str | None:
        found = campaigns.campaign_by_id(services.uow(), team_id, campaign_id)
        return found.timezone if found else None

    try:
        # Before the ack, as its answer depends on it: the picked campaign (one row by id, in this workspace
        # only) gives the zone the due date is read in, and a campaign id that is not the team's is refused.
        submitted = AddCreatorModal.from_view(view, now=services.clock(), zone_of=zone_of)
        # Also before the ack: what is worth a second look (dates outside the campaign, the same booking twice,
        # an Avoid verdict) is shown in the form, which stays open until "Save anyway" is ticked.
        # Who may book is checked here too, so a refusal shows in the form rather than in a DM afterwards.
        warnings = booking_warnings_of(services, team_id, submitted, body["user"]["id"])
        warnings = () if submitted.to_form().confirmed else warnings
    except InvalidModal as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return
    if warnings:
        ack(
            response_action="errors",
            errors=warning_errors(warnings, WARNING_FIELDS, AddCreatorBlock.confirm, SAVE_HINT),
        )
        return
    ack()
    user = body["user"]["id"]
    try:
        added = campaigns.add_deliverables(
            services.uow(), team_id, submitted.to_form(), now=services.clock(), actor=user
        )
    except CampaignError as error:
        client.chat_postMessage(channel=user, text=f"I could not add @{escape(submitted.handle)}: {escape(str(error))}")
        return
    first, now = added[0], services.clock()
    each = f" ({len(added)} items, each tracked on its own)" if len(added) > 1 else ""
    client.chat_postMessage(
        channel=first.campaign.channel_id,
        text=f"<@{user}> added to {bold(first.campaign.name)}{each}: {deliverable_line(first, now)}\n"
        f"{first.campaign.reminder_policy.describe()}",
    )


SAVE_HINT = "Worth a second look (see above). Tick Save anyway to add it as it is."
# Where each kind of booking warning is shown: under the field it is about.
WARNING_FIELDS = {
    "creator": AddCreatorBlock.handle,
    "kind": AddCreatorBlock.kind,
    "go_live": AddCreatorBlock.due,
    "draft_due": AddCreatorBlock.draft_due,
}


def booking_warnings_of(services: Services, team_id: str, submitted: AddCreatorModal, actor: str) -> tuple[str, ...]:
    """The service's warnings for the form; a refusal it finds as a field error: someone who may not book on the
    campaign under the campaign, anything else (say, a date that passed meanwhile) under the go-live date."""
    try:
        return campaigns.booking_check(services.uow(), team_id, submitted.to_form(), now=services.clock(), actor=actor)
    except NotAllowed as refused:
        raise InvalidModal({AddCreatorBlock.campaign: fit_error(str(refused))}) from None
    except CampaignError as error:
        raise InvalidModal({AddCreatorBlock.due: fit_error(str(error))}) from None


def handle_deliverable_posted(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    services = services_of(context)
    try:
        submitted = MarkPostedModal.from_view(view)
        # Before the ack, as its answer depends on it: another creator's post (a link already recorded on the
        # campaign) keeps the form open with the link typed and the reason under it. One short read; a short
        # link is followed (network) only after the ack, and the service checks everything again then.
        if not read_post_link(submitted.url).needs_following:
            campaigns.check_post_unclaimed(
                services.uow(), team_of(context), submitted.deliverable, submitted.url, handle=submitted.handle or ""
            )
    except InvalidModal as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return
    except CampaignError as error:
        ack(response_action="errors", errors={MarkPostedBlock.url: fit_error(str(error))})
        return
    ack()
    user = body["user"]["id"]
    try:
        moved = campaigns.mark_posted(
            services.uow(),
            team_of(context),
            submitted.deliverable,
            url=submitted.url,
            actor=user,
            now=services.clock(),
            where=parse_mark_posted_channel(view.get("private_metadata")),
            owner_check=services.sources.is_creators_post if services.sources else None,
        )
    except CampaignError as error:
        client.chat_postMessage(channel=user, text=f"I could not mark it posted: {escape(str(error))}")
        return
    posted = client.chat_postMessage(
        channel=moved.campaign.channel_id,
        text=f":tada: <@{user}> marked it live: {deliverable_line(moved, services.clock())}. Reminders stopped.",
    )
    # The slow part, once the team has seen it is live: the caption read from the platform and checked.
    checked = live_checks.check_now(
        services.uow, services.sources, team_of(context), submitted.deliverable, clock=services.clock
    )
    if checked is not None:
        text, blocks = check_message(checked.context, checked.check)
        client.chat_postMessage(channel=posted["channel"], thread_ts=posted["ts"], text=text, blocks=blocks)
