"""One pass over the text for the whole term table, trying only the terms that can start where a word starts.

The lexicon is one alternation of named groups (lexicon._GROUPS); matched as one regex, the engine tries every
alternative at every word start: ~95 µs for a 90-character caption, ~1.8 ms for a 2 KB video description.
Almost every word rules out almost every term by its first letters ("serum" can start no term; "th" only the
thanks and "this video is sponsored" ones), so the scanner reads, once, the first characters each group can
match from the regex's own parse tree (so it cannot drift from the patterns), and then:

1. one pass of an Aho–Corasick automaton (`WordStarts`, pyahocorasick, in C) finds every place where the text
   goes on as some term's first characters (up to 8) may, and keeps those at a word start, or at "#", "[" or "("
   anywhere (tags, bracketed labels);
2. at each candidate, the alternation of only the groups that can start with its first two characters is
   matched (the same groups, in the same priority order, so the same group wins as in the full alternation).

Scanning resumes after each match, as `finditer` does, so the result is exactly the full alternation's
(tests/disclosure/test_scanner.py checks it on every caption of the case table and on random text). Every
step looks at a bounded stretch of text, so the scan stays linear in the caption's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import import_module
from typing import Any

import ahocorasick

# The regex parser and its opcodes (re._parser, re._constants since Python 3.11; untyped, private but stable).
sre_p: Any = import_module("re._parser")
sre_c: Any = import_module("re._constants")

PREFIX_CHARS = 2  # the groups tried at a candidate are chosen by its first two characters
FILTER_CHARS = 8  # the candidate filter reads up to this many (a word start "the" is no candidate)
_MAX_FILTER_PREFIXES = 400
# A prefix followed by anything: the pattern can go on with characters we did not enumerate.
_Prefixes = frozenset[str]
_SMALL_CLASS = 40  # a character class with more members than this counts as "any character"
_ZERO_WIDTH = {sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT}
_MAX_KEYS = 4096  # two-character keys whose pattern the scanner keeps at hand
_MAX_WINDOW = 200  # a pattern whose matches can be longer is searched whole, not around its needles


def _class_chars(items: Sequence[tuple[object, object]]) -> set[str] | None:
    chars: set[str] = set()
    for op, value in items:
        if op is sre_c.LITERAL and isinstance(value, int):
            chars.add(chr(value))
        elif op is sre_c.RANGE and isinstance(value, tuple) and value[1] - value[0] < _SMALL_CLASS:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:  # a category (\w, \d), a negation or a large range: any character
            return None
    return chars if len(chars) <= _SMALL_CLASS else None


def _sequence(items: Sequence[tuple[object, object]], room: int) -> set[tuple[str, bool]]:
    """(prefix, complete) pairs: the strings of up to `room` characters the items can start with; `complete` when
    the items matched exactly that string, so what follows them continues it."""
    states = {("", True)}
    for op, value in items:
        grown: set[tuple[str, bool]] = set()
        for prefix, complete in states:
            if not complete or len(prefix) >= room:
                grown.add((prefix, False))
                continue
            grown.update((prefix + more, done) for more, done in _item(op, value, room - len(prefix)))
        states = grown
    return {(prefix[:room], complete and len(prefix) < room) for prefix, complete in states}


def _item(op: object, value: object, room: int) -> set[tuple[str, bool]]:
    if op in _ZERO_WIDTH:
        return {("", True)}
    if op is sre_c.LITERAL and isinstance(value, int):
        return {(chr(value), True)}
    if op is sre_c.IN and isinstance(value, list):
        chars = _class_chars(value)
        return {("", False)} if chars is None else {(char, True) for char in chars}
    if op is sre_c.SUBPATTERN and isinstance(value, tuple):
        return _sequence(value[-1], room)
    if op is sre_c.BRANCH and isinstance(value, tuple):
        return {pair for branch in value[1] for pair in _sequence(branch, room)}
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT) and isinstance(value, tuple):
        least, most, body = value
        once = _sequence(body, room)
        # at most one repetition ("x?"): then the pattern goes on; more: whatever follows is unknown (safe)
        options = once if most == 1 else {(prefix, False) for prefix, _ in once}
        if least == 0:
            options.add(("", True))
        elif least == 1:
            options |= {(prefix, False) for prefix, complete in once if complete}
        return options
    return {("", False)}  # any other construct: anything may follow


def prefixes(pattern: str, length: int = PREFIX_CHARS) -> _Prefixes:
    """Every string of up to `length` characters a match of `pattern` starts with (shorter: then anything)."""
    parsed = sre_p.parse(pattern)
    return frozenset(prefix for prefix, _ in _sequence(list(parsed), length))


def _filter_prefixes(pattern: str) -> _Prefixes:
    """The longest prefixes (up to FILTER_CHARS) that stay a short list, for the candidate filter."""
    for length in range(FILTER_CHARS, PREFIX_CHARS, -1):
        found = prefixes(pattern, length)
        if len(found) <= _MAX_FILTER_PREFIXES:
            return found
    return prefixes(pattern, PREFIX_CHARS)


def _trie(words: Iterable[str]) -> dict[str, Any]:
    """The words as a trie of characters; "" marks a word's end. A word that another one starts with makes the
    longer one redundant (the shorter already says "a term may start here")."""
    trie: dict[str, Any] = {}
    for word in sorted(set(words), key=len):
        node = trie
        for char in word:
            if "" in node:
                break
            node = node.setdefault(char, {})
        else:
            node.clear()
            node[""] = {}
    return trie


def trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of `words` at the current position, as a trie ("th(?:anks|x)"): the engine
    follows one branch per character instead of trying each word in turn."""
    return _trie_body(_trie(words))


