"""The sourced figures the fair rate is built from, each with where it comes from. No logic here: bot.vetting.rates.

Per-post ranges: the Influencer Marketing Hub rule of thumb in USD, as reproduced 2021-2023 (RATE_SOURCES "IMH").
It is a rule of thumb, not payment data: Lumanu's 250,000 payments (2024) put the median deal at $800 and the
correlation of follower count with pay at only 0.56. How the model reads these figures (a range as the 10th-90th
percentile of fees in the tier, the follower correlation as the share of that spread followers explain) is written
next to each figure; those readings are ours, not the sources'.
"""

from __future__ import annotations

from typing import Final

from bot.vetting.tiers import Tier
from bot.vocabulary import DeliverableKind, Platform

RATE_SOURCES: Final[dict[str, str]] = {
    "IMH": "http://alittleclass.blogspot.com/2021/01/how-much-do-influencers-cost.html ; "
    "https://www.wordontheblock.com/blog/influencer-pricing-guide",
    "Lumanu 2024": "https://www.lumanu.com/blog/analyzing-500-million-in-creator-payouts-2024-payment-trends",
    "HypeAuditor": "https://hypeauditor.com/blog/how-instagram-influencers-set-their-prices/",
    "Tagger/Sprout": "https://support.sproutsocial.com/hc/en-us/articles/31961558267917-Influencer-Marketing-How-are-estimated-fees-calculated",
    "The Cirqle 2024": "https://thecirqle.com/blog-post/average-creator-rates-on-instagram-and-tiktok",
    "stackmatix 2026": "https://www.stackmatix.com/blog/tiktok-influencer-rates-2026",
    "collabdxb": "https://collabdxb.com/blog/campaign-pricing-guide",
    "wordontheblock CPM": "https://www.wordontheblock.com/blog/influencer-pricing-guide",
    "sponsorrate": "https://sponsorrate-com.pages.dev/methodology",
    "creator-money-tools": "https://creator-money-tools.pages.dev/blog/good-cpm-for-creator-sponsorships",
}

RATE_SOURCE: Final = "the Influencer Marketing Hub rule of thumb, USD, as reproduced 2021-2023"

