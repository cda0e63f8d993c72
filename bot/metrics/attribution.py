"""Orders to creators: which sales a creator brought, by their discount code or their tracking link.

An order converts for a creator when its discount code equals the creator's code (trimmed, any case) or its
utm_content equals the creator's tracking handle (their handle unless set), and it was created inside the
window: from 00:00 on the campaign's start date to the end of the day `attribution_days` after its end date,
both in the campaign's time zone (zoneinfo, so a DST change inside the window moves no boundary). An order
that matches by code counts once, as a code conversion, even when its link matches too (a code is typed at
checkout; a link click may be days old). Cancelled orders, orders outside the window and orders in another
currency than the campaign's are kept apart and never added; orders inside the window that match no creator
are unattributed. An `Order` may stand for a group of orders that all fall the same way (`Order.orders`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from bot.campaigns.localtime import end_of_day, local_to_utc, zone
from bot.metrics.errors import TermsError
from bot.metrics.inputs import CampaignTerms, CreatorTerms, Order, match_key
from bot.vocabulary import as_utc


@dataclass(frozen=True)
class Window:
    start: datetime  # inclusive, UTC
    end: datetime  # exclusive, UTC

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= as_utc(moment) < self.end


def attribution_window(campaign: CampaignTerms) -> Window:
    tz = zone(campaign.timezone)
    last_day = campaign.end_date + timedelta(days=campaign.attribution_days)
    return Window(local_to_utc(datetime.combine(campaign.start_date, time(0)), tz), end_of_day(last_day, tz))


class Via(StrEnum):
    code = "code"
    link = "link"


@dataclass(frozen=True)
class Conversion:
    order: Order
    creator_id: str
    via: Via


@dataclass(frozen=True)
class Attribution:
    window: Window
    conversions: tuple[Conversion, ...]  # in the campaign's currency: these count
    other_currency: tuple[Conversion, ...]  # matched, but in another currency: reported apart, never added
    cancelled: tuple[Conversion, ...]  # matched, inside the window, cancelled
    outside_window: tuple[Conversion, ...]  # matched, not cancelled, created outside the window
    unattributed: tuple[Order, ...]  # inside the window, not cancelled, matching no creator


def _keys(creators: Sequence[CreatorTerms], what: str, key_of: str) -> dict[str, str]:
    """match key -> creator id; two creators with one code (or one tracking handle) cannot be told apart."""
    found: dict[str, CreatorTerms] = {}
    for creator in creators:
        key = getattr(creator, key_of)
        if key is None:
            continue
        other = found.setdefault(key, creator)
        if other.creator_id != creator.creator_id:
            raise TermsError(
                f"@{other.handle} and @{creator.handle} have the same {what} '{key}', so their sales cannot be "
                f"told apart; give each creator their own {what}"
            )
    return {key: creator.creator_id for key, creator in found.items()}


def attribute(campaign: CampaignTerms, creators: Sequence[CreatorTerms], orders: Iterable[Order]) -> Attribution:
    window = attribution_window(campaign)
    by_code = _keys(creators, "discount code", "code_key")
    by_link = _keys(creators, "tracking handle", "link_key")
    counted: list[Conversion] = []
    other: list[Conversion] = []
    cancelled: list[Conversion] = []
    outside: list[Conversion] = []
    unattributed: list[Order] = []
    unique = {order.order_id: order for order in orders}  # storage keeps one order per id; so does this
    for order in unique.values():
        code, link = match_key(order.code), match_key(order.utm_content)
        if code is not None and code in by_code:
            match = Conversion(order, by_code[code], Via.code)
        elif link is not None and link in by_link:
            match = Conversion(order, by_link[link], Via.link)
        else:
            if order.created_at in window and not order.cancelled:
                unattributed.append(order)
            continue
        if order.cancelled:
            if order.created_at in window:
                cancelled.append(match)
        elif order.created_at not in window:
            outside.append(match)
        elif order.currency != campaign.currency:
            other.append(match)
        else:
            counted.append(match)
    return Attribution(window, tuple(counted), tuple(other), tuple(cancelled), tuple(outside), tuple(unattributed))
