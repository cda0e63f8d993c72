"""What every CLI command that reads or writes the team's data shares: the database and the local ids.

The local console runs as team T0LOCAL, user U0LOCAL in channel C0LOCAL; CLI commands default to the same ids, so
what one creates the other shows."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from bot.config import Settings
from bot.services import Services

LOCAL_TEAM, LOCAL_USER, LOCAL_CHANNEL = "T0LOCAL", "U0LOCAL", "C0LOCAL"


class CliUsageError(Exception):
    """A mistake in what was typed: the message says what to type instead; exit status 2."""


@contextmanager
def database(settings: Settings) -> Iterator[Services]:
    """The services over the migrated database of the settings."""
    from bot.app import open_database

    engine = open_database(settings)
    try:
        yield Services(settings=settings, engine=engine)
    finally:
        engine.dispose()


def add_team_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--team", default=LOCAL_TEAM, help=f"the workspace's team id (default {LOCAL_TEAM}: the local console's)"
    )
