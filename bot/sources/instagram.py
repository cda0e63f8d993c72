"""Instagram Graph API client: another account's public profile and latest posts via business_discovery.

business_discovery is asked through our own Instagram business account (its id plus a user access token with
instagram_basic and pages_read_engagement). It only sees business and creator accounts: a personal account
and a handle that does not exist give the same error, so the user message says both.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from typing import Any, Unpack

import httpx

from bot.sources.errors import BadCredentials, CreatorNotFound, RateLimited, SourceError, SourceUnavailable
from bot.sources.http import PlatformClient, Transport, json_object
from bot.sources.models import CreatorProfile, CreatorSnapshot, Post
from bot.vocabulary import Platform

logger = logging.getLogger(__name__)

GRAPH_API = "https://graph.facebook.com"
GRAPH_VERSION = "v21.0"
LATEST_MEDIA = 30
SERVICE = "Instagram"
PROFILE_FIELDS = "username,name,biography,website,followers_count,follows_count,media_count,profile_picture_url"
MEDIA_FIELDS = "id,caption,like_count,comments_count,timestamp,media_type,media_product_type,permalink"

TOKEN_MESSAGE = (
    "The Instagram access token expired or was revoked; reconnect the Instagram business account and set "
    "INSTAGRAM_ACCESS_TOKEN to the new token."
)
PERMISSION_MESSAGE = (
    "The Instagram access token lacks a permission business discovery needs (instagram_basic and "
    "pages_read_engagement); reconnect the Instagram business account with those permissions."
)
ACCOUNT_MESSAGE = (
    "INSTAGRAM_BUSINESS_ACCOUNT_ID is not an Instagram business account this access token can use; set it to "
    "the id of the business or creator account connected to your Facebook Page."
)

# Graph API error codes (developers.facebook.com/docs/graph-api/guides/error-handling).
_NOT_FOUND_SUBCODE = 2207013  # business_discovery: no such user, or not a business/creator account
_UNSUPPORTED_GET_SUBCODE = 33  # the node (our own account id) does not exist or the token cannot read it
_TOKEN_CODES = {102, 110, 190}
_PERMISSION_CODES = {10, *range(200, 300)}
_RATE_LIMIT_CODES = {4, 17, 32, 613, 80002}
_USERNAME = re.compile(r"^[A-Za-z0-9._]{1,30}$")


def discovery_fields(username: str, media_limit: int = LATEST_MEDIA) -> str:
    """The `fields` expression for one business_discovery request (profile and latest media together)."""
    media = f"media.limit({media_limit}){{{MEDIA_FIELDS}}}"
    return f"business_discovery.username({username}){{{PROFILE_FIELDS},{media}}}"


class InstagramClient(PlatformClient):
    """Reads a business or creator account's public data through our own Instagram business account."""

    def __init__(
        self,
        ig_user_id: str,
        access_token: str,
        *,
        base_url: str = GRAPH_API,
        api_version: str = GRAPH_VERSION,
        **transport: Unpack[Transport],
    ) -> None:
        if not access_token:
            raise BadCredentials("No Instagram access token is configured; set INSTAGRAM_ACCESS_TOKEN.")
        if not ig_user_id or not ig_user_id.isdigit():
            raise BadCredentials(ACCOUNT_MESSAGE)
        super().__init__(SERVICE, access_token, **transport)
        self._url = f"{base_url.rstrip('/')}/{api_version}/{ig_user_id}"
        # The token goes in the Authorization header rather than ?access_token=, so no logged URL carries it.
        self._headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}

    def fetch(self, handle: str) -> CreatorSnapshot:
        """The account with this username (with or without @) and its latest posts, newest first."""
        username = normalize_username(handle)
        response = self._http.get(self._url, params={"fields": discovery_fields(username)}, headers=self._headers)
        if not response.is_success:
            raise self._error(response, username)
        fetched_at = self._clock()
        discovery = json_object(response, SERVICE).get("business_discovery")
        if not isinstance(discovery, dict):
            raise _not_found(username)
        media = (discovery.get("media") or {}).get("data") or []
        posts = [media_to_post(item) for item in media if isinstance(item, dict)]
        posts.sort(key=lambda post: post.posted_at, reverse=True)
        return CreatorSnapshot(
            profile=discovery_to_profile(discovery, username),
            posts=posts,
            fetched_at=fetched_at,
            source="instagram",
        )

    def _error(self, response: httpx.Response, username: str) -> SourceError:
        error = _graph_error(response)
        code, subcode = error.get("code"), error.get("error_subcode")
        message = self._http.redact(str(error.get("message") or ""))
        logger.warning("Instagram answered HTTP %d, code %s/%s: %s", response.status_code, code, subcode, message)
        if subcode == _NOT_FOUND_SUBCODE or "invalid user id" in message.lower():
            return _not_found(username)
        if code in _RATE_LIMIT_CODES or response.status_code == 429:
            return rate_limited(response)
        if code in _TOKEN_CODES:
            return BadCredentials(TOKEN_MESSAGE)
        if code == 100 and subcode == _UNSUPPORTED_GET_SUBCODE:
            return BadCredentials(ACCOUNT_MESSAGE)
        if code == 100:
            return _not_found(username)  # "Invalid parameter" on the username
        if code in _PERMISSION_CODES:
            return BadCredentials(PERMISSION_MESSAGE)
        if response.status_code >= 500 or error.get("is_transient"):
            return SourceUnavailable("Instagram is not answering right now; try again in a few minutes.")
        return SourceError(f"Instagram refused the request (HTTP {response.status_code}: {message or 'no detail'}).")


