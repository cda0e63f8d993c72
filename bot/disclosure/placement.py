"""Where a disclosure sits: before the platform's "… more" cut, not lost in a trailing pile of hashtags, first.

FTC: "Disclosures are likely to be missed if they appear … anywhere that requires a person to click MORE";
"Don't mix your disclosure into a group of hashtags". OLG Celle (2017): #ad at the end of a hashtag cloud is
not enough. DE, BE and IE want the label to open the post.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.disclosure.normalise import word_re
from bot.disclosure.rules import PlatformCut


class Visibility(StrEnum):
    visible = "visible"
    may_be_cut = "may_be_cut"  # between the platform's safe length and its cut: hidden on some screens
    after_cut = "after_cut"


_PILE_TOKEN_RE = re.compile(r"(?:#\w+|@[\w.]+|[^\w#@])+")  # hashtags, @tags, emoji and punctuation only
_HASHTAG_RE = re.compile(r"#\w+")


def visibility(original: str, orig_start: int, orig_end: int, cut: PlatformCut) -> Visibility:
    """Is original[orig_start:orig_end] shown before the reader taps "more"?"""
    if cut.lines is not None and original.count("\n", 0, orig_start) >= cut.lines:
        return Visibility.after_cut
    if orig_end <= cut.pass_chars:
        return Visibility.visible
    if orig_start >= cut.cut_chars:
        return Visibility.after_cut
    return Visibility.may_be_cut


def trailing_pile_start(normalised: str, min_hashtags: int) -> int | None:
    """Start of the block of >= min_hashtags hashtags that ends the caption after some words, else None."""
    if normalised.count("#") < min_hashtags:  # too few hashtags in the whole caption to make a pile
        return None
    tokens = normalised.split()  # the same words as re.findall(r"\S+"), split at C speed
    count = 0
    index = len(tokens)
    while index > 0 and _PILE_TOKEN_RE.fullmatch(tokens[index - 1]):
        index -= 1
        count += len(_HASHTAG_RE.findall(tokens[index]))
    if count < min_hashtags or index == 0:  # a caption that is only hashtags has no text to get lost after
        return None
    # where the pile's first hashtag is: walk back over the pile's words (only white space between them)
    position, start = len(normalised), 0
    for token in reversed(tokens[index:]):
        position = normalised.rfind(token, 0, position)
        if "#" in token:
            start = position + token.index("#")
    return start


def leads(normalised: str, start: int, max_words: int) -> bool:
    """At most max_words words come before position `start` (emoji, tags and punctuation do not count)."""
    return len(word_re(normalised).findall(normalised, 0, start)) <= max_words
