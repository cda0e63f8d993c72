"""`creatorops vet`: the /vet pipeline in the terminal: one report per creator, a CSV of many, the team's decisions.

Runs exactly what Slack runs (fetch, store the snapshot, merge our follower observations, vet with the audience
classifier, store the run), so a creator vetted here has the same history and score as in Slack.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from bot.cli.csv_cells import safe_row
from bot.cli.local import LOCAL_TEAM, CliUsageError, database
from bot.config import load_settings
from bot.services import Services, vetting, workspaces
from bot.sources.errors import SourceError
from bot.sources.registry import CreatorSources, SourceConfig
from bot.sources.snapshot import SAMPLES_DIR
from bot.vetting.audience_signals import model_unavailable
from bot.vetting.command import HELP_WORDS, PLATFORM_WORDS, VetRequest, VetUsageError, parse_vet_command
from bot.vetting.history import LatestDecision as LatestDecision
from bot.vetting.history import decision_label
from bot.vetting.rates import parse_ask
from bot.vetting.report import VetReport
from bot.vetting.signal import Signal, Verdict
from bot.vocabulary import CREATOR_PLATFORMS, Jurisdiction, Platform, plural

CLI_USER = "cli"  # requested_by of the runs started in the terminal
HISTORY = "history"
HISTORY_COLUMNS = ("When (UTC)", "Who", "Decision", "Creator", "Verdict", "Score")
HISTORY_WIDTHS = (16, 12, 13, 36, 11, 6)
CSV_COLUMNS = (
    "handle",
    "platform",
    "tier",
    "verdict",
    "score",
    "followers",
    "engagement_rate_pct",
    "fake_share",
    "red_flags",
    "rate_low",
    "rate_high",
    "rate_point",
    "rate_kind",
    "ask_position",
    "ask_pct",
    "error",
)
MAX_CSV_ROWS = 10_000  # creators in one --csv file: a bound on the work one command starts
MAX_CSV_BYTES = 20_000_000
MARKS = {Verdict.ok: "ok", Verdict.warn: "warn", Verdict.bad: "FAIL", Verdict.unknown: "?"}
SIGNAL_STYLES = {Verdict.ok: "green", Verdict.warn: "yellow", Verdict.bad: "bold red", Verdict.unknown: "dim"}
VERDICT_STYLES = {"recommended": "green", "caution": "yellow", "avoid": "red"}


def _rate_lines(report: VetReport) -> list[str]:
    """The fair rate's basis, then each factor with its effect."""
    if report.rate is None:
        return []
    basis = report.rate.basis()
    return ([basis] if basis else []) + report.rate.adjustments


def _data_line(report: VetReport) -> str:
    age = next((s.display for s in report.signals if s.key == "data_age"), f"{report.data_age_days:g} days ago")
    return f"Data: {report.source}, fetched {report.fetched_at:%Y-%m-%d %H:%M} UTC, {age}"


def _decision_line(decision: LatestDecision | None) -> str:
    if decision is None:
        return "Decision: none yet"
    what, user_id, when = decision
    return f"Decision: {decision_label(what)} by {user_id} on {when:%Y-%m-%d %H:%M} UTC"


def _names_the_model(report: VetReport, signal: Signal) -> bool:
    """The fake-follower estimate's evidence (which model, its measured error) where the card shows it too: when it
    is not a red flag (a red flag prints it already), and when the model could not be used."""
    if signal.key != "fake_followers" or signal in report.red_flags:
        return False
    return signal.verdict is not Verdict.unknown or model_unavailable(signal)


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
        if _names_the_model(report, signal):
            lines.append(f"      {signal.evidence}")
    if report.rate is not None:
        lines.append(f"Fair rate: {report.rate.display()}, the middle half of fees")
        lines.extend(f"  {line}" for line in _rate_lines(report))
    if report.rate_note:
        lines.append(report.rate_note)
    if report.ask is not None:
        lines.append(f"Ask: {report.ask.text}")
    if report.ask_note:
        lines.append(report.ask_note)
    lines.append(_data_line(report))
    return "\n".join(lines)


def _count(value: float | None) -> str:
    if value is None:
        return "hidden"
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.1f}"


