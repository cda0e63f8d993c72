"""Campaign results: payments and post readings (shop orders: storage/orders.py). Queries take a Session and
team_id."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.campaigns.payments import Payment
from bot.metrics.inputs import PostObservation
from bot.metrics.posts import latest_observations
from bot.vocabulary import Money
from storage.bulk import CHUNK
from storage.db import dialect_insert
from storage.models import CampaignCreator, MetricObservation, PostMetric, PostViewsDay
from storage.models import Payment as PaymentRow


def add_payment(session: Session, team_id: str, campaign_id: int, payment: Payment) -> None:
    session.add(
        PaymentRow(
            team_id=team_id,
            campaign_id=campaign_id,
            creator_id=int(payment.creator_id),
            deliverable_id=int(payment.deliverable_id) if payment.deliverable_id else None,
            amount=payment.amount.amount,
            currency=payment.amount.currency,
            paid_on=payment.paid_on,
            recorded_by=payment.recorded_by,
        )
    )
    session.flush()


def payments(session: Session, team_id: str, campaign_id: int, creator_id: int | None = None) -> list[Payment]:
    """The campaign's payments (or one creator's), oldest first."""
    query = (
        select(PaymentRow, CampaignCreator.handle)
        .join(CampaignCreator, CampaignCreator.id == PaymentRow.creator_id)
        .where(PaymentRow.team_id == team_id, PaymentRow.campaign_id == campaign_id)
        .order_by(PaymentRow.paid_on, PaymentRow.id)
    )
    if creator_id is not None:
        query = query.where(PaymentRow.creator_id == creator_id)
    return [
        Payment(
            creator_id=str(row.creator_id),
            handle=handle,
            amount=Money(amount=row.amount, currency=row.currency),
            paid_on=row.paid_on,
            recorded_by=row.recorded_by,
            deliverable_id=str(row.deliverable_id) if row.deliverable_id else None,
        )
        for row, handle in session.execute(query)
    ]


def paid_by_creator(session: Session, team_id: str, campaign_ids: list[int]) -> dict[str, list[Money]]:
    """What was paid to each creator (by creator id) of these campaigns: one query for a whole list."""
    paid: dict[str, list[Money]] = {}
    if not campaign_ids:
        return paid
    rows = session.execute(
        select(PaymentRow.creator_id, PaymentRow.amount, PaymentRow.currency)
        .where(PaymentRow.team_id == team_id, PaymentRow.campaign_id.in_(campaign_ids))
        .order_by(PaymentRow.paid_on, PaymentRow.id)
    )
    for creator_id, amount, currency in rows:
        paid.setdefault(str(creator_id), []).append(Money(amount=amount, currency=currency))
    return paid


# --- post readings ----------------------------------------------------------------------------------------
_COUNTS = ("views", "likes", "comments", "shares", "saves", "reach", "impressions", "link_clicks")


def _reading(observation: PostObservation) -> dict[str, Any]:
    return {
        "post_url": observation.post_url,
        "observed_at": observation.observed_at,
        **{name: getattr(observation, name) for name in _COUNTS},
        "source": observation.source.value,
        "proof_url": observation.proof_url,
    }


def save_observations(
    session: Session, team_id: str, campaign_id: int, readings: list[tuple[int, PostObservation]]
) -> None:
    """Store (creator id, observation) pairs: the same post read at the same instant replaces the earlier row,
    and each post's latest reading is kept up to date beside the history."""
    insert = dialect_insert(session)
    for start in range(0, len(readings), CHUNK):
        rows = [
            {"team_id": team_id, "campaign_id": campaign_id, "creator_id": creator_id, **_reading(observation)}
            for creator_id, observation in readings[start : start + CHUNK]
        ]
        history = insert(MetricObservation).values(rows)
        replaced = {name: history.excluded[name] for name in (*_COUNTS, "source", "proof_url", "creator_id")}
        session.execute(
            history.on_conflict_do_update(
                index_elements=["team_id", "campaign_id", "post_url", "observed_at"], set_=replaced
            )
        )
    _refresh_latest(session, team_id, campaign_id, sorted({o.post_url for _, o in readings}))
    _refresh_views_days(session, team_id, campaign_id, readings)
    session.flush()


def _refresh_latest(session: Session, team_id: str, campaign_id: int, urls: list[str]) -> None:
    """Each touched post's latest reading, merged again from its history by the domain's rule (per count, the
    latest reading that measured it: an API refresh without reach keeps the reach the creator reported). Read
    again rather than patched, so a reading imported late or imported again with other numbers is exact."""
    insert = dialect_insert(session)
    for first in range(0, len(urls), CHUNK):
        history = session.execute(
            select(MetricObservation, CampaignCreator.handle, CampaignCreator.platform)
            .join(CampaignCreator, CampaignCreator.id == MetricObservation.creator_id)
            .where(
                MetricObservation.team_id == team_id,
                MetricObservation.campaign_id == campaign_id,
                MetricObservation.post_url.in_(urls[first : first + CHUNK]),
            )
        ).all()
        creators = {row.post_url: row.creator_id for row, _, _ in history}
        merged = latest_observations(_observation(row, handle, platform) for row, handle, platform in history)
        rows = [
            {"team_id": team_id, "campaign_id": campaign_id, "creator_id": creators[url], **_reading(observation)}
            for url, observation in merged.items()
        ]
        if rows:
            newest = insert(PostMetric).values(rows)
            columns = (*_COUNTS, "source", "proof_url", "creator_id", "observed_at")
            session.execute(
                newest.on_conflict_do_update(
                    index_elements=["team_id", "campaign_id", "post_url"],
                    set_={name: newest.excluded[name] for name in columns},
                )
            )


