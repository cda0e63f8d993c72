"""handlers.blocks.text.fit: user text cut to a Slack limit the way a reader expects, and never broken."""

from __future__ import annotations

import pytest

from handlers.blocks.text import escape, fit


def test_text_within_the_limit_is_left_alone() -> None:
    assert fit("Spring Glow", 11) == "Spring Glow"


def test_a_cut_falls_between_words_and_ends_with_an_ellipsis() -> None:
    assert fit("limited edition summer glow", 20) == "limited edition…"


def test_a_single_word_longer_than_the_room_is_cut_inside() -> None:
    assert fit("x" * 40, 10) == "x" * 9 + "…"


@pytest.mark.parametrize("room", range(20, 40))
def test_an_escape_is_never_cut_short(room: int) -> None:
    cut = fit(escape("R&D&R&D&R&D&R&D&R&D&R&D&R&D"), room)
    assert len(cut) <= room
    assert cut.removesuffix("…").count("&") == cut.count("&amp;")


def test_a_link_or_mention_is_dropped_whole_rather_than_cut() -> None:
    assert fit("see <https://example.com/a/long/path|the post> now", 30) == "see…"
    assert fit("approved by <@U0APPROVER> today", 20) == "approved by…"


def test_plain_text_keeps_its_ampersands() -> None:
    assert fit("R&D team spring launch with friends", 20, mrkdwn=False) == "R&D team spring…"
