"""Block Kit for campaigns: the new-campaign and add-creator modals, lists, a campaign's deliverables, Home."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DatePickerElement,
    DividerBlock,
    ExternalDataSelectElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.campaigns.models import MAX_REVISION_ROUNDS, MAX_USAGE_RIGHTS, Campaign
from bot.campaigns.read_models import CampaignBoard, CampaignMoney, CampaignSummary, DeliverableContext
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.reminder_text import deadline_status, deadline_text, deadlines_text
from bot.campaigns.states import DeliverableState
from bot.campaigns.workflow import approvers, card_actions
from bot.metrics.display import creator_money_text, spend_text
from bot.vocabulary import CAMPAIGN_CURRENCIES, CREATOR_PLATFORMS, DeliverableKind, Jurisdiction, plural
from handlers.blocks.live_checks import check_line
from handlers.blocks.text import bold, escape, fit, link
from handlers.ids import (
    EXCLUSIVITY,
    INPUT,
    SAVE_ANYWAY,
    Action,
    AddCreatorBlock,
    Callback,
    MarkPostedBlock,
    NewCampaignBlock,
    Suggest,
    deliverable_block,
    deliverable_value,
    mark_posted_metadata,
    move_action,
    move_value,
    new_campaign_metadata,
)

CURRENCIES = CAMPAIGN_CURRENCIES
MAX_SECTION = 3000  # Slack's limit on a section's text
MAX_HEADER = 150  # and on a header's
MAX_BUTTON = 75  # and on a button's text
PLATFORMS = tuple(p.value for p in CREATOR_PLATFORMS)
KINDS = tuple(k.value for k in DeliverableKind)


def mrkdwn_section(text: str) -> SectionBlock:
    """A section of mrkdwn that may carry user text (names, handles, links): cut to fit Slack's limit."""
    return SectionBlock(text=MarkdownTextObject(text=fit(text, MAX_SECTION)))


def _options(values: tuple[str, ...]) -> list[Option]:
    return [Option(text=value, value=value) for value in values]


def _select(action_id: str, values: tuple[str, ...], initial: str | None = None) -> StaticSelectElement:
    options = _options(values)
    chosen = next((o for o in options if o.value == initial), None)
    return StaticSelectElement(action_id=action_id, options=options, initial_option=chosen)


def new_campaign_modal(*, channel_id: str, timezone: str, jurisdiction: str, today: date) -> View:
    return View(
        type="modal",
        callback_id=Callback.campaign_new,
        title="New campaign",
        submit="Create",
        close="Cancel",
        private_metadata=new_campaign_metadata(channel_id),
        blocks=[
            InputBlock(
                block_id=NewCampaignBlock.name,
                label="Name",
                element=PlainTextInputElement(action_id=INPUT, max_length=100),
            ),
            InputBlock(
                block_id=NewCampaignBlock.channel,
                label="Channel for reminders",
                # Channels only: reminders go to the campaign's channel, and the bot cannot post in other people's DMs.
                element=ConversationSelectElement(
                    action_id=INPUT,
                    initial_conversation=channel_id if channel_id.startswith(("C", "G")) else None,
                    filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
                ),
            ),
            InputBlock(
                block_id=NewCampaignBlock.start,
                label="Starts",
                element=DatePickerElement(action_id=INPUT, initial_date=today.isoformat()),
            ),
            InputBlock(
                block_id=NewCampaignBlock.end,
                label="Ends",
                element=DatePickerElement(action_id=INPUT, initial_date=(today + timedelta(days=30)).isoformat()),
            ),
            budget_input(NewCampaignBlock.budget, "Budget"),
            currency_input(NewCampaignBlock.currency, "USD"),
            InputBlock(
                block_id=NewCampaignBlock.timezone,
                label="Time zone for deadlines",
                hint="An IANA zone such as Europe/London or America/New_York",
                element=PlainTextInputElement(action_id=INPUT, initial_value=timezone),
            ),
            InputBlock(
                block_id=NewCampaignBlock.jurisdiction,
                label="Audience jurisdiction (disclosure rules)",
                element=_select(INPUT, tuple(j.value for j in Jurisdiction), jurisdiction),
            ),
            InputBlock(
                block_id=NewCampaignBlock.approvers,
                label="Approvers (default: you)",
                optional=True,
                element=UserMultiSelectElement(action_id=INPUT),
            ),
            *reminder_inputs(ReminderPolicy()),
        ],
    )


def amount_text(amount: Decimal | None) -> str | None:
    """An amount as a number field shows it: 5000, 450.5; None for none."""
    return None if amount is None else f"{amount:.2f}".rstrip("0").rstrip(".")


