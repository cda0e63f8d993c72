"""Block Kit for changing what was agreed: the edit-campaign and creator-terms modals, the Add results modal,
and the line that tells the campaign's channel what changed."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ContextBlock,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.campaigns.edits import Change
from bot.campaigns.errors import NotAllowed
from bot.campaigns.models import MAX_LINK, MAX_REVISION_ROUNDS, MAX_USAGE_RIGHTS, Campaign, CampaignCreator
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.review_sla import MAX_REVIEW_SLA_DAYS
from bot.metrics.display import count
from bot.metrics.emv import METHODS, OFF
from bot.metrics.inputs import MAX_ATTRIBUTION_DAYS
from bot.metrics.metric import Metric
from bot.review.check import MAX_REQUIRED_TAGS
from bot.services.campaigns import MAX_SPLIT, DeliverableEdited
from bot.services.results import ResultsAdded
from bot.vocabulary import PLATFORM_KINDS
from handlers.blocks.campaigns import budget_input, currency_input, mrkdwn_section, reminder_inputs
from handlers.blocks.text import bold, error_text, escape, fit, link
from handlers.forms import MAX_DUE_TEXT, shown_due
from handlers.ids import (
    EXCLUSIVITY,
    INPUT,
    SAVE_ANYWAY,
    Callback,
    CreatorTermsBlock,
    EditCampaignBlock,
    EditDeliverableBlock,
    ResultsBlock,
    edit_metadata,
)

MAX_SECTION = 3000
DIGEST_HINT = (
    'A weekday and a time in the campaign\'s zone, like "monday 09:00"; "off": only the final report after the '
    'end; "none": no digests at all.'
)
REVIEW_SLA_HINT = (
    "Monday to Friday in the campaign's zone. A draft waiting longer: its approvers are nudged, a business day "
    "later the owner; it is never approved for them."
)
RESULT_LABELS = {
    ResultsBlock.views: "Views",
    ResultsBlock.likes: "Likes",
    ResultsBlock.comments: "Comments",
    ResultsBlock.shares: "Shares",
    ResultsBlock.saves: "Saves",
    ResultsBlock.reach: "Reach",
    ResultsBlock.impressions: "Impressions",
    ResultsBlock.link_clicks: "Link clicks",
}


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=fit(text, MAX_SECTION))])


def _whole_number(
    block_id: str, label: str, initial: int | None, *, most: int | None = None, least: int = 0, hint: str | None = None
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        hint=hint,
        optional=initial is None,
        element=NumberInputElement(
            action_id=INPUT,
            is_decimal_allowed=False,
            min_value=str(least),
            max_value=str(most) if most is not None else None,
            initial_value=str(initial) if initial is not None else None,
        ),
    )


def edit_campaign_modal(campaign: Campaign, *, currency_fixed: bool, channel_id: str) -> View:
    """Every field shows the campaign as it is; the currency only while no amount is booked in it."""
    currency = campaign.budget.currency
    money = (
        [_context(f"The budget is in {currency}: creators' fees or payments are booked in it, so it stays.")]
        if currency_fixed
        else [currency_input(EditCampaignBlock.currency, currency)]
    )
    return View(
        type="modal",
        callback_id=Callback.campaign_edit,
        title="Edit campaign",
        submit="Save",
        close="Cancel",
        private_metadata=edit_metadata(campaign=campaign.id, channel=channel_id),
        blocks=[
            mrkdwn_section(bold(campaign.name)),
            budget_input(EditCampaignBlock.budget, f"Budget ({currency})", campaign.budget.amount or None),
            *money,
            InputBlock(
                block_id=EditCampaignBlock.start,
                label="Starts",
                element=DatePickerElement(action_id=INPUT, initial_date=campaign.start_date.isoformat()),
            ),
            InputBlock(
                block_id=EditCampaignBlock.end,
                label="Ends",
                element=DatePickerElement(action_id=INPUT, initial_date=campaign.end_date.isoformat()),
            ),
            _whole_number(
                EditCampaignBlock.attribution,
                "Orders count for this many days after the end",
                campaign.attribution_days,
                most=MAX_ATTRIBUTION_DAYS,
            ),
            InputBlock(
                block_id=EditCampaignBlock.approvers,
                label="Approvers (none: the owner)",
                optional=True,
                element=UserMultiSelectElement(action_id=INPUT, initial_users=list(campaign.approver_user_ids) or None),
            ),
            *reminder_inputs(campaign.reminder_policy),
            InputBlock(
                block_id=EditCampaignBlock.digest,
                label="Results digest in the channel",
                hint=DIGEST_HINT,
                element=PlainTextInputElement(action_id=INPUT, initial_value=campaign.digest.as_text(), max_length=40),
            ),
            _whole_number(
                EditCampaignBlock.review_sla,
                "Business days to review a draft",
                campaign.review_sla_days,
                most=MAX_REVIEW_SLA_DAYS,
                least=1,
                hint=REVIEW_SLA_HINT,
            ),
            _emv_input(campaign.emv_method),
            InputBlock(
                block_id=EditCampaignBlock.required_tags,
                label="Tags and handles every caption needs",
                hint="e.g. #GlowCo @glowco: each draft is checked for them",
                optional=True,
                element=PlainTextInputElement(
                    action_id=INPUT, initial_value=campaign.required_tags or None, max_length=MAX_REQUIRED_TAGS
                ),
            ),
            InputBlock(
                block_id=EditCampaignBlock.legal_approvers,
                label="Legal approvers (a second review)",
                hint="Drafts approved by the brand then wait for one of them; none: one review",
                optional=True,
                element=UserMultiSelectElement(
                    action_id=INPUT, initial_users=list(campaign.legal_approver_user_ids) or None
                ),
            ),
        ],
    )


def _emv_input(chosen: str | None) -> InputBlock:
    """Off, or one method: a report never shows two vendors' EMV side by side."""
    options = [Option(text="Off: no EMV in reports", value=OFF)] + [
        Option(text=fit(f"By {method.name}", 75, mrkdwn=False), value=key) for key, method in METHODS.items()
    ]
    initial = next((o for o in options if o.value == (chosen or OFF)), options[0])
    return InputBlock(
        block_id=EditCampaignBlock.emv,
        label="Earned media value (EMV)",
        hint="An estimate of media value, not revenue: shown in reports with its method's name.",
        element=StaticSelectElement(action_id=INPUT, options=options, initial_option=initial),
    )


