"""The sample campaign with results that a new user finds in the console (`make run`): four creators, their
fees and payments, post results and orders from the sample files, so `/campaign report glow` shows a full
report at once.

The sample files are dated November 2026. Every date is moved by whole weeks (weekdays stay) so that the
campaign is still running today and its next digest (planned here, with the campaign) is at most a week away;
readings and orders that would then lie in the future are left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.campaigns import models as domain
from bot.campaigns.localtime import local_to_utc, zone
from bot.campaigns.payments import Payment
from bot.campaigns.reminder_plan import plan_for
from bot.campaigns.states import DeliverableState
from bot.metrics import Order, PostObservation, read_metrics, read_orders
from bot.metrics.samples import SAMPLE_CAMPAIGN, SAMPLE_CREATORS, SAMPLE_FILES
from bot.services.campaigns import reminder_rows
from bot.services.digest_plan import plan_campaign_digests
from bot.services.golive import golive_rows
from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource
from bot.vocabulary import Money, Platform
from storage import campaigns as campaign_store
from storage import orders as order_store
from storage import results as result_store
from storage import vetting as vetting_store
from storage.uow import UnitOfWork

SAMPLE_NAME = "Glow Sample"
KINDS = {"instagram": "reel", "youtube": "video", "tiktok": "video"}
BOOKED = {"marco_micro_sample": 2}  # posts booked per creator (1 when not listed): 5 in all, 3 live


@dataclass(frozen=True)
class _Shift:
    days: int

    def day(self, value: date) -> date:
        return value + timedelta(days=self.days)

    def moment(self, value: datetime) -> datetime:
        return value + timedelta(days=self.days)


def _shift_for(today: date) -> _Shift:
    """Whole weeks, so that the campaign ends two days from today or later."""
    behind = (today + timedelta(days=2) - SAMPLE_CAMPAIGN.end_date).days
    return _Shift(7 * math.ceil(max(behind, 0) / 7))


def seed_sample_campaign(
    uow: UnitOfWork, team_id: str, *, channel_id: str, owner_user_id: str, now: datetime
) -> domain.Campaign | None:
    """Create the sample campaign once; None when the workspace has it already."""
    tz = zone(SAMPLE_CAMPAIGN.timezone)
    shift = _shift_for(now.astimezone(tz).date())
    observations = [
        o.model_copy(update={"observed_at": shift.moment(o.observed_at)})
        for o in read_metrics(SAMPLE_FILES["metrics"].read_text(encoding="utf-8"))
    ]
    observations = [o for o in observations if o.observed_at <= now]
    orders: list[Order] = []
    for name in ("shopify", "generic_orders"):
        read = read_orders(SAMPLE_FILES[name].read_text(encoding="utf-8"))
        orders += [o.model_copy(update={"created_at": shift.moment(o.created_at)}) for o in read.orders]
    orders = [o for o in orders if o.created_at <= now]
    with uow:
        if campaign_store.find_campaign(uow.session, team_id, SAMPLE_NAME) is not None:
            return None
        campaign = campaign_store.add_campaign(
            uow.session,
            domain.Campaign(
                team_id=team_id,
                name=SAMPLE_NAME,
                channel_id=channel_id,
                owner_user_id=owner_user_id,
                budget=SAMPLE_CAMPAIGN.budget or Money(amount=0, currency=SAMPLE_CAMPAIGN.currency),
                timezone=SAMPLE_CAMPAIGN.timezone,
                start_date=shift.day(SAMPLE_CAMPAIGN.start_date),
                end_date=shift.day(SAMPLE_CAMPAIGN.end_date),
                attribution_days=SAMPLE_CAMPAIGN.attribution_days,
            ),
            created_by=owner_user_id,
        )
        readings: list[tuple[int, PostObservation]] = []
        for creator in SAMPLE_CREATORS:
            creator_id = campaign_store.add_creator(
                uow.session,
                team_id,
                int(campaign.id),
                handle=creator.handle,
                platform=creator.platform.value,
                fee=creator.fee.amount,
                gift_value=creator.gift_value.amount if creator.gift_value else None,
                extra_costs=creator.extra_costs.amount if creator.extra_costs else None,
                discount_code=creator.discount_code,
            )
            _vetted(uow, team_id, creator.handle, creator.platform)
            posts = [o for o in observations if o.handle == creator.handle]
            readings += [(creator_id, o) for o in posts]
            _deliverables(uow, team_id, campaign, creator_id, creator.handle, creator.platform.value, posts, now)
            first_paid = shift.day(SAMPLE_CAMPAIGN.start_date) + timedelta(days=3)
            for number, amount in enumerate(creator.payments):
                paid_on = first_paid + timedelta(days=14 * number)
                if paid_on <= now.astimezone(tz).date():
                    result_store.add_payment(
                        uow.session,
                        team_id,
                        int(campaign.id),
                        Payment(
                            creator_id=str(creator_id),
                            handle=creator.handle,
                            amount=amount,
                            paid_on=paid_on,
                            recorded_by=owner_user_id,
                        ),
                    )
        result_store.save_observations(uow.session, team_id, int(campaign.id), readings)
        order_store.save_orders(uow.session, team_id, int(campaign.id), orders)
        plan_campaign_digests(uow, campaign, now=now)
        uow.commit()
    return campaign


def _vetted(uow: UnitOfWork, team_id: str, handle: str, platform: Platform) -> None:
    """The creator's sample snapshot, as if they had been vetted: their follower count is the report's
    engagement-rate denominator."""
    snapshot = SnapshotSource(SAMPLES_DIR).fetch(handle, platform)
    vetting_store.save_snapshot(
        uow.session,
        team_id,
        platform=platform.value,
        handle=handle,
        source=snapshot.source,
        fetched_at=snapshot.fetched_at,
        followers=snapshot.profile.followers,
        payload=snapshot.model_dump(mode="json"),
    )


def _deliverables(
    uow: UnitOfWork,
    team_id: str,
    campaign: domain.Campaign,
    creator_id: int,
    handle: str,
    platform: str,
    posts: list[PostObservation],
    now: datetime,
) -> None:
    """One live deliverable per post with results (posted the day before its first reading); the rest of the
    creator's booked posts still open, due two days before the campaign ends."""
    tz = zone(campaign.timezone)
    live_urls = sorted({p.post_url for p in posts})
    for url in live_urls:
        posted_at = min(p.observed_at for p in posts if p.post_url == url) - timedelta(days=1)
        campaign_store.add_deliverable(
            uow.session,
            team_id,
            campaign_id=int(campaign.id),
            creator_id=creator_id,
            kind=KINDS[platform],
            count=1,
            due_at=posted_at,
            state=DeliverableState.live.value,
            post_url=url,
            posted_at=posted_at,
        )
    for _ in range(BOOKED.get(handle, 1) - len(live_urls)):
        due_at = local_to_utc(datetime.combine(campaign.end_date - timedelta(days=2), time(17)), tz)
        draft = domain.Deliverable(
            campaign_id=campaign.id, creator_id=str(creator_id), kind=KINDS[platform], due_at=due_at.astimezone(UTC)
        )
        deliverable_id = campaign_store.add_deliverable(
            uow.session,
            team_id,
            campaign_id=int(campaign.id),
            creator_id=creator_id,
            kind=draft.kind.value,
            count=1,
            due_at=draft.due_at,
            state=DeliverableState.draft_due.value,
        )
        stored = draft.model_copy(update={"id": str(deliverable_id), "state": DeliverableState.draft_due})
        campaign_store.plan_reminders(
            uow.session,
            team_id,
            campaign_id=int(campaign.id),
            deliverable_id=deliverable_id,
            version=1,
            plan=reminder_rows(plan_for(stored, campaign, now=now), 1)
            + golive_rows(stored, campaign, now=now, version=1),
        )
