"""Campaign results: per creator and for the whole campaign, from terms, post observations and orders.

Creators are ordered best first: lowest cost per engagement first, then more engagements first; creators
whose cpe is missing (no engagements yet) come after them, those with engagements first; then by handle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.metrics.attribution import Attribution, Conversion, Via, Window, attribute, attribution_window
from bot.metrics.errors import TermsError
from bot.metrics.inputs import CampaignTerms, CreatorTerms, DeliverableCounts, Order, PostObservation
from bot.metrics.metric import Metric
from bot.metrics.numbers import Figures, Rates, add, post_figures, rates
from bot.metrics.posts import latest_observations
from bot.vocabulary import Money, Platform

NO_ORDERS = "no orders imported yet"


@dataclass(frozen=True)
class CurrencyTotal:
    """Orders in one currency other than the campaign's: counted and summed apart, never converted."""

    currency: str
    orders: int
    revenue: Decimal


def order_count(orders: Iterable[Order]) -> int:
    """How many orders the records stand for (a record may be a group of orders: `Order.orders`)."""
    return sum(order.orders for order in orders)


def by_currency(orders: Iterable[Order]) -> tuple[CurrencyTotal, ...]:
    counts: dict[str, int] = defaultdict(int)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for order in orders:
        counts[order.currency] += order.orders
        sums[order.currency] += order.revenue
    return tuple(CurrencyTotal(code, counts[code], sums[code]) for code in sorted(counts))


@dataclass(frozen=True)
class CreatorResult:
    creator: CreatorTerms
    posts: tuple[PostObservation, ...]  # the latest observation of each of their posts, by post_url
    figures: Figures
    rates: Rates
    followers: Metric
    other_currency: tuple[CurrencyTotal, ...]  # their conversions in another currency

    @property
    def handle(self) -> str:
        return self.creator.handle

    @property
    def platform(self) -> Platform:
        return self.creator.platform


@dataclass(frozen=True)
class UnattributedOrders:
    orders: int  # inside the window, not cancelled, matching no creator (all currencies)
    revenue: Decimal  # of those in the campaign's currency
    other_currency: tuple[CurrencyTotal, ...]


@dataclass(frozen=True)
class CampaignResults:
    campaign: CampaignTerms
    figures: Figures  # the sums of the creators' figures
    rates: Rates
    followers: Metric  # of the creators with engagements: er_followers' denominator
    budget_left: Metric  # budget − spend (negative when over budget); missing without a budget
    posts_live: int
    posts_planned: int | None
    creators: tuple[CreatorResult, ...]  # best first (see the module's docstring)
    window: Window
    orders_imported: bool
    other_currency: tuple[CurrencyTotal, ...]  # creators' conversions in other currencies
    unattributed: UnattributedOrders
    cancelled: int  # orders matching a creator, inside the window, cancelled
    outside_window: int  # orders matching a creator, created outside the window
    unmatched_posts: tuple[str, ...]  # post URLs whose handle is not a creator of the campaign

    @property
    def currency(self) -> str:
        return self.campaign.currency


def _amount(money: Money, campaign: CampaignTerms, creator: CreatorTerms, what: str) -> Decimal:
    if money.currency != campaign.currency:
        raise TermsError(
            f"@{creator.handle}'s {what} is in {money.currency} but the campaign is in {campaign.currency}; "
            f"enter it in {campaign.currency}"
        )
    return money.amount


def _creator_result(
    campaign: CampaignTerms,
    creator: CreatorTerms,
    posts: Sequence[PostObservation],
    conversions: Sequence[Conversion] | None,
    other: Sequence[Conversion],
) -> CreatorResult:
    spend = sum((_amount(m, campaign, creator, "cost") for m in creator.costs()), Decimal(0))
    paid = sum((_amount(m, campaign, creator, "payment") for m in creator.payments), Decimal(0))
    if conversions is None:
        counts = (Metric.missing(NO_ORDERS), Metric.missing(NO_ORDERS))
        revenue = Metric.missing(NO_ORDERS)
    else:
        by_code = order_count(c.order for c in conversions if c.via is Via.code)
        counts = (Metric.of(by_code), Metric.of(order_count(c.order for c in conversions) - by_code))
        revenue = Metric.of(sum((c.order.revenue for c in conversions), Decimal(0)))
    figures = post_figures(posts, spend=spend, paid=paid, conversions=counts, revenue=revenue)
    followers = (
        Metric.of(creator.followers)
        if creator.followers is not None
        else Metric.missing(f"followers of @{creator.handle} unknown: vet them to get it")
    )
    return CreatorResult(
        creator=creator,
        posts=tuple(sorted(posts, key=lambda p: p.post_url)),
        figures=figures,
        rates=rates(figures, followers),
        followers=followers,
        other_currency=by_currency(c.order for c in other),
    )


