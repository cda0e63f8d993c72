"""A live post's public numbers, read back from its platform for a campaign's results.

YouTube answers for any video by id (videos.list statistics). Instagram's business discovery only lists a
creator's recent media (like and comment counts), so a post is found there by its permalink; reach,
impressions, saves and shares are only in the creator's own insights, which the creator reports.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel

from bot.sources.models import Post

_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_PATH_ID = re.compile(r"/(?:shorts|live|embed)/([A-Za-z0-9_-]{11})(?:[/?#]|$)")
MAX_URL = 500


class PostStats(BaseModel):
    """What a platform showed of one post at one moment; None means it did not say (never zero)."""

    post_url: str
    observed_at: datetime
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    source: str  # the platform that answered: youtube, instagram, snapshot
    caption: str | None = None  # the post's caption (YouTube: title and description) as the platform showed it

    @classmethod
    def of(cls, post: Post, post_url: str, observed_at: datetime, source: str) -> PostStats:
        return cls(
            post_url=post_url,
            observed_at=observed_at,
            views=post.views,
            likes=post.likes,
            comments=post.comments,
            source=source,
            caption=post.caption,
        )


def youtube_video_id(url: str) -> str | None:
    """The 11-character id in youtube.com/watch?v=…, youtu.be/…, /shorts/…, /live/…; None otherwise."""
    if len(url) > MAX_URL:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
        return candidate if _VIDEO_ID.fullmatch(candidate) else None
    if host not in ("youtube.com", "music.youtube.com"):
        return None
    found = _PATH_ID.search(parts.path)
    if found:
        return found.group(1)
    candidate = (parse_qs(parts.query).get("v") or [""])[0]
    return candidate if _VIDEO_ID.fullmatch(candidate) else None


def _permalink_key(url: str) -> str:
    """instagram.com/reel/ABC/?igsh=x and https://www.instagram.com/reel/ABC name the same post."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def find_post(posts: list[Post], post_url: str) -> Post | None:
    """The post among a creator's recent posts whose link is `post_url` (ignoring tracking queries)."""
    if len(post_url) > MAX_URL:
        return None
    wanted = _permalink_key(post_url)
    return next((post for post in posts if post.url and _permalink_key(post.url) == wanted), None)
