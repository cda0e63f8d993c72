"""Word-boundary matching everywhere: a word that only contains a term's letters is never that term.

words_containing_terms.txt lists common words of the six languages the lexicon covers (and names creators write)
that contain a term: "prevent" (pr), "ready" and "Adelaide" (ad), "special" (sp), "public" (pub), "Bewerbung"
(Werbung), "Thanksgiving" (thanks). Each is checked as a bare word, as a hashtag, inside a sentence and opening
one, under every jurisdiction: no disclosure word may be found, so an unknown connection stays "not needed" and
a paid one is "missing" (no weak or clear label is read into it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.disclosure import CheckRequest, Jurisdiction, Verdict, check_caption
from bot.disclosure.lexicon import disclosure_terms

WORDS = [
    line.strip()
    for line in (Path(__file__).parent / "words_containing_terms.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
TERM_FINDINGS = ("term.", "disclosure.clear", "disclosure.denied", "placement.")


def contexts(word: str) -> list[str]:
    return [word, f"#{word}", f"I love this {word} so much", f"{word.capitalize()} day! Back soon.", word.upper()]


def test_the_word_list_is_long_and_covers_the_short_terms() -> None:
    assert len(WORDS) >= 200
    for needle in ("ad", "pr", "sp", "pub", "werbung", "thanks", "gift", "paid", "promo", "collab", "commission"):
        assert any(needle in word.lower() for word in WORDS), needle


@pytest.mark.parametrize("word", WORDS)
def test_no_word_that_only_contains_a_term_is_read_as_one(word: str) -> None:
    for text in contexts(word):
        assert disclosure_terms(text) == [], text
        unknown = check_caption(CheckRequest(text=text))
        assert unknown.verdict is Verdict.not_needed, (text, [f.message for f in unknown.findings])


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
    jurisdiction=st.sampled_from(list(Jurisdiction)),
    hashtags=st.booleans(),
)
def test_sentences_of_such_words_hold_no_label_anywhere(words, jurisdiction, hashtags) -> None:
    text = " ".join(f"#{w}" if hashtags and i % 2 else w for i, w in enumerate(words))
    paid = check_caption(CheckRequest(text=text, jurisdiction=jurisdiction, connection="paid"))
    assert paid.verdict is Verdict.missing, text
    assert not [f.rule_id for f in paid.findings if f.rule_id.startswith(TERM_FINDINGS)], text
