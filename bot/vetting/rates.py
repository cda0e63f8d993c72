"""A fair per-post rate range for a creator, and how a creator's ask compares with it.

Base ranges are the Influencer Marketing Hub rule of thumb per post in USD, as reproduced 2021-2023
(http://alittleclass.blogspot.com/2021/01/how-much-do-influencers-cost.html ;
https://www.adquadrant.com/influencer-marketing-how-to-determine-rates-for-your-e-commerce-brand-in-2022/ ;
https://www.wordontheblock.com/blog/influencer-pricing-guide). It is a rule of thumb, not payment data: Lumanu's
250,000 payments (2024) put the median deal at $800 and the follower/pay correlation at only 0.56, so the range is
a starting point for a conversation, never a quote.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel

from bot.vetting.benchmarks import Band, band_tier
from bot.vetting.tiers import Tier
from bot.vocabulary import CURRENCY_SYMBOLS, Money, Platform

RATE_SOURCE = "Influencer Marketing Hub rule of thumb per post, USD (as reproduced 2021-2023)"

# (low, high) per post in USD; None = open-ended ("10,000+").
RATE_TABLE: dict[Platform, dict[Tier, tuple[float, float | None]]] = {
    Platform.instagram: {
        Tier.nano: (10, 100),
        Tier.micro: (100, 500),
        Tier.mid: (500, 5_000),
        Tier.macro: (5_000, 10_000),
        Tier.mega: (10_000, None),
    },
    Platform.tiktok: {
        Tier.nano: (5, 25),
        Tier.micro: (25, 125),
        Tier.mid: (125, 1_250),
        Tier.macro: (1_250, 2_500),
        Tier.mega: (2_500, None),
    },
    Platform.youtube: {
        Tier.nano: (20, 200),
        Tier.micro: (200, 1_000),
        Tier.mid: (1_000, 10_000),
        Tier.macro: (10_000, 20_000),
        Tier.mega: (20_000, None),
    },
}

# Engagement above or below the benchmark band moves the range, within these bounds.
ENGAGEMENT_FACTOR_MIN = 0.7
ENGAGEMENT_FACTOR_MAX = 1.3

# Premiums as (low, high) fractions added to the low and high ends of the range.
# Exclusivity +30-50 % (the brief; stackmatix 2026 publishes +20-50 % for category exclusivity). Usage rights
# +50-200 % (stackmatix 2026, https://www.stackmatix.com/blog/tiktok-influencer-rates-2026, a secondary source).
EXCLUSIVITY_PREMIUM = (0.30, 0.50)
USAGE_RIGHTS_PREMIUM = (0.50, 2.00)

# Rough USD value of one unit of each currency (2025 averages, good to about 10 %), so an ask in euros can be
# held against a USD range; the comparison says when it converted.
APPROX_USD_PER_UNIT: dict[str, float] = {"USD": 1.0, "EUR": 1.10, "GBP": 1.30, "CAD": 0.73, "AUD": 0.66}
_SYMBOLS = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items()}

# One optional run of spaces between the number and what follows it: "\s*(?P<k>k)?\s*" let two runs share the
# spaces of "1      x" in every possible split, so a long run of spaces was quadratic.
_ASK = re.compile(
    r"^(?P<pre>[$€£]|usd|eur|gbp|cad|aud)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?:(?P<k>k)\s*)?(?P<post>[$€£]|usd|eur|gbp|cad|aud)?$",
    re.IGNORECASE,
)


def parse_ask(text: str) -> Money:
    """'$800', '800', '€650', '1.2k', '650 EUR' (an optional leading 'ask:') -> Money; ValueError if not a price."""
    cleaned = text.strip()
    if cleaned.lower().startswith(("ask:", "ask=")):
        cleaned = cleaned[4:].strip()
    match = _ASK.match(cleaned)
    if not match or (match["pre"] and match["post"]):
        raise ValueError(f"'{text}' is not a price; write it like ask:$800, ask:800 or ask:€650")
    amount = Decimal(match["num"].replace(",", "")) * (1000 if match["k"] else 1)
    if amount <= 0:
        raise ValueError(f"'{text}' is not a price above zero")
    unit = (match["pre"] or match["post"] or "USD").upper()
    return Money(amount=amount, currency=_SYMBOLS.get(unit, unit))


class RateRange(BaseModel):
    low: float
    high: float | None  # None: open-ended (mega tier)
    currency: str = "USD"
    base_low: float
    base_high: float | None
    engagement_factor: float
    adjustments: list[str]  # each adjustment in words, in the order applied
    source: str

    def display(self) -> str:
        if self.high is None:
            return f"${self.low:,.0f} and up"
        return f"${self.low:,.0f}-${self.high:,.0f}"


def engagement_factor(engagement_pct: float | None, band: Band | None) -> float:
    """1.0 inside the band; below it down to x0.7, above it up to x1.3, in proportion to the distance."""
    if engagement_pct is None or band is None or band.low <= 0:
        return 1.0
    if engagement_pct < band.low:
        return max(ENGAGEMENT_FACTOR_MIN, engagement_pct / band.low)
    if engagement_pct > band.high:
        return min(ENGAGEMENT_FACTOR_MAX, engagement_pct / band.high)
    return 1.0


def fair_rate(
    platform: Platform,
    tier: Tier,
    *,
    engagement_pct: float | None = None,
    band: Band | None = None,
    exclusivity: bool = False,
    usage_rights: bool = False,
) -> RateRange:
    """Per-post range for the tier (emerging creators get the nano range), moved by engagement and premiums."""
    base_low, base_high = RATE_TABLE[platform][band_tier(tier)]
    factor = round(engagement_factor(engagement_pct, band), 3)
    low, high = base_low * factor, None if base_high is None else base_high * factor
    adjustments = []
    if tier == Tier.emerging:
        adjustments.append("under 1K followers: the nano range, to be read as a ceiling")
    if factor != 1.0:
        direction = "above" if factor > 1 else "below"
        adjustments.append(f"x{factor:.2f}: engagement {direction} the {tier.value} {platform.value} band")
    for wanted, (add_low, add_high), name in (
        (exclusivity, EXCLUSIVITY_PREMIUM, "exclusivity"),
        (usage_rights, USAGE_RIGHTS_PREMIUM, "paid usage rights"),
    ):
        if wanted:
            low *= 1 + add_low
            high = None if high is None else high * (1 + add_high)
            adjustments.append(f"+{add_low:.0%}-{add_high:.0%} for {name}")
    return RateRange(
        low=round(low),
        high=None if high is None else round(high),
        base_low=base_low,
        base_high=base_high,
        engagement_factor=factor,
        adjustments=adjustments,
        source=RATE_SOURCE,
    )


class AskPosition(StrEnum):
    below = "below"
    within = "within"
    above = "above"


class AskComparison(BaseModel):
    ask: Money
    ask_usd: float
    converted: bool  # the ask was in another currency and converted at a rough rate
    position: AskPosition
    difference_pct: float  # how far below the low end or above the high end; 0 within
    text: str


def compare_ask(ask: Money, rate: RateRange) -> AskComparison | None:
    """Where the ask sits against the range; None when its currency has no known conversion."""
    per_unit = APPROX_USD_PER_UNIT.get(ask.currency)
    if per_unit is None:
        return None
    ask_usd = float(ask.amount) * per_unit  # a rough conversion: float is enough
    converted = ask.currency != "USD"
    shown = ask.display_with_symbol() + (f" (about ${ask_usd:,.0f})" if converted else "")
    if ask_usd < rate.low:
        position, diff = AskPosition.below, (rate.low - ask_usd) / rate.low * 100
        text = f"{shown} is {diff:.0f} % below the fair range {rate.display()}"
    elif rate.high is not None and ask_usd > rate.high:
        position, diff = AskPosition.above, (ask_usd - rate.high) / rate.high * 100
        text = f"{shown} is {diff:.0f} % above the fair range {rate.display()}"
    else:
        position, diff = AskPosition.within, 0.0
        text = f"{shown} is within the fair range {rate.display()}"
    return AskComparison(
        ask=ask,
        ask_usd=round(ask_usd, 2),
        converted=converted,
        position=position,
        difference_pct=round(diff, 1),
        text=text,
    )
