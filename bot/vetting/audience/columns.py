"""Follower profiles as numpy columns: the one shape the features, training and scoring read.

Every field is a float array with NaN where the value is unknown (an optional field left out, or a field a
training dataset does not have), so a missing value is imputed in one place instead of read as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from bot.sources.models import FollowerProfile

_DIGITS = str.maketrans("", "", "0123456789")


@dataclass(frozen=True)
class ProfileColumns:
    follower_count: np.ndarray
    following_count: np.ndarray
    media_count: np.ndarray
    has_profile_pic: np.ndarray
    is_private: np.ndarray
    biography_length: np.ndarray
    username_length: np.ndarray
    username_digits: np.ndarray
    has_external_url: np.ndarray

    def __len__(self) -> int:
        return len(self.follower_count)

    def take(self, index: np.ndarray) -> ProfileColumns:
        """The rows at `index` (a fold, a resample)."""
        return ProfileColumns(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    @staticmethod
    def concat(parts: Sequence[ProfileColumns]) -> ProfileColumns:
        return ProfileColumns(
            **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(ProfileColumns)}
        )


def _floats(values: Sequence[float | bool | int | None]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def username_digit_count(username: str) -> int:
    return len(username) - len(username.translate(_DIGITS))


def columns_from_fields(
    *,
    follower_count: Sequence[float | None],
    following_count: Sequence[float | None],
    media_count: Sequence[float | None],
    has_profile_pic: Sequence[bool | float | None],
    is_private: Sequence[bool | float | None],
    biography: Sequence[str | None] | None = None,
    biography_length: Sequence[float | None] | None = None,
    username: Sequence[str | None] | None = None,
    username_length: Sequence[float | None] | None = None,
    username_digits: Sequence[float | None] | None = None,
    has_external_url: Sequence[bool | float | None] | None = None,
) -> ProfileColumns:
    """Columns from per-field sequences; text fields may be given as text or as the numbers derived from it.

    Datasets differ in what they kept (InstaFake has the username's length and digit count, not the
    username), so each caller passes what it has and the rest is unknown.
    """
    n = len(follower_count)
    unknown = [None] * n
    if biography is not None:
        biography_length = [None if b is None else len(b) for b in biography]
    if username is not None:
        # An empty username tells nothing about the account: unknown, not "a name of length 0".
        username_length = [len(u) if u else None for u in username]
        username_digits = [username_digit_count(u) if u else None for u in username]
    return ProfileColumns(
        follower_count=_floats(follower_count),
        following_count=_floats(following_count),
        media_count=_floats(media_count),
        has_profile_pic=_floats(has_profile_pic),
        is_private=_floats(is_private),
        biography_length=_floats(biography_length if biography_length is not None else unknown),
        username_length=_floats(username_length if username_length is not None else unknown),
        username_digits=_floats(username_digits if username_digits is not None else unknown),
        has_external_url=_floats(has_external_url if has_external_url is not None else unknown),
    )


def columns_from_profiles(profiles: Sequence[FollowerProfile]) -> ProfileColumns:
    return columns_from_fields(
        follower_count=[p.follower_count for p in profiles],
        following_count=[p.following_count for p in profiles],
        media_count=[p.media_count for p in profiles],
        has_profile_pic=[p.has_profile_pic for p in profiles],
        is_private=[p.is_private for p in profiles],
        biography=[p.biography for p in profiles],
        username=[p.username for p in profiles],
        has_external_url=[p.has_external_url for p in profiles],
    )