def budget_input(block_id: str, label: str, initial: Decimal | None = None) -> InputBlock:
    """An optional amount of money (a budget, a fee, a gift's value): decimals allowed, never negative."""
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        element=NumberInputElement(
            action_id=INPUT, is_decimal_allowed=True, min_value="0", initial_value=amount_text(initial)
        ),
    )


def currency_input(block_id: str, currency: str) -> InputBlock:
    choices = CURRENCIES if currency in CURRENCIES else (*CURRENCIES, currency)
    return InputBlock(block_id=block_id, label="Currency", element=_select(INPUT, choices, currency))


def reminder_inputs(policy: ReminderPolicy) -> list[InputBlock]:
    """The reminder schedule's two fields (same block ids in the new and the edit modal), showing `policy`."""
    return [
        InputBlock(
            block_id=NewCampaignBlock.reminders,
            label="Reminders",
            hint="Before (-), at (0) and after (+) each deadline, then daily while overdue",
            element=PlainTextInputElement(action_id=INPUT, initial_value=", ".join(policy.offsets)),
        ),
        InputBlock(
            block_id=NewCampaignBlock.escalation,
            label="DM the owner when overdue by",
            hint="e.g. +3d, or never",
            element=PlainTextInputElement(action_id=INPUT, initial_value=policy.owner_escalation_at or "never"),
        ),
    ]


MAX_OPTION_TEXT = 75  # Slack's limit on an option's text


def campaign_option(campaign: Campaign) -> Option:
    """A campaign in the add-creator modal's menu: its name (cut between words to fit) and its id."""
    return Option(text=fit(campaign.name, MAX_OPTION_TEXT, mrkdwn=False), value=str(campaign.id))


def add_deliverable_modal(only: Campaign | None, *, handle: str, platform: str) -> View:
    """The campaign menu loads its options as the user types (any number of campaigns); `only` is picked already
    when it is the one open campaign. Nothing per campaign rides in private_metadata: the listener looks the
    picked campaign up when the form is submitted."""
    return View(
        type="modal",
        callback_id=Callback.campaign_add,
        title="Add a creator",
        submit="Add",
        close="Cancel",
        blocks=[
            InputBlock(
                block_id=AddCreatorBlock.campaign,
                label="Campaign",
                element=ExternalDataSelectElement(
                    action_id=Suggest.campaign,
                    placeholder="Type part of its name",
                    min_query_length=0,  # opening the menu lists the newest campaigns at once
                    initial_option=campaign_option(only) if only else None,
                ),
            ),
            InputBlock(
                block_id=AddCreatorBlock.handle,
                label="Creator handle",
                element=PlainTextInputElement(action_id=INPUT, initial_value=handle or None, placeholder="@name"),
            ),
            InputBlock(
                block_id=AddCreatorBlock.platform, label="Platform", element=_select(INPUT, PLATFORMS, platform)
            ),
            InputBlock(block_id=AddCreatorBlock.kind, label="Deliverable", element=_select(INPUT, KINDS, "post")),
            InputBlock(
                block_id=AddCreatorBlock.how_many,
                label="How many",
                element=NumberInputElement(
                    action_id=INPUT, is_decimal_allowed=False, initial_value="1", min_value="1", max_value="100"
                ),
            ),
            InputBlock(
                block_id=AddCreatorBlock.due,
                label="Go-live date",
                hint="e.g. 2026-12-05 17:00, dec 5, friday 5pm, in 3 days, eod (a date alone means end of day)",
                element=PlainTextInputElement(action_id=INPUT),
            ),
            budget_input(AddCreatorBlock.fee, "Fee"),
            InputBlock(
                block_id=AddCreatorBlock.terms,
                label="Terms",
                optional=True,
                element=CheckboxesElement(
                    action_id=INPUT,
                    options=[Option(text="Category exclusivity", value=EXCLUSIVITY)],
                ),
            ),
            InputBlock(
                block_id=AddCreatorBlock.usage,
                label="Usage rights",
                optional=True,
                element=PlainTextInputElement(
                    action_id=INPUT, placeholder="e.g. paid social, 90 days", max_length=MAX_USAGE_RIGHTS
                ),
            ),
            InputBlock(
                block_id=AddCreatorBlock.rounds,
                label="Revision rounds included",
                element=NumberInputElement(
                    action_id=INPUT,
                    is_decimal_allowed=False,
                    initial_value="2",
                    min_value="0",
                    max_value=str(MAX_REVISION_ROUNDS),
                ),
            ),
            InputBlock(
                block_id=AddCreatorBlock.draft_due,
                label="Draft due",
                optional=True,
                hint="When the draft is due for review, before the go-live date; reminders count towards it until "
                "the draft is in.",
                element=PlainTextInputElement(action_id=INPUT, placeholder="e.g. dec 1"),
            ),
            InputBlock(
                block_id=AddCreatorBlock.timezone,
                label="Creator's time zone",
                optional=True,
                hint="Their due dates are read and shown in it; empty: the campaign's.",
                element=PlainTextInputElement(action_id=INPUT, placeholder="e.g. America/New_York", max_length=64),
            ),
            InputBlock(
                block_id=AddCreatorBlock.confirm,
                label="Checks",
                optional=True,
                hint="If the form says a date is outside the campaign, the creator is booked for this already, or "
                "their last /vet said Avoid, tick this to save it anyway.",
                element=CheckboxesElement(action_id=INPUT, options=[Option(text="Save anyway", value=SAVE_ANYWAY)]),
            ),
        ],
    )


