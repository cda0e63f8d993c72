"""Campaign results: payments, post readings and shop orders. Queries take a Session and team_id."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.campaigns.payments import Payment
from bot.vocabulary import Money
from storage.models import CampaignCreator
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
