"""Reading "/disclosure check" argument text into options and a caption."""

from __future__ import annotations

import pytest

from bot.disclosure import Jurisdiction, Verdict, check_caption
from bot.disclosure.slack_words import parse_check_words


@pytest.mark.parametrize(
    ("text", "options", "caption"),
    [
        (
            "tiktok UK gift Loving this serum! #ad",
            {"platform": "tiktok", "jurisdiction": "UK", "connection": "gift"},
            "Loving this serum! #ad",
        ),
        ("Loving this serum! #ad reel DE", {"format": "reel", "jurisdiction": "DE"}, "Loving this serum! #ad"),
        ("TIKTOK uk REEL Loving it", {"platform": "tiktok", "jurisdiction": "UK", "format": "reel"}, "Loving it"),
        (
            'brand="Glow Recipe" paid -- Loving my new toner',
            {"brand": "Glow Recipe", "connection": "paid"},
            "Loving my new toner",
        ),
        (
            'UK: "Loving this serum, on TikTok" tiktok',
            {"jurisdiction": "UK", "platform": "tiktok"},
            "Loving this serum, on TikTok",
        ),
        ("Live your best life", {}, "Live your best life"),
        ("Follow me on TikTok", {}, "Follow me on TikTok"),
        ("I love it", {}, "I love it"),
        ("it was great in the end", {}, "it was great in the end"),
        ("IT reel Pubblicità il mio siero", {"jurisdiction": "IT", "format": "reel"}, "Pubblicità il mio siero"),
        ("Paid partnership with Glossier", {}, "Paid partnership with Glossier"),
        ("live UK Going live tonight", {"format": "live", "jurisdiction": "UK"}, "Going live tonight"),
        (
            "j=fr c=paid f=story Publicité ma routine",
            {"jurisdiction": "FR", "connection": "paid", "format": "story"},
            "Publicité ma routine",
        ),
        ("youtube", {"platform": "youtube"}, ""),
        ("tiktok -- Live your best life", {"platform": "tiktok"}, "Live your best life"),
        ("", {}, ""),
    ],
)
def test_options_and_caption(text: str, options: dict[str, str], caption: str) -> None:
    parsed, rest = parse_check_words(text)
    assert parsed.model_dump(exclude_none=True, mode="json") == options
    assert rest == caption


def test_the_options_feed_the_checker_with_the_workspace_default() -> None:
    options, caption = parse_check_words("paid Loving my new serum! #sp")
    result = check_caption(options.request(caption, default_jurisdiction=Jurisdiction.CA))
    assert result.jurisdiction is Jurisdiction.CA
    assert result.verdict is Verdict.needs_work