def _rank(result: CreatorResult) -> tuple[object, ...]:
    cpe, engagements = result.rates.cpe.value, result.figures.engagements.value
    return (
        cpe is None,
        cpe if cpe is not None else 0,
        -engagements if engagements is not None else 1,
        result.handle.casefold(),
        result.platform.value,
        result.creator.creator_id,
    )


def _campaign_followers(creators: Sequence[CreatorResult]) -> Metric:
    """Followers of the creators whose engagements are known (those with no results yet would dilute it)."""
    engaged = [c for c in creators if c.figures.engagements.known]
    if not engaged:
        return Metric.missing("no engagements reported yet")
    unknown = [f"@{c.handle}" for c in engaged if not c.followers.known]
    if unknown:
        return Metric.missing(f"followers unknown for {', '.join(unknown)}: vet them to get it")
    return Metric.of(sum(int(c.followers.value or 0) for c in engaged))


def _posts_by_creator(
    creators: Sequence[CreatorTerms], observations: Iterable[PostObservation]
) -> tuple[dict[str, list[PostObservation]], tuple[str, ...]]:
    ids: dict[tuple[str, Platform], str] = {}
    for creator in creators:
        key = (creator.handle.casefold(), creator.platform)
        if ids.setdefault(key, creator.creator_id) != creator.creator_id:
            raise TermsError(f"@{creator.handle} is on the campaign twice on {creator.platform.value}; keep one")
    posts: dict[str, list[PostObservation]] = defaultdict(list)
    unmatched: list[str] = []
    for post in latest_observations(observations).values():
        creator_id = ids.get((post.handle.casefold(), post.platform))
        if creator_id is None:
            unmatched.append(post.post_url)
        else:
            posts[creator_id].append(post)
    return posts, tuple(sorted(unmatched))


def _group(conversions: Iterable[Conversion]) -> dict[str, list[Conversion]]:
    grouped: dict[str, list[Conversion]] = defaultdict(list)
    for conversion in conversions:
        grouped[conversion.creator_id].append(conversion)
    return grouped


def campaign_results(
    campaign: CampaignTerms,
    creators: Sequence[CreatorTerms],
    observations: Iterable[PostObservation],
    orders: Iterable[Order] | None,
    deliverables: DeliverableCounts | None = None,
) -> CampaignResults:
    """The campaign's results. `orders` None means none were imported (conversions and revenue are then
    missing, not 0); `deliverables` gives posts planned and live (without it, live = posts with results).

    Raises TermsError when the terms cannot be computed with (a cost in another currency, two creators
    sharing a code)."""
    posts, unmatched = _posts_by_creator(creators, observations)
    attribution: Attribution | None = None if orders is None else attribute(campaign, creators, orders)
    counted = _group(attribution.conversions) if attribution else {}
    other = _group(attribution.other_currency) if attribution else {}
    results = [
        _creator_result(
            campaign,
            creator,
            posts.get(creator.creator_id, []),
            counted.get(creator.creator_id, []) if attribution else None,
            other.get(creator.creator_id, []),
        )
        for creator in creators
    ]
    figures = add([r.figures for r in results], orders_missing=None if attribution else NO_ORDERS)
    followers = _campaign_followers(results)
    budget = campaign.budget
    unattributed = attribution.unattributed if attribution else ()
    in_currency = [o for o in unattributed if o.currency == campaign.currency]
    return CampaignResults(
        campaign=campaign,
        figures=figures,
        rates=rates(figures, followers),
        followers=followers,
        budget_left=Metric.of(budget.amount - figures.spend) if budget else Metric.missing("no budget set"),
        posts_live=deliverables.live if deliverables else figures.posts,
        posts_planned=deliverables.planned if deliverables else None,
        creators=tuple(sorted(results, key=_rank)),
        window=attribution.window if attribution else attribution_window(campaign),
        orders_imported=attribution is not None,
        other_currency=by_currency(c.order for c in (attribution.other_currency if attribution else ())),
        unattributed=UnattributedOrders(
            orders=order_count(unattributed),
            revenue=sum((o.revenue for o in in_currency), Decimal(0)),
            other_currency=by_currency(o for o in unattributed if o.currency != campaign.currency),
        ),
        cancelled=order_count(c.order for c in attribution.cancelled) if attribution else 0,
        outside_window=order_count(c.order for c in attribution.outside_window) if attribution else 0,
        unmatched_posts=unmatched,
    )