# (low, high) per post in USD; None = open-ended ("10,000+"). The Instagram and TikTok figures are per feed post
# (a TikTok post is a video), the YouTube ones per video.
RATE_TABLE: Final[dict[Platform, dict[Tier, tuple[float, float | None]]]] = {
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

# The mega range is open-ended. Tagger/Sprout's default estimate for a mega Instagram photo is $49,500 against
# the $10,000 floor: we read the mega range as floor to about 5x the floor, on every platform.
MEGA_CEILING_RATIO: Final = 49_500 / 10_000

# Our reading of a rule-of-thumb range: the 10th to 90th percentile of fees in the tier (z = 1.2816 each side).
RANGE_Z: Final = 1.2816
# Lumanu 2024: follower count and pay correlate at 0.56 - the part of the spread within a tier that the
# creator's follower count (its place in the tier) explains.
FOLLOWER_PAY_CORRELATION: Final = 0.56
# Follower bounds of a tier for its place-in-tier (the mega tier is read as 1M-10M).
MEGA_FOLLOWER_CEILING: Final = 10_000_000

# Deliverable kind against the table's base (feed post on Instagram/TikTok, video on YouTube): (low, high)
# multipliers and why. A kind with no sourced figure is (1, 1) and says so.
KIND_FACTORS: Final[dict[Platform, dict[DeliverableKind, tuple[float, float, str]]]] = {
    Platform.instagram: {
        DeliverableKind.post: (1.0, 1.0, "the kind the table prices"),
        DeliverableKind.reel: (1.40, 1.50, "video posts cost 40-50 % more than photos (HypeAuditor)"),
        # Tagger/Sprout's default micro Instagram Story $99 against the micro post's middle, sqrt(100*500) = $224.
        DeliverableKind.story: (0.44, 0.44, "Tagger/Sprout's micro Story $99 against the micro post's $224"),
        DeliverableKind.live: (1.0, 1.0, "no sourced figure, priced as a post"),
    },
    Platform.tiktok: {
        DeliverableKind.video: (1.0, 1.0, "the kind the table prices"),
        DeliverableKind.post: (1.0, 1.0, "a TikTok photo post has no sourced figure, priced as a video"),
        DeliverableKind.live: (1.0, 1.0, "no sourced figure, priced as a video"),
    },
    Platform.youtube: {
        DeliverableKind.video: (1.0, 1.0, "the kind the table prices"),
        DeliverableKind.post: (1.0, 1.0, "a community post has no sourced figure, priced as a video"),
        DeliverableKind.live: (1.0, 1.0, "no sourced figure, priced as a video"),
        # DeliverableKind.short: the TikTok range of the same tier (The Cirqle prices Reels, TikToks and Shorts
        # on one rate card); the factor is computed per tier in bot.vetting.rates.
    },
}
SHORT_BASIS: Final = "priced as a TikTok video of the tier (The Cirqle puts Reels, TikToks and Shorts on one card)"

# Premiums as (low, high) fractions added (stackmatix 2026, a secondary source citing Lumanu data): category
# exclusivity +20-50 %, usage rights +50-200 %. Each range is read like a tier's: its 10th-90th percentile.
EXCLUSIVITY_PREMIUM: Final = (0.20, 0.50)
USAGE_RIGHTS_PREMIUM: Final = (0.50, 2.00)

# Engagement above or below the tier's benchmark band moves the point in proportion (a fee follows the
# impressions a post earns: the CPM rule, wordontheblock), within these bounds.
ENGAGEMENT_FACTOR_MIN: Final = 0.7
ENGAGEMENT_FACTOR_MAX: Final = 1.3

# Niche multipliers from a published rate estimator's methodology (sponsorrate: "audience purchasing power and
# advertiser demand"). One estimator's figures, not payment data; the direction agrees with collabdxb and
# creator-money-tools (finance, software and B2B priced higher). Our reading: each multiplier is uncertain by half
# its own size (in logs), which widens the band; a niche not in the table moves nothing and says so.
NICHE_FACTORS: Final[dict[str, float]] = {
    "technology": 1.3,
    "finance": 1.5,
    "business": 1.3,
    "fashion": 1.1,
    "beauty": 1.1,
    "fitness": 1.0,
    "food": 0.9,
    "travel": 1.0,
    "gaming": 1.1,
    "education": 1.0,
    "entertainment": 0.9,
    "lifestyle": 0.9,
    "parenting": 1.0,
    "health": 1.2,
    "automotive": 1.3,
    "real estate": 1.4,
    "luxury": 1.5,
    "pets": 0.8,
    "sports": 1.0,
}
NICHE_SOURCE: Final = "sponsorrate's niche multiplier"
# Words a team types for the table's niches (one word after niche:, lower case).
NICHE_WORDS: Final[dict[str, str]] = {
    **{niche: niche for niche in NICHE_FACTORS if " " not in niche},
    "tech": "technology",
    "software": "technology",
    "saas": "technology",
    "gadgets": "technology",
    "money": "finance",
    "investing": "finance",
    "crypto": "finance",
    "personal-finance": "finance",
    "b2b": "business",
    "marketing": "business",
    "entrepreneur": "business",
    "style": "fashion",
    "makeup": "beauty",
    "skincare": "beauty",
    "gym": "fitness",
    "cooking": "food",
    "recipes": "food",
    "foodie": "food",
    "games": "gaming",
    "esports": "gaming",
    "wellness": "health",
    "comedy": "entertainment",
    "parents": "parenting",
    "family": "parenting",
    "mom": "parenting",
    "cars": "automotive",
    "auto": "automotive",
    "realestate": "real estate",
    "real-estate": "real estate",
    "property": "real estate",
    "pet": "pets",
    "dogs": "pets",
    "cats": "pets",
    "sport": "sports",
}
NICHE_UNCERTAINTY: Final = 0.5
NICHE_EXAMPLES: Final = "finance, tech, beauty, fashion, gaming, food, travel, fitness"

# The team's own fees count like this many market data points: with 3 comparable fees the blend is half and half.
TEAM_PRIOR_WEIGHT: Final = 3

# Rough USD value of one unit of each currency (2025 averages, good to about 10 %), so an ask in euros can be
# held against a USD estimate; the comparison says when it converted.
APPROX_USD_PER_UNIT: Final[dict[str, float]] = {"USD": 1.0, "EUR": 1.10, "GBP": 1.30, "CAD": 0.73, "AUD": 0.66}
