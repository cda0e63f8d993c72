"""YouTube Data API v3 client: a channel and its latest uploads as a CreatorSnapshot.

Three calls of 1 quota unit each (the default daily quota is 10,000 units): channels.list by handle,
playlistItems.list on the channel's uploads playlist, videos.list for those videos' statistics.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Any, Unpack
from zoneinfo import ZoneInfo

import httpx
from pydantic import TypeAdapter, ValidationError

from bot.sources.errors import BadCredentials, CreatorNotFound, RateLimited, SourceError
from bot.sources.http import PlatformClient, Transport, json_object
from bot.sources.models import CreatorProfile, CreatorSnapshot, Post
from bot.sources.post_stats import PostStats
from bot.vocabulary import Platform

logger = logging.getLogger(__name__)

YOUTUBE_API = "https://www.googleapis.com/youtube/v3"
LATEST_UPLOADS = 30  # playlistItems.list allows 50 per page, so this is one call
SHORT_MAX_SECONDS = 60  # heuristic: the API has no "is a Short" flag, so a video this short counts as one
SERVICE = "YouTube"

# YouTube's daily quota resets at midnight Pacific time.
QUOTA_RESET_ZONE = ZoneInfo("America/Los_Angeles")
QUOTA_MESSAGE = "YouTube quota used up for today; try again after midnight Pacific time."
KEY_MESSAGE = "YouTube rejected the API key; set YOUTUBE_API_KEY to a valid key."
KEY_DISABLED_MESSAGE = (
    "The YouTube Data API v3 is not enabled for the project that owns the API key; enable it in the Google "
    "Cloud console, or set YOUTUBE_API_KEY to a valid key."
)

_QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded"}
_RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"}
_DISABLED_REASONS = {"accessNotConfigured", "SERVICE_DISABLED"}
_KEY_REASONS = {"keyInvalid", "keyExpired", "API_KEY_INVALID", "API_KEY_EXPIRED"}
_TAG = re.compile(r"<[^>]+>")
_DURATION = TypeAdapter(timedelta)  # reads ISO 8601 durations such as PT1M3S


class YouTubeClient(PlatformClient):
    """Reads public channel data with an API key (no OAuth: /vet only needs what anyone can see)."""

    def __init__(self, api_key: str, *, base_url: str = YOUTUBE_API, **transport: Unpack[Transport]) -> None:
        if not api_key:
            raise BadCredentials("No YouTube API key is configured; set YOUTUBE_API_KEY to a valid key.")
        super().__init__(SERVICE, api_key, **transport)
        self._base_url = base_url.rstrip("/")
        # The key goes in a header (Google's X-Goog-Api-Key), so it never appears in a logged URL.
        self._headers = {"X-Goog-Api-Key": api_key, "Accept": "application/json"}

    def fetch(self, handle: str) -> CreatorSnapshot:
        """The channel with this handle (with or without @) and its latest uploads, newest first."""
        handle = normalize_handle(handle)
        channel = self._channel(handle)
        fetched_at = self._clock()
        statistics = channel.get("statistics", {})
        uploads = channel.get("contentDetails", {}).get("relatedPlaylists", {}).get("uploads")
        video_ids = self._latest_upload_ids(uploads) if uploads and statistics.get("videoCount") != "0" else []
        videos = self._videos(video_ids) if video_ids else []
        posts = [post for post in (video_to_post(video) for video in videos) if post is not None]
        posts.sort(key=lambda post: post.posted_at, reverse=True)
        return CreatorSnapshot(
            profile=channel_to_profile(channel, handle),
            posts=posts,
            fetched_at=fetched_at,
            source="youtube",
        )

    def video_stats(self, video_id: str, post_url: str) -> PostStats | None:
        """One video's numbers now (videos.list statistics); None when it is gone, private or upcoming."""
        videos = self._videos([video_id])
        post = video_to_post(videos[0]) if videos else None
        return PostStats.of(post, post_url, self._clock(), "youtube") if post else None

    def is_channels_video(self, handle: str, video_id: str) -> bool | None:
        """Whether the video (videos.list snippet.channelId) is on the channel with this handle; None when
        YouTube does not show the video or the channel (gone, private, or no such handle)."""
        videos = self._videos([video_id])
        owner = videos[0].get("snippet", {}).get("channelId") if videos else None
        if not owner:
            return None
        body = self._get("channels", {"part": "id", "forHandle": f"@{normalize_handle(handle)}"}, handle=handle)
        channel = (body.get("items") or [{}])[0].get("id")
        return channel == owner if channel else None

    def _channel(self, handle: str) -> dict[str, Any]:
        body = self._get(
            "channels",
            {"part": "snippet,statistics,contentDetails", "forHandle": f"@{handle}"},
            handle=handle,
        )
        items = body.get("items") or []
        if not items:
            raise _not_found(handle)
        return items[0]

    def _latest_upload_ids(self, playlist_id: str) -> list[str]:
        try:
            body = self._get(
                "playlistItems",
                {"part": "contentDetails", "playlistId": playlist_id, "maxResults": LATEST_UPLOADS},
            )
        except _PlaylistNotFound:
            return []  # a channel that never uploaded has no uploads playlist yet
        items = body.get("items") or []
        return [item["contentDetails"]["videoId"] for item in items if item.get("contentDetails", {}).get("videoId")]

    def _videos(self, video_ids: list[str]) -> list[dict[str, Any]]:
        body = self._get(
            "videos",
            {"part": "snippet,statistics,contentDetails", "id": ",".join(video_ids[:LATEST_UPLOADS])},
        )
        return list(body.get("items") or [])

    def _get(self, resource: str, params: dict[str, str | int], *, handle: str | None = None) -> dict[str, Any]:
        response = self._http.get(f"{self._base_url}/{resource}", params=params, headers=self._headers)
        if response.is_success:
            return json_object(response, SERVICE)
        raise self._error(response, handle)

    def _error(self, response: httpx.Response, handle: str | None) -> SourceError:
        reasons, message = youtube_error_reasons(response)
        detail = _TAG.sub("", self._http.redact(message))  # messages carry HTML links
        logger.warning("YouTube answered HTTP %d %s: %s", response.status_code, sorted(reasons), detail)
        if reasons & _QUOTA_REASONS:
            return RateLimited(QUOTA_MESSAGE, retry_after=seconds_until_quota_reset(self._clock()))
        if reasons & _RATE_REASONS:
            return RateLimited("YouTube is rate-limiting us; try again in a minute.", retry_after=60.0)
        if reasons & _DISABLED_REASONS:
            return BadCredentials(KEY_DISABLED_MESSAGE)
        if reasons & _KEY_REASONS or "api key" in message.lower() or response.status_code in (401, 403):
            return BadCredentials(KEY_MESSAGE)
        if "playlistNotFound" in reasons:
            return _PlaylistNotFound(detail)
        if response.status_code == 404 and handle is not None:
            return _not_found(handle)
        return SourceError(f"YouTube refused the request (HTTP {response.status_code}: {detail or 'no detail'}).")


