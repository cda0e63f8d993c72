"""Engagement-rate benchmarks by platform and tier, each band with the published figures it comes from.

Published ERs differ 3-10x for the same tier (followers vs views, mean vs median, year), so a creator is held
against a *band*: its low end is the lowest credible published figure for the tier, its high end the highest.
Rates are percentages. Per-view bands publish a single average, so their low end is half of it (our rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.vetting.tiers import TIER_RANGES, Tier
from bot.vocabulary import Platform

SOURCES: dict[str, str] = {
    "HypeAuditor 2026": "https://www.emarketer.com/content/smaller-creators-deliver-efficiency-roi-pressure-mounts",
    "HypeAuditor 2023": "https://busycontinent.com/influencers-impacted-fraud-decreases-hypeauditor/",
    "HypeAuditor 2024": "https://opesmercis.com/mega-macro-mid-tier-micro-and-nano-influencers-what-each-tier-is-really-good-for",
    "HypeAuditor (36K influencers)": "https://hypeauditor.com/blog/how-do-micro-influencers-and-mega-influencers-compare-in-instagram-engagement-rates",
    "Mavrck": "https://influencermarketinghub.com/instagram-influencer-generated-content-infographic/",
    "CreatorIQ 2023": "https://www.omnesinfluencers.com/news/size-does-matter-macro-influencers-come-out-on-top-on-tiktok",
    "Captiv8": "https://content-na1.emarketer.com/exclusive-instagram-s-nano-influencers-outperform-as-do-tiktok-s-upper-echelon-of-creators",
    "Influencer Hero TikTok": "https://www.influencer-hero.com/resources/free-tiktok-engagement-rate-calculator",
    "Influencer Hero YouTube": "https://influencer-hero.com/resources/free-youtube-engagement-rate-calculator",
    "CreatorDB": "https://www.creatordb.app/blog/engagement-rates-in-influencer-marketing-the-most-important-metric-3/",
}


@dataclass(frozen=True)
class Band:
    low: float  # % — below this the creator under-performs its peers
    high: float  # % — the top of the published figures for the tier
    source: str  # how low and high were chosen, naming SOURCES keys

    def describe(self, platform: Platform, tier: Tier, basis: str) -> str:
        return (
            f"{platform.value} {tier.value} ({TIER_RANGES[tier]}) {basis}: {self.low:g}-{self.high:g} % [{self.source}]"
        )


PER_FOLLOWER: dict[Platform, dict[Tier, Band]] = {
    Platform.instagram: {
        Tier.nano: Band(1.78, 6.84, "HypeAuditor 2026 1.78 %; Mavrck 1K-5K 6.84 %"),
        Tier.micro: Band(0.54, 3.07, "HypeAuditor 2026 10K-50K 0.54 %; Mavrck 10K-50K 3.07 %"),
        Tier.mid: Band(0.54, 2.21, "HypeAuditor 2026 micro 0.54 % carried up (no mid figure); Mavrck 100K-500K 2.21 %"),
        Tier.macro: Band(
            0.33, 1.62, "HypeAuditor 2026 mega 0.33 % as floor; HypeAuditor (36K influencers) 1.54-1.62 %"
        ),
        Tier.mega: Band(0.23, 0.68, "CreatorIQ 2023 mega 0.23 %; HypeAuditor 2024 mega 0.68 %"),
    },
    Platform.tiktok: {
        Tier.nano: Band(1.11, 2.18, "Influencer Hero TikTok 1K-10K average band"),
        Tier.micro: Band(0.29, 0.87, "Influencer Hero TikTok 10K-100K average band"),
        Tier.mid: Band(0.68, 1.0, "Influencer Hero TikTok 100K-500K average band"),
        Tier.macro: Band(0.96, 1.29, "Influencer Hero TikTok 500K-1M average band"),
        Tier.mega: Band(1.11, 1.43, "Influencer Hero TikTok 1M+ average band"),
    },
    Platform.youtube: {
        Tier.nano: Band(0.56, 2.11, "Influencer Hero YouTube 1K-10K average band"),
        Tier.micro: Band(0.19, 0.49, "Influencer Hero YouTube 10K-100K average band"),
        Tier.mid: Band(0.14, 0.29, "Influencer Hero YouTube 100K-500K average band"),
        Tier.macro: Band(0.14, 0.19, "Influencer Hero YouTube 500K-1M average band"),
        Tier.mega: Band(0.14, 0.19, "Influencer Hero YouTube 500K-1M band (none published for 1M+)"),
    },
}

PER_VIEW: dict[Platform, dict[Tier, Band]] = {
    Platform.tiktok: {
        Tier.nano: Band(6.3, 12.6, "half of / HypeAuditor 2023 nano 12.6 %"),
        Tier.micro: Band(3.55, 7.1, "half of / HypeAuditor 2024 mega 7.1 % (no figure for this tier)"),
        Tier.mid: Band(3.55, 7.1, "half of / HypeAuditor 2024 mega 7.1 % (no figure for this tier)"),
        Tier.macro: Band(3.55, 7.1, "half of / HypeAuditor 2024 mega 7.1 % (no figure for this tier)"),
        Tier.mega: Band(2.48, 4.95, "half of / Captiv8 >1.5M 4.95 %"),
    },
    Platform.youtube: {
        tier: Band(2.0, 4.0, "half of / CreatorDB average about 4 % per view") for tier in Tier if tier != Tier.emerging
    },
}

# On Instagram reach rarely goes far beyond the follower base, so an ER far above the band is suspicious; on
# TikTok and YouTube the feed shows videos to non-followers and a high per-follower ER is normal.
FLAGS_HIGH_ER: frozenset[Platform] = frozenset({Platform.instagram})


def band_tier(tier: Tier) -> Tier:
    """The tier whose band applies: no figure is published below 1K followers, so emerging creators get nano's."""
    return Tier.nano if tier == Tier.emerging else tier


def follower_band(platform: Platform, tier: Tier) -> Band:
    return PER_FOLLOWER[platform][band_tier(tier)]


def view_band(platform: Platform, tier: Tier) -> Band | None:
    """None where no per-view figure is published (Instagram)."""
    bands = PER_VIEW.get(platform)
    return bands[band_tier(tier)] if bands is not None else None
