"""Modal submissions: a new campaign, a creator with a deliverable, a posted link.

Each is checked without I/O first, so mistakes come back as field errors in the modal; the write happens
after the ack, and its outcome is posted where the team sees it.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlparse

from pydantic import ValidationError
from slack_bolt import Ack
from slack_sdk import WebClient

from bot.campaigns import workflow
from bot.campaigns.due_input import parse_due
from bot.campaigns.errors import CampaignError
from bot.campaigns.localtime import check_timezone
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.services import campaigns, services_of
from bot.services.campaigns import CampaignForm, DeliverableForm, friendly
from handlers.blocks.campaigns import deliverable_line
from handlers.blocks.text import escape
from handlers.modal_state import value


def _decimal(text: Any) -> Decimal | None:
    try:
        return Decimal(str(text)) if text not in (None, "") else None
    except InvalidOperation:
        return None


def _tell(client: WebClient, channel: str, user: str, text: str) -> None:
    """Only the person who submitted sees it (in the channel the modal was opened from)."""
    client.chat_postEphemeral(channel=channel, user=user, text=text)


def handle_campaign_new(
    ack: Ack, body: dict, view: dict, client: WebClient, context: Any, logger: logging.Logger
) -> None:
    errors: dict[str, str] = {}
    name = (value(view, "name") or "").strip()
    if not name:
        errors["name"] = "Give the campaign a name."
    start, end = value(view, "start"), value(view, "end")
    if start and end and end < start:
        errors["end"] = "The campaign must end on or after its start."
    timezone = (value(view, "timezone") or "").strip()
    try:
        check_timezone(timezone)
    except CampaignError as error:
        errors["timezone"] = str(error)[:150]
    budget = _decimal(value(view, "budget"))
    if value(view, "budget") not in (None, "") and budget is None:
        errors["budget"] = "Type the budget as a number, e.g. 5000."
    policy = None
    try:
        offsets = tuple(o.strip() for o in (value(view, "reminders") or "").split(",") if o.strip())
        policy = ReminderPolicy(
            **({"offsets": offsets} if offsets else {}), owner_escalation_at=value(view, "escalation") or None
        )
    except (ValidationError, CampaignError) as error:
        message = friendly(error) if isinstance(error, ValidationError) else str(error)
        errors["escalation" if "escalation" in message else "reminders"] = message[:150]
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    services = services_of(context)
    user = body["user"]["id"]
    channel = value(view, "channel") or json.loads(view.get("private_metadata") or "{}").get("channel")
    form = CampaignForm(
        name=name,
        channel_id=channel,
        owner_user_id=user,
        start_date=date.fromisoformat(start),
        end_date=date.fromisoformat(end),
        budget=budget or Decimal(0),
        currency=value(view, "currency") or "USD",
        timezone=timezone,
        jurisdiction=value(view, "jurisdiction") or "US",
        approver_user_ids=tuple(value(view, "approvers") or ()),
        reminder_policy=policy,
    )
    try:
        campaign = campaigns.create_campaign(services.uow(), context.team_id, form, created_by=user)
    except CampaignError as error:
        _tell(client, channel, user, f"Nothing was created: {error}")
        return
    approvers = ", ".join(f"<@{u}>" for u in workflow.approvers(campaign))
    client.chat_postMessage(
        channel=campaign.channel_id,
        text=f"<@{user}> created the campaign *{escape(campaign.name)}* ({campaign.start_date} → {campaign.end_date}, "
        f"{campaign.budget.display()}, deadlines in {campaign.timezone}; approvers: {approvers}). "
        "Add creators with `/campaign add @handle`.",
    )


def handle_campaign_add(
    ack: Ack, body: dict, view: dict, client: WebClient, context: Any, logger: logging.Logger
) -> None:
    services = services_of(context)
    zones = json.loads(view.get("private_metadata") or "{}").get("zones", {})
    campaign_id = value(view, "campaign")
    errors: dict[str, str] = {}
    if not str(campaign_id or "").isdigit():
        errors["campaign"] = "Pick the campaign."
    handle = (value(view, "handle") or "").strip().lstrip("@")
    if not handle:
        errors["handle"] = "Type the creator's handle, like @name."
    due_text = value(view, "due") or ""
    try:  # the zone only shapes this early check; the service parses again with the stored campaign
        parse_due(due_text, tz=zones.get(str(campaign_id), "UTC"), now=services.clock())
    except CampaignError as error:
        errors["due"] = str(error)[:150]
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    user = body["user"]["id"]
    form = DeliverableForm(
        campaign_id=int(campaign_id),
        handle=handle,
        platform=value(view, "platform") or "instagram",
        kind=value(view, "kind") or "post",
        count=int(value(view, "count") or 1),
        due_text=due_text,
        fee=_decimal(value(view, "fee")),
        exclusivity="exclusivity" in (value(view, "terms") or []),
        usage_rights=value(view, "usage"),
        max_revision_rounds=int(value(view, "rounds") or 2),
    )
    try:
        added = campaigns.add_deliverable(services.uow(), context.team_id, form, now=services.clock())
    except CampaignError as error:
        client.chat_postMessage(channel=user, text=f"I could not add @{handle}: {error}")
        return
    client.chat_postMessage(
        channel=added.campaign.channel_id,
        text=f"<@{user}> added to *{escape(added.campaign.name)}*: {deliverable_line(added, services.clock())}\n"
        f"{added.campaign.reminder_policy.describe()}",
    )


def handle_deliverable_posted(
    ack: Ack, body: dict, view: dict, client: WebClient, context: Any, logger: logging.Logger
) -> None:
    url = (value(view, "url") or "").strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        ack(response_action="errors", errors={"url": "Paste the full link, starting with https://"})
        return
    ack()
    services = services_of(context)
    user = body["user"]["id"]
    deliverable_id = int(json.loads(view.get("private_metadata") or "{}").get("deliverable", 0))
    try:
        moved = campaigns.mark_posted(
            services.uow(), context.team_id, deliverable_id, url=url, actor=user, now=services.clock()
        )
    except CampaignError as error:
        client.chat_postMessage(channel=user, text=f"I could not mark it posted: {error}")
        return
    client.chat_postMessage(
        channel=moved.campaign.channel_id,
        text=f":tada: <@{user}> marked it live: {deliverable_line(moved, services.clock())}. Reminders stopped.",
    )
