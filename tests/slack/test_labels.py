"""Labels cut to Slack's lengths: never longer than the limit as Slack counts, never a broken character, and
still apart from one another."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handlers.blocks.text import characters, cut, slack_length, unique_labels

FAMILY = "👩‍👩‍👧"  # one emoji of five code points, joined
ACCENTED = "e\u0301"  # e and a combining acute accent


def test_a_label_is_cut_before_a_joined_emoji_or_an_accent_not_inside_it():
    assert cut("@ana" + FAMILY * 3, 12) == "@ana…"
    assert cut("Cafe\u0301 de Flore", 6) == "Cafe\u0301…"
    assert cut("Cafe\u0301 de Flore", 5) == "Caf…"
    assert cut("Café " + ACCENTED * 20, 8) == "Café " + ACCENTED + "…"


def test_an_escaped_cut_never_splits_an_entity():
    assert cut("Glow & Co <team>", 12, escaped=True) == "Glow &amp;…"


def test_labels_that_cut_to_the_same_text_are_told_apart():
    assert unique_labels(["@" + "a" * 30, "@" + "a" * 31, "@b", "@b"], 20) == [
        "@aaaaaaaaaaaaaaaaaa…",
        "@aaaaaaaaaaaaaaaa…~2",
        "@b",
        "@b~2",
    ]


@given(st.lists(st.text(max_size=40), max_size=30), st.integers(min_value=8, max_value=50))
def test_cut_labels_keep_to_the_limit_and_stay_unique(labels, limit):
    cut_labels = unique_labels(labels, limit)
    assert len(set(cut_labels)) == len(cut_labels) == len(labels)
    assert all(0 < slack_length(label) <= limit for label in cut_labels)


@given(st.text(max_size=60), st.integers(min_value=2, max_value=30))
def test_a_cut_text_is_a_run_of_whole_characters_of_the_original(text, limit):
    shown = cut(text, limit)
    assert slack_length(shown) <= limit
    kept = shown.removesuffix("…").rstrip()
    original = list(characters(" ".join(text.split())))
    assert list(characters(kept)) == original[: len(list(characters(kept)))]