def render_report(report: VetReport, decision: LatestDecision | None = None) -> RenderableType:
    """The Slack card for a terminal: a header panel, the signals table, red flags, the fair rate and the ask."""
    numbers = report.key_numbers
    tier = report.tier.value if report.tier else "size unknown"
    score = f"score {report.score}/100" if report.score is not None else "no score"
    colour = VERDICT_STYLES[report.verdict.value]
    facts = Table.grid(padding=(0, 2))
    facts.add_row(
        "Followers",
        _count(numbers.followers),
        "Engagement / follower (median)",
        "hidden" if numbers.engagement_rate_pct is None else f"{numbers.engagement_rate_pct:.2f} %",
        "Sponsored / 30 days",
        _count(numbers.sponsored_per_30_days),
    )
    facts.add_row(
        "Median likes",
        _count(numbers.median_likes),
        "Median comments",
        _count(numbers.median_comments),
        "Median views",
        _count(numbers.median_views),
    )
    facts.add_row("Ad disclosure", numbers.ads_disclosed or "not available")
    header = Panel(
        Group(
            Text.assemble(
                (report.verdict.value.capitalize(), f"bold {colour}"),
                f" · {score} · {report.coverage:.0%} of the signals readable",
            ),
            Text(report.verdict_reason),
            facts,
        ),
        title=f"@{report.handle} · {report.platform.value} · {tier}",
        title_align="left",
        border_style=colour,
    )

    lost = {c.key: c.lost for c in report.contributions}
    signals = Table(title="Signals", title_justify="left", expand=True)
    for column, ratio in (("Signal", 2), ("Value", 3), ("Benchmark", 3), ("Verdict", 1), ("Evidence", 5)):
        signals.add_column(column, ratio=ratio)
    for signal in report.signals:
        verdict = Text(MARKS[signal.verdict], style=SIGNAL_STYLES[signal.verdict])
        if lost.get(signal.key):
            verdict.append(f" -{lost[signal.key]:g}", style="dim")
        signals.add_row(signal.label, signal.display, signal.benchmark or "", verdict, signal.evidence)

    if report.red_flags:
        flags: list[RenderableType] = []
        for flag in report.red_flags:
            flags.append(Text(f"{flag.label}: {flag.display}", style=f"bold {SIGNAL_STYLES[flag.verdict]}"))
            flags.append(Padding(Text(flag.evidence), (0, 0, 0, 2)))
            if flag.innocent_cause:
                flags.append(Padding(Text.assemble(("Could also be: ", "italic"), flag.innocent_cause), (0, 0, 0, 2)))
        red_flags: RenderableType = Panel(Group(*flags), title="Red flags", title_align="left", border_style="red")
    else:
        red_flags = Text("No red flags in the signals we could read.", style="green")

    money: list[RenderableType] = []
    if report.rate is not None:
        money.append(Text.assemble(("Fair rate: ", "bold"), f"{report.rate.display()}, the middle half of fees"))
        money.extend(Text(f"  • {line}") for line in _rate_lines(report))
    if report.rate_note:
        money.append(Text(report.rate_note))
    if report.ask is not None:
        money.append(Text.assemble(("Their ask: ", "bold"), report.ask.text))
    elif report.ask_note:
        money.append(Text(report.ask_note))
    footer = Text(f"{_data_line(report)} · {_decision_line(decision)}", style="dim")
    return Group(header, red_flags, signals, *money, footer)


def _parse_now(text: str | None) -> datetime:
    if not text:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CliUsageError(f"--now {text!r} is not an ISO time such as 2026-03-03T09:00:00+00:00.") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@dataclass
class _Vetter:
    """The Slack handler's steps for one creator, recorded under `team_id`."""

    services: Services
    sources: CreatorSources
    team_id: str
    now: datetime
    default_platform: str
    jurisdiction: str  # whose disclosure rules the sponsored posts are held to
    audience_model: str | None = None  # the AUDIENCE_MODEL setting

    def vet(self, handle: str, platform: Platform, request: VetRequest) -> VetReport:
        report, _ = vetting.vet_and_record(
            self.services.uow(),
            self.sources,
            self.team_id,
            (handle, platform),
            request,
            now=self.now,
            requested_by=CLI_USER,
            jurisdiction=self.jurisdiction,
            audience_model=self.audience_model,
        )
        return report

    def decision(self, report: VetReport) -> LatestDecision | None:
        return vetting.latest_decision(self.services.uow(), self.team_id, report)


