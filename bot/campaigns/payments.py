"""Money paid to creators: what was paid, to whom, when (spend is what was committed; paid is what left)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from bot.vocabulary import Money


class Payment(BaseModel):
    model_config = ConfigDict(frozen=True)

    creator_id: str
    handle: str
    amount: Money
    paid_on: date
    recorded_by: str
    deliverable_id: str | None = None


def outstanding_fee(fee: Money, paid: list[Payment]) -> Money:
    """What is left of the fee after the payments so far (never below zero: an overpayment is not a refund)."""
    total = sum((p.amount.amount for p in paid if p.amount.currency == fee.currency), start=fee.amount * 0)
    return Money(amount=max(fee.amount - total, fee.amount * 0), currency=fee.currency)
