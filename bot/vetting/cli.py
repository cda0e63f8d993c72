"""`creatorops vet`: vet creators from snapshot files in the terminal, with the same parser and report as /vet."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from bot.sources.errors import SourceError
from bot.sources.models import Platform
from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource
from bot.vetting.audience_signals import FakeScorer
from bot.vetting.command import VetUsageError, parse_vet_command
from bot.vetting.report import VetReport, vet
from bot.vetting.service import audience_fake_scorer
from bot.vetting.signal import Verdict

MARKS = {Verdict.ok: "ok", Verdict.warn: "warn", Verdict.bad: "FAIL", Verdict.unknown: "?"}


def format_report(report: VetReport) -> str:
    """The report as plain text: verdict first, then red flags with their innocent causes, then the detail."""
    tier = f"{report.tier.value}, " if report.tier else ""
    followers = report.key_numbers.followers
    size = f"{followers:,} followers" if followers is not None else "followers hidden"
    score = f"score {report.score}/100" if report.score is not None else "no score"
    lines = [
        f"@{report.handle} ({report.platform.value}, {tier}{size})",
        f"Verdict: {report.verdict.value.upper()}, {score}, {report.coverage:.0%} of the signals readable",
        f"  {report.verdict_reason}",
        "",
    ]
    if report.red_flags:
        lines.append("Red flags:")
        for flag in report.red_flags:
            lines.append(f"  [{MARKS[flag.verdict]}] {flag.label}: {flag.display}")
            lines.append(f"      {flag.evidence}")
            if flag.innocent_cause:
                lines.append(f"      Could also be: {flag.innocent_cause}")
    else:
        lines.append("Red flags: none")
    lines.append("Signals:")
    lost = {c.key: c.lost for c in report.contributions}
    for signal in report.signals:
        cost = f"  (-{lost[signal.key]:g})" if lost.get(signal.key) else ""
        lines.append(f"  [{MARKS[signal.verdict]:>4}] {signal.label}: {signal.display}{cost}")
    if report.rate is not None:
        lines.append(f"Fair rate: {report.rate.display()} per post ({report.rate.source})")
        lines.extend(f"  {adjustment}" for adjustment in report.rate.adjustments)
    if report.rate_note:
        lines.append(report.rate_note)
    if report.ask is not None:
        lines.append(f"Ask: {report.ask.text}")
    if report.ask_note:
        lines.append(report.ask_note)
    age = next((s.display for s in report.signals if s.key == "data_age"), f"{report.data_age_days:g} days ago")
    lines.append(f"Data: {report.source}, fetched {report.fetched_at:%Y-%m-%d %H:%M} UTC, {age}")
    return "\n".join(lines)


def _now(text: str | None) -> datetime:
    if not text:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _run_vet(args: argparse.Namespace, fake_scorer: FakeScorer | None) -> int:
    try:
        request = parse_vet_command(" ".join(args.text), args.platform)
        now = _now(args.now)
    except (VetUsageError, ValueError) as exc:
        print(f"creatorops vet: {exc}", file=sys.stderr)
        return 2
    source = SnapshotSource(args.snapshots)
    failed = 0
    for handle, platform in request.targets:
        try:
            snapshot = source.fetch(handle, platform)
        except SourceError as exc:
            print(f"creatorops vet: {exc}", file=sys.stderr)
            failed += 1
            continue
        report = vet(
            snapshot,
            now=now,
            fake_scorer=fake_scorer,
            ask=request.ask,
            exclusivity=request.exclusivity,
            usage_rights=request.usage_rights,
        )
        if args.json:
            print(json.dumps(report.model_dump(mode="json"), indent=1, ensure_ascii=False))
        else:
            print(format_report(report) + "\n")
    return 1 if failed else 0


def register_cli(subparsers: Any, *, fake_scorer: FakeScorer | None = audience_fake_scorer) -> None:
    """`creatorops vet @handle [platform] [ask:$800] [exclusive] [usage] [--snapshots DIR] [--now ISO] [--json]`."""
    parser = subparsers.add_parser("vet", help="vet creators from snapshot files (default: the built-in samples)")
    parser.add_argument("text", nargs="+", metavar="ARG", help="what you would type after /vet")
    parser.add_argument(
        "--platform",
        default=Platform.instagram.value,
        choices=[p.value for p in Platform],
        help="platform for handles that name none (default: instagram)",
    )
    parser.add_argument("--snapshots", default=str(SAMPLES_DIR), help="snapshot folder (default: the samples)")
    parser.add_argument("--now", default=None, help="judge data age as of this ISO time (default: now)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=lambda args: _run_vet(args, fake_scorer))
