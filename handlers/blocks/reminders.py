"""Reminder messages: what is due, for whom, when, with the buttons that move it along."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    MarkdownTextObject,
    SectionBlock,
)

from bot.campaign_service import domain_view
from bot.campaigns.reminder_plan import ReminderKind
from bot.campaigns.reminder_text import ReminderText, reminder_text
from handlers.blocks.text import escape
from storage.campaigns import DeliverableContext

REMINDER_EVENT = "deliverable_reminder"


def _text(context: DeliverableContext, kind: str, now: datetime, late_by: float | None) -> ReminderText:
    view = domain_view(context)
    late = timedelta(seconds=late_by) if late_by is not None else None
    return reminder_text(ReminderKind(kind), view.deliverable, view.creator, view.campaign, now=now, late_by=late)


def reminder_fallback_text(
    context: DeliverableContext, kind: str, now: datetime, *, late_by: float | None = None
) -> str:
    text = _text(context, kind, now, late_by)
    return f"{text.headline} ({text.marker})" if text.marker else text.headline


def reminder_blocks(context: DeliverableContext, kind: str, now: datetime, *, late_by: float | None = None) -> list:
    text = _text(context, kind, now, late_by)
    deliverable_id = str(context.deliverable.id)
    local_due = to_local_date(context)
    headline = f":alarm_clock: *{escape(text.headline)}*"
    if text.marker:
        headline += f"  _({escape(text.marker)})_"
    return [
        SectionBlock(text=MarkdownTextObject(text=f"{headline}\n{escape(text.body)}")),
        ActionsBlock(
            block_id=f"reminder:{deliverable_id}",
            elements=[
                ButtonElement(
                    text="Mark posted", action_id="deliverable_mark_posted", value=deliverable_id, style="primary"
                ),
                DatePickerElement(action_id="deliverable_extend", initial_date=local_due, placeholder="Extend to…"),
                ButtonElement(text="Snooze 1 day", action_id="deliverable_snooze", value=deliverable_id),
            ],
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(text=f"Campaign *{escape(context.campaign.name)}* · deliverable #{deliverable_id}")
            ]
        ),
    ]


def to_local_date(context: DeliverableContext) -> str:
    return context.deliverable.due_at.astimezone(ZoneInfo(context.campaign.timezone)).date().isoformat()


def catch_up_text(campaign_name: str, lines: list[str]) -> str:
    head = f"While CreatorOps was offline, {len(lines)} reminder(s) for {escape(campaign_name)} became too old to send:"
    return "\n".join([head, *(f"• {line}" for line in lines)])
