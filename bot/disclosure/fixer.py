"""The suggested caption: a clear label for the jurisdiction (in the caption's language) at the very start,
the creator's words kept, and confusing labels ("#sp", "#notsponsored", a buried "#ad") taken out."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.disclosure.lexicon import TermMatch
from bot.disclosure.models import Connection

# Weak labels that explain the kind of connection: kept, because they add information next to the new label.
EXPLAINS_CONNECTION = frozenset({"gifted", "thanks_free", "commission", "affiliate", "employee", "invited_guest", "pr"})
# Weak labels the new label replaces outright ("unbezahlte Werbung" -> "Werbung").
REPLACED_BY_LABEL = frozenset({"werbung_unpaid"})
_SEPARATORS = " \t|-–—:·•,;/"
_SPACES_RE = re.compile(r"[ \t]{2,}")
_CLAUSE_START = ".!?\n"
_CLAUSE_END = ".,;!?\n"
_NEXT_WORD_RE = re.compile(r"\w+")
_CONNECTORS = frozenset(
    {"with", "w", "for", "x", "and", "by", "from", "at", "on", "to", "featuring", "ft", "feat", "of"}
)


def nature_note(connection: Connection, brand: str | None) -> str | None:
    """What "#ad" does not say on its own (FTC §255.5: communicate the nature of the connection), in English."""
    if connection is Connection.gift:
        return f"gifted by {brand}" if brand else "gifted"
    if connection is Connection.affiliate:
        return "I earn a commission from links in this post"
    if connection is Connection.employee:
        return f"I work for {brand}" if brand else "I work for the brand"
    return None


def _tag_span(original: str, match: TermMatch) -> tuple[int, int] | None:
    """A hashtag label that stands alone ("#sp Loving…", "… serum #sp #glow") can go; one that is part of a
    sentence ("#collab with @x", "my #sp serum") stays, or the sentence would break."""
    rest = original[match.orig_end :].lstrip(" \t")
    if not (rest[:1].isalpha() or rest[:1].isdigit()):
        return match.orig_start, match.orig_end
    opens_caption = not original[: match.orig_start].strip(_SEPARATORS)
    next_word = _NEXT_WORD_RE.match(rest)
    if opens_caption and not (next_word and next_word.group(0).lower() in _CONNECTORS):
        return match.orig_start, match.orig_end
    return None


def _clause_span(original: str, match: TermMatch) -> tuple[int, int]:
    start = max(original.rfind(ch, 0, match.orig_start) for ch in _CLAUSE_START) + 1
    ends = [i for i in (original.find(ch, match.orig_end) for ch in _CLAUSE_END) if i >= 0]
    end = min(ends) + 1 if ends else len(original)
    if original[end - 1 : end] == "\n":
        end -= 1  # keep the line break
    return start, end


def _without(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` minus the spans; words on either side of a cut never fuse ("AD:x!0" minus ":x!" is "AD 0")."""
    kept, last = "", 0
    for start, end in sorted(spans):
        start = max(start, last)
        if start >= end:
            continue
        kept = _join(kept, text[last:start])
        last = end
    return _join(kept, text[last:])


def _join(left: str, right: str) -> str:
    if left and right and not left[-1].isspace() and not right[0].isspace():
        return left + " " + right
    return left + right


def _tidy(text: str, opened_by_removal: bool) -> str:
    lines = [_SPACES_RE.sub(" ", line).strip(" \t") for line in text.split("\n")]
    tidy = "\n".join(lines).strip()
    while opened_by_removal and tidy and tidy[0] in _SEPARATORS:  # "#sp | Loving…" -> "Loving…"
        tidy = tidy[1:].lstrip()
    return tidy


def remove_labels(
    original: str,
    tags: Iterable[TermMatch] = (),
    terms: Iterable[TermMatch] = (),
    clauses: Iterable[TermMatch] = (),
) -> str:
    """`original` without the given hashtag labels (where they stand alone), terms, and denial clauses
    ("This is not sponsored," goes as a whole); unchanged when there is nothing to take out."""
    spans = [span for m in tags if (span := _tag_span(original, m))]
    spans += [(m.orig_start, m.orig_end) for m in terms]
    spans += [_clause_span(original, m) for m in clauses]
    if not spans:
        return original
    first = min(start for start, _ in spans)
    return _tidy(_without(original, spans), opened_by_removal=not original[:first].strip())


def open_with(label: str, note: str | None, rest: str) -> str:
    """`rest` opened by the label: "#ad Loving…", "Werbung | Meine…", "#ad (gifted by X) | Loving…"."""
    rest = rest.strip()
    prefix = f"{label} ({note})" if note else label
    if not rest:
        return prefix
    joiner = " " if label.startswith("#") and not note else " | "
    return prefix + joiner + rest
