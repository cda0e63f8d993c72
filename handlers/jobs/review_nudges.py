"""A review nudge as the dispatcher posts it: the approvers in the campaign's channel, or the owner by DM.

Posted through the dispatcher's own delivery (a fenced start, the row's id in the message metadata, a look in the
channel before any retry), so a nudge is delivered once however many dispatchers run. There is no thread per
deliverable to post into (the app keeps no thread ts for one), so the approvers' nudge goes to the channel itself,
where that look can find it again (conversations.history does not list thread replies).
"""

from __future__ import annotations

from datetime import datetime

from bot.campaigns.reminder_status import ClaimedReminder
from bot.campaigns.review_sla import NudgeKind, review_wait
from bot.services import Services, review_nudges
from handlers.blocks.review_nudges import approvers_nudge, owner_nudge
from handlers.jobs.outgoing import Outgoing


def nudge_message(services: Services, reminder: ClaimedReminder, now: datetime, *, late: bool) -> Outgoing | None:
    """The nudge to post now; None when the review it was planned for no longer waits (decided, or a new one)."""
    context = review_nudges.nudge_subject(services.uow(), reminder)
    if context is None or context.review_since is None:
        return None
    campaign = context.campaign
    wait = review_wait(context.review_since, now, sla_days=campaign.review_sla_days, tz=campaign.timezone)
    to_owner = reminder.kind == NudgeKind.owner.value
    text, blocks = (owner_nudge if to_owner else approvers_nudge)(context, wait)
    return Outgoing(campaign, text, blocks, what="a review nudge", late=late, to_owner=to_owner)
