"""The figures of one creator or of the whole campaign, and the rates derived from them.

Additive figures (spend, views, engagements, conversions, revenue …) of the campaign are the sums of its
creators' (`add`), so the totals always equal the sum of the rows. Rates are computed from the figures with
the same formulas for a creator and for the campaign:

    cpe = spend / engagements        cpm = 1000 × spend / impressions     cpv = spend / views
    cpc = spend / link_clicks        cpa = spend / conversions            roas = revenue / spend
    roi = (revenue − spend) / spend  er_followers = engagements / followers
    er_views = engagements / views and er_reach = engagements / reach, both over the posts that report both
    numbers (a YouTube video without reach must not inflate the campaign's er_reach)

Each rate is missing, with its reason, when its denominator is unknown or 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.metrics.inputs import PostObservation
from bot.metrics.metric import Metric, ratio, total


@dataclass(frozen=True)
class Figures:
    spend: Decimal  # fee + gifted product value + extra costs
    paid: Decimal  # payments recorded
    posts: int  # posts with at least one observation
    views: Metric
    impressions: Metric
    reach: Metric
    engagements: Metric
    clicks: Metric  # link clicks
    conversions_code: Metric
    conversions_link: Metric
    revenue: Metric  # in the campaign's currency; missing when no orders were imported
    paired_views: tuple[int, int] | None  # (engagements, views) summed over posts that report both
    paired_reach: tuple[int, int] | None  # (engagements, reach) likewise

    @property
    def conversions(self) -> Metric:
        if self.conversions_code.value is None or self.conversions_link.value is None:
            return self.conversions_code if self.conversions_code.value is None else self.conversions_link
        return Metric.of(self.conversions_code.value + self.conversions_link.value)


def _pairs(posts: Sequence[PostObservation], other: str) -> tuple[int, int] | None:
    pairs = [
        (p.engagements, getattr(p, other)) for p in posts if p.engagements is not None and getattr(p, other) is not None
    ]
    return (sum(e for e, _ in pairs), sum(o for _, o in pairs)) if pairs else None


def post_figures(
    posts: Sequence[PostObservation],
    *,
    spend: Decimal,
    paid: Decimal,
    conversions: tuple[Metric, Metric],
    revenue: Metric,
) -> Figures:
    """One creator's figures from the latest observation of each of their posts."""

    def column(name: str, what: str) -> Metric:
        return known_total([getattr(p, name) for p in posts], what)

    return Figures(
        spend=spend,
        paid=paid,
        posts=len(posts),
        views=column("views", "views"),
        impressions=column("impressions", "impressions"),
        reach=column("reach", "reach"),
        engagements=column("engagements", "engagements"),
        clicks=column("link_clicks", "link clicks"),
        conversions_code=conversions[0],
        conversions_link=conversions[1],
        revenue=revenue,
        paired_views=_pairs(posts, "views"),
        paired_reach=_pairs(posts, "reach"),
    )


def known_total(values: Sequence[int | None], what: str) -> Metric:
    return total((Metric.of(v) for v in values if v is not None), what)


def _add_pairs(pairs: Sequence[tuple[int, int] | None]) -> tuple[int, int] | None:
    known = [p for p in pairs if p is not None]
    return (sum(e for e, _ in known), sum(o for _, o in known)) if known else None


def add(parts: Sequence[Figures], *, orders_missing: str | None) -> Figures:
    """The campaign's figures: the sum of its creators' (a total is unknown when no part knows it)."""

    def column(name: str, what: str) -> Metric:
        return total((getattr(f, name) for f in parts), what)

    def counted(name: str, what: str) -> Metric:
        """Conversions and revenue are known for every creator once orders are imported (0 without sales)."""
        if orders_missing:
            return Metric.missing(orders_missing)
        return column(name, what) if parts else Metric.of(0)

    return Figures(
        spend=sum((f.spend for f in parts), Decimal(0)),
        paid=sum((f.paid for f in parts), Decimal(0)),
        posts=sum(f.posts for f in parts),
        views=column("views", "views"),
        impressions=column("impressions", "impressions"),
        reach=column("reach", "reach"),
        engagements=column("engagements", "engagements"),
        clicks=column("clicks", "link clicks"),
        conversions_code=counted("conversions_code", "conversions"),
        conversions_link=counted("conversions_link", "conversions"),
        revenue=counted("revenue", "revenue"),
        paired_views=_add_pairs([f.paired_views for f in parts]),
        paired_reach=_add_pairs([f.paired_reach for f in parts]),
    )


@dataclass(frozen=True)
class Rates:
    er_followers: Metric
    er_views: Metric
    er_reach: Metric
    cpe: Metric
    cpm: Metric
    cpv: Metric
    cpc: Metric
    cpa: Metric
    roas: Metric
    roi: Metric


def _paired(pair: tuple[int, int] | None, what: str) -> Metric:
    if pair is None:
        return Metric.missing(f"no post reports both engagements and {what} yet")
    return ratio(Metric.of(pair[0]), Metric.of(pair[1]), zero=f"{what} are 0")


def rates(figures: Figures, followers: Metric) -> Rates:
    spend = Metric.of(figures.spend)
    revenue = figures.revenue
    gain = Metric.of(revenue.value - figures.spend) if revenue.value is not None else revenue
    return Rates(
        er_followers=ratio(figures.engagements, followers, zero="followers are 0"),
        er_views=_paired(figures.paired_views, "views"),
        er_reach=_paired(figures.paired_reach, "reach"),
        cpe=ratio(spend, figures.engagements, zero="engagements are 0"),
        cpm=ratio(spend, figures.impressions, zero="impressions are 0", scale=1000),
        cpv=ratio(spend, figures.views, zero="views are 0"),
        cpc=ratio(spend, figures.clicks, zero="link clicks are 0"),
        cpa=ratio(spend, figures.conversions, zero="no conversions yet"),
        roas=ratio(revenue, spend, zero="spend is 0"),
        roi=ratio(gain, spend, zero="spend is 0"),
    )