def _trie_body(node: dict[str, Any]) -> str:
    if "" in node or not node:
        return ""
    branches = [re.escape(char) + _trie_body(child) for char, child in sorted(node.items())]
    if len(branches) == 1:
        return branches[0]
    if all(len(child) == 1 and "" in child for child in node.values()):  # single characters: a class
        return "[" + "".join(re.escape(char) for char in sorted(node)) + "]"
    return "(?:" + "|".join(branches) + ")"


class Candidates:
    r"""The positions where one of `words` starts: at any position for a word starting with a character of
    `anywhere` ("#", "[", "("), else at a word start (the text's start, or after a character of `boundary`, a
    class such as r"[^\w@#]"). Both searches begin with a character class or literals, so the regex engine
    skips ahead at C speed (past whole words: only a boundary character can begin a word start), and each
    consumes one character, so no position is jumped over; the rest of the word is a lookahead (a trie)."""

    def __init__(self, words: Iterable[str], anywhere: str, boundary: str) -> None:
        trie = _trie(words)
        tags = {char: child for char, child in trie.items() if char in anywhere}
        plain = {char: child for char, child in trie.items() if char not in anywhere}
        self._tags = (
            re.compile(
                "|".join(
                    re.escape(char) + (f"(?={rest})" if (rest := _trie_body(child)) else "")
                    for char, child in tags.items()
                )
            )
            if tags
            else None
        )
        body = _trie_body(plain) if plain else None
        self._words = re.compile(f"{boundary}(?={body})") if body is not None else None
        # for an all-ASCII text (most captions) the same search with \w as [A-Za-z0-9_], which it is there: the
        # boundary class is then tested against a bitmap, not the Unicode tables (same positions, faster)
        self._ascii_words = re.compile(f"{boundary}(?={body})", re.ASCII) if body is not None else None
        self._first = re.compile(body) if body is not None else None

    def positions(self, text: str, start: int = 0, end: int | None = None) -> list[int]:
        """The candidate positions in [start, end], in order (a list: a caption has few, and lists beat generator
        plumbing). Only positions up to `end` are sure to be found; a few after it may be given too."""
        words: list[int] = []
        search = self._ascii_words if text.isascii() else self._words
        if search is not None and self._first is not None:
            if end is None:
                words = [m.start() + 1 for m in search.finditer(text)]
            else:  # the boundary character before `start`, and room for the look-ahead after `end`
                stop = min(len(text), end + FILTER_CHARS + 2)
                words = [m.start() + 1 for m in search.finditer(text, max(0, start - 1), stop)]
            if start == 0 and self._first.match(text):
                words.insert(0, 0)
        tags = [m.start() for m in self._tags.finditer(text)] if self._tags is not None else []
        if not tags or not words:
            return tags or words
        return sorted(words + tags)  # two sorted runs: timsort merges them in linear time


