"""A fair per-post rate for a creator: a point, the middle half of fees around it, the factors that moved it, and
how a creator's ask compares with it. The figures and their sources are in bot.vetting.rate_facts.

The model, in log space (fees are log-normal: a few deals are many times the median):
* the tier's sourced range for the platform is read as the 10th-90th percentile of fees; its geometric middle
  is the base and its spread the tier's sigma;
* the creator's place in the tier by followers moves the point by the share of that spread followers explain
  (Lumanu's 0.56 correlation), and leaves the rest (sqrt(1 - 0.56^2) of it) as the creator's own spread;
* engagement against the benchmark band, the deliverable kind and the premiums multiply the point; a kind or
  premium given as a range adds its own spread;
* the team's own past fees for comparable creators (same platform, tier and kind, premiums and place in the
  tier taken out) pull the point toward their median, each fee weighing as much as one third of the market
  figure, and their spread is pooled with the market's (n - 1 degrees of freedom against 3);
* the band is the 25th-75th percentile of the result: point x exp(+-0.674 sigma).
It is a starting point for a conversation, never a quote.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel

from bot.vetting.benchmarks import Band, band_tier
from bot.vetting.rate_facts import (
    APPROX_USD_PER_UNIT,
    ENGAGEMENT_FACTOR_MAX,
    ENGAGEMENT_FACTOR_MIN,
    EXCLUSIVITY_PREMIUM,
    FOLLOWER_PAY_CORRELATION,
    KIND_FACTORS,
    MEGA_CEILING_RATIO,
    MEGA_FOLLOWER_CEILING,
    NICHE_EXAMPLES,
    NICHE_FACTORS,
    NICHE_SOURCE,
    NICHE_UNCERTAINTY,
    NICHE_WORDS,
    RANGE_Z,
    RATE_SOURCE,
    RATE_TABLE,
    SHORT_BASIS,
    TEAM_PRIOR_WEIGHT,
    USAGE_RIGHTS_PREMIUM,
)
from bot.vetting.tiers import TIER_FLOORS, Tier, tier_for
from bot.vocabulary import CURRENCY_SYMBOLS, DeliverableKind, Money, Platform

QUARTILE_Z = 0.6745  # the 25th and 75th percentiles of a normal, in standard deviations
# What the sourced table prices on each platform: an Instagram feed post, a TikTok video, a YouTube video.
BASE_KINDS: dict[Platform, DeliverableKind] = {
    Platform.instagram: DeliverableKind.post,
    Platform.tiktok: DeliverableKind.video,
    Platform.youtube: DeliverableKind.video,
}

_SYMBOLS = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items()}

# One optional run of spaces between the number and what follows it: "\s*(?P<k>k)?\s*" let two runs share the
# spaces of "1      x" in every possible split, so a long run of spaces was quadratic.
_ASK = re.compile(
    r"^(?P<pre>[$€£]|usd|eur|gbp|cad|aud)?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?:(?P<k>k)\s*)?(?P<post>[$€£]|usd|eur|gbp|cad|aud)?$",
    re.IGNORECASE,
)
MAX_ASK_CHARS = 40
# A fee for one deliverable: at least one unit of money, at most what any creator is paid for one (a mega
# creator's post is about $50,000); beyond that it is a typo, and Money could not hold it either.
MIN_ASK = Decimal(1)
MAX_ASK = Decimal(10_000_000)


def parse_ask(text: str) -> Money:
    """'$800', '800', '€650', '1.2k', '650 EUR' (an optional leading 'ask:') -> Money; ValueError if not a price."""
    cleaned = text.strip()
    if cleaned.lower().startswith(("ask:", "ask=")):
        cleaned = cleaned[4:].strip()
    match = _ASK.match(cleaned) if len(cleaned) <= MAX_ASK_CHARS else None
    if not match or (match["pre"] and match["post"]):
        raise ValueError(f"'{text[:MAX_ASK_CHARS]}' is not a price; write it like ask:$800, ask:800 or ask:€650")
    amount = Decimal(match["num"].replace(",", "")) * (1000 if match["k"] else 1)
    if amount <= 0:
        raise ValueError(f"'{text}' is not a price above zero; write it like ask:$800")
    if amount < MIN_ASK:
        raise ValueError(f"'{text}' is less than one unit of money; write the price like ask:$800 or ask:€650")
    if amount > MAX_ASK:
        raise ValueError(f"'{text}' is more than {MAX_ASK:,} for one deliverable; write the price like ask:$800")
    unit = (match["pre"] or match["post"] or "USD").upper()
    return Money(amount=amount, currency=_SYMBOLS.get(unit, unit))


def _usd(amount: float) -> str:
    return f"${amount:,.0f}"


class RateFactor(BaseModel):
    """One thing that moved the point: its name, by how much (a multiplier) and why, in words."""

    name: str
    multiplier: float
    detail: str

    def display(self) -> str:
        change = round((self.multiplier - 1) * 100)
        effect = "no change" if change == 0 else f"{change:+d} %"
        return f"{self.name} {effect}: {self.detail}"


class TeamFees(BaseModel):
    """The team's own fees that were blended in: how many, their median per post (USD, premiums taken out)."""

    count: int
    median: float  # as for a creator in the middle of the tier, without premiums
    paid_median: float  # the fee agreed per deliverable (booked on a campaign, not necessarily paid out yet)
    weight: float  # the share of the point's log they decide


