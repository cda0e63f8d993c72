"""Reviewers are nudged, never bypassed: a draft that waits longer than its campaign's review SLA gets a nudge to
the approvers in the deliverable's review thread (also sent to the channel), then a DM to the owner one business
day later if it still waits (bot.campaigns.review_sla). Nothing here changes a deliverable's state: only the
approvers decide.

`follow_review` runs inside the unit of work that records a move (bot.services.campaigns._move), so the nudges
are planned with the move into review and cancelled with the decision, in the same transaction. At send time the
dispatcher asks `nudge_subject` whether a nudge still belongs to the review waiting now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns import models as domain
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_plan import Audience
from bot.campaigns.reminder_status import ClaimedReminder
from bot.campaigns.review_sla import NudgeKind, nudge_is_current, plan_nudges
from bot.campaigns.states import DeliverableState
from storage import campaigns as campaign_store
from storage import drafts as draft_store
from storage import review_nudges as store
from storage.reminders import PlannedRow
from storage.uow import UnitOfWork

IN_REVIEW = DeliverableState.draft_submitted


def nudge_rows(campaign: domain.Campaign, deliverable_id: str, since: datetime) -> list[PlannedRow]:
    return [
        PlannedRow(
            kind=nudge.kind.value,
            fire_at=nudge.fire_at,
            idempotency_key=nudge.key,
            audience=(Audience.owner_dm if nudge.kind is NudgeKind.owner else Audience.channel).value,
        )
        for nudge in plan_nudges(deliverable_id, since, sla_days=campaign.review_sla_days, tz=campaign.timezone)
    ]


def follow_review(
    uow: UnitOfWork, team_id: str, before: DeliverableContext, after: domain.Deliverable, at: datetime
) -> None:
    """After a recorded move: into review plans its nudges (the review starts `at`); out of it cancels them.
    Runs inside the caller's `with uow:`; does not commit."""
    deliverable_id = int(before.deliverable.id)
    if after.state is IN_REVIEW:
        store.replan_nudges(
            uow.session,
            team_id,
            campaign_id=int(before.campaign.id),
            deliverable_id=deliverable_id,
            version=after.version,
            planned=nudge_rows(before.campaign, before.deliverable.id, at),
        )
    elif before.deliverable.state is IN_REVIEW:
        store.cancel_nudges(uow.session, team_id, deliverable_id)


def replan_reviews(uow: UnitOfWork, team_id: str, campaign: domain.Campaign) -> int:
    """The campaign's review SLA changed: each draft in review gets the nudges of the new SLA (one already due
    goes out at once). Runs inside the caller's `with uow:`; returns how many reviews were planned again."""
    replanned = 0
    for context in campaign_store.campaign_deliverables(uow.session, team_id, int(campaign.id)):
        if context.review_since is None:
            continue
        store.replan_nudges(
            uow.session,
            team_id,
            campaign_id=int(campaign.id),
            deliverable_id=int(context.deliverable.id),
            version=context.deliverable.version,
            planned=nudge_rows(campaign, context.deliverable.id, context.review_since),
        )
        replanned += 1
    return replanned


@dataclass(frozen=True)
class NudgeSubject:
    """The review a nudge is about, and the deliverable's review thread once a card was posted (None before)."""

    context: DeliverableContext
    thread_channel: str | None
    thread_ts: str | None


def nudge_subject(uow: UnitOfWork, reminder: ClaimedReminder) -> NudgeSubject | None:
    """The deliverable a claimed nudge is about, if that very review still waits: None when it was decided,
    dropped or removed, when the draft entered review again since (a new review has its own nudges), or when the
    campaign's SLA changed since it was planned. The deadline (the deliverable's version) does not matter here."""
    if reminder.deliverable_id is None:
        return None
    with uow:
        context = campaign_store.deliverable_context(uow.session, reminder.team_id, reminder.deliverable_id)
        channel, thread_ts, _ = draft_store.thread_of(uow.session, reminder.team_id, reminder.deliverable_id)
    if context is None or context.review_since is None:
        return None
    campaign = context.campaign
    current = nudge_is_current(
        reminder.kind, reminder.fire_at, context.review_since, sla_days=campaign.review_sla_days, tz=campaign.timezone
    )
    return NudgeSubject(context, channel, thread_ts) if current else None