def _observation(row: MetricObservation | PostMetric, handle: str, platform: str) -> PostObservation:
    return PostObservation(
        handle=handle,
        platform=platform,
        post_url=row.post_url,
        observed_at=row.observed_at,
        **{name: getattr(row, name) for name in _COUNTS},
        source=row.source,
        proof_url=row.proof_url,
    )


def _refresh_views_days(
    session: Session, team_id: str, campaign_id: int, readings: list[tuple[int, PostObservation]]
) -> None:
    """Each post and UTC day the readings touch: the day's highest view count, read again from the history (a
    reading imported again with other numbers replaces the old one, so the highest may go down as well as up)."""
    touched: dict[date, dict[str, int]] = defaultdict(dict)  # day -> post_url -> creator id
    for creator_id, observation in readings:
        touched[observation.observed_at.date()][observation.post_url] = creator_id  # observed_at is UTC
    insert = dialect_insert(session)
    for day, posts in touched.items():
        start = datetime.combine(day, time(0), UTC)
        urls = sorted(posts)
        for first in range(0, len(urls), CHUNK):
            some = urls[first : first + CHUNK]
            highest: dict[str, int] = {
                url: views
                for url, views in session.execute(
                    select(MetricObservation.post_url, func.max(MetricObservation.views))
                    .where(
                        MetricObservation.team_id == team_id,
                        MetricObservation.campaign_id == campaign_id,
                        MetricObservation.post_url.in_(some),
                        MetricObservation.observed_at >= start,
                        MetricObservation.observed_at < start + timedelta(days=1),
                        MetricObservation.views.is_not(None),
                    )
                    .group_by(MetricObservation.post_url)
                )
                if views is not None
            }
            rows = [
                {"team_id": team_id, "campaign_id": campaign_id, "creator_id": posts[url], "post_url": url}
                | {"day": day, "views": views}
                for url, views in highest.items()
            ]
            if rows:
                upsert = insert(PostViewsDay).values(rows)
                session.execute(
                    upsert.on_conflict_do_update(
                        index_elements=["team_id", "campaign_id", "post_url", "day"],
                        set_={"views": upsert.excluded.views, "creator_id": upsert.excluded.creator_id},
                    )
                )
            unknown = [url for url in some if url not in highest]  # every reading that day has views unknown
            if unknown:
                session.execute(
                    delete(PostViewsDay).where(
                        PostViewsDay.team_id == team_id,
                        PostViewsDay.campaign_id == campaign_id,
                        PostViewsDay.day == day,
                        PostViewsDay.post_url.in_(unknown),
                    )
                )


def latest_readings(session: Session, team_id: str, campaign_id: int) -> list[tuple[int, PostObservation]]:
    """Each post's latest reading with its creator id (what the report counts), oldest post first."""
    query = (
        select(PostMetric, CampaignCreator.handle, CampaignCreator.platform)
        .join(CampaignCreator, CampaignCreator.id == PostMetric.creator_id)
        .where(PostMetric.team_id == team_id, PostMetric.campaign_id == campaign_id)
        .order_by(PostMetric.id)
    )
    return [(row.creator_id, _observation(row, handle, platform)) for row, handle, platform in session.execute(query)]


def views_by_day(session: Session, team_id: str, campaign_id: int) -> list[tuple[date, int]]:
    """The report's line of views: for each UTC day a post was read (views known), oldest first, the total of
    every post's latest view count so far (a post counts from its first reading; a day's count of a post is its
    highest that day). Summed in the database from the views per post and day: a row per day comes back."""
    per_post = PostViewsDay.views - func.coalesce(
        func.lag(PostViewsDay.views).over(partition_by=PostViewsDay.post_url, order_by=PostViewsDay.day), 0
    )
    changes = (
        select(PostViewsDay.day, per_post.label("change"))
        .where(PostViewsDay.team_id == team_id, PostViewsDay.campaign_id == campaign_id)
        .subquery()
    )
    daily = select(changes.c.day, func.sum(changes.c.change).label("change")).group_by(changes.c.day).subquery()
    running = func.sum(daily.c.change).over(order_by=daily.c.day)
    return [(day, int(total)) for day, total in session.execute(select(daily.c.day, running).order_by(daily.c.day))]
