"""The one shape every creator source returns (YouTube, Instagram, local snapshot files).

Counts are optional because platforms hide them (a private account, a YouTube channel that hides its
subscriber count, a video with likes turned off): signals must treat None as "unknown", never as zero.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from bot.vocabulary import CreatorPlatform


class FollowerProfile(BaseModel):
    """One follower's public profile, as the audience classifier reads it."""

    username: str
    full_name: str | None = None
    biography: str | None = None
    has_profile_pic: bool
    is_private: bool
    follower_count: int
    following_count: int
    media_count: int
    has_external_url: bool | None = None


class Comment(BaseModel):
    text: str
    username: str | None = None


class Post(BaseModel):
    id: str
    url: str | None = None
    caption: str = ""
    posted_at: datetime
    kind: str = "post"  # image, carousel, video, reel, short, story, live
    likes: int | None = None
    comments: int | None = None
    views: int | None = None
    sample_comments: list[Comment] = Field(default_factory=list)


class FollowerCountPoint(BaseModel):
    date: date
    followers: int


class CreatorProfile(BaseModel):
    handle: str  # without the leading @
    platform: CreatorPlatform
    display_name: str | None = None
    biography: str | None = None
    url: str | None = None
    followers: int | None = None
    following: int | None = None
    media_count: int | None = None
    is_private: bool = False
    is_verified: bool = False


class CreatorSnapshot(BaseModel):
    """Everything one fetch saw of a creator, dated so that history builds up from our own observations."""

    profile: CreatorProfile
    posts: list[Post] = Field(default_factory=list)
    follower_history: list[FollowerCountPoint] = Field(default_factory=list)
    follower_sample: list[FollowerProfile] | None = None
    fetched_at: datetime
    source: str  # "snapshot", "youtube", "instagram"