def creator_terms_modal(campaign: Campaign, creator: CampaignCreator, *, channel_id: str) -> View:
    currency = campaign.budget.currency
    usage = creator.terms.usage_rights if isinstance(creator.terms.usage_rights, str) else None
    exclusive = Option(text="Category exclusivity", value=EXCLUSIVITY)
    return View(
        type="modal",
        callback_id=Callback.creator_terms,
        title="Creator terms",
        submit="Save",
        close="Cancel",
        private_metadata=edit_metadata(campaign=campaign.id, creator=creator.id, channel=channel_id),
        blocks=[
            mrkdwn_section(f"*@{escape(creator.handle)}* ({creator.platform.value}) on {bold(campaign.name)}"),
            budget_input(CreatorTermsBlock.fee, f"Fee ({currency})", creator.fee.amount or None),
            budget_input(
                CreatorTermsBlock.gift,
                f"Gifted product value ({currency})",
                creator.gift_value.amount if creator.gift_value else None,
            ),
            budget_input(
                CreatorTermsBlock.extras,
                f"Extra costs ({currency}): shipping, boosting",
                creator.extra_costs.amount if creator.extra_costs else None,
            ),
            _text_input(CreatorTermsBlock.code, "Discount code", creator.discount_code, 64, "e.g. NINA10"),
            _text_input(CreatorTermsBlock.link, "Tracking link", creator.tracking_link, MAX_LINK, "https://…"),
            _text_input(CreatorTermsBlock.usage, "Usage rights", usage, MAX_USAGE_RIGHTS, "e.g. paid social, 90 days"),
            InputBlock(
                block_id=CreatorTermsBlock.terms,
                label="Terms",
                optional=True,
                element=CheckboxesElement(
                    action_id=INPUT,
                    options=[exclusive],
                    initial_options=[exclusive] if creator.terms.exclusivity else None,
                ),
            ),
            _whole_number(
                CreatorTermsBlock.rounds,
                "Revision rounds included",
                creator.terms.max_revision_rounds,
                most=MAX_REVISION_ROUNDS,
            ),
        ],
    )


def _text_input(block_id: str, label: str, initial: str | None, most: int, placeholder: str) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        element=PlainTextInputElement(
            action_id=INPUT, initial_value=initial or None, max_length=most, placeholder=placeholder
        ),
    )


DUE_HINT = "e.g. 2026-12-05 17:00, dec 5, friday 5pm, in 3 days, eod (a date alone means end of day)"


