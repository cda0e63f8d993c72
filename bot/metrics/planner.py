"""Budget planner: one micro creator at the whole budget, or N nano creators at budget / N each?

The model, stated so it can be argued with:

* A typical creator of a tier has the geometric middle of the tier's follower range (`bot.vetting.tiers`):
  about 3,200 followers for nano (1K-10K) and 31,600 for micro (10K-100K). Potential reach is the sum of the
  creators' followers, as Traackr counts it.
* A creator's engagement rate per post per follower is log-normal. The benchmark band of the tier and platform
  (`bot.vetting.benchmarks`, per follower) is read as its 10th to 90th percentile: published figures for one
  tier differ that much between sources, years and creators. So the median is √(low × high) and
  σ = ln(high / low) / (2 × 1.2816); a creator is expected to bring followers × posts × median × e^(σ²/2).
* One creator's rate is one draw for all their posts (their audience does not change between posts), and
  creators are independent. The chance that the mix delivers under half its expected engagements is worked
  out with the Fenton-Wilkinson approximation (a sum of log-normals as one log-normal; exact for one creator):
  s² = ln(1 + (e^(σ²) − 1) / N) and P = Φ((ln ½ + s² / 2) / s).
* The fee per post of each option is held against the fair rate of a typical creator of the tier
  (`bot.vetting.rates.fair_rate`, the same as the /vet card's). A fee below its band likely books nobody: the
  option says so, and that its figures assume a creator accepts it.
* The team's own results replace the benchmark for a tier once there are `MIN_HISTORY` past creators of that
  tier on the platform with posts and known followers: their median followers, and the mean and spread of the
  log of their engagements per post per follower.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import NormalDist

from bot.metrics.results import CampaignResults
from bot.vetting.benchmarks import follower_band
from bot.vetting.rates import BASE_KINDS, AskPosition, PastFee, comparable_fees, compare_ask, fair_rate
from bot.vetting.tiers import TIER_FLOORS, Tier, tier_for
from bot.vocabulary import Money, Platform

NANO_COUNT = 10  # the product's example: one micro at $5,000 against ten nano at $500
MIN_HISTORY = 3  # past creators of a tier before the team's own numbers replace the benchmarks
MIN_SIGMA = 0.05  # a spread fitted on a few very similar creators is not certainty
Z90 = NormalDist().inv_cdf(0.9)  # the band's ends are the 10th and 90th percentiles


@dataclass(frozen=True)
class PastCreator:
    """One creator's results on a past campaign (see `past_creators`)."""

    platform: Platform
    followers: int
    posts: int
    engagements: int
    spend: Decimal


def past_creators(results: CampaignResults) -> list[PastCreator]:
    """The creators of a finished campaign that can teach the planner: posts, engagements and followers known."""
    found = []
    for c in results.creators:
        followers, engagements = c.followers.value, c.figures.engagements.value
        if followers and c.figures.posts and engagements is not None:
            found.append(PastCreator(c.platform, int(followers), c.figures.posts, int(engagements), c.figures.spend))
    return found


@dataclass(frozen=True)
class TierModel:
    tier: Tier
    followers: int  # a typical creator's
    median_rate: float  # engagements per post per follower: the log-normal's median
    sigma: float  # the spread of its logarithm
    basis: str  # where the numbers come from, in words

    @property
    def mean_rate(self) -> float:
        return self.median_rate * math.exp(self.sigma**2 / 2)


def typical_followers(tier: Tier) -> int:
    """The geometric middle of the tier's follower range."""
    floors = dict(TIER_FLOORS)
    ceiling = TIER_FLOORS[[t for t, _ in TIER_FLOORS].index(tier) + 1][1]
    return round(math.sqrt(floors[tier] * ceiling))


def benchmark_model(platform: Platform, tier: Tier) -> TierModel:
    band = follower_band(platform, tier)
    low, high = band.low / 100, band.high / 100
    return TierModel(
        tier=tier,
        followers=typical_followers(tier),
        median_rate=math.sqrt(low * high),
        sigma=math.log(high / low) / (2 * Z90),
        basis=f"published benchmarks: {band.describe(platform, tier, 'engagement per follower')}",
    )


def history_model(platform: Platform, tier: Tier, history: Sequence[PastCreator]) -> TierModel | None:
    """The team's own numbers for the tier, or None when there are fewer than MIN_HISTORY past creators."""
    past = [
        p
        for p in history
        if p.platform == platform
        and p.followers > 0
        and p.posts > 0
        and p.engagements > 0
        and tier_for(p.followers) == tier
    ]
    if len(past) < MIN_HISTORY:
        return None
    logs = [math.log(p.engagements / p.posts / p.followers) for p in past]
    return TierModel(
        tier=tier,
        followers=round(statistics.median(p.followers for p in past)),
        median_rate=math.exp(statistics.fmean(logs)),
        sigma=max(statistics.stdev(logs), MIN_SIGMA),
        basis=f"your {len(past)} past {tier.value} creators on {platform.value}",
    )