@contextmanager
def _open_vetter(args: argparse.Namespace, now: datetime) -> Iterator[_Vetter]:
    from bot.app import creator_sources

    settings = load_settings()
    if args.snapshots:
        sources = CreatorSources(SourceConfig(snapshot_dirs=(Path(args.snapshots), SAMPLES_DIR)))
    else:
        sources = creator_sources(settings)
    with database(settings) as services, closing(sources):
        workspace = workspaces.find(services.uow(), args.team)  # the team's default platform, as /vet uses it
        default = args.platform or (workspace.default_platform if workspace else settings.default_platform)
        rules = args.jurisdiction or (workspace.default_jurisdiction if workspace else settings.default_jurisdiction)
        yield _Vetter(
            services=services,
            sources=sources,
            team_id=args.team,
            now=now,
            default_platform=default,
            jurisdiction=rules,
            audience_model=settings.audience_model,
        )


def _stdout_console() -> Console:
    return Console(file=sys.stdout)


def _run_handles(args: argparse.Namespace, words: list[str], now: datetime) -> int:
    console = _stdout_console()
    failed = 0
    with _open_vetter(args, now) as vetter:
        request = parse_vet_command(" ".join(words), vetter.default_platform)
        for handle, platform in request.targets:
            try:
                report = vetter.vet(handle, platform, request)
            except SourceError as exc:
                print(f"creatorops vet: {exc}", file=sys.stderr)
                failed += 1
                continue
            if args.json:
                print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False), flush=True)
            elif console.is_terminal:
                console.print(render_report(report, vetter.decision(report)))
                console.print()
            else:
                print(f"{format_report(report)}\n{_decision_line(vetter.decision(report))}\n", flush=True)
    return 1 if failed else 0


# --- vet --csv ------------------------------------------------------------------------------------------