def edit_deliverable_modal(context: DeliverableContext, *, channel_id: str | None) -> View:
    """An open deliverable as it is: its kind (its platform's kinds only), count and dates, typed as
    `/campaign add` takes them; "Save anyway" for what the form asks a second look at."""
    read, creator = context.deliverable, context.creator
    kinds = [Option(text=kind.value, value=kind.value) for kind in PLATFORM_KINDS[creator.platform]]
    kind = next((o for o in kinds if o.value == read.kind.value), None)
    zone = creator.zone_in(context.campaign)
    return View(
        type="modal",
        callback_id=Callback.deliverable_edit,
        title="Edit deliverable",
        submit="Save",
        close="Cancel",
        private_metadata=edit_metadata(deliverable=read.id, channel=channel_id),
        blocks=[
            mrkdwn_section(
                f"*@{escape(creator.handle)}*'s {escape(read.describe().removeprefix('a '))} "
                f"({creator.platform.value}) on {bold(context.campaign.name)}; dates in {escape(zone)}."
            ),
            InputBlock(
                block_id=EditDeliverableBlock.kind,
                label="Deliverable",
                element=StaticSelectElement(action_id=INPUT, options=kinds, initial_option=kind),
            ),
            _whole_number(
                EditDeliverableBlock.how_many,
                "How many",
                read.count,
                most=MAX_SPLIT,
                least=1,
                hint="More than 1: that many, each with these dates, each reviewed and tracked on its own.",
            ),
            _due_input(EditDeliverableBlock.due, "Go-live date", shown_due(read.due), DUE_HINT),
            _due_input(
                EditDeliverableBlock.draft_due,
                "Draft due",
                shown_due(read.draft_due),
                'Before the go-live date; "none" removes it.',
            ),
            InputBlock(
                block_id=EditDeliverableBlock.confirm,
                label="Checks",
                optional=True,
                hint="If the form says a date is outside the campaign or the creator has this booked already, tick "
                "this to save it anyway.",
                element=CheckboxesElement(action_id=INPUT, options=[Option(text="Save anyway", value=SAVE_ANYWAY)]),
            ),
        ],
    )


def _due_input(block_id: str, label: str, shown: str | None, hint: str) -> InputBlock:
    """A typed date, shown as it is: left as shown, it stays (empty too)."""
    return InputBlock(
        block_id=block_id,
        label=label,
        hint=hint,
        optional=True,
        element=PlainTextInputElement(action_id=INPUT, initial_value=shown, max_length=MAX_DUE_TEXT),
    )


def deliverable_edited_text(edited: DeliverableEdited, user: str) -> str:
    """What the campaign's channel is told: who changed which deliverable, how, and the copies a split made."""
    context = edited.deliverable
    what = f"@{escape(context.creator.handle)}'s {escape(context.deliverable.kind.value)} #{context.deliverable.id}"
    added = (
        f" Added #{', #'.join(c.deliverable.id for c in edited.added)} beside it, with the same dates."
        if edited.added
        else ""
    )
    changes = "; ".join(escape(change) for change in edited.changes)
    return f"<@{user}> changed {what} on {bold(context.campaign.name)}: {changes}.{added}"


def results_modal(context: DeliverableContext, *, channel_id: str | None) -> View:
    """The numbers of a live post as its creator reported them: each optional (blank is unknown, never 0)."""
    what = f"@{context.creator.handle}'s {context.deliverable.describe().removeprefix('a ')}"
    return View(
        type="modal",
        callback_id=Callback.deliverable_results,
        title="Add results",
        submit="Save",
        close="Cancel",
        private_metadata=edit_metadata(deliverable=context.deliverable.id, channel=channel_id),
        blocks=[
            mrkdwn_section(
                f"The numbers of {escape(what)} as the creator reported them. Leave empty what you do not have: "
                "empty is unknown, not 0."
            ),
            *(_whole_number(block, label, None) for block, label in RESULT_LABELS.items()),
            InputBlock(
                block_id=ResultsBlock.proof,
                label="Link to a screenshot of the numbers",
                element=PlainTextInputElement(action_id=INPUT, max_length=MAX_LINK, placeholder="https://…"),
            ),
        ],
    )


def changes_text(changes: list[Change]) -> str:
    """'budget $5,000 → $6,000, ends 2030-03-31 → 2030-04-30': user text escaped, approvers as mentions."""

    def shown(text: str, users: bool) -> str:
        if users:
            return ", ".join(f"<@{user}>" for user in text.split()) or "none"
        return escape(text)

    return ", ".join(f"{c.label} {shown(c.before, c.users)} → {shown(c.after, c.users)}" for c in changes)


def refusal_text(error: Exception) -> str:
    """A refusal in words, naming who may do it instead when the error says."""
    who = ", ".join(f"<@{user}>" for user in error.allowed_user_ids) if isinstance(error, NotAllowed) else ""
    return f":no_entry: {error_text(error)}" + (f" Ask {who}." if who else "")


def reported_text(added: ResultsAdded) -> str:
    """'added results for @mia's reel (post): 12,000 views, 800 likes. Reported by the creator (screenshot);
    the report counts them.' User text escaped, links kept whole."""
    reading, context = added.observation, added.deliverable
    numbers = ", ".join(
        f"{count(Metric.of(value))} {label.lower()}"
        for block, label in RESULT_LABELS.items()
        if (value := getattr(reading, block.value)) is not None
    )
    what = f"@{escape(context.creator.handle)}'s {escape(context.deliverable.describe().removeprefix('a '))}"
    proof = link(reading.proof_url or "", "screenshot")
    return (
        f"added results for {what} ({link(reading.post_url, 'post')}): {numbers}. Reported by the creator "
        f"({proof}); `/campaign report {escape(context.campaign.name)}` counts them."
    )