def under_half_probability(sigma: float, creators: int) -> float:
    """P(the sum of `creators` independent log-normal results < half its mean), Fenton-Wilkinson."""
    s2 = math.log1p(math.expm1(sigma**2) / creators)
    s = math.sqrt(s2)
    return NormalDist().cdf((math.log(0.5) + s2 / 2) / s)


@dataclass(frozen=True)
class PlanOption:
    label: str  # "1 micro creator at $5,000"
    tier: Tier
    creators: int
    fee_each: Money
    followers_each: int
    potential_reach: int  # the creators' followers added up
    expected_engagements: int
    expected_cpe: Decimal | None  # budget / expected engagements
    p_under_half: float  # the mix delivers under half its expected engagements
    p_one_under_half: float  # one given creator delivers under half of theirs
    rate_check: str  # the fee per post against the tier's fair rate
    basis: str
    below_fair_band: bool = False  # the fee is below what a typical creator of the tier charges: few would accept


@dataclass(frozen=True)
class BudgetPlan:
    budget: Money
    platform: Platform
    posts_per_creator: int
    micro: PlanOption
    nano: PlanOption


def _option(
    budget: Money, creators: int, model: TierModel, platform: Platform, posts: int, past_fees: Sequence[PastFee]
) -> PlanOption:
    fee = Money(amount=(budget.amount / creators).quantize(Decimal("0.01")), currency=budget.currency)
    expected = round(creators * model.followers * posts * model.mean_rate)
    per_post = Money(amount=(fee.amount / posts).quantize(Decimal("0.01")), currency=fee.currency)
    kind = BASE_KINDS[platform]
    team_fees = comparable_fees(past_fees, platform, model.tier, kind)
    rate = fair_rate(platform, model.tier, followers=model.followers, kind=kind, team_fees=team_fees)
    comparison = compare_ask(per_post, rate)
    noun = "creator" if creators == 1 else "creators"
    return PlanOption(
        label=f"{creators} {model.tier.value} {noun} at {fee.display_with_symbol()}",
        tier=model.tier,
        creators=creators,
        fee_each=fee,
        followers_each=model.followers,
        potential_reach=creators * model.followers,
        expected_engagements=expected,
        expected_cpe=(budget.amount / expected).quantize(Decimal("0.0001")) if expected else None,
        p_under_half=under_half_probability(model.sigma, creators),
        p_one_under_half=under_half_probability(model.sigma, 1),
        rate_check=(
            f"{comparison.text} per post"
            if comparison
            else f"no conversion for {fee.currency}: not held against the fair rate"
        ),
        basis=model.basis,
        below_fair_band=comparison is not None and comparison.position is AskPosition.below,
    )


def plan(
    budget: Money,
    platform: Platform,
    history: Sequence[PastCreator] | None = None,
    *,
    nano_count: int = NANO_COUNT,
    posts_per_creator: int = 1,
    past_fees: Sequence[PastFee] = (),
) -> BudgetPlan:
    """One micro creator at the whole budget against `nano_count` nano creators at budget / nano_count; the fee
    per post is held against the fair rate of a typical creator of the tier, with the team's `past_fees`."""
    if budget.amount <= 0 or nano_count < 1 or posts_per_creator < 1:
        raise ValueError("the budget must be above 0, with at least one nano creator and one post each")

    def model(tier: Tier) -> TierModel:
        return history_model(platform, tier, history or ()) or benchmark_model(platform, tier)

    return BudgetPlan(
        budget=budget,
        platform=platform,
        posts_per_creator=posts_per_creator,
        micro=_option(budget, 1, model(Tier.micro), platform, posts_per_creator, past_fees),
        nano=_option(budget, nano_count, model(Tier.nano), platform, posts_per_creator, past_fees),
    )


def _option_json(option: PlanOption) -> dict[str, object]:
    return {
        "label": option.label,
        "tier": option.tier.value,
        "creators": option.creators,
        "fee_each": f"{option.fee_each.amount:f}",
        "followers_each": option.followers_each,
        "potential_reach": option.potential_reach,
        "expected_engagements": option.expected_engagements,
        "expected_cpe": None if option.expected_cpe is None else f"{option.expected_cpe:f}",
        "p_under_half": round(option.p_under_half, 4),
        "p_one_under_half": round(option.p_one_under_half, 4),
        "rate_check": option.rate_check,
        "below_fair_band": option.below_fair_band,
        "basis": option.basis,
    }


def plan_json(budget_plan: BudgetPlan) -> dict[str, object]:
    """The plan as JSON: amounts as strings, probabilities as numbers rounded to 4 places."""
    return {
        "budget": f"{budget_plan.budget.amount:f}",
        "currency": budget_plan.budget.currency,
        "platform": budget_plan.platform.value,
        "posts_per_creator": budget_plan.posts_per_creator,
        "options": [_option_json(budget_plan.micro), _option_json(budget_plan.nano)],
    }