def normalize_username(handle: str) -> str:
    """The username without @ and surrounding spaces; refuses anything Instagram could not have issued.

    The name is spliced into the `fields` expression, so this check also keeps braces and commas out of it.
    """
    username = handle.strip().removeprefix("@").strip()
    if not _USERNAME.match(username):
        raise CreatorNotFound(
            f"@{username} is not a valid Instagram username (letters, digits, dots and underscores, "
            "at most 30 characters).",
            handle=username,
            platform="instagram",
        )
    return username


def rate_limited(response: httpx.Response) -> RateLimited:
    retry_after = regain_access_seconds(response.headers.get("x-business-use-case-usage"))
    if retry_after:
        minutes = max(1, round(retry_after / 60))
        when = f"in about {minutes} minute{'s' if minutes != 1 else ''}"
    else:
        when = "in an hour or so"
    return RateLimited(f"Instagram's hourly request limit is used up; try again {when}.", retry_after=retry_after)


def regain_access_seconds(usage_header: str | None) -> float | None:
    """Seconds until Meta lifts the rate limit, from X-Business-Use-Case-Usage (which says it in minutes)."""
    if not usage_header:
        return None
    try:
        usage = json.loads(usage_header)
    except ValueError:
        return None
    minutes = [
        entry.get("estimated_time_to_regain_access") or 0
        for entries in (usage.values() if isinstance(usage, dict) else [])
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, dict)
    ]
    longest = max(minutes, default=0)
    return float(longest) * 60 if isinstance(longest, int | float) and longest > 0 else None


def discovery_to_profile(discovery: dict[str, Any], requested: str) -> CreatorProfile:
    username = discovery.get("username") or requested
    return CreatorProfile(
        handle=username,
        platform=Platform.instagram,
        display_name=discovery.get("name") or None,
        biography=discovery.get("biography") or None,
        url=f"https://www.instagram.com/{username}/",
        followers=discovery.get("followers_count"),
        following=discovery.get("follows_count"),
        media_count=discovery.get("media_count"),
        is_private=False,  # business and creator accounts are always public
    )


def media_to_post(media: dict[str, Any]) -> Post:
    return Post(
        id=str(media["id"]),
        url=media.get("permalink"),
        caption=media.get("caption") or "",
        posted_at=datetime.fromisoformat(media["timestamp"]),
        kind=media_kind(media.get("media_type"), media.get("media_product_type")),
        likes=media.get("like_count"),  # absent when the owner hides like counts
        comments=media.get("comments_count"),
    )


def media_kind(media_type: str | None, product_type: str | None) -> str:
    if product_type == "REELS":
        return "reel"
    if product_type == "STORY":
        return "story"
    return {"CAROUSEL_ALBUM": "carousel", "VIDEO": "video", "IMAGE": "image"}.get(media_type or "", "post")


def _not_found(username: str) -> CreatorNotFound:
    return CreatorNotFound(
        f"We could not find @{username} on Instagram. Business discovery only sees business and creator "
        "accounts, so a personal account looks the same as a missing one: check the spelling, or ask the "
        "creator to switch to a creator account.",
        handle=username,
        platform="instagram",
    )


def _graph_error(response: httpx.Response) -> dict[str, Any]:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return {}
    return error if isinstance(error, dict) else {}
