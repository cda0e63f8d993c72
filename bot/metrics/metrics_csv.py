"""The post-results CSV: one row per observation of one live post (the format is in samples/FORMAT.md).

A blank count is unknown, never zero. A row that repeats an earlier row exactly is skipped; one with the same
post and time but other numbers is a problem, since the file would not say which to keep.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from bot.campaigns.models import creator_handle
from bot.metrics import cells
from bot.metrics.csv_table import DEFAULT_LIMITS, Columns, Limits, Table, TextInput
from bot.metrics.errors import MetricsInputError
from bot.metrics.formats import WRONG_FILE, FileFormat, detect_format
from bot.metrics.inputs import COUNT_FIELDS, ObservationSource, PostObservation
from bot.metrics.records import conflict, parse_cells
from bot.vocabulary import creator_platform

METRICS_COLUMNS = Columns(
    required=("handle", "platform", "post_url", "observed_at"),
    optional=(*COUNT_FIELDS, "source", "proof_url"),
)


def _handle(raw: str) -> str:
    try:
        return creator_handle(raw)
    except ValueError:
        raise cells.CellError(f"{cells.shown(raw)} is not a handle — write it like @name") from None


def _platform(raw: str) -> str:
    try:
        return creator_platform(raw.lower()).value
    except ValueError:
        raise cells.CellError(f"{cells.shown(raw)} is not a platform — write instagram, tiktok or youtube") from None


def _source(raw: str) -> str:
    if raw == "":
        return ObservationSource.manual.value
    try:
        return ObservationSource(raw.lower()).value
    except ValueError:
        raise cells.CellError(f"{cells.shown(raw)} is not a source — write api, creator or manual") from None


def _optional_link(raw: str) -> str | None:
    return cells.link(raw) if raw else None


def _required(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse_required(raw: str) -> Any:
        if raw == "":
            raise cells.CellError("is empty; this column is required")
        return parse(raw)

    return parse_required


PARSERS: dict[str, Callable[[str], Any]] = {
    "handle": _required(_handle),
    "platform": _required(_platform),
    "post_url": _required(cells.link),
    "observed_at": cells.moment,
    **{name: cells.optional_count for name in COUNT_FIELDS},
    "source": _source,
    "proof_url": _optional_link,
}


def read_metrics(text: TextInput, limits: Limits = DEFAULT_LIMITS) -> tuple[PostObservation, ...]:
    """Every observation in the file, in file order, or MetricsInputError naming the first problems."""
    table = Table(text, limits)
    kind = detect_format(table.header)
    if kind not in (None, FileFormat.metrics):
        raise MetricsInputError((WRONG_FILE[kind],), stopped_at_row=1)
    problems = table.problems
    seen: dict[tuple[str, datetime], tuple[int, PostObservation]] = {}  # key -> its first row and record
    owner: dict[str, tuple[int, str, str]] = {}  # post_url -> (row, handle, platform) of its first row
    found: list[PostObservation] = []
    for row in table.rows(METRICS_COLUMNS):
        values = parse_cells(row, PARSERS, problems)
        if values is None:
            continue
        url, handle, platform = values["post_url"], values["handle"], values["platform"]
        first_row, first_handle, first_platform = owner.setdefault(url, (row.number, handle, platform))
        if (handle.casefold(), platform) != (first_handle.casefold(), first_platform):
            problems.cell(
                row,
                "handle",
                f"this post is @{first_handle}'s on {first_platform} in row {first_row}; one post has one creator",
            )
            continue
        try:
            observation = PostObservation(**values)
        except ValidationError as exc:  # parsers already hold every rule; kept so no bad record gets through
            problems.add(f"row {row.number}: {exc.errors()[0]['msg']}", row=row.number)
            continue
        earlier = seen.setdefault(observation.key, (row.number, observation))
        if earlier[1] is observation:
            found.append(observation)
        elif earlier[1] != observation:
            conflict(problems, row, earlier, observation, "the same post_url and observed_at")
    problems.raise_if_any()
    return tuple(found)