class RateRange(BaseModel):
    """A fair rate. `low`-`high` is the band (the middle half of fees); `point` the estimate. Runs stored before
    the point existed have no point and read as their old range."""

    low: float
    high: float | None  # None: open-ended (only in runs stored before the point existed)
    currency: str = "USD"
    base_low: float
    base_high: float | None
    engagement_factor: float = 1.0
    adjustments: list[str] = []  # each factor in words, in the order applied
    source: str
    point: float | None = None
    kind: str | None = None  # what one deliverable is: "post", "reel", ...
    factors: list[RateFactor] = []
    team: TeamFees | None = None
    sigma: float | None = None  # the spread of log fees around the point
    base: float | None = None  # the middle of the tier's sourced range, before any factor
    base_kind: str | None = None  # what the sourced range prices: a post on Instagram, a video elsewhere

    def basis(self) -> str | None:
        """'base $224: the middle of $100-$500 per post (Influencer Marketing Hub ...)'; None for a stored run."""
        if self.base is None:
            return None
        top = _usd(self.base_high) if self.base_high is not None else "open-ended"
        per = self.base_kind or "post"
        return f"base {_usd(self.base)}: the middle of {_usd(self.base_low)}-{top} per {per}, {self.source}"

    def band(self) -> str:
        if self.high is None:
            return f"{_usd(self.low)} and up"
        return f"{_usd(self.low)}-{_usd(self.high)}"

    def display(self) -> str:
        """'$637 per reel (band $420-$960)'; a stored run without a point: '$195-$2,250'."""
        if self.point is None:
            return self.band()
        return f"{_usd(self.point)} per {self.kind or 'post'} (band {self.band()})"

    def width_pct(self) -> float | None:
        """How wide the band is, as a share of the point (of the range's middle for a stored run)."""
        if self.high is None:
            return None
        middle = self.point if self.point is not None else (self.low + self.high) / 2
        return (self.high - self.low) / middle * 100 if middle else None


def engagement_factor(engagement_pct: float | None, band: Band | None) -> float:
    """1.0 inside the band; below it down to x0.7, above it up to x1.3, in proportion to the distance."""
    if engagement_pct is None or band is None or band.low <= 0:
        return 1.0
    if engagement_pct < band.low:
        return max(ENGAGEMENT_FACTOR_MIN, engagement_pct / band.low)
    if engagement_pct > band.high:
        return min(ENGAGEMENT_FACTOR_MAX, engagement_pct / band.high)
    return 1.0


def _spread(low: float, high: float) -> float:
    """The sigma of log fees when low-high is the 10th-90th percentile."""
    return math.log(high / low) / (2 * RANGE_Z)


def tier_range(platform: Platform, tier: Tier) -> tuple[float, float]:
    """The sourced (low, high) per post in USD; the open-ended mega range read up to its sourced ceiling."""
    low, high = RATE_TABLE[platform][band_tier(tier)]
    return low, high if high is not None else low * MEGA_CEILING_RATIO


def _follower_bounds(tier: Tier) -> tuple[int, int]:
    floors = dict(TIER_FLOORS)
    ordered = [t for t, _ in TIER_FLOORS]
    index = ordered.index(tier)
    upper = floors[ordered[index + 1]] if index + 1 < len(ordered) else MEGA_FOLLOWER_CEILING
    return floors[tier], upper


