"""`creatorops metrics import`, `orders import`, `report` and `plan`: campaign results from the terminal.

Files are read in pieces (never whole into memory) and imported all or nothing; every error names the row and
column and says what to write instead."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.campaigns.errors import CampaignError
from bot.campaigns.live_check import ComplianceException
from bot.cli.campaign_setup import budget_argument, budget_currency
from bot.cli.csv_cells import safe_row
from bot.cli.local import CliUsageError, add_team_argument, database
from bot.config import load_settings
from bot.metrics import MetricsError, plan_json, results_json
from bot.metrics.display import creator_line, plan_text, summary_text
from bot.metrics.results import CampaignResults
from bot.services import results
from bot.vocabulary import CREATOR_PLATFORMS, Money, Platform, plural

PIECE = 1 << 16
CREATOR_COLUMNS = (
    "handle",
    "platform",
    "spend",
    "views",
    "engagements",
    "clicks",
    "conversions",
    "revenue",
    "cpe",
    "roas",
)


@contextmanager
def _pieces(path: str) -> Iterator[Iterator[str]]:
    """The file as text pieces; utf-8 (with or without the BOM spreadsheets write)."""
    file = Path(path)
    if not file.is_file():
        raise CliUsageError(f"there is no file {path}; give the path of a .csv file")
    with file.open(encoding="utf-8-sig", newline="") as handle:
        yield iter(lambda: handle.read(PIECE), "")


def run_metrics_import(args: argparse.Namespace) -> int:
    with database(load_settings()) as services, _pieces(args.file) as text:
        done = results.import_metrics(services.uow(), args.team, args.campaign, text)
    print(f"Imported {done.rows} readings of {done.posts} posts by {done.creators} creators into {done.campaign}.")
    return 0


def run_orders_import(args: argparse.Namespace) -> int:
    with database(load_settings()) as services, _pieces(args.file) as text:
        done = results.import_orders(services.uow(), args.team, args.campaign, text)
    again = f"; {done.read - done.new} were imported before and left as they were" if done.new < done.read else ""
    voided = f"; {done.voided} voided orders left out" if done.voided else ""
    print(f"Read {done.read} orders ({done.format}) for {done.campaign}: {done.new} new{again}{voided}.")
    return 0


def run_report(args: argparse.Namespace) -> int:
    with database(load_settings()) as services:
        report = results.campaign_report(services.uow(), args.team, args.name)
    contract = results_json(report.results)
    if args.csv:
        try:
            _write_csv(Path(args.csv), contract["creators"])
        except OSError as error:
            raise CliUsageError(
                f"cannot write {args.csv} ({error.strerror}); give a file in a folder you can write to"
            ) from None
    if args.json:
        print(json.dumps({**contract, "compliance": [item.json() for item in report.compliance]}, indent=2))
        return 0
    print(summary_text(report.campaign.name, report.results))
    print(creators_text(report.results))
    print(compliance_text(report.compliance, checked=report.live_checked, live=report.live_posts))
    if args.csv:
        print(f"\nCreators written to {args.csv}.")
    return 0


def compliance_text(exceptions: Sequence[ComplianceException], *, checked: int, live: int) -> str:
    """Live posts whose latest caption check fails the disclosure rules, or that there are none, and how many live
    captions were checked at all: "none" means little when none was read."""
    if not exceptions:
        if live == 0:
            return "\nCompliance exceptions: none yet (no post is live)."
        if checked == 0:
            return (
                f"\nCompliance exceptions: not known yet: the caption of none of the {plural(live, 'live post')} "
                "has been checked (a caption is read when its post is marked live, and again a day later)."
            )
        return (
            f"\nCompliance exceptions: none ({checked} of {plural(live, 'live caption')} checked; none fails the "
            "disclosure rules)."
        )
    lines = [
        f"  @{item.handle} ({item.platform} {item.kind}): "
        f"{item.check.verdict.value if item.check.verdict else 'not clear'}, checked "
        f"{item.check.checked_at:%Y-%m-%d %H:%M} UTC from {item.check.source} · {item.post_url}"
        + "".join(f"\n    - {finding}" for finding in item.check.findings[:3])
        for item in exceptions
    ]
    return f"\nCompliance exceptions ({len(exceptions)}): live captions that fail the disclosure check\n" + "\n".join(
        lines
    )


def creators_text(results: CampaignResults) -> str:
    """The creators best first, as aligned columns."""
    header = ("Creator", "Platform", "Spend", "Views", "Engagements", "Clicks", "Conv.", "Revenue", "CPE", "ROAS")
    rows = [header] + [tuple(vars(creator_line(result, results.currency)).values()) for result in results.creators]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    return "\nCreators, best first (lowest cost per engagement):\n" + "\n".join(line.rstrip() for line in lines)


def _write_csv(path: Path, creators: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=CREATOR_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(safe_row(creator) for creator in creators)


def run_plan(args: argparse.Namespace) -> int:
    if args.budget.amount <= 0:
        raise CliUsageError("the budget must be above 0, e.g. creatorops plan 5000")
    budget = Money(amount=args.budget.amount, currency=budget_currency(args.budget, args.currency))
    with database(load_settings()) as services:  # the team's finished campaigns teach it too
        budget_plan = results.budget_plan(
            services.uow(), args.team, budget, Platform(args.platform), now=services.clock()
        )
    print(json.dumps(plan_json(budget_plan), indent=2) if args.json else plan_text(budget_plan))
    return 0


def _guarded(args: argparse.Namespace) -> int:
    try:
        return int(args.results_func(args))
    except (CampaignError, MetricsError, CliUsageError, UnicodeDecodeError) as error:
        message = (
            "the file is not UTF-8 text; save it from your spreadsheet as CSV UTF-8"
            if isinstance(error, UnicodeDecodeError)
            else str(error)
        )
        print(f"creatorops {args.command_name}: {message}", file=sys.stderr)
        return 2


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    metrics = subparsers.add_parser("metrics", help="import post results (views, likes, …) from a CSV")
    metrics_actions = metrics.add_subparsers(metavar="ACTION")
    metrics_import = metrics_actions.add_parser("import", help="import a post results CSV into a campaign")
    metrics_import.add_argument("file")
    metrics_import.add_argument("--campaign", required=True)
    add_team_argument(metrics_import)
    metrics_import.set_defaults(func=_guarded, results_func=run_metrics_import, command_name="metrics import")

    orders = subparsers.add_parser("orders", help="import shop orders (Shopify export or a generic CSV)")
    orders_actions = orders.add_subparsers(metavar="ACTION")
    orders_import = orders_actions.add_parser("import", help="import orders and attribute them to creators")
    orders_import.add_argument("file")
    orders_import.add_argument("--campaign", required=True)
    add_team_argument(orders_import)
    orders_import.set_defaults(func=_guarded, results_func=run_orders_import, command_name="orders import")

    report = subparsers.add_parser("report", help="a campaign's results: spend, reach, engagements, ROI")
    report.add_argument("name")
    report.add_argument("--json", action="store_true", help="one JSON object (nulls when not computable)")
    report.add_argument("--csv", metavar="FILE", help="also write the creators' rows to FILE")
    add_team_argument(report)
    report.set_defaults(func=_guarded, results_func=run_report, command_name="report")

    planner = subparsers.add_parser("plan", help="one micro creator or ten nano creators for a budget?")
    planner.add_argument("budget", type=budget_argument, help="e.g. 5000, $5,000 or €4000")
    planner.add_argument("--platform", default="instagram", choices=[p.value for p in CREATOR_PLATFORMS])
    planner.add_argument(
        "--currency", default=None, help="ISO code, e.g. USD, EUR, GBP (default: the budget's, else USD)"
    )
    planner.add_argument("--json", action="store_true")
    add_team_argument(planner)
    planner.set_defaults(func=_guarded, results_func=run_plan, command_name="plan")