def read_targets(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV with a `handle` column (optional `platform`, `ask`), or of a plain list: one creator a line,
    written as after /vet (a handle or profile link, optionally a platform word and ask:$…)."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise CliUsageError(
                f"{path} is over {MAX_CSV_BYTES // 1_000_000} MB; split it into files of at most {MAX_CSV_ROWS:,} rows."
            )
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CliUsageError(f"{path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CliUsageError(f"cannot read {path}: {exc}") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    if len(lines) > MAX_CSV_ROWS + 1:
        raise CliUsageError(f"{path.name} has {len(lines):,} lines; split it into files of at most {MAX_CSV_ROWS:,}.")
    try:
        header = [cell.strip().lower()[:40] for cell in next(csv.reader([lines[0]]))]
        if "handle" not in header:
            if len(header) > 1:
                raise CliUsageError(f"{path.name} has no `handle` column (its columns: {', '.join(header)[:400]}).")
            return [{"handle": line.strip()} for line in lines]
        rows = []
        for raw in csv.DictReader(lines[1:], fieldnames=header):
            row = {key: (value or "").strip() for key, value in raw.items() if isinstance(key, str)}
            if any(row.values()):
                rows.append(row)
    except csv.Error as exc:
        problem = f"{path.name} is not a CSV this can read ({exc}); one creator a row, short cells."
        raise CliUsageError(problem) from None
    return rows


def row_request(row: dict[str, str], default_platform: str) -> VetRequest:
    """One creator's request from a row; VetUsageError or ValueError (the ask) says what is wrong with it."""
    named = row.get("platform", "").lower()
    if named and named not in PLATFORM_WORDS:
        raise VetUsageError(f"Unknown platform `{named}`: use instagram, tiktok or youtube.")
    platform = PLATFORM_WORDS.get(named)
    handle = row.get("handle", "").strip()
    if handle.lower() in HELP_WORDS:  # a cell is a creator, never a request for help: a creator called "help"
        handle = f"@{handle}"
    request = parse_vet_command(handle, platform or default_platform)
    if len(request.targets) != 1:
        raise VetUsageError("Put one creator on each row.")
    target = request.targets[0][1]
    if platform and target != platform:
        raise VetUsageError(f"The link is a {target.value} profile but the platform column says {platform.value}.")
    if row.get("ask"):
        request = request.model_copy(update={"ask": parse_ask(row["ask"])})
    return request


def result_row(report: VetReport) -> dict[str, Any]:
    fake = next((s.value for s in report.signals if s.key == "fake_followers"), None)
    rate, engagement = report.rate, report.key_numbers.engagement_rate_pct
    return {
        "handle": report.handle,
        "platform": report.platform.value,
        "tier": report.tier.value if report.tier else "",
        "verdict": report.verdict.value,
        "score": report.score,
        "followers": report.key_numbers.followers,
        "engagement_rate_pct": None if engagement is None else round(engagement, 2),
        "fake_share": None if fake is None else round(fake, 3),
        "red_flags": "; ".join(flag.label for flag in report.red_flags),
        "rate_low": None if rate is None else round(rate.low),
        "rate_high": None if rate is None or rate.high is None else round(rate.high),
        "rate_point": None if rate is None or rate.point is None else round(rate.point),
        "rate_kind": "" if rate is None else rate.kind or "",
        "ask_position": report.ask.position.value if report.ask else "",
        "ask_pct": report.ask.difference_pct if report.ask else "",
        "error": "",
    }


def _vet_row(vetter: _Vetter, row: dict[str, str]) -> dict[str, Any]:
    given = {"handle": row.get("handle", ""), "platform": row.get("platform", "")}
    try:
        request = row_request(row, vetter.default_platform)
    except VetUsageError as exc:
        return {**given, "error": exc.problem}
    except ValueError as exc:
        return {**given, "error": str(exc)}
    handle, platform = request.targets[0]
    try:
        return result_row(vetter.vet(handle, platform, request))
    except SourceError as exc:
        return {"handle": handle, "platform": platform.value, "error": str(exc)}


def _run_csv(args: argparse.Namespace, now: datetime) -> int:
    source = Path(args.csv)
    rows = read_targets(source)
    out = Path(args.out) if args.out else source.with_name(f"{source.stem}_vetted.csv")
    if out.resolve() == source.resolve():
        raise CliUsageError(f"--out {args.out} is the list itself and would be overwritten; give another file name.")
    progress_console = Console(stderr=True)
    errors = 0
    with (
        _open_vetter(args, now) as vetter,
        _open_for_writing(out) as results,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=progress_console,
            disable=not progress_console.is_terminal,
        ) as progress,
    ):
        writer = csv.DictWriter(results, fieldnames=CSV_COLUMNS, restval="")
        writer.writeheader()
        task = progress.add_task("Vetting", total=len(rows))
        for row in rows:
            progress.update(task, description=f"Vetting {row.get('handle', '')[:40]}")
            result = _vet_row(vetter, row)
            errors += bool(result["error"])
            writer.writerow(safe_row(result))
            results.flush()  # a long list interrupted half-way keeps the rows already vetted
            progress.advance(task)
    print(f"Vetted {len(rows) - errors} of {plural(len(rows), 'creator')}, {plural(errors, 'error')}: results in {out}")
    return 1 if errors else 0


@contextmanager
def _open_for_writing(path: Path) -> Iterator[TextIO]:
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise CliUsageError(f"cannot write {path}: {exc}") from None
    with handle:
        yield handle


# --- vet history ----------------------------------------------------------------------------------------


def _history_filter(words: list[str], platform: str | None) -> tuple[str | None, str | None]:
    """(handle, platform) to filter on; a profile link names its platform, else only --platform does."""
    if not words:
        return None, platform
    if len(words) > 1:
        raise CliUsageError("`vet history` takes at most one @handle; filter by platform with --platform.")
    handle, target = parse_vet_command(words[0], platform or Platform.instagram).targets[0]
    return handle, platform or (target.value if "/" in words[0] else None)


def history_rows(
    services: Services, team_id: str, *, handle: str | None, platform: str | None, limit: int
) -> list[dict]:
    return [
        {**asdict(record), "decided_at": record.decided_at.isoformat()}
        for record in vetting.decision_history(services.uow(), team_id, platform=platform, handle=handle, limit=limit)
    ]


