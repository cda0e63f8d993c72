"""Creator size tiers by follower count (Mediakix/STIM tiers, with micro up to 100K as the brief asks)."""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    emerging = "emerging"  # below 1K: not yet in any published tier
    nano = "nano"
    micro = "micro"
    mid = "mid"
    macro = "macro"
    mega = "mega"


# Lower bound (inclusive) of each tier, smallest first.
TIER_FLOORS: tuple[tuple[Tier, int], ...] = (
    (Tier.emerging, 0),
    (Tier.nano, 1_000),
    (Tier.micro, 10_000),
    (Tier.mid, 100_000),
    (Tier.macro, 500_000),
    (Tier.mega, 1_000_000),
)

TIER_RANGES: dict[Tier, str] = {
    Tier.emerging: "under 1K",
    Tier.nano: "1K-10K",
    Tier.micro: "10K-100K",
    Tier.mid: "100K-500K",
    Tier.macro: "500K-1M",
    Tier.mega: "1M+",
}


def tier_for(followers: int) -> Tier:
    tier = Tier.emerging
    for candidate, floor in TIER_FLOORS:
        if followers >= floor:
            tier = candidate
    return tier