def _leaves(node: dict[str, Any], prefix: str = "") -> Iterator[str]:
    """The words of a trie made by _trie (none of them starts with another)."""
    if "" in node:
        yield prefix
        return
    for char, child in node.items():
        yield from _leaves(child, prefix + char)


def _word_goes_on(char: str, also: str) -> bool:
    """Whether `char` is a word character as the regex \\w reads it (str.isalnum is its test too), or in `also`."""
    return char.isalnum() or char == "_" or char in also


class WordStarts:
    r"""What `Candidates(words, anywhere, r"[^\w…]")`.positions(text) gives, found by one pass of an Aho–Corasick
    automaton (pyahocorasick, in C) over the text for every word at once: each place a word occurs is kept when
    it starts with a character of `anywhere` or at a word start (the text's start, or after a character that is
    neither a word character, as the regex \w reads it, nor one of `not_after`). A regex search instead enters its
    look-ahead at every space and punctuation mark, three times the cost on a 2 KB description."""

    def __init__(self, words: Iterable[str], anywhere: str, not_after: str) -> None:
        self._not_after = not_after
        self._automaton = ahocorasick.Automaton()
        for word in _leaves(_trie(words)):  # no word starts with another, so no two share a start
            self._automaton.add_word(word, (len(word) - 1, word[0] in anywhere))
        self._automaton.make_automaton()

    def positions(self, text: str) -> list[int]:
        """The positions in order."""
        not_after = self._not_after
        found = []
        for end, (back, anywhere) in self._automaton.iter(text):
            start = end - back
            if anywhere or start == 0 or not _word_goes_on(text[start - 1], not_after):
                found.append(start)
        found.sort()  # reported by where they end: a longer word found later may start earlier
        return found


def _can_start(group_prefixes: _Prefixes, key: str) -> bool:
    return any(key.startswith(prefix) or prefix.startswith(key) for prefix in group_prefixes)


class TermScanner:
    """`finditer(text)`: (group name, start, end) of each match of the alternation `start + (?P<name>…)|…`, in
    order, without overlaps, as `re.finditer` gives them; `start` is a zero-width test every match begins with."""

    def __init__(self, start: str, groups: Sequence[tuple[str, str]]) -> None:
        self._start = start
        self._groups = tuple(groups)
        self._prefixes = tuple(prefixes(pattern) for _, pattern in self._groups)
        firsts = {prefix[:1] for group in self._prefixes for prefix in group}
        if "" in firsts:
            raise ValueError("every term pattern must start with a known character")
        # a word start (or a tag or bracket) where the text goes on as some term can start: one automaton pass
        words = {prefix for _, pattern in self._groups for prefix in _filter_prefixes(pattern)}
        # the same starts as _TERM_START in the lexicon: a tag or bracket anywhere, else a word start
        self._words = frozenset(words)  # kept for the tests, which check the pass against a regex search
        self._candidates = WordStarts(words, anywhere="#[(", not_after="@#")
        self._patterns: dict[str, re.Pattern[str] | None] = {}

    @lru_cache(maxsize=2048)  # noqa: B019 (one scanner per process, for its whole life)
    def _for_key(self, key: str) -> re.Pattern[str] | None:
        """The alternation of the groups that can start with `key` (in priority order), or None."""
        chosen = [
            (name, pattern)
            for (name, pattern), group in zip(self._groups, self._prefixes, strict=True)
            if _can_start(group, key)
        ]
        return _compile_groups(self._start, tuple(chosen)) if chosen else None

    def _remember(self, key: str) -> re.Pattern[str] | None:
        """_for_key(key), kept in a plain dict (read without a call) while it holds under _MAX_KEYS keys."""
        pattern = self._for_key(key)
        if len(self._patterns) < _MAX_KEYS:
            self._patterns[key] = pattern
        return pattern

    def finditer(self, text: str) -> Iterator[tuple[str, int, int]]:
        patterns = self._patterns
        resume = 0
        for position in self._candidates.positions(text):
            if position < resume:
                continue
            key = text[position : position + PREFIX_CHARS]
            pattern = patterns[key] if key in patterns else self._remember(key)
            found = pattern.match(text, position) if pattern is not None else None
            if found is None:
                continue
            resume = found.end() if found.end() > position else position + 1
            yield found.lastgroup or "", position, found.end()


