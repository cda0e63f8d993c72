"""A live post's link: on the deliverable's platform, the creator's own where the address names an account,
short forms expanded where they carry the post, and hostile addresses refused with what to paste instead."""

from __future__ import annotations

import pytest

from bot.campaigns.post_links import InvalidPostLink, check_post_link, post_key, read_post_link
from bot.vocabulary import Platform

ACCEPTED = [
    # pasted, platform, creator -> stored
    ("https://www.instagram.com/p/Cx1AbC/", "instagram", "maya", "https://www.instagram.com/p/Cx1AbC/"),
    ("https://instagram.com/reel/Cx1AbC", "instagram", "maya", "https://instagram.com/reel/Cx1AbC"),
    ("https://www.instagram.com/Maya/reel/Cx1AbC/", "instagram", "maya", "https://www.instagram.com/Maya/reel/Cx1AbC/"),
    (
        "https://www.instagram.com/stories/maya/3141592653/",
        "instagram",
        "@maya",
        "https://www.instagram.com/stories/maya/3141592653/",
    ),
    ("https://instagr.am/p/Cx1AbC/", "instagram", "maya", "https://www.instagram.com/p/Cx1AbC/"),
    (
        " https://www.tiktok.com/@maya/video/7301234567890 ",
        "tiktok",
        "maya",
        "https://www.tiktok.com/@maya/video/7301234567890",
    ),
    ("https://m.tiktok.com/v/7301234567890.html", "tiktok", "maya", "https://m.tiktok.com/v/7301234567890.html"),
    ("https://youtu.be/zK3pQ9xY2aB?si=abc", "youtube", "maya", "https://www.youtube.com/watch?v=zK3pQ9xY2aB"),
    ("https://www.youtube.com/shorts/Rd8sT1uV4wX", "youtube", "maya", "https://www.youtube.com/watch?v=Rd8sT1uV4wX"),
    (
        "https://youtube.com/watch?feature=share&v=zK3pQ9xY2aB",
        "youtube",
        "maya",
        "https://www.youtube.com/watch?v=zK3pQ9xY2aB",
    ),
]


@pytest.mark.parametrize(("pasted", "platform", "creator", "stored"), ACCEPTED)
def test_a_post_of_the_creator_on_the_platform_is_accepted(pasted, platform, creator, stored):
    assert check_post_link(pasted, platform, creator) == stored


REFUSED = [
    (
        "https://www.tiktok.com/@maya/video/1",
        "instagram",
        "That is a TikTok link, but this deliverable is on Instagram: paste the post's link from www.instagram.com.",
    ),
    (
        "https://youtu.be/zK3pQ9xY2aB",
        "tiktok",
        "That is a YouTube link, but this deliverable is on TikTok: paste the post's link from www.tiktok.com.",
    ),
    (
        "https://www.tiktok.com/@someone_else/video/7301234567890",
        "tiktok",
        "That post is @someone_else's, not @maya's: paste the link of @maya's own TikTok post.",
    ),
    (
        "https://www.instagram.com/copycat/reel/Cx1AbC/",
        "instagram",
        "That post is @copycat's, not @maya's: paste the link of @maya's own Instagram post.",
    ),
    (
        "https://www.instagram.com/maya/",
        "instagram",
        "That is a link to an Instagram profile or page, not to a post: open the post and paste its own link "
        "(like https://www.instagram.com/reel/…).",
    ),
    (
        "https://www.youtube.com/@maya/videos",
        "youtube",
        "That is a link to a YouTube profile or page, not to a post: open the post and paste its own link "
        "(like https://www.youtube.com/watch?v=…).",
    ),
    (
        "https://example.com/p/1",
        "instagram",
        "That is not a link to Instagram: paste the post's link from www.instagram.com.",
    ),
    # hostile: credentials or a port hide the real host; control characters, markup and backslashes
    (
        "https://www.instagram.com@evil.example/p/Cx1AbC/",
        "instagram",
        "That link hides where it goes; paste the post's own link, as the app shares it.",
    ),
    (
        "https://www.instagram.com:8443/p/Cx1AbC/",
        "instagram",
        "That link hides where it goes; paste the post's own link, as the app shares it.",
    ),
    ("https://www.instagram.com/p/x\\@evil.example", "instagram", "Paste the full link, starting with https://"),
    ("https://www.instagram.com/p/x\x00", "instagram", "Paste the full link, starting with https://"),
    ("https://www.instagram.com/p/x><!channel>", "instagram", "Paste the full link, starting with https://"),
    ("javascript:alert(1)//https://www.instagram.com/p/x", "instagram", "Paste the full link, starting with https://"),
    ("https://[::1/p/x", "instagram", "Paste the full link, starting with https://"),
]


@pytest.mark.parametrize(("pasted", "platform", "message"), REFUSED)
def test_a_link_that_is_not_the_creators_post_is_refused_saying_what_to_paste(pasted, platform, message):
    with pytest.raises(InvalidPostLink) as refused:
        check_post_link(pasted, platform, "maya")
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("pasted", "platform"),
    [
        ("https://vm.tiktok.com/ZMabc123/", Platform.tiktok),
        ("https://vt.tiktok.com/ZSabc123/", Platform.tiktok),
        ("https://www.tiktok.com/t/ZTabc123/", Platform.tiktok),
        ("https://bit.ly/3glowreel", None),
    ],
)
def test_a_short_link_whose_target_only_a_redirect_tells_is_marked_to_follow(pasted, platform):
    link = read_post_link(pasted)
    assert (link.platform, link.needs_following, link.url) == (platform, True, pasted)
    assert check_post_link(pasted, "tiktok", "maya") == pasted  # the form lets it through; the service follows it


def test_a_tiktok_short_link_on_an_instagram_deliverable_is_refused_without_following_it():
    with pytest.raises(InvalidPostLink, match="That is a TikTok link, but this deliverable is on Instagram"):
        check_post_link("https://vm.tiktok.com/ZMabc123/", "instagram", "maya")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://www.instagram.com/reel/NINA_q1/", "https://instagram.com/reel/NINA_q1/?igsh=abc123"),
        ("https://www.instagram.com/reel/NINA_q1/", "https://www.instagram.com/nina/reel/NINA_q1"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://m.youtube.com/watch?v=dQw4w9WgXcQ"),
        (
            "https://www.tiktok.com/@tariq/video/7300000000000000001",
            "https://tiktok.com/@tariq/video/7300000000000000001?lang=en",
        ),
    ],
)
def test_one_post_has_one_key_however_its_link_is_written(one: str, other: str) -> None:
    assert post_key(one) is not None and post_key(one) == post_key(other)


def test_different_posts_and_links_without_a_post_id_have_different_or_no_keys() -> None:
    assert post_key("https://www.instagram.com/reel/AAA/") != post_key("https://www.instagram.com/reel/BBB/")
    assert post_key("https://www.instagram.com/p/AAA/") != post_key("https://www.tiktok.com/@a/video/1")
    assert post_key("https://vm.tiktok.com/ZMabc/") is None  # only its redirect tells which post
    assert post_key(None) is None and post_key("not a link") is None
