"""Throughput of the disclosure checker through its --jsonl contract, in-process and as a subprocess.

    .venv/bin/python bench/disclosure_throughput.py [--captions 20000] [--seed 7]

Generates N mixed captions (clear, weak, buried, missing and unrelated; all 13 jurisdictions, 7 platforms,
6 formats, known and unknown connections; English, German, French, Italian, Dutch and Spanish; some long,
some with links, codes, emoji and Unicode look-alikes) as JSON lines in a temporary file, then measures:

1. in-process: `bot.cli.disclosure.run_check` — the function `creatorops disclosure check --jsonl` calls — with
   the JSONL file as stdin and a file as stdout (parsing, checking and JSON writing included);
2. subprocess: `python -m bot.disclosure check --jsonl < captions.jsonl > results.jsonl` (the same command
   without the Slack app around it), wall-clock, interpreter start-up and imports included.

Prints captions per second for both, and checks that every line got exactly one result.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.cli.disclosure import run_check
from bot.disclosure.models import Connection, Format
from bot.vocabulary import Jurisdiction, Platform

ROOT = Path(__file__).resolve().parents[1]

OPENERS = [
    "#ad",
    "#sp",
    "#spon",
    "#collab",
    "Werbung |",
    "Anzeige:",
    "Publicité -",
    "Pubblicità -",
    "#reclame",
    "Publicidad |",
    "AD |",
    "＃ＡＤ",
    "Paid partnership with @glossier.",
    "Thanks @glossier for the free product!",
    "#gifted",
    "Sponsored by Nike:",
    "",
    "",
    "",
    "",
]
BODIES = [
    "Loving my new serum from @glossier, my skin has never felt this soft ✨",
    "Meine neue Creme von @nivea ist der Hammer und ich liebe sie",
    "Mon nouveau sérum @loreal est top pour la peau et je l'adore",
    "Il mio nuovo siero è molto buono per la pelle",
    "Mijn nieuwe serum van @brand is echt heel fijn voor de huid",
    "Mi nuevo sérum favorito para la piel, me encanta",
    "Golden hour at the lake with my sis @anna 🌅",
    "Morning routine update: I have been testing this serum for six weeks now and my skin is calmer, brighter "
    "and less oily than ever before, which honestly surprised me.",
    "#adventure time! Ready for the weekend in Adelaide, made it 🎉",
    "New recipe up, link in bio!",
]
TAILS = [
    "",
    "",
    "Use code GLOW20 for 20% off!",
    "Shop it: rstyle.me/n/abc123",
    "https://amzn.to/3xYz",
    "#skincare #glow #beauty #ad",
    "#ad",
    "not sponsored, just love it",
    "I earn a commission from these links.",
    "#GlossierPartner",
    "#thanks",
    "\n\n\n\nfull review soon #ad",
]


def make_captions(count: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    lines = []
    for index in range(count):
        text = " ".join(part for part in (rng.choice(OPENERS), rng.choice(BODIES), rng.choice(TAILS)) if part)
        line = {"id": index, "text": text, "jurisdiction": rng.choice(list(Jurisdiction)).value}
        if rng.random() < 0.8:
            line["platform"] = rng.choice(list(Platform)).value
        if rng.random() < 0.6:
            line["format"] = rng.choice(list(Format)).value
        if rng.random() < 0.7:
            line["connection"] = rng.choice(list(Connection)).value
        if rng.random() < 0.2:
            line["brand"] = "Glossier"
        lines.append(line)
    return lines


def in_process(source: Path, target: Path) -> float:
    args = argparse.Namespace(jsonl=True, platform=None, jurisdiction=None, format=None, connection=None, brand=None)
    with source.open(encoding="utf-8") as stdin, target.open("w", encoding="utf-8") as stdout:
        started = time.perf_counter()
        run_check(args, stdin, stdout)
        return time.perf_counter() - started


def as_subprocess(source: Path, target: Path) -> float:
    command = [sys.executable, "-m", "bot.disclosure", "check", "--jsonl"]
    with source.open("rb") as stdin, target.open("wb") as stdout:
        started = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=stdout, check=True, cwd=ROOT)
        return time.perf_counter() - started


def count_results(path: Path) -> int:
    results = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    errors = [r for r in results if "error" in r]
    if errors:
        raise SystemExit(f"{len(errors)} lines failed, e.g. {errors[0]}")
    return len(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--captions", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()

    captions = make_captions(options.captions, options.seed)
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "captions.jsonl", Path(tmp) / "results.jsonl"
        source.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in captions), encoding="utf-8")
        mean_chars = sum(len(c["text"]) for c in captions) / len(captions)
        print(f"{len(captions)} captions, mean {mean_chars:.0f} characters, seed {options.seed}")

        in_process(source, target)  # warm-up: first-use caches (rule table, regex compilation at import)
        seconds = in_process(source, target)
        assert count_results(target) == len(captions)
        print(f"in-process run_check --jsonl: {seconds:.2f} s, {len(captions) / seconds:,.0f} captions/s")

        seconds = as_subprocess(source, target)
        assert count_results(target) == len(captions)
        print(
            f"python -m bot.disclosure check --jsonl: {seconds:.2f} s, {len(captions) / seconds:,.0f} captions/s "
            "(start-up included)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
