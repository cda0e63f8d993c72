"""`creatorops evidence NAME [@handle] [--out DIR] [--format md|pdf]`: the campaign's evidence pack, one Markdown or PDF
file per creator."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.campaigns.errors import CampaignError
from bot.campaigns.evidence_files import evidence_files
from bot.cli.local import CliUsageError, add_team_argument, database
from bot.config import load_settings
from bot.services import evidence


def run_evidence(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CliUsageError(f"{args.out} is a file; give --out a folder (it is created when missing)")
    with database(load_settings()) as services:
        pack = evidence.evidence_pack(services.uow(), args.team, args.name, args.handle, now=services.clock())
    files = evidence_files(pack, args.format)
    if not files:
        print(f"{pack.campaign} has no creators yet: no evidence to write.")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files:
        (out / name).write_bytes(content)
        print(f"wrote {out / name} ({len(content):,} bytes)")
    return 0


def _guarded(args: argparse.Namespace) -> int:
    try:
        return run_evidence(args)
    except (CampaignError, CliUsageError) as error:
        print(f"creatorops evidence: {error}", file=sys.stderr)
        return 2


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "evidence", help="a campaign's evidence pack: vetting, drafts, decisions, history, payments, per creator"
    )
    parser.add_argument("name", help="the campaign (its name or a unique start of it)")
    parser.add_argument("handle", nargs="?", help="only this creator (@handle)")
    parser.add_argument("--out", default=".", metavar="DIR", help="the folder to write into (default: here)")
    parser.add_argument(
        "--format", choices=["md", "pdf"], default="md", help="md: Markdown (the default); pdf: a PDF per creator"
    )
    add_team_argument(parser)
    parser.set_defaults(func=_guarded)
