"""Throughput of the disclosure checker through its --jsonl contract, in-process and as a subprocess.

    .venv/bin/python bench/disclosure_throughput.py [--captions 20000] [--descriptions 2000] [--seed 7] [--runs 3]

Two corpora, generated reproducibly and written as JSON lines to a temporary file:

- short captions: N mixed captions (clear, weak, buried, missing and unrelated; all 13 jurisdictions, 7
  platforms, 6 formats, known and unknown connections; six languages; some with links, codes, emoji and Unicode
  look-alikes; mean ~93 characters);
- long descriptions: M YouTube-style descriptions (bench/youtube_descriptions.py: sponsor reads, chapters, gear
  lists with affiliate links, codes, social links, disclaimers; mean ~1,950 characters).

For each: in-process `bot.cli.disclosure.run_check` (what `creatorops disclosure check --jsonl` calls; parsing,
checking and JSON writing included; best of --runs after a warm-up) and `python -m bot.disclosure check --jsonl`
as a subprocess (start-up and imports included). Both wall-clock and CPU time are printed: on a shared machine
the CPU time is the honest "one core" figure. Then a 1 MB caption: refused by the contract (over the
10,000-character cap) and, with the cap lifted, the checker's own time on it. Every line must get one result.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from youtube_descriptions import description, make_descriptions  # beside this script

from bot.cli.disclosure import run_check
from bot.disclosure.checker import _Check
from bot.disclosure.models import CheckRequest, Connection, Format
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


def in_process(source: Path, target: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for run_check over the file."""
    args = argparse.Namespace(jsonl=True, platform=None, jurisdiction=None, format=None, connection=None, brand=None)
    with source.open(encoding="utf-8") as stdin, target.open("w", encoding="utf-8") as stdout:
        started, cpu = time.perf_counter(), time.process_time()
        run_check(args, stdin, stdout)
        return time.perf_counter() - started, time.process_time() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def as_subprocess(source: Path, target: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for `python -m bot.disclosure check --jsonl`."""
    command = [sys.executable, "-m", "bot.disclosure", "check", "--jsonl"]
    with source.open("rb") as stdin, target.open("wb") as stdout:
        started, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(command, stdin=stdin, stdout=stdout, check=True, cwd=ROOT)
        return time.perf_counter() - started, _children_cpu() - cpu


def count_results(path: Path) -> int:
    results = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    errors = [r for r in results if "error" in r]
    if errors:
        raise SystemExit(f"{len(errors)} lines failed, e.g. {errors[0]}")
    return len(results)


def bench_corpus(name: str, lines: list[dict[str, object]], tmp: Path, runs: int) -> None:
    source, target = tmp / f"{name}.jsonl", tmp / f"{name}.results.jsonl"
    source.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in lines), encoding="utf-8")
    megabytes = sum(len(str(c["text"]).encode("utf-8")) for c in lines) / 1e6
    mean_chars = sum(len(str(c["text"])) for c in lines) / len(lines)
    print(f"{name}: {len(lines)} texts, mean {mean_chars:,.0f} characters, {megabytes:.2f} MB of text")
    in_process(source, target)  # warm-up: first-use caches (rule table, the scanner's per-key patterns)
    wall, cpu = min(in_process(source, target) for _ in range(runs))  # best of `runs`: least disturbed
    assert count_results(target) == len(lines)
    print(
        f"  in-process run_check --jsonl: wall {wall:.2f} s ({len(lines) / wall:,.0f}/s, {megabytes / wall:.1f} MB/s)"
        f"; CPU {cpu:.2f} s ({len(lines) / cpu:,.0f}/s, {megabytes / cpu:.1f} MB/s per core)"
    )
    wall, cpu = as_subprocess(source, target)
    assert count_results(target) == len(lines)
    print(
        f"  python -m bot.disclosure check --jsonl (start-up included): wall {wall:.2f} s "
        f"({len(lines) / wall:,.0f}/s, {megabytes / wall:.1f} MB/s); CPU {cpu:.2f} s "
        f"({len(lines) / cpu:,.0f}/s, {megabytes / cpu:.1f} MB/s per core)"
    )


def one_megabyte(tmp: Path) -> None:
    """A 1 MB caption: refused through the contract (over MAX_CAPTION_CHARS), and, with the cap lifted, the
    checker's own work on it (the engine is linear; the cap is what keeps a Slack request short)."""
    rng = random.Random(1)
    text = ""
    while len(text) < 1_000_000:
        text += description(rng) + "\n\n"
    text = text[:1_000_000]
    source, target = tmp / "huge.jsonl", tmp / "huge.results.jsonl"
    source.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    wall, _ = in_process(source, target)
    refused = "error" in json.loads(target.read_text(encoding="utf-8"))
    print(f"1 MB caption through --jsonl: {wall * 1000:.0f} ms ({'refused with the limit' if refused else 'checked'})")
    started, cpu = time.perf_counter(), time.process_time()
    result = _Check(CheckRequest(text=text, platform="youtube", format="video")).run()
    print(
        f"1 MB caption, checker with the cap lifted: wall {time.perf_counter() - started:.2f} s, "
        f"CPU {time.process_time() - cpu:.2f} s ({result.verdict})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--captions", type=int, default=20000)
    parser.add_argument("--descriptions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="in-process runs per corpus; the best one is shown")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        bench_corpus("short captions", make_captions(options.captions, options.seed), Path(tmp), options.runs)
        bench_corpus(
            "long descriptions", make_descriptions(options.descriptions, options.seed), Path(tmp), options.runs
        )
        one_megabyte(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
