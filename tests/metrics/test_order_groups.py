"""A record standing for a group of orders (`Order.orders`) gives the same results as the orders one by one.

Storage hands a big campaign's report groups of orders that attribution treats alike; these tests hold the
domain to counting them right, with codes and links typed every awkward way a shopper types them.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import given, settings

from bot.metrics.contract import results_json
from bot.metrics.inputs import CreatorTerms, Order, match_key
from bot.metrics.results import campaign_results
from bot.vocabulary import MAX_AMOUNT
from tests.metrics.awkward_orders import WINDOW, creators, orders
from tests.metrics.builders import ANA, CAMPAIGN, CREATORS, at, order


def grouped(creators: list[CreatorTerms], orders: list[Order]) -> list[Order]:
    """Orders grouped as storage groups them: by the creator code they match (or none), the creator link they
    match when no code does (or none), currency, cancelled, inside the window; each group one record."""
    codes = {c.code_key for c in creators} - {None}
    links = {c.link_key for c in creators} - {None}
    groups: dict[tuple[object, ...], list[Order]] = defaultdict(list)
    for each in orders:
        code, link = match_key(each.code), match_key(each.utm_content)
        code_group = code if code in codes else None
        link_group = link if code_group is None and link in links else None
        groups[(code_group, link_group, each.currency, each.cancelled, each.created_at in WINDOW)].append(each)
    return [
        members[0].model_copy(update={"orders": len(members), "revenue": sum(m.revenue for m in members)})
        for members in groups.values()
    ]


@settings(max_examples=200, deadline=None)
@given(creators=creators(), orders=orders())
def test_grouped_and_single_orders_give_the_same_results(creators, orders) -> None:
    one_by_one = results_json(campaign_results(CAMPAIGN, creators, (), orders))
    assert results_json(campaign_results(CAMPAIGN, creators, (), grouped(creators, orders))) == one_by_one


def test_a_group_counts_its_orders_everywhere_the_report_counts() -> None:
    def times(record: Order, count: int) -> Order:
        return record.model_copy(update={"orders": count, "revenue": record.revenue * count})

    records = [
        times(order("code", "2026-03-02T12:00:00", "10.00", code="ana10"), 3),
        times(order("link", "2026-03-02T12:00:00", "5.00", utm="ben"), 2),
        times(order("eur", "2026-03-02T12:00:00", "7.00", code="ANA10", currency="EUR"), 4),
        times(order("nobody", "2026-03-02T12:00:00", "1.00", code="WELCOME"), 5),
        times(order("nobody-eur", "2026-03-02T12:00:00", "2.00", code="WELCOME", currency="EUR"), 6),
        times(order("late", "2026-04-30T12:00:00", "1.00", code="ANA10"), 7),
        times(order("void", "2026-03-02T12:00:00", "1.00", code="ANA10", cancelled=True), 8),
    ]
    data = results_json(campaign_results(CAMPAIGN, CREATORS, (), records))
    assert (data["conversions"], data["conversions_code"], data["conversions_link"]) == (5, 3, 2)
    assert data["revenue"] == "40.00"
    ana = next(c for c in data["creators"] if c["handle"] == ANA.handle)
    assert ana["other_currency"] == [{"currency": "EUR", "orders": 4, "revenue": "28.00"}]
    assert data["orders"] == {
        "imported": True,
        "window_start": "2026-03-01T05:00:00Z",
        "window_end": "2026-03-18T04:00:00Z",
        "unattributed": 11,
        "unattributed_revenue": "5.00",
        "unattributed_other_currency": [{"currency": "EUR", "orders": 6, "revenue": "12.00"}],
        "cancelled": 8,
        "outside_window": 7,
        "other_currency": [{"currency": "EUR", "orders": 4, "revenue": "28.00"}],
    }


def test_a_group_may_sum_past_one_orders_limit_but_not_past_its_count() -> None:
    moment = at("2026-03-02T12:00:00")
    big = Order(order_id="g", created_at=moment, revenue=MAX_AMOUNT * 2, currency="USD", orders=2)
    assert big.revenue == MAX_AMOUNT * 2
    with pytest.raises(ValueError, match="per order"):
        Order(order_id="g", created_at=moment, revenue=MAX_AMOUNT * 2, currency="USD")
    with pytest.raises(ValueError):
        Order(order_id="g", created_at=moment, revenue=Decimal(1), currency="USD", orders=0)
