"""YouTubeClient against recorded YouTube Data API v3 answers."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
import respx

from bot.sources.errors import BadCredentials, CreatorNotFound, RateLimited, SourceError, SourceUnavailable
from bot.sources.http import RetryPolicy
from bot.sources.youtube import YOUTUBE_API, YouTubeClient, duration_seconds, video_to_post
from bot.vocabulary import Platform
from tests.sources.recording import NOW, Sleeps, answer, clock, recorded

API_KEY = "AIzaSyD-test-key-0000000000000000000"
CHANNELS = f"{YOUTUBE_API}/channels"
PLAYLIST_ITEMS = f"{YOUTUBE_API}/playlistItems"
VIDEOS = f"{YOUTUBE_API}/videos"


@pytest.fixture
def youtube(http_client: httpx.Client, sleeps: Sleeps) -> YouTubeClient:
    return YouTubeClient(API_KEY, http_client=http_client, clock=clock, sleep=sleeps, rand=lambda: 0.5)


def serve_channel(router: respx.MockRouter) -> dict[str, respx.Route]:
    return {
        "channels": router.get(CHANNELS).mock(return_value=answer("youtube_channels_ok")),
        "playlist": router.get(PLAYLIST_ITEMS).mock(return_value=answer("youtube_playlist_items_ok")),
        "videos": router.get(VIDEOS).mock(return_value=answer("youtube_videos_ok")),
    }


def test_channel_and_latest_uploads_become_a_snapshot(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    serve_channel(router)

    snapshot = youtube.fetch("@lenaloafs")

    assert snapshot.source == "youtube"
    assert snapshot.fetched_at == NOW
    profile = snapshot.profile
    assert profile.platform is Platform.youtube
    assert profile.handle == "lenaloafs"
    assert profile.display_name == "Lena Loafs"
    assert profile.biography is not None and profile.biography.startswith("Sourdough for busy people.")
    assert profile.url == "https://www.youtube.com/@lenaloafs"
    assert (profile.followers, profile.following, profile.media_count) == (18400, None, 212)
    assert len(snapshot.posts) == 30
    assert [p.posted_at for p in snapshot.posts] == sorted((p.posted_at for p in snapshot.posts), reverse=True)

    newest = snapshot.posts[0]
    assert newest.id == "zK3pQ9xY2aB"
    assert newest.url == "https://www.youtube.com/watch?v=zK3pQ9xY2aB"
    assert newest.caption.startswith("Sunday bake: rye & caraway\n\nDark rye, caraway")
    assert "#ad Thanks to FlourCo" in newest.caption
    assert newest.posted_at == datetime(2026, 11, 1, 10, 0, 7, tzinfo=UTC)
    assert (newest.kind, newest.likes, newest.comments, newest.views) == ("video", 812, 64, 12450)


def test_short_videos_hidden_likes_and_closed_comments(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    serve_channel(router)

    posts = {post.id: post for post in youtube.fetch("lenaloafs").posts}

    assert posts["Rd8sT1uV4wX"].kind == "short"  # PT38S
    assert posts["Rd8sT1uV4wX"].url == "https://www.youtube.com/shorts/Rd8sT1uV4wX"
    assert posts["Po0iU9yT8rE"].kind == "short"  # PT1M: exactly 60 s still counts
    assert posts["Zc6vB5nM4lK"].kind == "video"  # a past live stream of an hour
    assert posts["Wq1eR3tY5uI"].caption == "Scoring in 20 seconds"  # no description: the title alone
    assert posts["Mn5bC7dE9fG"].likes is None  # likes hidden: unknown, not zero
    assert posts["Mn5bC7dE9fG"].comments == 88
    assert posts["Hj2kL4mN6pQ"].comments is None  # comments turned off
    assert posts["Hj2kL4mN6pQ"].likes == 540


def test_requests_ask_for_the_handle_the_uploads_and_30_videos(
    youtube: YouTubeClient, router: respx.MockRouter
) -> None:
    routes = serve_channel(router)

    youtube.fetch("  @lenaloafs ")

    channels = routes["channels"].calls.last.request
    assert channels.url.params["forHandle"] == "@lenaloafs"
    assert channels.url.params["part"] == "snippet,statistics,contentDetails"
    playlist = routes["playlist"].calls.last.request
    assert playlist.url.params["playlistId"] == "UUq7Rk2bM4d1sY3LwZp9aT0g"
    assert playlist.url.params["maxResults"] == "30"
    videos = routes["videos"].calls.last.request
    assert videos.url.params["part"] == "snippet,statistics,contentDetails"
    wanted = [item["contentDetails"]["videoId"] for item in recorded("youtube_playlist_items_ok")["body"]["items"]]
    assert videos.url.params["id"].split(",") == wanted
    for route in routes.values():
        request = route.calls.last.request
        assert request.headers["X-Goog-Api-Key"] == API_KEY
        assert API_KEY not in str(request.url)  # the key never sits in a URL that could be logged


def test_hidden_subscriber_count_is_unknown_and_no_uploads_means_no_video_calls(
    youtube: YouTubeClient, router: respx.MockRouter
) -> None:
    router.get(CHANNELS).mock(return_value=answer("youtube_channels_hidden_subscribers"))
    playlist = router.get(PLAYLIST_ITEMS)

    snapshot = youtube.fetch("quiettrails")

    assert snapshot.profile.followers is None
    assert snapshot.profile.media_count == 0
    assert snapshot.posts == []
    assert not playlist.called


def test_missing_uploads_playlist_gives_an_empty_post_list(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    router.get(CHANNELS).mock(return_value=answer("youtube_channels_ok"))
    router.get(PLAYLIST_ITEMS).mock(return_value=answer("youtube_error_playlist_not_found"))

    snapshot = youtube.fetch("lenaloafs")

    assert snapshot.profile.followers == 18400
    assert snapshot.posts == []


def test_unknown_handle_is_creator_not_found(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    router.get(CHANNELS).mock(return_value=answer("youtube_channels_not_found"))

    with pytest.raises(CreatorNotFound) as caught:
        youtube.fetch("@nosuchchannel")

    assert str(caught.value) == (
        "No YouTube channel has the handle @nosuchchannel. Check the spelling on the channel page (youtube.com/@…)."
    )
    assert (caught.value.handle, caught.value.platform) == ("nosuchchannel", "youtube")


def test_empty_handle_is_refused_without_a_call(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    channels = router.get(CHANNELS)

    with pytest.raises(CreatorNotFound, match="Give a YouTube handle"):
        youtube.fetch(" @ ")

    assert not channels.called


def test_quota_used_up_says_when_it_comes_back_and_is_not_retried(
    youtube: YouTubeClient, router: respx.MockRouter, sleeps: Sleeps
) -> None:
    channels = router.get(CHANNELS).mock(return_value=answer("youtube_error_quota_exceeded"))

    with pytest.raises(RateLimited) as caught:
        youtube.fetch("lenaloafs")

    assert str(caught.value) == "YouTube quota used up for today; try again after midnight Pacific time."
    assert caught.value.retry_after == 20 * 3600  # 04:00 PST -> midnight
    assert channels.call_count == 1
    assert sleeps == []


def test_invalid_key_is_bad_credentials_without_the_key(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    router.get(CHANNELS).mock(return_value=answer("youtube_error_key_invalid"))

    with pytest.raises(BadCredentials) as caught:
        youtube.fetch("lenaloafs")

    assert str(caught.value) == "YouTube rejected the API key; set YOUTUBE_API_KEY to a valid key."


def test_api_not_enabled_for_the_key_says_to_enable_it(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    router.get(CHANNELS).mock(return_value=answer("youtube_error_access_not_configured"))

    with pytest.raises(BadCredentials, match="YouTube Data API v3 is not enabled"):
        youtube.fetch("lenaloafs")


def test_5xx_is_retried_with_backoff_then_succeeds(
    youtube: YouTubeClient, router: respx.MockRouter, sleeps: Sleeps
) -> None:
    routes = serve_channel(router)
    routes["channels"].side_effect = [
        answer("youtube_error_backend"),
        answer("youtube_error_backend"),
        answer("youtube_channels_ok"),
    ]

    snapshot = youtube.fetch("lenaloafs")

    assert snapshot.profile.handle == "lenaloafs"
    assert routes["channels"].call_count == 3
    assert sleeps == [0.375, 0.75]  # 0.5 s then 1 s ceilings, jitter fixed at the middle


def test_5xx_that_never_ends_is_source_unavailable(
    youtube: YouTubeClient, router: respx.MockRouter, sleeps: Sleeps
) -> None:
    channels = router.get(CHANNELS).mock(return_value=answer("youtube_error_backend"))

    with pytest.raises(SourceUnavailable) as caught:
        youtube.fetch("lenaloafs")

    assert str(caught.value) == (
        "YouTube is not answering right now (HTTP 503 after 4 tries); try again in a few minutes."
    )
    assert channels.call_count == 4
    assert len(sleeps) == 3


def test_429_retry_after_is_honoured(youtube: YouTubeClient, router: respx.MockRouter, sleeps: Sleeps) -> None:
    routes = serve_channel(router)
    routes["videos"].side_effect = [answer("youtube_error_rate_limited"), answer("youtube_videos_ok")]

    snapshot = youtube.fetch("lenaloafs")

    assert len(snapshot.posts) == 30
    assert sleeps == [7.0]


def test_timeouts_are_retried(youtube: YouTubeClient, router: respx.MockRouter, sleeps: Sleeps) -> None:
    routes = serve_channel(router)
    routes["playlist"].side_effect = [
        httpx.ReadTimeout("read timed out"),
        answer("youtube_playlist_items_ok"),
    ]

    assert len(youtube.fetch("lenaloafs").posts) == 30
    assert sleeps == [0.375]


def test_fewer_attempts_can_be_configured(http_client: httpx.Client, router: respx.MockRouter, sleeps: Sleeps) -> None:
    client = YouTubeClient(
        API_KEY, http_client=http_client, clock=clock, sleep=sleeps, policy=RetryPolicy(max_attempts=1)
    )
    channels = router.get(CHANNELS).mock(return_value=answer("youtube_error_backend"))

    with pytest.raises(SourceUnavailable):
        client.fetch("lenaloafs")

    assert channels.call_count == 1
    assert sleeps == []


def test_missing_key_is_refused_up_front() -> None:
    with pytest.raises(BadCredentials, match="set YOUTUBE_API_KEY"):
        YouTubeClient("")


def test_scheduled_premiere_is_not_a_post() -> None:
    video = recorded("youtube_videos_ok")["body"]["items"][0]
    upcoming = {**video, "snippet": {**video["snippet"], "liveBroadcastContent": "upcoming"}}
    live = {**video, "snippet": {**video["snippet"], "liveBroadcastContent": "live"}}

    assert video_to_post(upcoming) is None
    live_post = video_to_post(live)
    assert live_post is not None and live_post.kind == "live"


@pytest.mark.parametrize(
    ("iso", "seconds"),
    [
        ("PT38S", 38),
        ("PT1M", 60),
        ("PT14M32S", 872),
        ("PT1H2M10S", 3730),
        ("P1DT2H", 93600),
        ("P0D", 0),
        (None, None),
        ("garbage", None),
    ],
)
def test_duration_seconds(iso: str | None, seconds: float | None) -> None:
    assert duration_seconds(iso) == seconds


def test_forbidden_key_is_bad_credentials(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    body = {
        "error": {
            "code": 403,
            "message": "The request is not properly authorized.",
            "errors": [
                {
                    "message": "The request is not properly authorized.",
                    "domain": "global",
                    "reason": "forbidden",
                }
            ],
        }
    }
    router.get(CHANNELS).mock(return_value=httpx.Response(403, json=body))

    with pytest.raises(BadCredentials, match="set YOUTUBE_API_KEY to a valid key"):
        youtube.fetch("lenaloafs")


def test_other_refusals_keep_the_reason_without_html(youtube: YouTubeClient, router: respx.MockRouter) -> None:
    message = "The request specifies an invalid <code>forHandle</code> value."
    body = {
        "error": {
            "code": 400,
            "message": message,
            "errors": [{"message": message, "domain": "youtube.parameter", "reason": "invalidFilters"}],
        }
    }
    router.get(CHANNELS).mock(return_value=httpx.Response(400, json=body))

    with pytest.raises(SourceError) as caught:
        youtube.fetch("lenaloafs")

    assert str(caught.value) == (
        "YouTube refused the request (HTTP 400: The request specifies an invalid forHandle value.)."
    )