def mark_posted_modal(
    deliverable_id: int,
    what: str,
    platform: str | None = None,
    channel: str | None = None,
    handle: str | None = None,
) -> View:
    return View(
        type="modal",
        callback_id=Callback.deliverable_posted,
        title="Mark posted",
        submit="Save",
        close="Cancel",
        private_metadata=mark_posted_metadata(deliverable_id, platform, channel, handle),
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=f"Where is {escape(what)} live?")),
            InputBlock(
                block_id=MarkPostedBlock.url,
                label="Link to the post",
                element=PlainTextInputElement(action_id=INPUT, placeholder="https://www.instagram.com/p/…"),
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
        money = f"\n{spend_line(summary.money)}" if summary.money else ""
        blocks.append(
            mrkdwn_section(
                f"{bold(campaign.name)} · <#{campaign.channel_id}> · "
                f"{plural(summary.open_count, 'open deliverable')}{late}\n"
                f"{campaign.start_date} → {campaign.end_date} · owner <@{campaign.owner_user_id}>{money}"
            )
        )
    blocks.append(
        ContextBlock(elements=[MarkdownTextObject(text="`/campaign show <name>` lists a campaign's deliverables.")])
    )
    return blocks


def deliverable_line(context: DeliverableContext, now: datetime) -> str:
    d, tz = context.deliverable, context.creator.zone_in(context.campaign)
    if context.is_open:
        status = f" · {deadline_status(d, context.creator, context.campaign, now)}"
        late_review = context.late_review(now)
        if late_review is not None:
            status += f" · :hourglass: *{late_review.describe()}*"
        if context.decided_on_card:
            status += f" · {review_card_pointer(context)}"
        elif context.revised_as_content:
            command = f"`/campaign draft @{escape(context.creator.handle)}`"
            status += f" · v{(context.draft_version or 0) + 1} comes in with {command} or the button below"
    else:  # its state says it all; when it went live is worth a word
        status = f" · posted {deadline_text(d.posted_at, tz)}" if d.posted_at else ""
    post = f" · {link(d.post_url, 'post')}" if d.post_url else ""
    dates = deadlines_text(d, context.creator, context.campaign)
    return (
        f"*@{escape(context.creator.handle)}* ({context.creator.platform.value}) · {escape(d.describe())} · "
        f"{d.state.label}{status}\n{dates}{post}"
    )


def has_results_button(context: DeliverableContext) -> bool:
    """A live post (marked posted with its link, not dropped since) may get the numbers its creator reports."""
    deliverable = context.deliverable
    return deliverable.post_url is not None and deliverable.state is not DeliverableState.dropped


def drop_confirm(context: DeliverableContext) -> ConfirmObject:
    """Slack asks before a Drop click is sent: what stops, and that it can be undone for a day."""
    what = f"@{context.creator.handle}'s {context.deliverable.describe().removeprefix('a ')}"
    return ConfirmObject(
        title="Drop this deliverable?",
        text=PlainTextObject(
            text=fit(f"{what} leaves the plan and its reminders stop. You can undo it for 24 hours.", 300, mrkdwn=False)
        ),
        confirm="Drop it",
        deny="Keep it",
        style="danger",
    )


def dropped_message(context: DeliverableContext, user: str, now: datetime) -> tuple[str, list]:
    """The channel's "dropped" message, with an *Undo* button that works for a day."""
    text = f"<@{user}> dropped a deliverable: {deliverable_line(context, now)}"
    until = now + timedelta(days=1)
    blocks: list = [
        mrkdwn_section(text),
        ActionsBlock(
            block_id=deliverable_block(context.deliverable.id),
            elements=[
                ButtonElement(text="Undo", action_id=Action.undo_drop, value=deliverable_value(context.deliverable.id))
            ],
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"Undo puts it back where it was, until {deadline_text(until, context.campaign.timezone)}."
                )
            ]
        ),
    ]
    return text, blocks


def review_card_pointer(context: DeliverableContext) -> str:
    """Where a draft that came in as content is decided (mrkdwn; no user text)."""
    return f"decide on v{context.draft_version}'s review card in <#{context.campaign.channel_id}>"


