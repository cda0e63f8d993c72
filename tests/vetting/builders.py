"""Small builders for vetting tests: a snapshot with sensible defaults, and a rule-based fake-follower scorer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from bot.sources.models import (
    Comment,
    CreatorProfile,
    CreatorSnapshot,
    FollowerCountPoint,
    FollowerProfile,
    Post,
)
from bot.sources.samples.make_samples import FETCHED_AT
from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource
from bot.vetting.audience.scoring import wilson_interval
from bot.vocabulary import Platform

NOW = FETCHED_AT + timedelta(days=1)


def rule_fake_scorer(profiles: Sequence[FollowerProfile]) -> tuple[float, float, float, int]:
    """A follower is fake when it has (almost) no posts, follows 1,000+ accounts and has under 100 followers.

    Returns the share with a Wilson 95 % interval, the shape the real audience classifier returns.
    """
    n = len(profiles)
    fake = sum(1 for p in profiles if p.media_count <= 2 and p.following_count >= 1_000 and p.follower_count < 100)
    low, high = wilson_interval(fake, n, z=1.96)
    return fake / n, low, high, n


def sample(handle: str, platform: Platform = Platform.instagram) -> CreatorSnapshot:
    return SnapshotSource(SAMPLES_DIR).fetch(handle, platform)


def post(
    index: int,
    *,
    likes: int | None = 100,
    comments: int | None = 4,
    views: int | None = None,
    caption: str = "A post",
    days_ago: float | None = None,
    texts: Sequence[str] = (),
    users: Sequence[str] | None = None,
    kind: str = "image",
) -> Post:
    """Post number `index`, every 3 days back from FETCHED_AT unless `days_ago` says otherwise."""
    age = days_ago if days_ago is not None else 1 + 3 * index
    names = list(users) if users is not None else [f"fan{index}_{i}" for i in range(len(texts))]
    return Post(
        id=f"p{index}",
        caption=caption,
        posted_at=FETCHED_AT - timedelta(days=age),
        kind=kind,
        likes=likes,
        comments=comments,
        views=views,
        sample_comments=[Comment(text=t, username=u) for t, u in zip(texts, names, strict=False)],
    )


def history(deltas: Sequence[int], end: int, end_day: date | None = None) -> list[FollowerCountPoint]:
    """Daily counts ending at `end` on `end_day`, where deltas[i] is the gain on the i-th day (oldest first)."""
    last = end_day or FETCHED_AT.date()
    counts = [end]
    for gain in reversed(deltas):
        counts.append(counts[-1] - gain)
    counts.reverse()
    start = last - timedelta(days=len(deltas))
    return [FollowerCountPoint(date=start + timedelta(days=i), followers=c) for i, c in enumerate(counts)]


def snapshot(
    *,
    followers: int | None = 5_000,
    platform: Platform = Platform.instagram,
    is_private: bool = False,
    posts: Sequence[Post] | None = None,
    follower_history: Sequence[FollowerCountPoint] = (),
    follower_sample: Sequence[FollowerProfile] | None = None,
    **profile: Any,
) -> CreatorSnapshot:
    return CreatorSnapshot(
        profile=CreatorProfile(
            handle="someone", platform=platform, followers=followers, is_private=is_private, **profile
        ),
        posts=list(posts) if posts is not None else [post(i) for i in range(12)],
        follower_history=list(follower_history),
        follower_sample=list(follower_sample) if follower_sample is not None else None,
        fetched_at=FETCHED_AT,
        source="test",
    )


def profile(*, fake: bool = False, following: int = 300) -> FollowerProfile:
    if fake:
        return FollowerProfile(
            username="xq12345",
            has_profile_pic=False,
            is_private=False,
            follower_count=3,
            following_count=4_000,
            media_count=0,
        )
    return FollowerProfile(
        username="real.person",
        has_profile_pic=True,
        is_private=False,
        follower_count=400,
        following_count=following,
        media_count=80,
    )
