"""`vet()`: one creator snapshot in, one explainable report out. Pure: no I/O, the clock and the scorers injected."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel

from bot.disclosure.models import parse_jurisdiction
from bot.sources.models import CreatorSnapshot
from bot.vetting.audience_signals import FakeScorer, fake_followers, model_unavailable, reachability
from bot.vetting.benchmarks import follower_band, view_band
from bot.vetting.comments import generic_comments, repeat_commenters
from bot.vetting.context import SponsoredDetector, VetContext, build_context, known_count
from bot.vetting.disclosure_signal import disclosure_share
from bot.vetting.engagement import (
    VIDEO_FIRST,
    comments_per_100_likes,
    engagement_per_view,
    engagement_rate,
    tier_signal,
)
from bot.vetting.freshness import data_age, data_age_days
from bot.vetting.growth import follower_growth
from bot.vetting.numbers import median
from bot.vetting.rates import BASE_KINDS, AskComparison, PastFee, RateRange, comparable_fees, compare_ask, fair_rate
from bot.vetting.score import Contribution, Recommendation, score_signals
from bot.vetting.signal import Signal, Verdict
from bot.vetting.sponsored import looks_sponsored, sponsored_engagement, sponsored_frequency
from bot.vetting.tiers import Tier
from bot.vocabulary import DeliverableKind, Jurisdiction, Money, Platform


class KeyNumbers(BaseModel):
    followers: int | None
    following: int | None
    posts_analysed: int
    median_likes: float | None
    median_comments: float | None
    median_views: float | None
    engagement_rate_pct: float | None  # median per follower
    sponsored_per_30_days: float | None
    ads_disclosed: str | None = None  # the ad-disclosure signal in a few words, e.g. "9 of 14 clearly disclosed"


class VetReport(BaseModel):
    handle: str
    platform: Platform
    display_name: str | None
    is_private: bool
    tier: Tier | None
    key_numbers: KeyNumbers
    signals: list[Signal]
    red_flags: list[Signal]  # the bad, then the warn signals, each with its evidence and innocent cause
    score: int | None
    verdict: Recommendation
    verdict_reason: str
    coverage: float  # share of the score's weight that could be read, 0-1
    contributions: list[Contribution]
    rate: RateRange | None
    rate_note: str | None
    ask: AskComparison | None
    ask_note: str | None
    fetched_at: datetime
    data_age_days: float
    source: str


def _median_of(values: list[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return median(known) if known else None


def _signals(ctx: VetContext, fake_scorer: FakeScorer | None, jurisdiction: Jurisdiction) -> list[Signal]:
    candidates = [
        tier_signal(ctx),
        engagement_rate(ctx),
        engagement_per_view(ctx),
        comments_per_100_likes(ctx),
        generic_comments(ctx),
        repeat_commenters(ctx),
        follower_growth(ctx),
        fake_followers(ctx, fake_scorer),
        reachability(ctx),
        sponsored_frequency(ctx),
        sponsored_engagement(ctx),
        disclosure_share(ctx, jurisdiction),
        data_age(ctx),
    ]
    return [s for s in candidates if s is not None]


@dataclass(frozen=True)
class Deal:
    """What the brand asks for and what the creator asks: the deliverable kind, premiums, niche, the ask."""

    ask: Money | None = None
    kind: DeliverableKind | None = None
    exclusivity: bool = False
    usage_rights: bool = False
    niche: str | None = None


def _rate(
    ctx: VetContext, by_key: dict[str, Signal], deal: Deal, past_fees: Sequence[PastFee]
) -> tuple[RateRange | None, str | None]:
    if ctx.tier is None:
        return None, "No fair rate: the follower count is hidden, so the tier is unknown."
    # Video-first platforms are paid for views, so their engagement is judged per view when we have it.
    per_view = by_key.get("engagement_per_view")
    engagement: float | None
    if ctx.platform in VIDEO_FIRST and per_view is not None and per_view.value is not None:
        engagement, band, basis = per_view.value, view_band(ctx.platform, ctx.tier), "per view"
    else:
        engagement, band = by_key["engagement_rate"].value, follower_band(ctx.platform, ctx.tier)
        basis = "per follower"
    kind = deal.kind or BASE_KINDS[ctx.platform]
    rate = fair_rate(
        ctx.platform,
        ctx.tier,
        followers=ctx.followers,
        engagement_pct=engagement,
        band=band,
        engagement_basis=basis,
        kind=kind,
        niche=deal.niche,
        exclusivity=deal.exclusivity,
        usage_rights=deal.usage_rights,
        team_fees=comparable_fees(past_fees, ctx.platform, ctx.tier, kind, ctx.handle),
    )
    note = None if engagement is not None else "Engagement unknown, so the rate is not adjusted for it."
    return rate, note


def vet(
    snapshot: CreatorSnapshot,
    *,
    now: datetime,
    fake_scorer: FakeScorer | None = None,
    sponsored_detector: SponsoredDetector | None = None,
    deal: Deal | None = None,
    past_fees: Sequence[PastFee] = (),
    jurisdiction: str = "US",
) -> VetReport:
    """Vet one creator. `fake_scorer` scores the follower sample (else fake followers are unknown);
    `sponsored_detector` says whether a post is sponsored (default: the disclosure checker finds a material
    connection in the caption, see caption_judgement); `jurisdiction` (e.g. "US", "UK", "DE") is whose rules
    the sponsored posts' disclosures are checked against; `deal` what is asked for (kind, premiums, the
    creator's ask) and `past_fees` the team's own fees, for the fair rate."""
    deal = deal or Deal()
    ask = deal.ask
    rules = parse_jurisdiction(jurisdiction)  # a typo fails here, not only when a sponsored post shows up
    platform = snapshot.profile.platform
    detector = sponsored_detector or (lambda post: looks_sponsored(post, platform, rules))
    ctx = build_context(snapshot, now=now, sponsored_detector=detector)
    signals = _signals(ctx, fake_scorer, rules)
    by_key = {s.key: s for s in signals}
    scored = score_signals(signals)
    if model_unavailable(by_key["fake_followers"]) and scored.recommendation == Recommendation.recommended:
        # A broken model must not read as "no fake followers": no clean verdict until it is fixed.
        scored = scored.model_copy(
            update={
                "recommendation": Recommendation.caution,
                "reason": scored.reason + " Fake followers were not checked: the audience model cannot be used.",
            }
        )
    rate, rate_note = _rate(ctx, by_key, deal, past_fees)
    comparison, ask_note = None, None
    if ask is not None:
        comparison = compare_ask(ask, rate) if rate is not None else None
        if comparison is None:
            ask_note = f"Cannot compare the ask {ask.display_with_symbol()}: " + (
                "no fair rate." if rate is None else f"no conversion from {ask.currency} to USD."
            )
    return VetReport(
        handle=ctx.handle,
        platform=ctx.platform,
        display_name=snapshot.profile.display_name,
        is_private=ctx.is_private,
        tier=ctx.tier,
        key_numbers=KeyNumbers(
            followers=ctx.followers,
            following=known_count(snapshot.profile.following),
            posts_analysed=len(ctx.posts),
            median_likes=_median_of([p.likes for p in ctx.posts]),
            median_comments=_median_of([p.comments for p in ctx.posts]),
            median_views=_median_of([p.views for p in ctx.posts]),
            engagement_rate_pct=by_key["engagement_rate"].value,
            sponsored_per_30_days=by_key["sponsored_frequency"].value,
            ads_disclosed=None if by_key["disclosure"].verdict == Verdict.unknown else by_key["disclosure"].display,
        ),
        signals=signals,
        red_flags=[s for s in signals if s.verdict == Verdict.bad] + [s for s in signals if s.verdict == Verdict.warn],
        score=scored.score,
        verdict=scored.recommendation,
        verdict_reason=scored.reason,
        coverage=scored.coverage,
        contributions=scored.contributions,
        rate=rate,
        rate_note=rate_note,
        ask=comparison,
        ask_note=ask_note,
        fetched_at=ctx.fetched_at,
        data_age_days=round(data_age_days(ctx), 2),
        source=snapshot.source,
    )