# Decisions on a draft that came in as content are taken on its review card, with the version and the reasons.
_DECIDED_ON_CARD = (DeliverableState.approved, DeliverableState.changes_requested)


MAX_ACTIONS = 25  # elements in one actions block, as Slack allows


MAX_ACTIONS = 25  # elements in one actions block, as Slack allows


def deliverable_actions(context: DeliverableContext, *, editable: bool = False) -> ActionsBlock | None:
    """The buttons that move a deliverable on; with `editable` (the board), Edit too while it is open."""
    actions = card_actions(context.deliverable, context.creator.terms.max_revision_rounds)
    if context.decided_on_card:
        actions = tuple(action for action in actions if action.target not in _DECIDED_ON_CARD)
    buttons = [
        ButtonElement(
            text=fit(action.label, MAX_BUTTON, mrkdwn=False),
            action_id=move_action(action.target),
            value=move_value(context.deliverable.id, action.target),
            style=action.style or None,
            confirm=drop_confirm(context) if action.target is DeliverableState.dropped else None,
        )
        for action in actions[: MAX_ACTIONS - 2]
    ]
    if has_results_button(context):
        buttons.append(
            ButtonElement(
                text="Add results", action_id=Action.add_results, value=deliverable_value(context.deliverable.id)
            )
        )
    if editable and context.is_open:  # kind, dates or count: nothing left to change once posted or dropped
        buttons.append(
            ButtonElement(
                text="Edit", action_id=Action.edit_deliverable, value=deliverable_value(context.deliverable.id)
            )
        )
        buttons.append(
            ButtonElement(
                text="Copy creator link",
                action_id=Action.creator_link,
                value=deliverable_value(context.deliverable.id),
            )
        )
    if not buttons:
        return None
    return ActionsBlock(block_id=deliverable_block(context.deliverable.id), elements=buttons[:MAX_ACTIONS])


MAX_MONEY_CREATORS = 20  # creators listed with their fee and paid on a board; the rest are counted


def spend_line(money: CampaignMoney) -> str:
    """Spend against budget in mrkdwn, flagged when over budget (no user text: nothing to escape)."""
    return (":warning: *Over budget* · " if money.over_budget else "") + spend_text(money)


def money_section(money: CampaignMoney) -> SectionBlock:
    """The board's money: spend against budget, then each creator's fee and what was paid to them."""
    lines = [f"*Money* · {spend_line(money)}"]
    lines += [
        f"@{escape(c.handle)} ({c.platform}): {creator_money_text(c, money.currency)}"
        for c in money.creators[:MAX_MONEY_CREATORS]
    ]
    if len(money.creators) > MAX_MONEY_CREATORS:
        lines.append(f"… and {len(money.creators) - MAX_MONEY_CREATORS} more creators")
    return mrkdwn_section("\n".join(lines))


def campaign_show_blocks(board: CampaignBoard, now: datetime) -> list:
    """Overdue first, then by deadline; each deliverable with the buttons that move it on."""
    campaign = board.campaign
    blocks: list = [
        HeaderBlock(text=fit(campaign.name, MAX_HEADER, mrkdwn=False)),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"<#{campaign.channel_id}> · {campaign.timezone} · owner <@{campaign.owner_user_id}> · "
                    f"approvers {', '.join(f'<@{u}>' for u in approvers(campaign))}"
                )
            ]
        ),
    ]
    if board.money is not None:
        blocks.append(money_section(board.money))
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
            line = deliverable_line(context, now)
            if context.deliverable.post_url and context.deliverable.state is not DeliverableState.dropped:
                line += "\n" + check_line(board.live_checks.get(context.deliverable.id), campaign.timezone)
            blocks.append(mrkdwn_section(line))
            actions = deliverable_actions(context, editable=True)
            if actions is not None:
                blocks.append(actions)
        blocks.append(DividerBlock())
    return blocks[:50]


def home_campaign_blocks(
    mine: list[Campaign],
    deadlines: list[DeliverableContext],
    now: datetime,
    money: dict[str, CampaignMoney] | None = None,
) -> list:
    """The user's campaigns (with spend against budget, by campaign id in `money`) and the next deadlines."""
    money = money or {}
    blocks: list = [HeaderBlock(text="Your campaigns")]
    if mine:
        blocks.extend(
            mrkdwn_section(
                f"{bold(c.name)} · <#{c.channel_id}> · {c.start_date} → {c.end_date}"
                + (f"\n{spend_line(money[c.id])}" if c.id in money else "")
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
            mrkdwn_section(f"{deliverable_line(c, now)} · _{escape(c.campaign.name)}_") for c in deadlines[:10]
        )
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="Nothing is due.")))
    blocks.append(DividerBlock())
    return blocks