def _run_history(args: argparse.Namespace, handle: str | None, platform: str | None) -> int:
    with database(load_settings()) as services:
        rows = history_rows(services, args.team, handle=handle, platform=platform, limit=args.limit)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    if not rows:
        about = (f" on @{handle}" if handle else "") + (f" ({platform})" if platform else "")
        print(f"No decisions{about} yet in team {args.team}.")
        return 0
    console = _stdout_console()
    if console.is_terminal:
        table = Table(title=f"Decisions of team {args.team}, newest first", title_justify="left")
        for column in HISTORY_COLUMNS:
            table.add_column(column)
        for row in rows:
            table.add_row(*_history_cells(row))
        console.print(table)
        return 0
    for cells in (HISTORY_COLUMNS, *map(_history_cells, rows)):
        print("  ".join(f"{cell:<{width}}" for cell, width in zip(cells, HISTORY_WIDTHS, strict=True)).rstrip())
    return 0


def _history_cells(row: dict[str, Any]) -> tuple[str, ...]:
    when = datetime.fromisoformat(row["decided_at"]).astimezone(UTC)
    score = "-" if row["score"] is None else f"{row['score']}/100"
    creator = f"@{row['handle']} ({row['platform']})"
    return f"{when:%Y-%m-%d %H:%M}", row["user_id"], decision_label(row["decision"]), creator, row["verdict"], score


# --- the command ----------------------------------------------------------------------------------------


def run_vet(args: argparse.Namespace) -> int:
    words = list(args.text)
    try:
        now = _parse_now(args.now)
        if words and words[0].lower() == HISTORY:  # `@history` is still a creator
            if args.csv:
                raise CliUsageError("`vet history` takes no --csv.")
            return _run_history(args, *_history_filter(words[1:], args.platform))
        if args.csv:
            if words:
                raise CliUsageError("give handles or --csv FILE, not both.")
            if args.json:
                raise CliUsageError("--csv writes a CSV file; leave out --json.")
            return _run_csv(args, now)
        parse_vet_command(" ".join(words))  # the syntax, before any settings or database work
        return _run_handles(args, words, now)
    except (VetUsageError, CliUsageError) as exc:
        print(f"creatorops vet: {exc}", file=sys.stderr)
        return 2


def register_cli(subparsers: Any) -> None:
    """`creatorops vet @handle …`, `creatorops vet --csv FILE`, `creatorops vet history [@handle]`."""
    parser = subparsers.add_parser(
        "vet",
        help="vet creators as /vet does, vet a CSV of them, or list the team's decisions",
        description=(
            "vet @handle [tiktok] [ask:$800] [reel] [exclusive] [usage] ...: the /vet report (a table in a terminal, "
            "plain text when piped, or --json). vet --csv FILE: vet every row, write FILE_vetted.csv. vet history "
            "[@handle]: the decisions made with the card's buttons. Runs and snapshots are stored in DATABASE_URL "
            f"under --team (default {LOCAL_TEAM}, the local console's team, so decisions made there show up). "
            "A creator called history is vetted as @history."
        ),
    )
    parser.add_argument("text", nargs="*", metavar="ARG", help="what you would type after /vet, or `history`")
    parser.add_argument(
        "--platform",
        default=None,
        choices=[p.value for p in CREATOR_PLATFORMS],
        help="platform for handles that name none (default: the team's, else DEFAULT_PLATFORM); filters history",
    )
    parser.add_argument(
        "--jurisdiction",
        default=None,
        type=str.upper,
        choices=tuple(j.value for j in Jurisdiction),
        help="whose rules ad disclosures are checked against (default: the team's, else DEFAULT_JURISDICTION)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON: one report per line, or the history list")
    parser.add_argument("--csv", metavar="FILE", help="vet every creator in FILE (a handle column, or one a line)")
    parser.add_argument("--out", metavar="FILE", help="where --csv writes its results (default: FILE_vetted.csv)")
    parser.add_argument("--snapshots", metavar="DIR", help="read creators from this folder, then the samples")
    parser.add_argument("--now", default=None, help="judge data age as of this ISO time (default: now)")
    parser.add_argument(
        "--team",
        default=LOCAL_TEAM,
        help=f"team id to store runs under and read decisions of (default {LOCAL_TEAM}: the local console's team)",
    )
    parser.add_argument("--limit", type=int, default=50, help="history: at most this many decisions (default 50)")
    parser.set_defaults(func=run_vet)
