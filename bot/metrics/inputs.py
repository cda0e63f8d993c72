"""What campaign results are computed from: the campaign's and creators' terms, post observations, orders.

Money is `bot.vocabulary.Money` (Decimal, never float); times are aware and kept in UTC. A count of None is
unknown, never zero.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.campaigns.localtime import check_timezone
from bot.campaigns.models import creator_handle
from bot.vocabulary import MAX_AMOUNT, CreatorPlatform, Money, as_utc

MAX_ATTRIBUTION_DAYS = 365  # the longest window affiliate tools offer
MAX_CODE = 100


@lru_cache(maxsize=256)  # a big orders file repeats a few codes: checked once each, not once an order
def _currency_code(value: str) -> str:
    return Money(amount=Decimal(0), currency=value).currency


# Field types with their rule attached, so each model states a rule once.
CurrencyCode = Annotated[str, AfterValidator(_currency_code)]
UtcMoment = Annotated[datetime, AfterValidator(as_utc)]
Handle = Annotated[str, AfterValidator(creator_handle)]


def match_key(text: str | None) -> str | None:
    """How codes and handles are compared: trimmed, case-insensitive, a leading @ ignored; blank is None.

    Storage keeps each order's keys (shop_order.code_key, link_key) to group orders by: a change here needs a
    migration that computes them again."""
    if text is None:
        return None
    key = text.strip().lstrip("@").strip().casefold()
    return key or None


class CampaignTerms(BaseModel):
    model_config = ConfigDict(frozen=True)

    currency: CurrencyCode = "USD"
    budget: Money | None = None
    start_date: date
    end_date: date
    timezone: str = "UTC"  # IANA name: the attribution window runs from local midnight to local midnight
    attribution_days: int = Field(default=30, ge=0, le=MAX_ATTRIBUTION_DAYS)
    emv_method: str | None = None  # the one EMV method the team picked (bot.metrics.emv.METHODS); None: off

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        return check_timezone(value)

    @model_validator(mode="after")
    def _consistent(self) -> CampaignTerms:
        if self.end_date < self.start_date:
            raise ValueError(f"the campaign ends ({self.end_date}) before it starts ({self.start_date})")
        if self.budget is not None and self.budget.currency != self.currency:
            raise ValueError(f"the budget is in {self.budget.currency} but the campaign is in {self.currency}")
        return self


class CreatorTerms(BaseModel):
    """One creator booked on the campaign: what they cost, what was paid, and how their sales are tracked."""

    model_config = ConfigDict(frozen=True)

    creator_id: str
    handle: Handle
    platform: CreatorPlatform
    fee: Money
    gift_value: Money | None = None  # gifted product, at cost
    extra_costs: Money | None = None  # shipping, usage rights, a boost …
    payments: tuple[Money, ...] = ()
    discount_code: str | None = Field(default=None, max_length=MAX_CODE)
    tracking_handle: str | None = Field(default=None, max_length=MAX_CODE)  # utm_content of their link; default: handle
    followers: int | None = Field(default=None, ge=0)  # from the creator's latest vet snapshot

    @field_validator("discount_code", "tracking_handle")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    def costs(self) -> tuple[Money, ...]:
        return tuple(m for m in (self.fee, self.gift_value, self.extra_costs) if m is not None)

    @property
    def code_key(self) -> str | None:
        return match_key(self.discount_code)

    @property
    def link_key(self) -> str | None:
        return match_key(self.tracking_handle or self.handle)


class ObservationSource(StrEnum):
    api = "api"
    creator = "creator"  # reported by the creator: a screenshot in proof_url
    manual = "manual"


COUNT_FIELDS = ("views", "likes", "comments", "shares", "saves", "reach", "impressions", "link_clicks")
ENGAGEMENT_FIELDS = ("likes", "comments", "shares", "saves")


class PostObservation(BaseModel):
    """A live post's numbers as seen at one moment. A post's value is its latest observation, not a sum."""

    model_config = ConfigDict(frozen=True)

    post_url: str
    handle: Handle
    platform: CreatorPlatform
    observed_at: UtcMoment
    views: int | None = Field(default=None, ge=0)
    likes: int | None = Field(default=None, ge=0)
    comments: int | None = Field(default=None, ge=0)
    shares: int | None = Field(default=None, ge=0)
    saves: int | None = Field(default=None, ge=0)
    reach: int | None = Field(default=None, ge=0)
    impressions: int | None = Field(default=None, ge=0)
    link_clicks: int | None = Field(default=None, ge=0)
    source: ObservationSource = ObservationSource.manual
    proof_url: str | None = None

    @property
    def key(self) -> tuple[str, datetime]:
        """Importing the same key again replaces the observation, never adds to it."""
        return (self.post_url, self.observed_at)

    @property
    def engagements(self) -> int | None:
        """likes + comments + shares + saves over the known ones; None when all four are unknown."""
        known = [v for v in (self.likes, self.comments, self.shares, self.saves) if v is not None]
        return sum(known) if known else None


class OrderSource(StrEnum):
    shopify = "shopify"
    generic = "generic"


class Order(BaseModel):
    """An order, or a group of orders that attribution treats alike (the same creator's code or link, the same
    currency, cancelled or not, the same side of the window): then one member's id, time, code and link, with
    the group's count in `orders` and its summed revenue. Results count `orders` and add revenue per record, so
    grouped and single records give the same results; a big campaign's report reads a few hundred groups."""

    model_config = ConfigDict(frozen=True)

    order_id: str = Field(min_length=1, max_length=200)
    created_at: UtcMoment
    code: str | None = Field(default=None, max_length=MAX_CODE)  # the discount code used, as typed
    utm_content: str | None = Field(default=None, max_length=MAX_CODE)  # from the creator's tracking link
    revenue: Decimal = Field(ge=0)  # at most MAX_AMOUNT per order it stands for
    currency: CurrencyCode
    cancelled: bool = False
    source: OrderSource = OrderSource.generic
    orders: int = Field(default=1, ge=1)  # how many orders this record stands for

    @model_validator(mode="after")
    def _revenue_per_order(self) -> Order:
        if self.revenue > MAX_AMOUNT * self.orders:
            raise ValueError(f"revenue {self.revenue} is more than {MAX_AMOUNT} per order")
        return self


class DeliverableCounts(BaseModel):
    """From the campaign's deliverables: how many posts are booked, and how many are marked live."""

    model_config = ConfigDict(frozen=True)

    planned: int = Field(ge=0)
    live: int = Field(ge=0)
