"""A live post's numbers read back from its platform 1, 7 and 30 days after it went live (bot.campaigns.
post_refresh plans when): which post a claimed refresh is about, and the reading it brought back.

The fetch itself happens between these two calls, outside any transaction (handlers/jobs/refresh.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns.reminder_status import ClaimedReminder
from bot.campaigns.states import DeliverableState
from bot.metrics import PostObservation
from bot.metrics.inputs import ObservationSource
from bot.services.live_checks import Reading, record_reading
from bot.sources.post_stats import PostStats
from bot.vocabulary import Platform
from storage import campaigns as campaign_store
from storage import reminders as reminder_store
from storage import results as result_store
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class RefreshTarget:
    """The live post to read, and whose it is."""

    campaign_id: int
    creator_id: int
    handle: str
    platform: Platform
    post_url: str


def refresh_target(uow: UnitOfWork, reminder: ClaimedReminder) -> RefreshTarget | None:
    """The post a claimed refresh reads; None when the deliverable was removed or dropped, or has no link."""
    if reminder.deliverable_id is None:
        return None
    with uow:
        context = campaign_store.deliverable_context(uow.session, reminder.team_id, reminder.deliverable_id)
    if context is None or context.deliverable.state is DeliverableState.dropped or not context.deliverable.post_url:
        return None
    return RefreshTarget(
        campaign_id=int(context.campaign.id),
        creator_id=int(context.creator.id),
        handle=context.creator.handle,
        platform=context.creator.platform,
        post_url=context.deliverable.post_url,
    )


def record_refresh(
    uow: UnitOfWork, reminder: ClaimedReminder, worker: str, target: RefreshTarget, stats: PostStats, *, at: datetime
) -> bool:
    """The reading saved as an observation (source api), its caption checked (bot.services.live_checks: the same
    fetch, no second request) and the refresh marked done, in one transaction, only while this worker still holds
    the claim. False: another worker has it now, and nothing was written."""
    observation = PostObservation(
        post_url=target.post_url,
        handle=target.handle,
        platform=target.platform,
        observed_at=stats.observed_at,
        views=stats.views,
        likes=stats.likes,
        comments=stats.comments,
        source=ObservationSource.api,
    )
    with uow:
        held = reminder_store.mark_done(uow.session, reminder.team_id, reminder.id, worker, at=at)
        if held:
            result_store.save_observations(
                uow.session, reminder.team_id, target.campaign_id, [(target.creator_id, observation)]
            )
            _check_caption(uow, reminder, target, stats, at)
        uow.commit()
    return held


def _check_caption(
    uow: UnitOfWork, reminder: ClaimedReminder, target: RefreshTarget, stats: PostStats, at: datetime
) -> None:
    """The caption the refresh read, checked in the caller's transaction (bot.services.live_checks)."""
    if reminder.deliverable_id is None:
        return
    context = campaign_store.deliverable_context(uow.session, reminder.team_id, reminder.deliverable_id)
    if context is not None:
        record_reading(uow, reminder.team_id, context, Reading.of_stats(stats, target.platform), at)
