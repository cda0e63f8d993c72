"""Block Kit for campaigns: the new-campaign and add-creator modals, lists, a campaign's deliverables, Home."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    ConversationSelectElement,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.campaigns.models import Campaign
from bot.campaigns.read_models import CampaignBoard, CampaignSummary, DeliverableContext
from bot.campaigns.reminder_text import deadline_text, due_status
from bot.campaigns.workflow import approvers, card_actions
from bot.vocabulary import CREATOR_PLATFORMS, DeliverableKind, Jurisdiction
from handlers.blocks.text import escape

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD")
PLATFORMS = tuple(p.value for p in CREATOR_PLATFORMS)
KINDS = tuple(k.value for k in DeliverableKind)


def _options(values: tuple[str, ...]) -> list[Option]:
    return [Option(text=value, value=value) for value in values]


def _select(action_id: str, values: tuple[str, ...], initial: str | None = None) -> StaticSelectElement:
    options = _options(values)
    chosen = next((o for o in options if o.value == initial), None)
    return StaticSelectElement(action_id=action_id, options=options, initial_option=chosen)


def new_campaign_modal(*, channel_id: str, timezone: str, jurisdiction: str, today: date) -> View:
    return View(
        type="modal",
        callback_id="campaign_new",
        title="New campaign",
        submit="Create",
        close="Cancel",
        private_metadata=json.dumps({"channel": channel_id}),
        blocks=[
            InputBlock(block_id="name", label="Name", element=PlainTextInputElement(action_id="value", max_length=100)),
            InputBlock(
                block_id="channel",
                label="Channel for reminders",
                element=ConversationSelectElement(action_id="value", initial_conversation=channel_id),
            ),
            InputBlock(
                block_id="start",
                label="Starts",
                element=DatePickerElement(action_id="value", initial_date=today.isoformat()),
            ),
            InputBlock(
                block_id="end",
                label="Ends",
                element=DatePickerElement(action_id="value", initial_date=(today + timedelta(days=30)).isoformat()),
            ),
            InputBlock(
                block_id="budget",
                label="Budget",
                optional=True,
                element=NumberInputElement(action_id="value", is_decimal_allowed=True, min_value="0"),
            ),
            InputBlock(block_id="currency", label="Currency", element=_select("value", CURRENCIES, "USD")),
            InputBlock(
                block_id="timezone",
                label="Time zone for deadlines",
                hint="An IANA zone such as Europe/London or America/New_York",
                element=PlainTextInputElement(action_id="value", initial_value=timezone),
            ),
            InputBlock(
                block_id="jurisdiction",
                label="Audience jurisdiction (disclosure rules)",
                element=_select("value", tuple(j.value for j in Jurisdiction), jurisdiction),
            ),
            InputBlock(
                block_id="approvers",
                label="Approvers (default: you)",
                optional=True,
                element=UserMultiSelectElement(action_id="value"),
            ),
            InputBlock(
                block_id="reminders",
                label="Reminders",
                hint="Before (-), at (0) and after (+) each deadline, then daily while overdue",
                element=PlainTextInputElement(action_id="value", initial_value="-3d, -1d, 0, +1d"),
            ),
            InputBlock(
                block_id="escalation",
                label="DM the owner when overdue by",
                hint="e.g. +3d, or never",
                element=PlainTextInputElement(action_id="value", initial_value="+3d"),
            ),
        ],
    )


def add_deliverable_modal(campaigns: list[Campaign], *, handle: str, platform: str) -> View:
    zones = {str(c.id): c.timezone for c in campaigns}
    return View(
        type="modal",
        callback_id="campaign_add",
        title="Add a creator",
        submit="Add",
        close="Cancel",
        private_metadata=json.dumps({"zones": zones})[:3000],
        blocks=[
            InputBlock(
                block_id="campaign",
                label="Campaign",
                element=StaticSelectElement(
                    action_id="value",
                    options=[Option(text=c.name[:75], value=str(c.id)) for c in campaigns[:100]],
                    initial_option=Option(text=campaigns[0].name[:75], value=str(campaigns[0].id))
                    if len(campaigns) == 1
                    else None,
                ),
            ),
            InputBlock(
                block_id="handle",
                label="Creator handle",
                element=PlainTextInputElement(action_id="value", initial_value=handle or None, placeholder="@name"),
            ),
            InputBlock(block_id="platform", label="Platform", element=_select("value", PLATFORMS, platform)),
            InputBlock(block_id="kind", label="Deliverable", element=_select("value", KINDS, "post")),
            InputBlock(
                block_id="count",
                label="How many",
                element=NumberInputElement(
                    action_id="value", is_decimal_allowed=False, initial_value="1", min_value="1", max_value="100"
                ),
            ),
            InputBlock(
                block_id="due",
                label="Due",
                hint="e.g. 2026-12-05 17:00, dec 5, friday 5pm, in 3 days, eod (a date alone means end of day)",
                element=PlainTextInputElement(action_id="value"),
            ),
            InputBlock(
                block_id="fee",
                label="Fee",
                optional=True,
                element=NumberInputElement(action_id="value", is_decimal_allowed=True, min_value="0"),
            ),
            InputBlock(
                block_id="terms",
                label="Terms",
                optional=True,
                element=CheckboxesElement(
                    action_id="value",
                    options=[Option(text="Category exclusivity", value="exclusivity")],
                ),
            ),
            InputBlock(
                block_id="usage",
                label="Usage rights",
                optional=True,
                element=PlainTextInputElement(action_id="value", placeholder="e.g. paid social, 90 days"),
            ),
            InputBlock(
                block_id="rounds",
                label="Revision rounds included",
                element=NumberInputElement(
                    action_id="value", is_decimal_allowed=False, initial_value="2", min_value="0", max_value="20"
                ),
            ),
        ],
    )


def mark_posted_modal(deliverable_id: int, what: str) -> View:
    return View(
        type="modal",
        callback_id="deliverable_posted",
        title="Mark posted",
        submit="Save",
        close="Cancel",
        private_metadata=json.dumps({"deliverable": deliverable_id}),
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=f"Where is {escape(what)} live?")),
            InputBlock(
                block_id="url",
                label="Link to the post",
                element=PlainTextInputElement(action_id="value", placeholder="https://www.instagram.com/p/…"),
            ),
        ],
    )


def campaign_list_blocks(summaries: list[CampaignSummary]) -> list:
    if not summaries:
        return [SectionBlock(text=MarkdownTextObject(text="No campaigns yet. Create one with `/campaign new`."))]
    blocks: list = [HeaderBlock(text="Campaigns")]
    for summary in summaries[:45]:
        campaign = summary.campaign
        late = f", *{summary.overdue_count} overdue*" if summary.overdue_count else ""
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"*{escape(campaign.name)}* · <#{campaign.channel_id}> · "
                    f"{summary.open_count} open deliverable(s){late}\n"
                    f"{campaign.start_date} → {campaign.end_date} · owner <@{campaign.owner_user_id}>"
                )
            )
        )
    blocks.append(
        ContextBlock(elements=[MarkdownTextObject(text="`/campaign show <name>` lists a campaign's deliverables.")])
    )
    return blocks


def deliverable_line(context: DeliverableContext, now: datetime) -> str:
    d, tz = context.deliverable, context.campaign.timezone
    status = due_status(d.due_at, now, tz) if context.is_open else d.state.label
    link = f" · <{d.post_url}|post>" if d.post_url else ""
    return (
        f"*@{escape(context.creator.handle)}* ({context.creator.platform.value}) · {escape(d.describe())} · "
        f"{d.state.label} · {status}\nDeadline: {deadline_text(d.due_at, tz)}{link}"
    )


def deliverable_actions(context: DeliverableContext) -> ActionsBlock | None:
    actions = card_actions(context.deliverable, context.creator.terms.max_revision_rounds)
    if not actions:
        return None
    buttons = [
        ButtonElement(
            text=action.label[:75],
            action_id=f"deliverable_move_{action.target.value}",
            value=f"{context.deliverable.id}:{action.target.value}",
            **({"style": action.style} if action.style else {}),
        )
        for action in actions[:25]
    ]
    return ActionsBlock(block_id=f"deliverable:{context.deliverable.id}", elements=buttons)


def campaign_show_blocks(board: CampaignBoard, now: datetime) -> list:
    """Overdue first, then by deadline; each deliverable with the buttons that move it on."""
    campaign = board.campaign
    blocks: list = [
        HeaderBlock(text=campaign.name[:150]),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"<#{campaign.channel_id}> · {campaign.timezone} · owner <@{campaign.owner_user_id}> · "
                    f"approvers {', '.join(f'<@{u}>' for u in approvers(campaign))}"
                )
            ]
        ),
    ]
    if not board.count:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text="No deliverables yet. Add a creator with `/campaign add @handle`.")
            )
        )
    groups = (
        (":rotating_light: Overdue", board.overdue),
        (":calendar: Coming up", board.upcoming),
        ("Done", board.closed),
    )
    for title, group in groups:
        if not group:
            continue
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*{title}* ({len(group)})")))
        for context in group[:12]:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=deliverable_line(context, now))))
            actions = deliverable_actions(context)
            if actions is not None:
                blocks.append(actions)
        blocks.append(DividerBlock())
    return blocks[:50]


def home_campaign_blocks(mine: list[Campaign], deadlines: list[DeliverableContext], now: datetime) -> list:
    blocks: list = [HeaderBlock(text="Your campaigns")]
    if mine:
        blocks.extend(
            SectionBlock(
                text=MarkdownTextObject(text=f"*{escape(c.name)}* · <#{c.channel_id}> · {c.start_date} → {c.end_date}")
            )
            for c in mine[:20]
        )
    else:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text="You own or approve no campaign yet. Start one with `/campaign new`.")
            )
        )
    blocks.append(HeaderBlock(text="Next deadlines"))
    if deadlines:
        blocks.extend(
            SectionBlock(text=MarkdownTextObject(text=f"{deliverable_line(c, now)} · _{escape(c.campaign.name)}_"))
            for c in deadlines[:10]
        )
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="Nothing is due.")))
    blocks.append(DividerBlock())
    return blocks
