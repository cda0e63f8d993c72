"""A local console (the real app over HTTP against the stand-in) on a SQLite file, at a fixed time, for tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.localslack.console import LocalSlack


@contextmanager
def local_console(
    folder: Path,
    at: datetime,
    *,
    ask: Callable[[str], str] = lambda prompt: "",
    sample_campaign: bool = False,
    **settings: Any,
) -> Iterator[LocalSlack]:
    """The console started with its clock at `at` (and the sample campaign, as `make run` opens it, if asked);
    stopped on the way out."""
    local = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{folder / 'console.db'}", **settings),
        ask=ask,
        clock=lambda: at,
        sample_campaign=sample_campaign,
    )
    local.start()
    try:
        yield local
    finally:
        local.stop()
