"""Checking takes time linear in the caption's length, on the shapes that used to be quadratic.

Each shape is timed at n/16 and n characters (CPU time of this process, best of a few runs, so other processes
on a busy machine barely count): linear work gives a ratio near 16, quadratic work about 256. The bound
(LINEAR_BOUND) leaves a factor of 4 for noise and still catches any quadratic path.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from bot.disclosure import MAX_CAPTION_CHARS, CaptionTooLong, CheckRequest, check_caption
from bot.disclosure.normalise import normalise
from bot.disclosure.slack_words import parse_check_words
from bot.vetting.rates import _ASK

SHAPES: dict[str, Callable[[int], str]] = {
    "one long word of letters and digits": lambda n: ("a1" * n)[:n],
    "www. and a long run": lambda n: "www." + "a" * (n - 4),
    "http:// and a long run": lambda n: "http://" + "a" * (n - 7),
    "many dots": lambda n: "." * n,
    "word dot word dot": lambda n: ("a." * n)[:n],
    "many #": lambda n: "#" * n,
    "many @": lambda n: "@" * n,
    "@ and dots": lambda n: "@" + "." * (n - 1),
    "an address with no domain": lambda n: "a" * (n - 1) + "@",
    "dashes": lambda n: "-" * n,
    "word dash word dash": lambda n: ("a-" * n)[:n],
    "underscores": lambda n: "_" * n,
    "plus signs": lambda n: ("a+" * n)[:n],
}


# Sixteen times the text: about 16x the time when linear, 256x when quadratic.
SCALE = 16
LINEAR_BOUND = 64


def _timed(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def _ratio(work: Callable[[int], object], n: int, runs: int = 5) -> float:
    """cpu(n) / cpu(n/16), each the best of `runs`, measured in turns so that a busy machine slows both alike."""
    small = large = float("inf")
    for _ in range(runs):
        small = min(small, _timed(lambda: work(n // SCALE)))
        large = min(large, _timed(lambda: work(n)))
    return large / max(small, 2e-5)  # below 20 µs the clock says little


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_checking_is_linear_up_to_the_cap(shape: str) -> None:
    make = SHAPES[shape]
    assert (
        _ratio(lambda n: check_caption(CheckRequest(text=make(n), connection="paid")), MAX_CAPTION_CHARS) < LINEAR_BOUND
    )


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_link_masking_is_linear_past_the_cap(shape: str) -> None:
    """The text layer itself (what the cap protects) stays linear at 40,000 characters."""
    make = SHAPES[shape]
    assert _ratio(lambda n: normalise(make(n)).masked, 40_000) < LINEAR_BOUND


def test_an_unclosed_quote_in_command_options_is_linear() -> None:
    assert _ratio(lambda n: parse_check_words("brand:“ " * (n // 8)), 40_000) < LINEAR_BOUND


def test_an_ask_with_a_long_run_of_spaces_is_linear() -> None:
    assert _ratio(lambda n: _ASK.match("1" + " " * n + "x"), 8_000) < LINEAR_BOUND


def test_a_caption_over_the_cap_is_refused_before_any_work() -> None:
    with pytest.raises(CaptionTooLong) as refused:
        check_caption(CheckRequest(text="a1" * 524_288))
    assert refused.value.length == 1_048_576 and refused.value.limit == MAX_CAPTION_CHARS
    assert str(refused.value) == (
        "That caption is 1,048,576 characters; I check up to 10,000 (the longest caption any platform allows is "
        "5,000). Paste the caption itself."
    )


def test_a_caption_at_the_cap_is_checked() -> None:
    text = "#ad " + "x" * (MAX_CAPTION_CHARS - 4)
    assert check_caption(CheckRequest(text=text, connection="paid")).verdict is not None


def test_a_one_megabyte_description_is_checked_in_under_a_second_with_the_cap_lifted() -> None:
    """The cap keeps a Slack request short; under it the engine itself is linear and fast: 1 MB of YouTube-style
    description (links, chapters, gear lists, codes, hashtags) in under a second of CPU time."""
    from bot.disclosure.checker import _Check

    paragraph = (
        "#ad This video is sponsored by Kettle Co. We drove from Adelaide to Melbourne, ready for an adventure.\n"
        "00:00 Intro\n01:13 The road\nCamera: https://amzn.to/3xYzAbc\nUse code MAYA10 for 10% off.\n"
        "Business enquiries: hello@mayamakes.com\nI earn a small commission from these links. #travel #vlog\n\n"
    )
    text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
    best = min(_timed(lambda: _Check(CheckRequest(text=text, platform="youtube", format="video")).run()) for _ in "ab")
    assert best < 1.0