def _follower_z(followers: int, tier: Tier) -> float:
    """Where the creator sits in its tier in standard deviations, followers read as log-uniform in the tier."""
    low, high = _follower_bounds(tier)
    place = (math.log(max(followers, 1)) - math.log(low)) / (math.log(high) - math.log(low))
    return (min(max(place, 0.0), 1.0) - 0.5) * math.sqrt(12)


def follower_multiplier(platform: Platform, tier: Tier, followers: int) -> float:
    """What the creator's place in its tier multiplies the middle of the tier's range by."""
    low, high = tier_range(platform, tier)
    return math.exp(FOLLOWER_PAY_CORRELATION * _spread(low, high) * _follower_z(followers, band_tier(tier)))


def kind_factor(platform: Platform, tier: Tier, kind: DeliverableKind) -> tuple[float, float, str]:
    """(multiplier, its sigma, why) for one deliverable of `kind` against the platform's base kind."""
    if platform == Platform.youtube and kind == DeliverableKind.short:
        tiktok, youtube = tier_range(Platform.tiktok, tier), tier_range(Platform.youtube, tier)
        return math.sqrt(tiktok[0] * tiktok[1]) / math.sqrt(youtube[0] * youtube[1]), 0.0, SHORT_BASIS
    if kind not in KIND_FACTORS[platform]:
        return 1.0, 0.0, f"{platform.value} has no {kind.value}: priced as the kind the table prices"
    low, high, why = KIND_FACTORS[platform][kind]
    return math.sqrt(low * high), _spread(low, high) if high > low else 0.0, why


def niche_factor(niche: str) -> tuple[float, float, str]:
    """(multiplier, its sigma, why) for the creator's niche, as the team typed it."""
    known = NICHE_WORDS.get(niche.lower())
    if known is None:
        return 1.0, 0.0, f"no sourced figure for it (there is one for {NICHE_EXAMPLES}, …)"
    factor = NICHE_FACTORS[known]
    named = "" if known == niche.lower() else f" for {known}"
    return factor, abs(math.log(factor)) * NICHE_UNCERTAINTY, f"{NICHE_SOURCE}{named}, one estimator, not payment data"


def _premium(premium: tuple[float, float]) -> tuple[float, float]:
    low, high = 1 + premium[0], 1 + premium[1]
    return math.sqrt(low * high), _spread(low, high)


def premium_multiplier(exclusivity: bool, usage_rights: bool) -> float:
    """What the premiums multiply a fee by: a fee paid with them is divided by this to compare like with like."""
    multiplier = 1.0
    for wanted, premium in ((exclusivity, EXCLUSIVITY_PREMIUM), (usage_rights, USAGE_RIGHTS_PREMIUM)):
        if wanted:
            multiplier *= _premium(premium)[0]
    return multiplier


