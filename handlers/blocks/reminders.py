"""Reminder messages: what is due, for whom, when, with the buttons that move it along."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    MarkdownTextObject,
    SectionBlock,
)

from storage.campaigns import DeliverableContext

REMINDER_EVENT = "deliverable_reminder"
HEADLINES = {
    "before": "Due in {days}",
    "due": "Due now",
    "overdue": "Overdue by {days}",
    "escalation": "Overdue by {days}: needs you",
}


def escape(text: str) -> str:
    """User text in mrkdwn: no <!channel> pings or fake links from a handle or a campaign name."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _days(delta_seconds: float) -> str:
    days = round(abs(delta_seconds) / 86400)
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''}"
    hours = max(1, round(abs(delta_seconds) / 3600))
    return f"{hours} hour{'s' if hours != 1 else ''}"


def reminder_text(context: DeliverableContext, kind: str, now: datetime, *, late_by: float | None = None) -> str:
    deliverable, creator, campaign = context.deliverable, context.creator, context.campaign
    due_in = (deliverable.due_at - now).total_seconds()
    headline = HEADLINES.get(kind, "Reminder").format(days=_days(due_in))
    what = f"{deliverable.count} × {deliverable.kind}" if deliverable.count > 1 else deliverable.kind
    local = deliverable.due_at.astimezone(ZoneInfo(campaign.timezone))
    text = (
        f"{headline}: @{escape(creator.handle)}'s {what} for {escape(campaign.name)} "
        f"(due {local:%a %d %b %H:%M} {campaign.timezone}; now {deliverable.state.replace('_', ' ')})"
    )
    if late_by is not None:
        text += f" (sent late, {_days(late_by)} after it was planned)"
    return text


def reminder_blocks(context: DeliverableContext, kind: str, now: datetime, *, late_by: float | None = None) -> list:
    deliverable_id = str(context.deliverable.id)
    local_due = context.deliverable.due_at.astimezone(ZoneInfo(context.campaign.timezone))
    return [
        SectionBlock(
            text=MarkdownTextObject(text=":alarm_clock: " + reminder_text(context, kind, now, late_by=late_by))
        ),
        ActionsBlock(
            block_id=f"reminder:{deliverable_id}",
            elements=[
                ButtonElement(
                    text="Mark posted", action_id="deliverable_mark_posted", value=deliverable_id, style="primary"
                ),
                DatePickerElement(
                    action_id="deliverable_extend",
                    initial_date=local_due.date().isoformat(),
                    placeholder="Extend to…",
                ),
                ButtonElement(text="Snooze 1 day", action_id="deliverable_snooze", value=deliverable_id),
            ],
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(text=f"Campaign *{escape(context.campaign.name)}* · deliverable #{deliverable_id}")
            ]
        ),
    ]


def catch_up_text(campaign_name: str, lines: list[str]) -> str:
    head = f"While CreatorOps was offline, {len(lines)} reminder(s) for {escape(campaign_name)} became too old to send:"
    return "\n".join([head, *(f"• {line}" for line in lines)])