@lru_cache(maxsize=256)
def _compile_groups(start: str, chosen: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile(start + "(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in chosen) + ")")


Found = dict[str, list[int]]  # a needle: where it starts in the text, in order


def _occurrences(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


class Needles:
    """`find(text)`: where each of `needles` starts in the text (overlaps included), as repeated str.find calls
    would give, found in one pass of an Aho–Corasick automaton for all of them: the signal patterns hold some
    twenty needles between them, and twenty finds read a 2 KB description twenty times."""

    def __init__(self, needles: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for needle in set(needles):
            self._automaton.add_word(needle, needle)
        self._automaton.make_automaton()

    def find(self, text: str) -> Found:
        found: Found = {}
        for end, needle in self._automaton.iter(text):
            found.setdefault(needle, []).append(end - len(needle) + 1)
        return found


class WordStartPattern:
    """A compiled pattern whose every match starts at a word start (not after `not_after`), searched with a
    C-speed candidate filter built from the pattern's own first characters: `search` and `finditer` give
    exactly what the pattern's own do, and the pattern runs only where a match can start."""

    def __init__(
        self, pattern: re.Pattern[str], not_after: str, needs: tuple[str, ...] = (), reach: int | None = None
    ) -> None:
        r"""`not_after`: the characters (class contents, r"\w@") a match may not follow; `needs`: strings every
        match holds one of (checked first: a text with none has no match; and when a match is at most
        _MAX_WINDOW characters long, only the stretches just before each of them are searched); `reach`: for
        a pattern whose matches can be longer ("#ltk\w*"), how far after its start every match holds a needle,
        so that it too is searched only just before them."""
        self.pattern = pattern
        self.needs = needs
        self._candidates = Candidates(_filter_prefixes(pattern.pattern), "", f"[^{not_after}]")
        longest = sre_p.parse(pattern.pattern).getwidth()[1]
        self._longest: int | None = longest if needs and longest <= _MAX_WINDOW else None
        self._reach = reach if needs else None
        self._windowed = self._longest is not None or self._reach is not None

    def _windows(self, text: str, found: Found | None) -> list[tuple[int, int]]:
        """[first, last] ranges of the positions where a match can start: a match holding a needle at `at`
        starts between at + len(needle) - longest and at. Sorted, overlapping ranges merged."""
        ranges = []
        for needle in self.needs:
            lead = self._reach if self._reach is not None else (self._longest or 0) - len(needle)
            for at in found.get(needle, ()) if found is not None else _occurrences(text, needle):
                ranges.append((max(0, at - lead), at))
        ranges.sort()
        merged: list[tuple[int, int]] = []
        for first, last in ranges:
            if merged and first <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], last))
            else:
                merged.append((first, last))
        return merged

    def finditer(self, text: str, found: Found | None = None) -> Iterator[re.Match[str]]:
        """`found`: where each needle occurs in `text` (Needles.find), when already worked out for several
        patterns at once; else each needle is looked for here."""
        windows: list[tuple[int, int | None]] = [(0, None)]
        if self._windowed:  # no needle, no window: the finds that make the windows are the check
            windows = list(self._windows(text, found))
        elif self.needs and not any(
            (needle in found) if found is not None else (needle in text) for needle in self.needs
        ):
            return
        resume = 0
        for first, last in windows:
            for position in self._candidates.positions(text, first, last):
                if last is not None and position > last:
                    break
                if position < resume or position < first:
                    continue
                match = self.pattern.match(text, position)
                if match is not None:
                    resume = max(match.end(), position + 1)
                    yield match

    def search(self, text: str, found: Found | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, found), None)


def word_start_pattern(
    pattern: str, not_after: str = r"\w@", needs: tuple[str, ...] = (), reach: int | None = None
) -> WordStartPattern:
    """`pattern` compiled with its candidate filter; every match must start with a known character (not a digit
    class, say) after a character that is not `not_after`, and hold one of `needs` when given."""
    if "" in {prefix[:1] for prefix in _filter_prefixes(pattern)}:
        raise ValueError("every match must start with a known character")
    return WordStartPattern(re.compile(pattern), not_after, needs, reach)
