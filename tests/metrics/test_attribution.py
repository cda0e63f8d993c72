"""The attribution window in the campaign's time zone, across DST changes, and how orders match creators."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.metrics.attribution import Via, attribute, attribution_window
from bot.metrics.inputs import CampaignTerms
from tests.metrics.builders import ANA, BEN, CAMPAIGN, CREATORS, order


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_window_across_the_spring_forward_change_in_new_york() -> None:
    # Starts 2026-03-01 00:00 EST (UTC-5) = 05:00Z; the clocks go forward on 2026-03-08, so the end of
    # 2026-03-17 (end date 03-10 + 7 days) is 2026-03-18 00:00 EDT (UTC-4) = 04:00Z, not 05:00Z.
    window = attribution_window(CAMPAIGN)
    assert (window.start, window.end) == (utc(2026, 3, 1, 5), utc(2026, 3, 18, 4))
    assert utc(2026, 3, 18, 3, 59, 59) in window
    assert utc(2026, 3, 18, 4) not in window  # 00:00 EDT on 03-18: the next day
    assert utc(2026, 3, 1, 4, 59, 59) not in window  # 23:59:59 EST on 02-28
    assert utc(2026, 3, 1, 5) in window


def test_window_across_the_autumn_change_in_london() -> None:
    # Start 2026-10-01 00:00 BST (UTC+1) = 2026-09-30 23:00Z. BST ends on 2026-10-25: the end of day
    # 10-20 + 5 = 10-25 is 2026-10-26 00:00 GMT = 00:00Z (a 25-hour last day).
    campaign = CampaignTerms(
        start_date=date(2026, 10, 1), end_date=date(2026, 10, 20), timezone="Europe/London", attribution_days=5
    )
    window = attribution_window(campaign)
    assert (window.start, window.end) == (utc(2026, 9, 30, 23), utc(2026, 10, 26, 0))
    # the last day starts at 00:00 BST (2026-10-24 23:00Z) and lasts 25 hours
    assert window.end - utc(2026, 10, 24, 23) == timedelta(hours=25)
    last_hour = order("late", "2026-10-25T23:30:00", "10.00", code="ANA10")  # 23:30 GMT on the last day
    assert [c.order.order_id for c in attribute(campaign, CREATORS, [last_hour]).conversions] == ["late"]


def test_zero_attribution_days_ends_with_the_campaigns_last_day() -> None:
    campaign = CAMPAIGN.model_copy(update={"attribution_days": 0})
    assert attribution_window(campaign).end == utc(2026, 3, 11, 4)  # 2026-03-11 00:00 EDT


def test_code_wins_over_link_and_codes_ignore_case_and_spaces() -> None:
    orders = [
        order("both", "2026-03-02T12:00:00", "10.00", code="Ana10", utm="ben"),
        order("spaced", "2026-03-02T12:00:00", "10.00", code="  aNa10\t"),
        order("link", "2026-03-02T12:00:00", "10.00", utm=" BEN "),
    ]
    found = {c.order.order_id: (c.creator_id, c.via) for c in attribute(CAMPAIGN, CREATORS, orders).conversions}
    assert found == {
        "both": (ANA.creator_id, Via.code),
        "spaced": (ANA.creator_id, Via.code),
        "link": (BEN.creator_id, Via.link),
    }


def test_a_tracking_handle_replaces_the_handle_for_links() -> None:
    tracked = BEN.model_copy(update={"tracking_handle": "ben-spring"})
    orders = [
        order("old", "2026-03-02T12:00:00", "10.00", utm="ben"),
        order("new", "2026-03-02T12:00:00", "10.00", utm="ben-spring"),
    ]
    result = attribute(CAMPAIGN, [ANA, tracked], orders)
    assert [c.order.order_id for c in result.conversions] == ["new"]
    assert [o.order_id for o in result.unattributed] == ["old"]


def test_orders_outside_the_window_that_match_nobody_are_not_the_campaigns_business() -> None:
    result = attribute(CAMPAIGN, CREATORS, [order("x", "2026-06-01T00:00:00", "10.00", code="OTHER")])
    assert (result.unattributed, result.outside_window, result.conversions) == ((), (), ())
