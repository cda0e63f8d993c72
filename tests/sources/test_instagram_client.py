"""InstagramClient against recorded Instagram Graph API (business_discovery) answers."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx
import pytest
import respx

from bot.sources.errors import BadCredentials, CreatorNotFound, RateLimited, SourceError, SourceUnavailable
from bot.sources.instagram import (
    ACCOUNT_MESSAGE,
    GRAPH_API,
    GRAPH_VERSION,
    TOKEN_MESSAGE,
    InstagramClient,
    regain_access_seconds,
)
from bot.vocabulary import Platform
from tests.sources.recording import NOW, Sleeps, answer, clock

IG_USER_ID = "17841400000000001"
TOKEN = "EAAGtestTOKENvalue0000000000000000000000000000ZZ"
ENDPOINT = f"{GRAPH_API}/{GRAPH_VERSION}/{IG_USER_ID}"
NOT_FOUND = (
    "We could not find @{name} on Instagram. Business discovery only sees business and creator accounts, "
    "so a personal account looks the same as a missing one: check the spelling, or ask the creator to "
    "switch to a creator account."
)


@pytest.fixture
def instagram(http_client: httpx.Client, sleeps: Sleeps) -> InstagramClient:
    return InstagramClient(IG_USER_ID, TOKEN, http_client=http_client, clock=clock, sleep=sleeps, rand=lambda: 0.5)


def test_business_discovery_becomes_a_snapshot(instagram: InstagramClient, router: respx.MockRouter) -> None:
    router.get(ENDPOINT).mock(return_value=answer("instagram_business_discovery_ok"))

    snapshot = instagram.fetch("@lenaloafs")

    assert snapshot.source == "instagram"
    assert snapshot.fetched_at == NOW
    profile = snapshot.profile
    assert profile.platform is Platform.instagram
    assert profile.handle == "lenaloafs"
    assert profile.display_name == "Lena | Sourdough for busy people"
    assert profile.biography is not None and profile.biography.startswith("Home baker")
    assert profile.url == "https://www.instagram.com/lenaloafs/"
    assert (profile.followers, profile.following, profile.media_count) == (12873, 412, 386)
    assert profile.is_private is False
    assert len(snapshot.posts) == 30
    assert [p.posted_at for p in snapshot.posts] == sorted((p.posted_at for p in snapshot.posts), reverse=True)

    newest = snapshot.posts[0]
    assert newest.caption.startswith("Rye & caraway, the Sunday loaf. #ad @flourco")
    assert newest.posted_at == datetime(2026, 11, 1, 11, 2, 44, tzinfo=UTC)
    assert (newest.kind, newest.likes, newest.comments, newest.views) == ("carousel", 1042, 57, None)
    assert newest.url is not None and newest.url.startswith("https://www.instagram.com/p/")


def test_post_kinds_hidden_likes_and_missing_captions(instagram: InstagramClient, router: respx.MockRouter) -> None:
    router.get(ENDPOINT).mock(return_value=answer("instagram_business_discovery_ok"))

    posts = instagram.fetch("lenaloafs").posts

    reel, hidden_likes, no_caption, feed_video = posts[1], posts[2], posts[3], posts[6]
    assert reel.kind == "reel" and reel.url is not None and "/reel/" in reel.url
    assert hidden_likes.caption == "Starter update: she lives."
    assert hidden_likes.likes is None  # the owner hides like counts: unknown, not zero
    assert hidden_likes.comments == 41
    assert (no_caption.kind, no_caption.caption, no_caption.likes) == ("image", "", 655)
    assert feed_video.kind == "video"
    assert {post.kind for post in posts} == {"carousel", "reel", "image", "video"}


def test_request_asks_business_discovery_with_the_token_in_a_header(
    instagram: InstagramClient, router: respx.MockRouter
) -> None:
    route = router.get(ENDPOINT).mock(return_value=answer("instagram_business_discovery_ok"))

    instagram.fetch(" @lenaloafs ")

    request = route.calls.last.request
    assert request.url.params["fields"] == (
        "business_discovery.username(lenaloafs){username,name,biography,website,followers_count,follows_count,"
        "media_count,profile_picture_url,media.limit(30){id,caption,like_count,comments_count,timestamp,"
        "media_type,media_product_type,permalink}}"
    )
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in str(request.url)
    assert "access_token" not in request.url.params


def test_expired_token_is_bad_credentials(instagram: InstagramClient, router: respx.MockRouter) -> None:
    route = router.get(ENDPOINT).mock(return_value=answer("instagram_error_token_expired"))

    with pytest.raises(BadCredentials) as caught:
        instagram.fetch("lenaloafs")

    assert str(caught.value) == TOKEN_MESSAGE
    assert str(caught.value).startswith("The Instagram access token expired")
    assert route.call_count == 1


def test_rate_limit_code_4_says_when_access_returns(
    instagram: InstagramClient, router: respx.MockRouter, sleeps: Sleeps
) -> None:
    route = router.get(ENDPOINT).mock(return_value=answer("instagram_error_rate_limit"))

    with pytest.raises(RateLimited) as caught:
        instagram.fetch("lenaloafs")

    assert str(caught.value) == "Instagram's hourly request limit is used up; try again in about 19 minutes."
    assert caught.value.retry_after == 19 * 60
    assert route.call_count == 1  # an hourly limit is not worth retrying inside a Slack command
    assert sleeps == []


@pytest.mark.parametrize("name", ["someone_personal", "no.such.user_2026"])
def test_unknown_or_personal_account_is_creator_not_found(
    instagram: InstagramClient, router: respx.MockRouter, name: str
) -> None:
    router.get(ENDPOINT).mock(return_value=answer("instagram_error_user_not_found"))

    with pytest.raises(CreatorNotFound) as caught:
        instagram.fetch(name)

    assert str(caught.value) == NOT_FOUND.format(name=name)
    assert (caught.value.handle, caught.value.platform) == (name, "instagram")


def test_invalid_parameter_code_100_is_creator_not_found(instagram: InstagramClient, router: respx.MockRouter) -> None:
    router.get(ENDPOINT).mock(return_value=answer("instagram_error_invalid_parameter"))

    with pytest.raises(CreatorNotFound) as caught:
        instagram.fetch("lenaloafs")

    assert str(caught.value) == NOT_FOUND.format(name="lenaloafs")


def test_wrong_business_account_id_is_a_settings_problem(instagram: InstagramClient, router: respx.MockRouter) -> None:
    router.get(ENDPOINT).mock(return_value=answer("instagram_error_unsupported_get"))

    with pytest.raises(BadCredentials) as caught:
        instagram.fetch("lenaloafs")

    assert str(caught.value) == ACCOUNT_MESSAGE


def test_permission_error_asks_for_the_missing_permissions(
    instagram: InstagramClient, router: respx.MockRouter
) -> None:
    body = {
        "error": {
            "message": "(#10) Application does not have permission for this action",
            "type": "OAuthException",
            "code": 10,
            "fbtrace_id": "AbCdEf",
        }
    }
    router.get(ENDPOINT).mock(return_value=httpx.Response(403, json=body))

    with pytest.raises(BadCredentials, match="instagram_basic and pages_read_engagement"):
        instagram.fetch("lenaloafs")


def test_500_is_retried_then_succeeds(instagram: InstagramClient, router: respx.MockRouter, sleeps: Sleeps) -> None:
    route = router.get(ENDPOINT)
    route.side_effect = [
        answer("instagram_error_server"),
        answer("instagram_error_server"),
        answer("instagram_business_discovery_ok"),
    ]

    snapshot = instagram.fetch("lenaloafs")

    assert snapshot.profile.followers == 12873
    assert route.call_count == 3
    assert sleeps == [0.375, 0.75]


def test_500_that_never_ends_is_source_unavailable(
    instagram: InstagramClient, router: respx.MockRouter, sleeps: Sleeps
) -> None:
    route = router.get(ENDPOINT).mock(return_value=answer("instagram_error_server"))

    with pytest.raises(SourceUnavailable) as caught:
        instagram.fetch("lenaloafs")

    assert str(caught.value) == (
        "Instagram is not answering right now (HTTP 500 after 4 tries); try again in a few minutes."
    )
    assert route.call_count == 4
    assert len(sleeps) == 3


def test_http_429_honours_retry_after(instagram: InstagramClient, router: respx.MockRouter, sleeps: Sleeps) -> None:
    route = router.get(ENDPOINT)
    route.side_effect = [
        httpx.Response(429, headers={"Retry-After": "3"}, json={}),
        httpx.Response(429, headers={"Retry-After": "5"}, json={}),
        answer("instagram_business_discovery_ok"),
    ]

    assert instagram.fetch("lenaloafs").profile.handle == "lenaloafs"
    assert sleeps == [3.0, 5.0]


def test_invalid_username_is_refused_without_a_call(instagram: InstagramClient, router: respx.MockRouter) -> None:
    route = router.get(ENDPOINT)

    with pytest.raises(CreatorNotFound, match="is not a valid Instagram username"):
        instagram.fetch("lena){id},media{caption")

    assert not route.called


def test_the_token_never_reaches_errors_or_logs(
    instagram: InstagramClient, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    echo = {"error": {"message": f"Malformed access token {TOKEN}", "type": "OAuthException", "code": 1}}
    route = router.get(ENDPOINT)
    route.side_effect = [
        answer("instagram_error_server"),
        httpx.Response(400, json=echo),
        answer("instagram_error_token_expired"),
    ]
    caplog.set_level(logging.DEBUG)

    errors: list[SourceError] = []
    for _ in range(2):
        with pytest.raises(SourceError) as caught:
            instagram.fetch("lenaloafs")
        errors.append(caught.value)

    assert "[redacted]" in str(errors[0])
    assert all(TOKEN not in str(error) for error in errors)
    assert caplog.text and TOKEN not in caplog.text


def test_missing_settings_are_refused_up_front() -> None:
    with pytest.raises(BadCredentials, match="INSTAGRAM_ACCESS_TOKEN"):
        InstagramClient(IG_USER_ID, "")
    with pytest.raises(BadCredentials, match="INSTAGRAM_BUSINESS_ACCOUNT_ID"):
        InstagramClient("not-a-number", TOKEN)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ('{"1784":[{"type":"instagram","call_count":100,"estimated_time_to_regain_access":19}]}', 1140.0),
        ('{"1784":[{"estimated_time_to_regain_access":0}]}', None),
        ('{"a":[{"estimated_time_to_regain_access":2}],"b":[{"estimated_time_to_regain_access":5}]}', 300.0),
        ("not json", None),
        (None, None),
    ],
)
def test_regain_access_seconds(header: str | None, seconds: float | None) -> None:
    assert regain_access_seconds(header) == seconds
