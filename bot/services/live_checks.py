"""A live post's caption read from its platform and checked: at *Mark posted*, a day later, and on each metrics
refresh (from the same fetch); the channel is told once when the disclosure was removed or the caption changed.

Platforms that show a post's caption to an app: YouTube (videos.list snippet: title and description) and
Instagram (business discovery, a creator's recent media). TikTok shows it to no app without its research
programme, and a platform whose API is not configured shows nothing live: such a check is kept as not
checkable, with the reason, and *Verify* then asks a person to confirm they looked.

The fetch happens between two short units of work, never inside one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.campaigns import live_check as domain
from bot.campaigns.dispatch_kinds import LIVE_ALERT
from bot.campaigns.live_check import CaptionChange, LiveCheck
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_status import ClaimedReminder
from bot.campaigns.states import DeliverableState
from bot.sources.errors import RateLimited, SourceError, SourceUnavailable
from bot.sources.post_stats import PostStats
from bot.sources.registry import CreatorSources
from bot.vocabulary import Platform
from storage import campaigns as campaign_store
from storage import live_checks as store
from storage import reminders as reminder_store
from storage.reminders import PlannedRow
from storage.uow import UnitOfWork

API_NAMES = {
    Platform.youtube: "the YouTube Data API (YOUTUBE_API_KEY)",
    Platform.instagram: "the Instagram Graph API (INSTAGRAM_BUSINESS_ACCOUNT_ID and INSTAGRAM_ACCESS_TOKEN)",
}
TIKTOK_WHY = "TikTok shows a post's caption to no app outside its research programme"


@dataclass(frozen=True)
class Reading:
    """What one fetch brought back of a live post: its caption, or why there is none."""

    source: str
    caption: str | None = None
    why_not: str | None = None

    @classmethod
    def of_stats(cls, stats: PostStats | None, platform: Platform) -> Reading:
        """A metrics fetch's post, read for its caption too (no second request)."""
        if stats is None:
            return cls(platform.value, why_not=f"{platform.value} no longer shows the post")
        if stats.source != platform.value or stats.caption is None:  # snapshot files: not the live post
            return cls(platform.value, why_not=_not_configured(platform))
        return cls(stats.source, caption=stats.caption)


@dataclass(frozen=True)
class Recorded:
    """A check as kept, the deliverable it is about, and the change it found (then the channel is told)."""

    context: DeliverableContext
    check: LiveCheck
    change: CaptionChange | None = None


def _not_configured(platform: Platform) -> str:
    if platform is Platform.tiktok:
        return TIKTOK_WHY
    api = API_NAMES.get(platform)
    return f"{api} is not configured here" if api else f"{platform.value} has no API for a post's caption"


def live_post(uow: UnitOfWork, team_id: str, deliverable_id: int) -> DeliverableContext | None:
    """The deliverable if it is live with a link (not dropped); None otherwise."""
    with uow:
        context = campaign_store.deliverable_context(uow.session, team_id, deliverable_id)
    if context is None or context.deliverable.state is DeliverableState.dropped or not context.deliverable.post_url:
        return None
    return context


def read_caption(sources: CreatorSources | None, context: DeliverableContext) -> Reading:
    """The live post's caption from its platform, outside any transaction. A platform that cannot show it is a
    Reading with `why_not`; a rate limit or outage raises RateLimited or SourceUnavailable (try later)."""
    platform, url = context.creator.platform, context.deliverable.post_url or ""
    if sources is None or not sources.live_api(platform):
        return Reading(platform.value, why_not=_not_configured(platform))
    try:
        stats = sources.post_stats(context.creator.handle, platform, url)
    except (RateLimited, SourceUnavailable):
        raise
    except SourceError as error:
        return Reading(platform.value, why_not=str(error))
    if stats is None:
        return Reading(
            platform.value,
            why_not=f"{platform.value} does not show this post (deleted, private, or not among the creator's "
            "latest posts)",
        )
    return Reading.of_stats(stats, platform)


