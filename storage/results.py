"""Campaign results: payments, post readings and shop orders. Queries take a Session and team_id."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.campaigns.payments import Payment
from bot.metrics.inputs import Order, PostObservation
from bot.vocabulary import Money
from storage.db import dialect_insert, execute_dml
from storage.models import CampaignCreator, MetricObservation, PostMetric, ShopOrder
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
CHUNK = 2_000  # rows per INSERT: big imports go in a few round trips, well under every driver's parameter cap


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
    latest: dict[str, tuple[int, PostObservation]] = {}
    for creator_id, observation in readings:
        kept = latest.get(observation.post_url)
        if kept is None or observation.observed_at >= kept[1].observed_at:
            latest[observation.post_url] = (creator_id, observation)
    rows = [
        {"team_id": team_id, "campaign_id": campaign_id, "creator_id": creator_id, **_reading(observation)}
        for creator_id, observation in latest.values()
    ]
    for start in range(0, len(rows), CHUNK):
        newest = insert(PostMetric).values(rows[start : start + CHUNK])
        columns = (*_COUNTS, "source", "proof_url", "creator_id", "observed_at")
        session.execute(
            newest.on_conflict_do_update(
                index_elements=["team_id", "campaign_id", "post_url"],
                set_={name: newest.excluded[name] for name in columns},
                # An older reading imported late never replaces a newer one.
                where=newest.excluded.observed_at >= PostMetric.observed_at,
            )
        )
    session.flush()


def latest_readings(session: Session, team_id: str, campaign_id: int) -> list[tuple[int, PostObservation]]:
    """Each post's latest reading with its creator id (what the report counts), oldest post first."""
    query = (
        select(PostMetric, CampaignCreator.handle, CampaignCreator.platform)
        .join(CampaignCreator, CampaignCreator.id == PostMetric.creator_id)
        .where(PostMetric.team_id == team_id, PostMetric.campaign_id == campaign_id)
        .order_by(PostMetric.id)
    )
    return [
        (
            row.creator_id,
            PostObservation(
                handle=handle,
                platform=platform,
                post_url=row.post_url,
                observed_at=row.observed_at,
                **{name: getattr(row, name) for name in _COUNTS},
                source=row.source,
                proof_url=row.proof_url,
            ),
        )
        for row, handle, platform in session.execute(query)
    ]


# --- shop orders ------------------------------------------------------------------------------------------
def save_orders(session: Session, team_id: str, campaign_id: int, orders: list[Order]) -> int:
    """Store orders not seen before (by order id); returns how many were new. Importing again changes nothing."""
    insert = dialect_insert(session)
    new = 0
    for start in range(0, len(orders), CHUNK):
        rows = [
            {
                "team_id": team_id,
                "campaign_id": campaign_id,
                "order_id": order.order_id,
                "created_at": order.created_at,
                "code": order.code,
                "utm_content": order.utm_content,
                "revenue": order.revenue,
                "currency": order.currency,
                "cancelled": order.cancelled,
                "source": order.source.value,
            }
            for order in orders[start : start + CHUNK]
        ]
        statement = (
            insert(ShopOrder).values(rows).on_conflict_do_nothing(index_elements=["team_id", "campaign_id", "order_id"])
        )
        new += int(execute_dml(session, statement).rowcount or 0)
    session.flush()
    return new


def campaign_orders(session: Session, team_id: str, campaign_id: int) -> list[Order] | None:
    """The campaign's imported orders; None when none were ever imported (conversions unknown, not zero)."""
    rows = session.scalars(
        select(ShopOrder).where(ShopOrder.team_id == team_id, ShopOrder.campaign_id == campaign_id)
    ).all()
    if not rows:
        return None
    return [
        Order(
            order_id=row.order_id,
            created_at=row.created_at,
            code=row.code,
            utm_content=row.utm_content,
            revenue=row.revenue,
            currency=row.currency,
            cancelled=row.cancelled,
            source=row.source,
        )
        for row in rows
    ]


def views_by_day(session: Session, team_id: str, campaign_id: int) -> list[tuple[str, date, int]]:
    """(post_url, UTC day, the day's highest view count) for every day a post was read: the running total of
    views is drawn from these, a few rows per post however many readings there are."""
    day = func.date(MetricObservation.observed_at)
    rows = session.execute(
        select(MetricObservation.post_url, day, func.max(MetricObservation.views))
        .where(
            MetricObservation.team_id == team_id,
            MetricObservation.campaign_id == campaign_id,
            MetricObservation.views.is_not(None),
        )
        .group_by(MetricObservation.post_url, day)
    ).all()
    return [(url, on if isinstance(on, date) else date.fromisoformat(str(on)), int(views)) for url, on, views in rows]