def fair_rate(
    platform: Platform,
    tier: Tier,
    *,
    followers: int | None = None,
    engagement_pct: float | None = None,
    band: Band | None = None,
    engagement_basis: str = "per follower",
    kind: DeliverableKind | None = None,
    niche: str | None = None,
    exclusivity: bool = False,
    usage_rights: bool = False,
    team_fees: Sequence[ComparableFee] = (),
) -> RateRange:
    """The fair rate of one deliverable: a point, its band, and each factor with its effect (see the module).
    `team_fees`: the team's fees for comparable creators (comparable_fees)."""
    kind = kind or BASE_KINDS[platform]
    base_low, base_high = RATE_TABLE[platform][band_tier(tier)]
    low, high = tier_range(platform, tier)
    base = math.sqrt(low * high)
    sigma_tier = _spread(low, high)
    factors: list[RateFactor] = []
    spreads: list[float] = []

    if followers is None:
        spreads.append(sigma_tier)
        factors.append(RateFactor(name="followers", multiplier=1.0, detail="not known"))
    else:
        z = _follower_z(followers, band_tier(tier))  # under 1K followers: the very bottom of the nano tier
        spreads.append(sigma_tier * math.sqrt(1 - FOLLOWER_PAY_CORRELATION**2))
        floor, ceiling = _follower_bounds(band_tier(tier))
        where = "upper" if z > 0.3 else "lower" if z < -0.3 else "middle"
        place = f"the {where} part of the {band_tier(tier).value} tier"
        if followers < floor:  # an emerging creator: no published tier, priced as the bottom of nano
            place = f"under the {band_tier(tier).value} tier's {floor:,}: priced as its bottom"
        elif followers > ceiling:
            place = f"over {ceiling:,}: priced as the top of the {band_tier(tier).value} tier"
        factors.append(
            RateFactor(
                name="followers",
                multiplier=follower_multiplier(platform, tier, followers),
                detail=f"{followers:,}, {place} (Lumanu: followers correlate 0.56 with pay)",
            )
        )
    engagement = engagement_factor(engagement_pct, band)
    if engagement_pct is not None and band is not None:
        where = "above" if engagement > 1 else "below" if engagement < 1 else "within"
        factors.append(
            RateFactor(
                name="engagement",
                multiplier=engagement,
                # The base is said: beside the card's per-follower figure, a per-view one would look contradictory.
                detail=f"{engagement_pct:.2f} % {engagement_basis} is {where} the {band.low:g}-{band.high:g} %"
                " benchmark; a fee follows impressions",
            )
        )
    if niche:
        factor, sigma, detail = niche_factor(niche)
        spreads.append(sigma)
        factors.append(RateFactor(name=f"niche {niche}", multiplier=factor, detail=detail))
    multiplier, sigma, why = kind_factor(platform, tier, kind)
    spreads.append(sigma)
    factors.append(RateFactor(name=kind.value, multiplier=multiplier, detail=why))
    for wanted, premium, name in (
        (exclusivity, EXCLUSIVITY_PREMIUM, "exclusivity"),
        (usage_rights, USAGE_RIGHTS_PREMIUM, "usage rights"),
    ):
        if wanted:
            multiplier, sigma = _premium(premium)
            spreads.append(sigma)
            detail = f"+{premium[0] * 100:.0f}-{premium[1] * 100:.0f} % (stackmatix 2026), middle taken"
            factors.append(RateFactor(name=name, multiplier=multiplier, detail=detail))
    team = None
    fees = [fee for fee in team_fees if fee.paid > 0 and fee.typical > 0]
    if fees:
        market = base * _product(f.multiplier for f in factors if f.name == kind.value)
        median = statistics.median(fee.typical for fee in fees)
        paid = statistics.median(fee.paid for fee in fees)
        weight = len(fees) / (len(fees) + TEAM_PRIOR_WEIGHT)
        if len(fees) > 1:  # the team's own spread, pooled with the market's: n - 1 degrees of freedom against 3
            logs = [math.log(fee.typical) for fee in fees]
            spreads[0] = math.sqrt(
                (TEAM_PRIOR_WEIGHT * spreads[0] ** 2 + (len(fees) - 1) * statistics.variance(logs))
                / (TEAM_PRIOR_WEIGHT + len(fees) - 1)
            )
        team = TeamFees(count=len(fees), median=round(median, 2), paid_median=round(paid, 2), weight=round(weight, 3))
        noun = kind.value if len(fees) == 1 else f"{kind.value}s"
        factors.append(
            RateFactor(
                name="your team's fees",
                multiplier=math.exp(weight * (math.log(median) - math.log(market))),
                detail=f"{len(fees)} comparable {tier.value} {platform.value} {noun}, "
                f"{'agreed fee' if len(fees) == 1 else 'median agreed fee'} {_usd(paid)} per {kind.value};"
                f" for the middle of the tier without premiums {_usd(median)} against the market's {_usd(market)}"
                + (f"; {_own(fees)} this creator's" if any(fee.own for fee in fees) else ""),
            )
        )
    point = base * _product(f.multiplier for f in factors)
    total_sigma = math.sqrt(sum(s * s for s in spreads))
    return RateRange(
        low=_round(point * math.exp(-QUARTILE_Z * total_sigma)),
        high=_round(point * math.exp(QUARTILE_Z * total_sigma)),
        point=_round(point),
        kind=kind.value,
        base_low=base_low,
        base_high=base_high,
        engagement_factor=round(engagement, 3),
        adjustments=[f.display() for f in factors],
        factors=factors,
        team=team,
        sigma=round(total_sigma, 4),
        base=round(base, 2),
        base_kind=BASE_KINDS[platform].value,
        source=RATE_SOURCE + ", read as the 10th-90th percentile of fees",
    )


