"""A live post's numbers read back from its platform, for campaign results (recorded API answers)."""

from __future__ import annotations

import pytest
import respx

from bot.sources.instagram import GRAPH_API, GRAPH_VERSION
from bot.sources.post_stats import find_post, youtube_video_id
from bot.sources.registry import CreatorSources, SourceConfig
from bot.sources.youtube import YOUTUBE_API
from bot.vocabulary import Platform
from tests.sources.recording import answer

IG_USER_ID = "17841400000000001"


@pytest.mark.parametrize(
    ("url", "video_id"),
    [
        ("https://www.youtube.com/watch?v=zK3pQ9xY2aB", "zK3pQ9xY2aB"),
        ("https://youtube.com/watch?feature=share&v=zK3pQ9xY2aB&t=30", "zK3pQ9xY2aB"),
        ("https://youtu.be/zK3pQ9xY2aB?si=abc", "zK3pQ9xY2aB"),
        ("https://m.youtube.com/shorts/zK3pQ9xY2aB", "zK3pQ9xY2aB"),
        ("https://www.youtube.com/live/zK3pQ9xY2aB?feature=shared", "zK3pQ9xY2aB"),
        ("https://www.youtube.com/@lenaloafs", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://evil.example/watch?v=zK3pQ9xY2aB", None),
        ("https://www.youtube.com/watch?v=" + "a" * 600, None),
    ],
)
def test_the_video_id_is_read_from_every_kind_of_youtube_link(url: str, video_id: str | None) -> None:
    assert youtube_video_id(url) == video_id


def test_a_youtube_post_gets_its_views_likes_and_comments_now() -> None:
    sources = CreatorSources(SourceConfig(youtube_api_key="AIzaSyD-test-key-0000000000000000000"))
    with respx.mock(assert_all_mocked=True) as router:
        videos = router.get(f"{YOUTUBE_API}/videos").mock(return_value=answer("youtube_videos_ok"))
        stats = sources.post_stats("lenaloafs", Platform.youtube, "https://youtu.be/zK3pQ9xY2aB")
    sources.close()
    assert videos.calls.last.request.url.params["id"] == "zK3pQ9xY2aB"
    assert "statistics" in videos.calls.last.request.url.params["part"]
    assert stats is not None
    assert (stats.views, stats.likes, stats.comments, stats.source) == (12450, 812, 64, "youtube")
    assert stats.post_url == "https://youtu.be/zK3pQ9xY2aB"


def test_an_instagram_post_is_found_among_recent_media_by_its_permalink() -> None:
    config = SourceConfig(instagram_account_id=IG_USER_ID, instagram_access_token="EAAGtestTOKEN000000000000ZZ")
    sources = CreatorSources(config)
    endpoint = f"{GRAPH_API}/{GRAPH_VERSION}/{IG_USER_ID}"
    with respx.mock(assert_all_mocked=True) as router:
        router.get(endpoint).mock(return_value=answer("instagram_business_discovery_ok"))
        found = sources.post_stats("anyone", Platform.instagram, "instagram.com/p/DxOy1bAimCa?igsh=tracking")
        gone = sources.post_stats("anyone", Platform.instagram, "https://www.instagram.com/p/NOTRECENT/")
    sources.close()
    assert found is not None
    assert (found.likes, found.comments, found.views, found.source) == (1042, 57, None, "instagram")
    assert gone is None  # past the recent media (or deleted): nothing, not zeros


def test_find_post_ignores_links_it_cannot_match() -> None:
    assert find_post([], "https://www.instagram.com/p/x/") is None
