"""CPU time of the disclosure checker's per-text passes over long descriptions, one step at a time.

    .venv/bin/python bench/disclosure_steps.py [--descriptions 300] [--seed 7] [--repeats 9]

For each step, the form the checker uses and the form it replaced, interleaved in one process (best of
--repeats, CPU time per description): a shared machine slows both alike, so the ratio holds even when the
absolute figures do not. Every pair is checked to give the same result before it is timed.

- the term scan's word-start search and the language guess's word pattern, compiled as written (the Unicode
  tables test each character) against the ASCII twin the checker uses for an all-ASCII text;
- the whole term scan, the link finder and the language guess, as the checker runs them (no "before" here).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from youtube_descriptions import make_descriptions  # noqa: E402

from bot.disclosure.language import guess_language  # noqa: E402
from bot.disclosure.lexicon import SCANNER  # noqa: E402
from bot.disclosure.normalise import WORD_RE, find_links, normalise, word_re  # noqa: E402


def _best(step: Callable[[str], object], texts: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        for text in texts:
            step(text)
        best = min(best, time.process_time() - started)
    return best / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--descriptions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    norms = [normalise(line["text"]) for line in make_descriptions(args.descriptions, args.seed)]
    masked = [norm.masked for norm in norms]
    if not all(text.isascii() for text in masked):
        sys.exit("the corpus is meant to be all ASCII after normalising")

    words = SCANNER._candidates._words  # the term scan's word-start search as written
    assert words is not None

    def unicode_words(text: str) -> list[int]:
        return [m.start() for m in words.finditer(text)]

    ascii_search = re.compile(words.pattern, re.ASCII)

    def ascii_words(text: str) -> list[int]:
        return [m.start() for m in ascii_search.finditer(text)]

    pairs = [
        ("term scan's word-start search", unicode_words, ascii_words),
        (
            "language guess's words (first 1,000 chars)",
            lambda text: WORD_RE.findall(text, 0, 1000),
            lambda text: word_re(text).findall(text, 0, 1000),
        ),
    ]
    print(f"{len(masked)} descriptions, mean {sum(map(len, masked)) / len(masked):,.0f} characters; CPU µs each")
    for name, before, after in pairs:
        if [before(text) for text in masked] != [after(text) for text in masked]:
            sys.exit(f"{name}: the two forms differ")
        old, new = float("inf"), float("inf")
        for _ in range(3):  # interleaved
            old = min(old, _best(before, masked, args.repeats))
            new = min(new, _best(after, masked, args.repeats))
        print(f"  {name:45s} Unicode {old:6.1f}  ASCII {new:6.1f}  ({old / new:.2f}x)")
    texts = [norm.text for norm in norms]
    for name, step, corpus in (
        ("whole term scan", lambda text: list(SCANNER.finditer(text)), masked),
        ("link finder", find_links, texts),
        ("language guess", guess_language, masked),
    ):
        print(f"  {name:45s} {_best(step, corpus, args.repeats):6.1f}")


if __name__ == "__main__":
    main()
