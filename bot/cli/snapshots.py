"""`creatorops import FILE... [--into DIR] [--check]`: creators from JSON or CSV files into the snapshot folder."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.config import load_settings
from bot.sources.snapshot import InvalidSnapshot, import_file, save_snapshot
from bot.vocabulary import plural


def _run_import(args: argparse.Namespace) -> int:
    try:
        snapshots = [snapshot for path in args.files for snapshot in import_file(path)]
    except InvalidSnapshot as exc:
        print(f"creatorops import: {exc}", file=sys.stderr)
        return 1
    into = args.into or load_settings().snapshot_dir  # where /vet and `creatorops vet` look for them
    for snapshot in snapshots:
        where = "checked" if args.check else f"saved to {save_snapshot(snapshot, into)}"
        profile = snapshot.profile
        print(f"@{profile.handle} ({profile.platform.value}): {plural(len(snapshot.posts), 'post')}, {where}")
    print(f"{plural(len(snapshots), 'creator')} {'valid' if args.check else 'imported'}.")
    return 0


def register_cli(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help="import creators from JSON or CSV files (format: bot/sources/samples/FORMAT.md)"
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help=".json (snapshot documents) or .csv (one row per post)"
    )
    parser.add_argument(
        "--into", default=None, help="snapshot folder to write to (default: SNAPSHOT_DIR, where /vet looks)"
    )
    parser.add_argument("--check", action="store_true", help="only check the files, write nothing")
    parser.set_defaults(func=_run_import)
