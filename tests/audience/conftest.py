from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.cli.audience import register_cli

COLUMNS = (
    "username",
    "full_name",
    "biography",
    "has_profile_pic",
    "is_private",
    "follower_count",
    "following_count",
    "media_count",
    "has_external_url",
)

# No picture, no posts, follows 7,000 and is followed by 12: what every vetting tool calls a fake.
OBVIOUS_FAKE: dict[str, Any] = {
    "username": "lina_88271934",
    "has_profile_pic": False,
    "is_private": False,
    "follower_count": 12,
    "following_count": 7000,
    "media_count": 0,
}
# A person: a picture, a bio, a few hundred posts, follows about as many as follow them.
OBVIOUS_REAL: dict[str, Any] = {
    "username": "anna.berger",
    "full_name": "Anna Berger",
    "biography": "Zurich. Coffee, climbing, cats.",
    "has_profile_pic": True,
    "is_private": True,
    "follower_count": 410,
    "following_count": 380,
    "media_count": 230,
    "has_external_url": False,
}


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def objects(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines()]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run `creatorops ARGS` through register_cli on a tiny parser, as bot.cli does."""

    def run(*argv: str) -> CliRun:
        parser = argparse.ArgumentParser(prog="creatorops")
        register_cli(parser.add_subparsers())
        args = parser.parse_args(list(argv))
        code = args.func(args)
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


def write_csv(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path