def _checked(context: DeliverableContext, reading: Reading, at: datetime) -> LiveCheck:
    deliverable_id = context.deliverable.id
    if reading.caption is None:
        return domain.not_checkable(deliverable_id, reading.source, reading.why_not or "no caption", at=at)
    creator = context.creator
    return domain.check_live_caption(
        deliverable_id,
        reading.caption,
        platform=creator.platform,
        kind=context.deliverable.kind,
        jurisdiction=context.campaign.jurisdiction,
        connection=domain.connection_for(
            float(creator.fee.amount), float(creator.gift_value.amount) if creator.gift_value else None
        ),
        source=reading.source,
        at=at,
    )


def record_reading(
    uow: UnitOfWork, team_id: str, context: DeliverableContext, reading: Reading, at: datetime
) -> Recorded:
    """Keep a reading's check inside the caller's `with uow:`; when it shows a change since the last caption read,
    the alert is planned in the same transaction, once per check (bot.campaigns.live_check.alert_key)."""
    session, deliverable_id = uow.session, int(context.deliverable.id)
    check = _checked(context, reading, at)
    change = domain.change_since(
        store.latest_read(session, team_id, deliverable_id),
        check,
        first=store.first_read(session, team_id, deliverable_id),
        approved=store.approved_caption(session, team_id, deliverable_id),
    )
    kept = store.add_check(
        session, team_id, int(context.campaign.id), check, alert=change.summary() if change is not None else None
    )
    if change is not None and kept.id is not None:
        reminder_store.insert_planned(
            session,
            team_id=team_id,
            campaign_id=int(context.campaign.id),
            deliverable_id=deliverable_id,
            deliverable_version=context.deliverable.version,
            planned=[
                PlannedRow(kind=LIVE_ALERT, fire_at=at, idempotency_key=domain.alert_key(str(deliverable_id), kept.id))
            ],
        )
    return Recorded(context, kept, change)


def check_now(
    uow_of: Callable[[], UnitOfWork],
    sources: CreatorSources | None,
    team_id: str,
    deliverable_id: int,
    *,
    clock: Callable[[], datetime],
) -> Recorded | None:
    """Read and check a live post's caption now (after *Mark posted*); None when it is not live any more. A
    platform that is down or busy is kept as not checkable with its reason: the re-check a day later tries again."""
    context = live_post(uow_of(), team_id, deliverable_id)
    if context is None:
        return None
    try:
        reading = read_caption(sources, context)
    except SourceError as error:
        reading = Reading(context.creator.platform.value, why_not=str(error))
    uow = uow_of()
    with uow:
        recorded = record_reading(uow, team_id, context, reading, clock())
        uow.commit()
    return recorded


def record_recheck(
    uow: UnitOfWork, reminder: ClaimedReminder, worker: str, context: DeliverableContext, reading: Reading, at: datetime
) -> Recorded | None:
    """The dispatcher's re-check: the check kept and the row marked done in one transaction, only while this
    worker still holds the claim. None: another worker has it now, and nothing was written."""
    with uow:
        if not reminder_store.mark_done(uow.session, reminder.team_id, reminder.id, worker, at=at):
            return None
        recorded = record_reading(uow, reminder.team_id, context, reading, at)
        uow.commit()
    return recorded


@dataclass(frozen=True)
class Alert:
    context: DeliverableContext
    check: LiveCheck
    what_changed: str
    first: LiveCheck | None


def alert_of(uow: UnitOfWork, reminder: ClaimedReminder) -> Alert | None:
    """What a claimed alert tells the channel: the newest check that found a change; None when the deliverable
    was removed or dropped since."""
    if reminder.deliverable_id is None:
        return None
    with uow:
        session = uow.session
        context = campaign_store.deliverable_context(session, reminder.team_id, reminder.deliverable_id)
        found = store.latest_alert(session, reminder.team_id, reminder.deliverable_id)
        first = store.first_read(session, reminder.team_id, reminder.deliverable_id)
    if context is None or found is None or context.deliverable.state is DeliverableState.dropped:
        return None
    check, what = found
    return Alert(context, check, what, first if first is not None and first.id != check.id else None)


def latest_check(uow: UnitOfWork, team_id: str, deliverable_id: int) -> LiveCheck | None:
    with uow:
        return store.latest_check(uow.session, team_id, deliverable_id)
