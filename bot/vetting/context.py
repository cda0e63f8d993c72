"""What every signal reads: the snapshot cleaned once (UTC times, negative counts dropped, recent posts only)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.sources.models import CreatorSnapshot, FollowerProfile, Post
from bot.vetting.tiers import Tier, tier_for
from bot.vetting.weights import RECENT_POSTS
from bot.vocabulary import Platform, as_utc, assume_utc

SponsoredDetector = Callable[[Post], bool]


def _utc(moment: datetime) -> datetime:
    """Sources should send aware times; a naive one (an old snapshot file, a test) is taken to be UTC rather
    than crash a comparison."""
    return as_utc(assume_utc(moment))


def known_count(value: int | None) -> int | None:
    """A count we can use: None (hidden) and negative numbers (garbage) both mean unknown."""
    return value if value is not None and value >= 0 else None


@dataclass(frozen=True)
class PostFacts:
    post: Post
    posted_at: datetime  # UTC
    likes: int | None
    comments: int | None
    views: int | None
    sponsored: bool

    @property
    def engagement(self) -> int | None:
        """likes + comments, or None when either is hidden (a hidden count is never read as zero)."""
        if self.likes is None or self.comments is None:
            return None
        return self.likes + self.comments


@dataclass(frozen=True)
class VetContext:
    handle: str
    platform: Platform
    followers: int | None
    tier: Tier | None
    is_private: bool
    posts: tuple[PostFacts, ...]  # the most recent RECENT_POSTS posts, newest first
    history: tuple[tuple[date, int], ...]  # one point per date, oldest first, counts >= 0
    follower_sample: tuple[FollowerProfile, ...] | None
    fetched_at: datetime  # UTC
    now: datetime  # UTC

    def hidden(self, what: str) -> str:
        """Evidence for an unknown signal, saying why the data is missing."""
        if self.is_private:
            return f"{what} hidden: the account is private"
        return f"{what} hidden or not available"

    def no_posts(self, otherwise: str) -> str:
        """Evidence when there are no posts: hidden by privacy, or `otherwise` (there simply are none)."""
        return self.hidden("Posts") if self.is_private else otherwise

    def with_engagement(self) -> list[PostFacts]:
        return [p for p in self.posts if p.engagement is not None]


def build_context(snapshot: CreatorSnapshot, *, now: datetime, sponsored_detector: SponsoredDetector) -> VetContext:
    profile = snapshot.profile
    followers = known_count(profile.followers)
    recent = sorted(snapshot.posts, key=lambda p: _utc(p.posted_at), reverse=True)[:RECENT_POSTS]
    posts = tuple(
        PostFacts(
            post=p,
            posted_at=_utc(p.posted_at),
            likes=known_count(p.likes),
            comments=known_count(p.comments),
            views=known_count(p.views),
            sponsored=sponsored_detector(p),
        )
        for p in recent
    )
    by_date = {point.date: point.followers for point in snapshot.follower_history if point.followers >= 0}
    sample = snapshot.follower_sample
    return VetContext(
        handle=profile.handle.lstrip("@"),
        platform=profile.platform,
        followers=followers,
        tier=tier_for(followers) if followers is not None else None,
        is_private=profile.is_private,
        posts=posts,
        history=tuple(sorted(by_date.items())),
        follower_sample=tuple(sample) if sample is not None else None,
        fetched_at=_utc(snapshot.fetched_at),
        now=_utc(now),
    )
