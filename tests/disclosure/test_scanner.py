"""The one-pass scanner finds exactly what the full term alternation finds, only faster."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.disclosure.lexicon import SCANNER, TERM_RE
from bot.disclosure.normalise import normalise
from bot.disclosure.scanner import TermScanner, prefixes
from tests.disclosure.test_properties import CAPTIONS
from tests.disclosure.test_word_boundaries import WORDS

HERE = Path(__file__).parent


def full(text: str) -> list[tuple[str, int, int]]:
    return [(m.lastgroup or "", m.start(), m.end()) for m in TERM_RE.finditer(text)]


def table_captions() -> list[str]:
    captions = [row["text"] for row in csv.DictReader((HERE / "cases.csv").open(encoding="utf-8"))]
    captions += [
        row["caption"] for row in csv.DictReader((HERE / "instasynth_sample_captions.csv").open(encoding="utf-8"))
    ]
    return captions


def test_the_case_table_and_the_sample_captions_scan_alike() -> None:
    captions = table_captions()
    assert len(captions) > 250
    found = 0
    for caption in captions:
        masked = normalise(caption).masked
        assert list(SCANNER.finditer(masked)) == full(masked), caption
        found += len(full(masked))
    assert found > 150  # the table is full of terms, so the comparison means something


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(CAPTIONS, st.lists(st.sampled_from(WORDS), max_size=20).map(" ".join)))
def test_any_text_scans_alike(text: str) -> None:
    masked = normalise(text).masked
    assert list(SCANNER.finditer(masked)) == full(masked)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"ad|b[oa]x", {"ad", "bo", "ba"}),
        (r"(?<!\w)#?sp", {"#s", "sp"}),
        (r"a\w+", {"a"}),
        (r"(?:pr|press)[ -]x", {"pr"}),
        (r"x?y", {"xy", "y"}),
        (r"pa[iy]d?", {"pa"}),
    ],
)
def test_prefixes_are_read_from_the_pattern(pattern: str, expected: set[str]) -> None:
    assert prefixes(pattern) == expected


def test_a_pattern_that_may_start_with_anything_is_refused() -> None:
    with pytest.raises(ValueError, match="known character"):
        TermScanner(r"(?<!\w)", [("any", r"\w+")])


def test_the_candidate_filter_finds_tags_anywhere_and_words_at_word_starts() -> None:
    from bot.disclosure.scanner import Candidates, trie_regex

    assert trie_regex(["ad", "adv", "th", "tha", "thx"]) == "(?:ad|th)"
    candidates = Candidates(["ad", "#x", "th"], anywhere="#", boundary=r"[^\w@#]")
    assert list(candidates.positions("ad ready #x a#x @ad (ad the")) == [0, 9, 13, 21, 24]


# Characters on both sides of the word test: \w as the regex reads it beyond ASCII (letters, digits of other
# scripts, superscripts, "_"), what is not (marks, emoji, "@", "#"), and the tags' own characters.
START_TEXT = st.lists(
    st.sampled_from(
        ["ad", "adv", "th", "#x", "x", "é", "ß", "٣", "²", "_", "@", "#", "(", " ", "\n", "-", "🎉", "\u0301"]
    ),
    max_size=24,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(CAPTIONS, START_TEXT))
def test_the_one_pass_word_starts_are_the_candidate_filters_positions(text: str) -> None:
    from bot.disclosure.scanner import Candidates, WordStarts

    words = ["ad", "adv", "#x", "th", "é", "(sp"]
    regex = Candidates(words, anywhere="#(", boundary=r"[^\w@#]")
    one_pass = WordStarts(words, anywhere="#(", not_after="@#")
    assert one_pass.positions(text) == regex.positions(text)
    masked = normalise(text).masked
    assert SCANNER._candidates.positions(masked) == Candidates(
        SCANNER._words, anywhere="#[(", boundary=r"[^\w@#]"
    ).positions(masked)


def test_the_one_pass_word_starts_find_tags_anywhere_and_words_at_word_starts() -> None:
    from bot.disclosure.scanner import WordStarts

    starts = WordStarts(["ad", "#x", "th", "adv"], anywhere="#", not_after="@#")
    assert starts.positions("ad ready #x a#x @ad (ad the éad _ad") == [0, 9, 13, 21, 24]


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        CAPTIONS, st.lists(st.sampled_from(["shop ", "shop my", "link", "skimlinks", "x", " "])).map("".join)
    )
)
def test_the_needles_are_found_where_str_find_finds_them(text: str) -> None:
    from bot.disclosure.scanner import Needles, _occurrences

    needles = ["shop ", "shop my", "link", "skimlinks", "cod", "sh"]
    found = Needles(needles).find(text)
    for needle in needles:
        assert found.get(needle, []) == list(_occurrences(text, needle)), needle
    assert list(_occurrences("shop shop", "shop")) == [0, 5]


SIGNAL_PATTERNS = ["_SHOP_RE", "_LINK_IN_BIO_RE", "_CODE_RE", "_CODE_WORD_RE", "_CTA_WORDS_RE"]
# Signal words, and words that hold their needles ("link", "cod", "shop ") without being signals, close together:
# the patterns with needles are searched only just before each needle.
SIGNAL_WORDS = st.lists(
    st.sampled_from(
        [
            "shop now",
            "buy yours",
            "book now",
            "links",
            "bio",
            "linked in bio",
            "the code is",
            "codes",
            "amazon",
            "storefront",
            "shop my amazon",
            "#founditonamazon",
            "#ltkhomefinds",
            "@shop.ltk",
            "my storefront",
            "my amazon finds",
            "liketoknow.it",
            "use code",
            "GLOW20",
            "promo code",
            "link in bio",
            "shop my",
            "#ltk",
            "my amazon store",
            "code promo",
            "rabattcode",
            "x",
            "@",
            "#",
            " ",
            "use my discount code: amy10",
            "swipe up",
            "links below",
            "é",
            "-",
        ]
    ),
    max_size=20,
)
SIGNAL_TEXT = st.one_of(SIGNAL_WORDS.map(" ".join), SIGNAL_WORDS.map("".join), SIGNAL_WORDS.map("  ".join))


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(CAPTIONS, SIGNAL_TEXT))
def test_the_signal_patterns_with_their_filter_match_as_the_plain_patterns(text: str) -> None:
    from bot.disclosure import signals
    from bot.disclosure.scanner import WordStartPattern

    masked = normalise(text).masked
    for name in SIGNAL_PATTERNS:
        fast = getattr(signals, name)
        assert isinstance(fast, WordStartPattern)
        plain = fast.pattern
        assert [m.span() for m in fast.finditer(masked)] == [m.span() for m in plain.finditer(masked)], name
        assert [m.groups() for m in fast.finditer(masked)] == [m.groups() for m in plain.finditer(masked)], name
        places = signals._NEEDLES.find(masked)
        assert [m.span() for m in fast.finditer(masked, places)] == [m.span() for m in plain.finditer(masked)], name


def test_the_signal_patterns_match_alike_on_the_case_table() -> None:
    from bot.disclosure import signals

    found = 0
    for caption in table_captions():
        masked = normalise(caption).masked
        for name in SIGNAL_PATTERNS:
            fast = getattr(signals, name)
            spans = [m.span() for m in fast.pattern.finditer(masked)]
            assert [m.span() for m in fast.finditer(masked)] == spans, (name, caption)
            found += len(spans)
    assert found > 20


CTA_TEXT = st.lists(
    st.sampled_from(["shop now", "20% off", "5 % rabatt", "get yours", "x", "1", "%", " ", "book now", "50%", "off"]),
    max_size=12,
).map(" ".join)
HANDLE_TEXT = st.lists(st.sampled_from(["@", "a", ".", " ", "@glow.co", "x@y", "..@ab", "é", "_"]), max_size=20).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(CAPTIONS, CTA_TEXT))
def test_the_call_to_action_is_found_as_by_one_pattern(text: str) -> None:
    import re

    from bot.disclosure.signals import CTA_PERCENT, CTA_WORDS, call_to_action

    one = re.compile(rf"(?<![\w@])(?:{CTA_WORDS}|{CTA_PERCENT})(?!\w)")
    masked = normalise(text).masked
    expected, found = one.search(masked), call_to_action(masked)
    assert (found.span() if found else None) == (expected.span() if expected else None)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(CAPTIONS, HANDLE_TEXT))
def test_handles_are_found_as_with_the_look_behind_first(text: str) -> None:
    import re

    from bot.disclosure.lexicon import HANDLE_RE

    before = re.compile(r"(?<![\w.])@([\w.]{2,30})")
    assert [m.span() + m.groups() for m in HANDLE_RE.finditer(text)] == [
        m.span() + m.groups() for m in before.finditer(text)
    ]


ASCII_WORDS = st.lists(
    st.sampled_from(["ad", "#ad", "@ad", "it's", "l'ad", "x_y", "3ad", "a1", "'", "_", "#", "@", " ", "\n", ".", "-"]),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(CAPTIONS, ASCII_WORDS))
def test_words_of_an_ascii_text_are_read_as_with_the_unicode_pattern(text: str) -> None:
    from bot.disclosure.normalise import WORD_RE, word_re

    masked = normalise(text).masked
    assert word_re(masked).findall(masked) == WORD_RE.findall(masked)
    assert word_re(masked).findall(masked, 0, 7) == WORD_RE.findall(masked, 0, 7)
