"""A review nudge as the dispatcher posts it: the approvers in the deliverable's review thread, or the owner by DM.

Posted through the dispatcher's own delivery (a fenced start, the row's id in the message metadata, a look in the
channel before any retry), so a nudge is delivered once however many dispatchers run. The approvers' nudge is a
reply in the thread of the draft's review cards *also sent to the channel* (reply_broadcast): the thread keeps the
review's history in order, and conversations.history lists broadcast replies (not plain ones), so the look before a
retry finds it without conversations.replies (one call a minute for apps outside the Marketplace). Before any card
was posted (a review moved by hand) it goes to the channel itself.
"""

from __future__ import annotations

from datetime import datetime

from bot.campaigns.reminder_status import ClaimedReminder
from bot.campaigns.review_sla import NudgeKind, review_wait
from bot.services import Services, drafts, review_nudges
from handlers.blocks.review_nudges import approvers_nudge, owner_nudge
from handlers.jobs.outgoing import Outgoing


def nudge_message(services: Services, reminder: ClaimedReminder, now: datetime, *, late: bool) -> Outgoing | None:
    """The nudge to post now; None when the review it was planned for no longer waits (decided, or a new one)."""
    subject = review_nudges.nudge_subject(services.uow(), reminder)
    context = subject.context if subject else None
    if subject is None or context is None or context.review_since is None:
        return None
    campaign = context.campaign
    wait = review_wait(context.review_since, now, sla_days=campaign.review_sla_days, tz=campaign.timezone)
    to_owner = reminder.kind == NudgeKind.owner.value
    if to_owner:
        text, blocks = owner_nudge(context, wait)
    else:
        deliverable_id = int(context.deliverable.id)
        on_card = context.decided_on_card  # its card's buttons come along; none for a review moved by hand
        review = drafts.latest_review(services.uow(), reminder.team_id, deliverable_id) if on_card else None
        text, blocks = approvers_nudge(context, wait, review)
    in_thread = not to_owner and subject.thread_channel == campaign.channel_id
    return Outgoing(
        campaign,
        text,
        blocks,
        what="a review nudge",
        late=late,
        to_owner=to_owner,
        thread_ts=subject.thread_ts if in_thread else None,
    )
