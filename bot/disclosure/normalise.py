"""Caption text in one comparable form, with a map back to the characters the creator typed.

Matching runs on a compatibility-decomposed (NFKD), accent-stripped, case-folded copy: "＃ＡＤ", "#Ad" and "𝐀𝐝"
all read "#ad", "Publicité" and "publicite" are the same word, and zero-width characters slipped inside a
word do not hide it. Every character of that copy remembers its index in the original, so positions (for the
"more" cut) and edits (for the fixed caption) are made on the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typographic quotes and dashes people paste from notes apps, read as their ASCII twins.
_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})

# Links and e-mail addresses: masked before term matching, so "brand.com/ad" or "hello@ad.agency" is no label.
# Every repeat that could start inside a long run of letters, digits, dots or dashes is bounded (an address
# part to 64 characters, a domain label to 63, a domain to 16 labels: the limits of e-mail and DNS), so each
# starting position looks at a bounded stretch of text and masking stays linear in the caption's length.
# Unbounded, "aaaa…" (no "@") cost one scan to its end per starting letter: quadratic, seconds at 40,000.
URL_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,16}"
    r"|(?<![\w@#.])(?:[a-z0-9-]{1,63}\.){1,16}"
    r"(?:com|net|org|co|me|ly|to|io|it|de|fr|uk|nl|be|es|ca|au|in|eu|us|shop|store|app|link|page|tv|bio|ee|ai|gl)"
    r"(?![\w-])(?:/\S*)?"
)

# Every link or address holds a "." followed by more of it, or ":/" ("www.x", "a@b.c", "x.com", "https://"); a
# sentence's closing "." does not. The pattern starts with a two-character class, so the engine skips to the
# next "." or ":" at C speed.
_LINK_MARK_RE = re.compile(r"\.\S|:/")
_SPACE_RE = re.compile(r"\s")


def find_links(text: str) -> tuple[tuple[int, int], ...]:
    """The spans URL_RE.finditer(text) gives, found faster: no link or address holds white space, so only the
    white-space-free stretches around a link mark ("." before more text, ":/") are scanned for links; a
    caption's other words, most of it, are passed over by C-speed searches. Each stretch is read a bounded
    number of times (the searches back to its start begin after the previous stretch), so this is linear."""
    spans: list[tuple[int, int]] = []
    end = 0
    search_mark, search_space, find_urls = _LINK_MARK_RE.search, _SPACE_RE.search, URL_RE.finditer
    mark = search_mark(text)
    while mark is not None:
        at = mark.start()
        start = max(text.rfind(" ", end, at), end - 1) + 1  # after the last space (the stretches do not overlap)
        if search_space(text, start, at):  # another white space ("\n", U+2028…) after it: find the last one
            start = at
            while not text[start - 1].isspace():
                start -= 1
        after = search_space(text, at)
        end = after.start() if after is not None else len(text)
        for link in find_urls(text, start, end):
            spans.append(link.span())
        mark = search_mark(text, end)
    return tuple(spans)


# A word: starts with a letter, and is not inside a #hashtag or an @handle.
WORD_RE = re.compile(r"(?<![#@\w])[^\W\d_][\w']*")
# The same pattern for a text that is all ASCII, where \w is [A-Za-z0-9_] either way: the engine then tests each
# character against a bitmap instead of the Unicode tables (about a third faster; the same matches).
_WORD_RE_ASCII = re.compile(WORD_RE.pattern, re.ASCII)


def word_re(text: str) -> re.Pattern[str]:
    """WORD_RE, or its ASCII twin when `text` is all ASCII (same matches, faster)."""
    return _WORD_RE_ASCII if text.isascii() else WORD_RE


def word_set(text: str) -> frozenset[str]:
    """Space-separated words as a set: keeps the long word lists of the lexicon readable."""
    return frozenset(text.split())


class NormalisedText:
    """The caption as typed (`original`), its normalised copy (`text`, same length as `origin`), the map back,
    and the links found in `text` with the copy they are blanked out of (`masked`).

    Links and masking are worked out once, on creation: every check reads them (a plain slot is read much faster
    than a cached property, which takes a lock on each read in Python 3.11)."""

    __slots__ = ("original", "text", "origin", "links", "masked")

    def __init__(self, original: str, text: str, origin: tuple[int, ...] | None) -> None:
        self.original = original
        self.text = text
        # origin[i] = index in `original` of text[i]; None means identity
        self.origin = origin
        # spans of the links and e-mail addresses in `text`, found once for the masking and the link signals
        self.links = find_links(text)
        # `text` with links and e-mail addresses blanked out (same length, so positions still line up)
        self.masked = _mask(text, self.links) if self.links else text

    def __repr__(self) -> str:
        return f"NormalisedText(original={self.original!r}, text={self.text!r})"

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span [start, end) that produced normalised text[start:end]."""
        if self.origin is None:
            return start, end
        if start >= len(self.origin):
            return len(self.original), len(self.original)
        begin = self.origin[start]
        finish = self.origin[end - 1] + 1 if end > start else begin
        return begin, finish


def _mask(text: str, links: tuple[tuple[int, int], ...]) -> str:
    parts: list[str] = []
    last = 0
    for start, end in links:
        parts += (text[last:start], " " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


# An ASCII run, or one other character: the pieces a caption is normalised by.
_PIECE_RE = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")


def normalise(text: str) -> NormalisedText:
    if text.isascii():  # the common case: no decomposition needed, positions are the identity
        return NormalisedText(original=text, text=text.lower(), origin=None)
    pieces = _PIECE_RE.findall(text)  # ASCII runs in bulk, the rest character by character
    folded = [piece.lower() if piece.isascii() else _fold(piece) for piece in pieces]
    normalised = "".join(folded)
    if len(normalised) == len(text) and all(map(_same_length, pieces, folded)):
        # every character became one character ("é" -> "e", "＃" -> "#", an emoji itself): the identity map
        return NormalisedText(original=text, text=normalised, origin=None)
    origin: list[int] = []
    position = 0
    for piece, fold in zip(pieces, folded, strict=True):
        if len(piece) == len(fold):
            origin.extend(range(position, position + len(piece)))
        else:  # one character that became none ("\u200b") or several ("ß" -> "ss")
            origin.extend([position] * len(fold))
        position += len(piece)
    return NormalisedText(original=text, text=normalised, origin=tuple(origin))


def _same_length(piece: str, fold: str) -> bool:
    return len(piece) == len(fold)


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """One character as matching reads it: compatibility-decomposed, accents and zero-width marks dropped,
    case-folded. Cached: a caption repeats few distinct characters outside ASCII."""
    if unicodedata.category(char) in ("Cf", "Mn"):  # zero-width joiners, bidi marks, stray accents
        return ""
    parts = unicodedata.normalize("NFKD", char.translate(_PUNCTUATION))
    return "".join(part.casefold() for part in parts if not unicodedata.combining(part))
