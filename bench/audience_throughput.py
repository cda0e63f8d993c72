"""Scoring speed of the audience classifier on 100,000 follower profiles, on one core.

    .venv/bin/python bench/audience_throughput.py [--profiles 100000] [--repeats 5]

Pins the process to one CPU and numpy's BLAS/OpenMP pools to one thread before numpy loads, then times:
scoring ready columns, scoring FollowerProfile objects (what /vet passes), and the whole
`creatorops audience score FILE` path (read CSV + score + print JSON lines). Target: < 2 s for 100,000.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import contextlib  # noqa: E402
import csv  # noqa: E402
import io  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.cli.audience import register_cli  # noqa: E402
from bot.sources.models import FollowerProfile  # noqa: E402
from bot.vetting.audience import load_model, score_audience  # noqa: E402
from bot.vetting.audience.columns import columns_from_profiles  # noqa: E402


def synthetic_profiles(n: int, seed: int = 0) -> list[FollowerProfile]:
    """A mix of ordinary and fake-looking followers with every field filled in (the slow case)."""
    rng = np.random.default_rng(seed)
    followers = rng.lognormal(5.5, 1.5, n).astype(int)
    following = rng.lognormal(6.0, 1.2, n).astype(int)
    media = rng.lognormal(2.5, 1.8, n).astype(int)
    digits = rng.integers(0, 6, n)
    return [
        FollowerProfile(
            username=f"user_{i}{'7' * int(digits[i])}",
            full_name="Some Person",
            biography="coffee, climbing and cats" if i % 2 else "",
            has_profile_pic=bool(i % 7),
            is_private=bool(i % 3 == 0),
            follower_count=int(followers[i]),
            following_count=int(following[i]),
            media_count=int(media[i]),
            has_external_url=bool(i % 11 == 0),
        )
        for i in range(n)
    ]


def write_csv(profiles: list[FollowerProfile], path: Path) -> None:
    names = list(FollowerProfile.model_fields)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows([getattr(p, name) for name in names] for p in profiles)


def timed(label: str, n: int, repeats: int, run: Callable[[], object]) -> str:
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
    best, median = min(seconds), statistics.median(seconds)
    return f"| {label} | {median:.3f} | {best:.3f} | {n / median:,.0f} |"


def run_cli(path: Path) -> None:
    parser = argparse.ArgumentParser()
    register_cli(parser.add_subparsers())
    args = parser.parse_args(["audience", "score", str(path)])
    with contextlib.redirect_stdout(io.StringIO()):
        assert args.func(args) == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    model = load_model()
    profiles = synthetic_profiles(args.profiles)
    columns = columns_from_profiles(profiles)
    n = args.profiles
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "followers.csv"
        write_csv(profiles, path)
        cases: dict[str, Callable[[], object]] = {
            "predict_proba(ProfileColumns): scoring alone": lambda: model.predict_proba(columns),
            "score_audience(list[FollowerProfile])": lambda: score_audience(profiles, model),
            "`creatorops audience score FILE.csv` (read, score, print)": lambda: run_cli(path),
        }
        rows = [timed(label, n, args.repeats, run) for label, run in cases.items()]
    cpu = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else "?"
    print(f"{n:,} profiles, {args.repeats} runs, CPU(s) {sorted(cpu) if cpu != '?' else cpu}, BLAS threads 1")
    print()
    print("| what | median s | best s | profiles / s (median) |")
    print("|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