class _PlaylistNotFound(SourceError):
    """Internal: the uploads playlist does not exist (handled, never raised to callers)."""


def _not_found(handle: str) -> CreatorNotFound:
    return CreatorNotFound(
        f"No YouTube channel has the handle @{handle}. Check the spelling on the channel page (youtube.com/@…).",
        handle=handle,
        platform="youtube",
    )


def normalize_handle(handle: str) -> str:
    cleaned = handle.strip().removeprefix("@").strip()
    if not cleaned:
        raise CreatorNotFound("Give a YouTube handle, for example @lenaloafs.", platform="youtube")
    return cleaned


def youtube_error_reasons(response: httpx.Response) -> tuple[set[str], str]:
    """The machine-readable reasons (legacy `errors[].reason` and `details[].reason`) and the message."""
    try:
        error = response.json().get("error", {})
    except (ValueError, AttributeError):
        return set(), ""
    if not isinstance(error, dict):
        return set(), ""
    reasons = {str(item.get("reason")) for item in error.get("errors", []) if isinstance(item, dict)}
    reasons |= {str(item.get("reason")) for item in error.get("details", []) if isinstance(item, dict)}
    reasons.discard("None")
    return reasons, str(error.get("message") or "")


def seconds_until_quota_reset(now: datetime) -> float:
    local = now.astimezone(QUOTA_RESET_ZONE)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tzinfo=QUOTA_RESET_ZONE)
    return (midnight - local).total_seconds()


def channel_to_profile(channel: dict[str, Any], requested_handle: str) -> CreatorProfile:
    snippet = channel.get("snippet", {})
    statistics = channel.get("statistics", {})
    handle = (snippet.get("customUrl") or "").removeprefix("@") or requested_handle
    hidden = bool(statistics.get("hiddenSubscriberCount"))
    return CreatorProfile(
        handle=handle,
        platform=Platform.youtube,
        display_name=snippet.get("title") or None,
        biography=snippet.get("description") or None,
        url=f"https://www.youtube.com/@{handle}",
        followers=None if hidden else _count(statistics.get("subscriberCount")),
        following=None,  # channels do not follow anyone in the public data
        media_count=_count(statistics.get("videoCount")),
    )


def video_to_post(video: dict[str, Any]) -> Post | None:
    """One video as a Post; None for a scheduled premiere or stream that has not happened yet."""
    snippet = video.get("snippet", {})
    statistics = video.get("statistics", {})
    live = snippet.get("liveBroadcastContent", "none")
    if live == "upcoming":
        return None
    seconds = duration_seconds(video.get("contentDetails", {}).get("duration"))
    if live == "live":
        kind = "live"
    elif seconds is not None and 0 < seconds <= SHORT_MAX_SECONDS:
        kind = "short"
    else:
        kind = "video"
    video_id = video["id"]
    url = (
        f"https://www.youtube.com/shorts/{video_id}"
        if kind == "short"
        else f"https://www.youtube.com/watch?v={video_id}"
    )
    title = (snippet.get("title") or "").strip()
    description = (snippet.get("description") or "").strip()
    return Post(
        id=video_id,
        url=url,
        caption="\n\n".join(part for part in (title, description) if part),
        posted_at=datetime.fromisoformat(snippet["publishedAt"]),
        kind=kind,
        likes=_count(statistics.get("likeCount")),  # absent when the creator hides likes
        comments=_count(statistics.get("commentCount")),  # absent when comments are turned off
        views=_count(statistics.get("viewCount")),
    )


def duration_seconds(iso_duration: str | None) -> float | None:
    """Seconds in an ISO 8601 duration such as PT1M3S; None if missing or unreadable."""
    if not iso_duration:
        return None
    try:
        return _DURATION.validate_python(iso_duration).total_seconds()
    except ValidationError:
        return None


def _count(value: object) -> int | None:
    """The API sends counts as decimal strings; absent means hidden or unknown, not zero."""
    if not isinstance(value, str | int | float):  # None, or a JSON shape that is no count (a list, an object)
        return None
    try:
        return int(value)
    except ValueError:
        return None
