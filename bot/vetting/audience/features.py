"""The features the classifier reads, computable alike from InstaFake, Purba 2020 and a real FollowerProfile.

Chosen from what vetting tools publish as fake-follower red flags (no picture, 0-5 posts, following far more
than followed by, > 1,500 followings = "mass follower", digit-heavy username, empty bio), not mined from one
dataset. Counts enter as log1p so that 12 vs 7,000 matters and 70,000 vs 71,000 does not. A feature whose
source field is unknown is NaN here; the model replaces it with the training mean, so it pulls neither way.
"""

from __future__ import annotations

import numpy as np

from bot.vetting.audience.columns import ProfileColumns
from bot.vetting.weights import MASS_FOLLOWING  # the HypeAuditor / trendHERO / infludata "mass follower" line

FEW_POSTS = 5  # "0-5 posts" in the published red-flag lists

FEATURE_NAMES: tuple[str, ...] = (
    "log_followers",
    "log_following",
    "log_media",
    "log_following_per_follower",
    "mass_following",
    "no_media",
    "few_media",
    "has_profile_pic",
    "is_private",
    "has_biography",
    "log_biography_length",
    "username_digit_share",
    "username_length",
    "has_external_url",
)


def _flag(condition: np.ndarray, source: np.ndarray) -> np.ndarray:
    """1.0/0.0, but NaN wherever the source value is unknown (a comparison with NaN would say 0)."""
    return np.where(np.isnan(source), np.nan, condition.astype(float))


def feature_matrix(columns: ProfileColumns) -> np.ndarray:
    """An (n, len(FEATURE_NAMES)) float matrix, NaN for unknown values."""
    followers = columns.follower_count
    following = columns.following_count
    media = columns.media_count
    bio = columns.biography_length
    name_length = columns.username_length
    with np.errstate(invalid="ignore"):
        digit_share = np.where(name_length > 0, columns.username_digits / np.maximum(name_length, 1), np.nan)
        table = {
            "log_followers": np.log1p(followers),
            "log_following": np.log1p(following),
            "log_media": np.log1p(media),
            "log_following_per_follower": np.log1p(following) - np.log1p(followers),
            "mass_following": _flag(following >= MASS_FOLLOWING, following),
            "no_media": _flag(media == 0, media),
            "few_media": _flag(media <= FEW_POSTS, media),
            "has_profile_pic": columns.has_profile_pic,
            "is_private": columns.is_private,
            "has_biography": _flag(bio > 0, bio),
            "log_biography_length": np.log1p(bio),
            "username_digit_share": digit_share,
            "username_length": name_length,
            "has_external_url": columns.has_external_url,
        }
    return np.column_stack([table[name] for name in FEATURE_NAMES]).astype(float)


# A lurker: a real person who rarely posts. Profile picture, tens to hundreds of followers, up to the mass-follower
# line of followed accounts, 0-20 posts. A large part of any small creator's audience, and not fake.
LURKER_MAX_POSTS = 20
LURKER_FOLLOWERS = (10, 1_000)  # at least, below
LURKER_MIN_FOLLOWING = 50


def lurker_mask(columns: ProfileColumns) -> np.ndarray:
    """True where a profile looks like a lurker (unknown values never match)."""
    followers, following = columns.follower_count, columns.following_count
    with np.errstate(invalid="ignore"):
        return (
            (columns.has_profile_pic == 1)
            & (followers >= LURKER_FOLLOWERS[0])
            & (followers < LURKER_FOLLOWERS[1])
            & (following >= LURKER_MIN_FOLLOWING)
            & (following < MASS_FOLLOWING)
            & (columns.media_count <= LURKER_MAX_POSTS)
        )