def _own(fees: Sequence[ComparableFee]) -> str:
    own = sum(fee.own for fee in fees)
    return "the one fee is" if len(fees) == own == 1 else f"{own} of them" if own > 1 else "one of them"


def _product(values: Iterable[float]) -> float:
    return math.prod(values, start=1.0)


def _round(amount: float) -> float:
    """Whole dollars; to $5 from $100 and to $10 from $1,000, so the card does not pretend to a precision."""
    step = 1 if amount < 100 else 5 if amount < 1_000 else 10
    return float(round(amount / step) * step)


@dataclass(frozen=True)
class PastFee:
    """A fee this workspace agreed with a creator: for `posts` deliverables of one kind."""

    platform: Platform
    followers: int
    fee: Money
    posts: int
    kind: DeliverableKind
    exclusivity: bool
    usage_rights: bool
    handle: str = ""


@dataclass(frozen=True)
class ComparableFee:
    """A past fee per deliverable in USD: as agreed (the creator's fee on a campaign, paid out or not), and as for a
    creator in the middle of the tier without premiums."""

    paid: float
    typical: float
    own: bool = False  # the fee of the creator being looked at


def comparable_fees(
    past: Sequence[PastFee], platform: Platform, tier: Tier, kind: DeliverableKind, handle: str = ""
) -> list[ComparableFee]:
    """The per-post fees in USD of past creators on the same platform, tier and kind, as for a creator in the
    middle of the tier without premiums: each fee's premiums and place in the tier taken out."""
    fees = []
    for fee in past:
        per_unit = APPROX_USD_PER_UNIT.get(fee.fee.currency)
        if (
            per_unit is None
            or fee.posts < 1
            or fee.platform != platform
            or fee.kind != kind
            or band_tier(tier_for(fee.followers)) != band_tier(tier)
        ):
            continue
        per_post = float(fee.fee.amount) * per_unit / fee.posts
        typical = per_post / premium_multiplier(fee.exclusivity, fee.usage_rights)
        own = bool(handle) and fee.handle.lower() == handle.lower()
        typical /= follower_multiplier(platform, tier, fee.followers)
        fees.append(ComparableFee(paid=per_post, typical=typical, own=own))
    return fees


class AskPosition(StrEnum):
    below = "below"
    within = "within"
    above = "above"


class AskComparison(BaseModel):
    ask: Money
    ask_usd: float
    converted: bool  # the ask was in another currency and converted at a rough rate
    position: AskPosition  # against the band
    difference_pct: float  # how far above (+) or below (-) the point
    text: str


def compare_ask(ask: Money, rate: RateRange) -> AskComparison | None:
    """Where the ask sits against the point and the band; None when its currency has no known conversion."""
    per_unit = APPROX_USD_PER_UNIT.get(ask.currency)
    if per_unit is None:
        return None
    ask_usd = float(ask.amount) * per_unit  # a rough conversion: float is enough
    converted = ask.currency != "USD"
    shown = ask.display_with_symbol() + (f" (about ${ask_usd:,.0f})" if converted else "")
    if ask_usd < rate.low:
        position = AskPosition.below
    elif rate.high is not None and ask_usd > rate.high:
        position = AskPosition.above
    else:
        position = AskPosition.within
    point = rate.point if rate.point is not None else (rate.low if rate.high is None else (rate.low + rate.high) / 2)
    diff = (ask_usd - point) / point * 100
    where = "inside" if position == AskPosition.within else position.value
    if round(diff) == 0:
        text = f"{shown} is at the fair point {_usd(point)}, {where} the band {rate.band()}"
    elif diff >= 900:  # "326,431 % above" reads as noise; ten times or more is said as a multiple
        text = f"{shown} is {ask_usd / point:,.0f} times the fair point {_usd(point)}, above the band {rate.band()}"
    else:
        text = (
            f"{shown} is {abs(diff):,.0f} % {'above' if diff > 0 else 'below'} the fair point {_usd(point)}, "
            f"{where} the band {rate.band()}"
        )
    return AskComparison(
        ask=ask,
        ask_usd=round(ask_usd, 2),
        converted=converted,
        position=position,
        difference_pct=round(diff, 1),
        text=text,
    )
