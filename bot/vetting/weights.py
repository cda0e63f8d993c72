"""Every weight and threshold of /vet in one place, so a reviewer can read (and a team can tune) the whole policy.

Where a figure comes from a published source, the source is named (full references in
bot/vetting/benchmarks.py and bot/vetting/PROVENANCE.md); the others are our own defaults and say so.
"""

from __future__ import annotations

from typing import Final

# --- Which posts count --------------------------------------------------------------------------------
RECENT_POSTS: Final = 30  # HypeAuditor/vetting tools read the last 12-30 posts

# --- Engagement rate against the tier+platform band (bot/vetting/benchmarks.py) ----------------------------
ER_BAD_FRACTION: Final = 0.5  # below half of the band's low end: "far below" (bad); below the low end: warn
ER_SUSPICIOUS_MULTIPLE: Final = 3.0  # Instagram only: above 3x the band's high end looks inflated (pods, bought likes)

# --- Comments per 100 likes (SpendVet: 2-5 per 100 likes is healthy) --------------------------------------
COMMENTS_PER_100_LIKES_WARN_LOW: Final = 1.0  # fewer: likes may be bought (nobody talks)
COMMENTS_PER_100_LIKES_BAD_LOW: Final = 0.4
COMMENTS_PER_100_LIKES_WARN_HIGH: Final = 10.0  # more: comments may come from a pod or be bought
COMMENTS_PER_100_LIKES_BAD_HIGH: Final = 20.0
COMMENTS_UNIFORM_CV: Final = 0.12  # comment counts this even across posts look scheduled (our default)
COMMENTS_UNIFORM_MIN_POSTS: Final = 6

# --- Comment quality (HypeAuditor: 1-3 suspicious of 20 is fine, >= 50 % "rings the bell") ----------------
GENERIC_COMMENTS_MIN_SAMPLE: Final = 10
GENERIC_COMMENTS_WARN: Final = 0.30
GENERIC_COMMENTS_BAD: Final = 0.50
GENERIC_COMMENT_MAX_WORDS: Final = 5  # a longer comment is not "generic" even if every word is

# --- Repeat commenters (pods: the same accounts comment on every post; our default) ------------------------
REPEAT_MIN_POSTS: Final = 6  # posts that must carry sample comments before we judge
REPEAT_POST_SHARE: Final = 0.5  # a commenter on at least half of those posts is a "regular"
REPEAT_COMMENTS_WARN: Final = 0.35  # share of sampled comments written by regulars
REPEAT_COMMENTS_BAD: Final = 0.60

# --- Follower growth (robust z-score on daily deltas; HypeAuditor needs about a week of history) ----------
GROWTH_MIN_POINTS: Final = 7
SPIKE_Z: Final = 3.5  # Iglewicz & Hoaglin's cut-off for the modified z-score
SPIKE_MIN_SHARE: Final = 0.01  # and the jump must be at least 1 % of the followers ...
SPIKE_MIN_ABS: Final = 100  # ... and at least 100 followers, so a nano account's +40 day is not a "spike"
ROUND_JUMP_UNIT: Final = 1_000  # Popular Pays: round-size spikes (1K, 5K) suggest a purchase
ROUND_JUMP_TOLERANCE: Final = 0.01  # excess within 1 % of a multiple of 1,000 counts as round
VIRAL_WINDOW_DAYS: Final = 2  # a post within +-2 days of the spike ...
VIRAL_MULTIPLE: Final = 3.0  # ... with engagement above 3x the median explains it

# --- Audience sample -------------------------------------------------------------------------------------
FOLLOWER_SAMPLE_MIN: Final = 30  # fewer profiles than this say nothing about shares
FAKE_SHARE_WARN: Final = 0.15  # our default; typical accounts carry some inactive followers
FAKE_SHARE_BAD: Final = 0.25  # Modash: followers credibility below 75 % is often a sign of fraud
MASS_FOLLOWING: Final = 1_500  # HypeAuditor: following more than 1,500 accounts = unlikely to see posts
MASS_SHARE_WARN: Final = 0.30  # HypeAuditor: about 15 % is average
MASS_SHARE_BAD: Final = 0.45

# --- Sponsored posts ---------------------------------------------------------------------------------------
SPONSORED_MIN_SPAN_DAYS: Final = 14  # rate per 30 days is taken over at least this many days
SPONSORED_PER_30D_WARN: Final = 4.0  # more than 4 sponsored posts in 30 days: "promotes everything" (brief)
SPONSORED_PER_30D_BAD: Final = 6.0
SPONSORED_MIN_EACH: Final = 2  # sponsored and organic posts needed before comparing their engagement
SPONSORED_RATIO_WARN: Final = 0.5  # sponsored posts get less than half the organic engagement

# --- Ad disclosure (bot/vetting/disclosure_signal.py; our defaults) ------------------------------------------
DISCLOSURE_OK_SHARE: Final = 0.9  # at least 90 % of sponsored-looking posts clearly disclosed: ok
DISCLOSURE_BAD_BELOW: Final = 0.5  # fewer than half clearly disclosed: bad (the brand shares the legal risk)

# --- Data age ----------------------------------------------------------------------------------------------
DATA_FRESH_DAYS: Final = 7  # older data is flagged so nobody signs on last month's numbers

# --- Score ---------------------------------------------------------------------------------------------------
# Weight of each signal in the 0-100 score; a signal that is unknown (or does not apply) is left out and the
# others are rescaled, and `coverage` says how much of the weight was known. Tier and data age inform, not score.
WEIGHTS: Final[dict[str, float]] = {
    "tier": 0,
    "engagement_rate": 20,
    "engagement_per_view": 5,
    "comments_per_100_likes": 10,
    "generic_comments": 10,
    "repeat_commenters": 5,
    "follower_growth": 10,  # bought followers also show in fake followers and reachability
    "fake_followers": 20,
    "reachability": 5,
    "sponsored_frequency": 5,
    "sponsored_engagement": 5,
    "disclosure": 5,  # like sponsored frequency: it judges the ads, not the audience
    "data_age": 0,
}
POINTS: Final[dict[str, float]] = {"ok": 1.0, "warn": 0.5, "bad": 0.0}  # share of a signal's weight earned

RECOMMENDED_MIN_SCORE: Final = 80  # and no failing (bad) signal
AVOID_BELOW_SCORE: Final = 50
AVOID_MIN_BAD_SIGNALS: Final = 2  # two failing signals are enough to avoid, whatever the score
MIN_COVERAGE: Final = 0.5  # with less than half the weight known we cannot recommend anybody
