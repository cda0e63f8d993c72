"""Reminder messages: what is due, for whom, when, with the buttons that move it along."""

from __future__ import annotations

from datetime import datetime, timedelta

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    MarkdownTextObject,
    SectionBlock,
)

from bot.campaigns.deadlines import WAITING_FOR_DRAFT
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_plan import ReminderKind
from bot.campaigns.reminder_text import ReminderText, deadline_day, reminder_text
from bot.campaigns.states import DeliverableState, ready_to_post
from bot.vocabulary import plural
from handlers.blocks.text import bold, escape, fit
from handlers.ids import REMINDER_EVENT, Action, deliverable_value, move_action, reminder_block

MAX_SECTION = 3000  # Slack's limit on a section's text

__all__ = [  # REMINDER_EVENT stays importable from here, where reminder messages are built
    "REMINDER_EVENT",
    "catch_up_text",
    "extend_from",
    "reminder_blocks",
    "reminder_fallback_text",
    "reminder_text_for",
]


def reminder_text_for(
    context: DeliverableContext, kind: str, now: datetime, *, late_by: float | None = None
) -> ReminderText:
    """The words of one reminder; build them once and pass them to reminder_fallback_text and reminder_blocks."""
    late = timedelta(seconds=late_by) if late_by is not None else None
    return reminder_text(
        ReminderKind(kind), context.deliverable, context.creator, context.campaign, now=now, late_by=late
    )


def reminder_fallback_text(text: ReminderText) -> str:
    """The message's `text` (notifications, screen readers): escaped, as it carries the campaign's name."""
    return escape(f"{text.headline} ({text.marker})" if text.marker else text.headline)


def reminder_blocks(context: DeliverableContext, text: ReminderText) -> list:
    deliverable_id = context.deliverable.id
    headline = f":alarm_clock: {bold(text.headline)}"
    if text.marker:
        headline += f"  _({escape(text.marker)})_"
    return [
        SectionBlock(text=MarkdownTextObject(text=fit(f"{headline}\n{escape(text.body)}", MAX_SECTION))),
        ActionsBlock(
            block_id=reminder_block(deliverable_id),
            elements=[
                *next_step(context),
                DatePickerElement(action_id=Action.extend, initial_date=extend_from(context), placeholder="Extend to…"),
                ButtonElement(text="Snooze 1 day", action_id=Action.snooze, value=deliverable_value(deliverable_id)),
            ],
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(text=f"Campaign {bold(context.campaign.name)} · deliverable #{deliverable_id}")
            ]
        ),
    ]


def next_step(context: DeliverableContext) -> list[ButtonElement]:
    """The button for what the deliverable waits for: its draft (the draft form), its post once approved (Mark
    posted); none while the brand reviews it (decided on the draft's review card)."""
    value = deliverable_value(context.deliverable.id)
    state = context.deliverable.state
    if ready_to_post(state):
        return [ButtonElement(text="Mark posted", action_id=Action.mark_posted, value=value, style="primary")]
    if state in WAITING_FOR_DRAFT:
        draft = move_action(DeliverableState.draft_submitted)  # opens the draft form (handlers/actions/deliverable)
        return [ButtonElement(text="Submit draft", action_id=draft, value=value, style="primary")]
    return []


def extend_from(context: DeliverableContext) -> str:
    """Where the Extend date picker opens: the local day of the current deadline (ISO date)."""
    return deadline_day(context.deliverable, context.creator.zone_in(context.campaign)).isoformat()


def catch_up_text(campaign_name: str, lines: list[str]) -> str:
    count = plural(len(lines), "reminder")
    head = f"While CreatorOps was offline, {count} for {escape(campaign_name)} became too old to send:"
    return "\n".join([head, *(f"• {line}" for line in lines)])
