"""What a late review's nudges say: to the approvers in the campaign's channel, with the review card's own
Approve / Request changes buttons (same action ids and values: a click works as one on the card), and to the
owner by DM. The draft is never approved for anyone; the words say so."""

from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_text import deadline_text
from bot.campaigns.review_sla import ReviewWait, days_text
from bot.campaigns.workflow import approvers
from bot.review.view import ReviewView
from handlers.blocks.campaigns import deliverable_actions, review_card_pointer
from handlers.blocks.review import review_buttons
from handlers.blocks.text import bold, escape, fit

MAX_SECTION = 3000


def _what(context: DeliverableContext) -> str:
    """'@nina's reel for *Glow Sample*', user text escaped."""
    what = context.deliverable.describe().removeprefix("a ")
    return f"@{escape(context.creator.handle)}'s {escape(what)} for {bold(context.campaign.name)}"


def _waited(context: DeliverableContext, wait: ReviewWait) -> str:
    tz = context.campaign.timezone
    return (
        f"has waited {days_text(wait.waited)} for review (SLA {days_text(wait.sla_days)}; "
        f"in review since {deadline_text(wait.since, tz)})"
    )


def _first_up(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def approvers_nudge(context: DeliverableContext, wait: ReviewWait, review: ReviewView | None) -> tuple[str, list]:
    """(text, blocks) for the campaign's channel: the approvers mentioned, the review card's own buttons below
    (`review`: the card of the latest version), so a click here is a click on the card."""
    mentions = " ".join(f"<@{user}>" for user in approvers(context.campaign))
    on_card = review is not None and review.open_for_decision
    if context.decided_on_card:
        decide = _first_up(review_card_pointer(context)) + (" or with its buttons below" if on_card else "")
    else:
        decide = "Approve it or request changes"
    text = (
        f":hourglass: {mentions} {_what(context)} {_waited(context, wait)}. {decide}: it is never approved without you."
    )
    blocks: list = [SectionBlock(text=MarkdownTextObject(text=fit(text, MAX_SECTION)))]
    if review is not None and on_card:
        blocks.append(review_buttons(review))
    elif not context.decided_on_card:  # a review moved by hand, with no card: the deliverable's own moves
        actions = deliverable_actions(context)
        if actions is not None:
            blocks.append(actions)
    blocks.append(_footer(context))
    return fit(text, MAX_SECTION), blocks


def owner_nudge(context: DeliverableContext, wait: ReviewWait) -> tuple[str, list]:
    """(text, blocks) for the owner's DM: who was nudged, and where to decide or remind them."""
    campaign = context.campaign
    mentions = ", ".join(f"<@{user}>" for user in approvers(campaign))
    text = (
        f":hourglass: {_what(context)} still waits: it {_waited(context, wait)}. {mentions} "
        f"{'was' if len(approvers(campaign)) == 1 else 'were'} nudged in <#{campaign.channel_id}> a business day ago. "
        "It is not approved automatically: "
        + (
            f"the approvers {review_card_pointer(context)}."
            if context.decided_on_card
            else f"`/campaign show {escape(campaign.name)}` has its card."
        )
    )
    return fit(text, MAX_SECTION), [
        SectionBlock(text=MarkdownTextObject(text=fit(text, MAX_SECTION))),
        _footer(context),
    ]


def _footer(context: DeliverableContext) -> ContextBlock:
    name, number = bold(context.campaign.name), context.deliverable.id
    return ContextBlock(elements=[MarkdownTextObject(text=f"Campaign {name} · deliverable #{number} · review nudge")])
