"""A small campaign whose every result is worked out by hand in test_results.py.

Campaign: USD, budget 3,000, 2026-03-01 to 2026-03-10 in New York (the clocks go forward on 2026-03-08),
7 attribution days: orders count from 2026-03-01 00:00 EST (05:00Z) until 2026-03-18 00:00 EDT (04:00Z).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal

from bot.metrics.inputs import CampaignTerms, CreatorTerms, Order, OrderSource, PostObservation
from bot.metrics.samples import usd
from bot.vocabulary import Platform


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


CAMPAIGN = CampaignTerms(
    currency="USD",
    budget=usd("3000"),
    start_date=date(2026, 3, 1),
    end_date=date(2026, 3, 10),
    timezone="America/New_York",
    attribution_days=7,
)

ANA = CreatorTerms(
    creator_id="c-ana",
    handle="ana",
    platform=Platform.instagram,
    fee=usd("500"),
    gift_value=usd("100"),
    extra_costs=usd("50"),
    payments=(usd("250"),),
    discount_code="ANA10",
    followers=10_000,
)
BEN = CreatorTerms(creator_id="c-ben", handle="ben", platform=Platform.tiktok, fee=usd("300"))  # followers unknown
CY = CreatorTerms(  # booked, no results at all
    creator_id="c-cy", handle="cy", platform=Platform.youtube, fee=usd("200"), discount_code="CY", followers=5_000
)
CREATORS = (ANA, BEN, CY)


def observation(url: str, handle: str, platform: Platform, when: str, **counts: int | None) -> PostObservation:
    return PostObservation(post_url=url, handle=handle, platform=platform, observed_at=at(when), **counts)


POST1, POST2, POST3 = "https://instagram.com/p/1", "https://instagram.com/p/2", "https://tiktok.com/@ben/video/3"
OBSERVATIONS = (
    # post 1, first look: superseded by the later one below (a post's value is its latest observation)
    observation(
        POST1,
        "ana",
        Platform.instagram,
        "2026-03-03T00:00:00",
        views=1000,
        likes=100,
        comments=10,
        shares=5,
        saves=5,
        reach=800,
        impressions=1500,
        link_clicks=20,
    ),
    observation(
        POST1,
        "ana",
        Platform.instagram,
        "2026-03-09T00:00:00",
        views=2000,
        likes=150,
        comments=20,
        shares=10,
        saves=20,
        reach=1600,
        impressions=3000,
        link_clicks=40,
    ),
    # post 2: shares, saves, reach and clicks unknown
    observation(
        POST2, "ana", Platform.instagram, "2026-03-09T00:00:00", views=500, likes=40, comments=10, impressions=700
    ),
    # post 3: TikTok, no reach or impressions
    observation(
        POST3,
        "ben",
        Platform.tiktok,
        "2026-03-09T00:00:00",
        views=4000,
        likes=300,
        comments=50,
        shares=50,
        link_clicks=10,
    ),
)


def order(
    order_id: str,
    when: str,
    revenue: str,
    *,
    code: str | None = None,
    utm: str | None = None,
    currency: str = "USD",
    cancelled: bool = False,
) -> Order:
    return Order(
        order_id=order_id,
        created_at=at(when),
        code=code,
        utm_content=utm,
        revenue=Decimal(revenue),
        currency=currency,
        cancelled=cancelled,
        source=OrderSource.generic,
    )


ORDERS = (
    order("o1", "2026-03-02T12:00:00", "100.00", code=" ana10 "),  # ana by code (trimmed, any case)
    order("o2", "2026-03-05T12:00:00", "50.00", utm="Ben"),  # ben by link
    order("o3", "2026-03-06T12:00:00", "30.00", code="ANA10", utm="ben"),  # both: counts once, for ana's code
    order("o4", "2026-03-20T12:00:00", "999.00", code="ANA10"),  # after the window
    order("o5", "2026-03-03T12:00:00", "500.00", code="ANA10", cancelled=True),  # cancelled
    order("o6", "2026-03-04T12:00:00", "40.00", code="ANA10", currency="EUR"),  # another currency
    order("o7", "2026-03-04T12:00:00", "70.00", code="WELCOME"),  # nobody's code: unattributed
    order("o8", "2026-03-18T03:59:59", "20.00", utm="@ben"),  # 23:59:59 EDT on the window's last day
    order("o9", "2026-03-01T04:59:59", "10.00", code="ANA10"),  # 23:59:59 EST the day before the start
)


def csv_text(header: Iterable[str], rows: Iterable[Mapping[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
