"""Creator snapshots from local files: the built-in samples, and creators a team imports from JSON or CSV.

One JSON document per creator, in the CreatorSnapshot shape (bot/sources/samples/FORMAT.md). `SnapshotSource`
serves them like any platform source; `import_file` reads a user's JSON or CSV export with errors that name
the line and the column; `creatorops import` stores the result where a SnapshotSource can find it.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.sources.errors import CreatorNotFound, InvalidSnapshot, SourceUnavailable
from bot.sources.models import Comment, CreatorProfile, CreatorSnapshot, Post
from bot.vocabulary import Platform, assume_utc, creator_platform

logger = logging.getLogger(__name__)

SAMPLES_DIR = Path(__file__).parent / "samples"
FORMAT_HINT = "see bot/sources/samples/FORMAT.md"
SOURCE_NAME = "snapshot"
IMPORT_SOURCE = "import"
_UNSAFE = re.compile(r"[^\w.-]")


def _normal_handle(handle: str) -> str:
    return handle.strip().lstrip("@").lower()


def snapshot_filename(handle: str, platform: Platform | str) -> str:
    """`<platform>_<handle>.json`; characters that could leave the folder ("/", "\\") become "_"."""
    return f"{creator_platform(platform).value}_{_UNSAFE.sub('_', _normal_handle(handle))}.json"


def _validation_text(exc: ValidationError, limit: int = 3) -> str:
    problems = [
        f"{'.'.join(str(part) for part in error['loc']) or 'document'}: {error['msg']}"
        for error in exc.errors()[:limit]
    ]
    more = len(exc.errors()) - limit
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


def _documents(path: Path, defaults: dict[str, Any] | None = None) -> list[CreatorSnapshot]:
    """Every creator in a JSON file holding one document or a list of them."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidSnapshot(f"{path.name}: cannot be read ({exc}).") from None
    except json.JSONDecodeError as exc:
        raise InvalidSnapshot(
            f"{path.name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    documents = data if isinstance(data, list) else [data]
    snapshots = []
    for number, document in enumerate(documents, start=1):
        where = f"{path.name}" + (f", creator {number}" if isinstance(data, list) else "")
        if not isinstance(document, dict):
            raise InvalidSnapshot(f"{where}: expected an object with profile, posts, fetched_at; {FORMAT_HINT}.")
        try:
            snapshots.append(CreatorSnapshot.model_validate({**(defaults or {}), **document}))
        except ValidationError as exc:
            raise InvalidSnapshot(f"{where}: {_validation_text(exc)}; {FORMAT_HINT}.") from None
    return snapshots


@lru_cache(maxsize=256)
def _parsed(path: Path, mtime_ns: int, size: int) -> tuple[CreatorSnapshot, ...]:
    """One version of a snapshot file, parsed once: the key changes whenever the file is rewritten."""
    return tuple(_documents(path))


def _file_snapshots(path: Path) -> tuple[CreatorSnapshot, ...]:
    """Every creator in a snapshot file, re-read only when its modification time or size changes.

    Callers share the returned objects, so nothing may modify a snapshot a SnapshotSource hands out.
    """
    try:
        stat = path.stat()
    except OSError:
        return tuple(_documents(path))  # raises InvalidSnapshot naming the file
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


def _matches(snapshot: CreatorSnapshot, handle: str, platform: Platform) -> bool:
    return snapshot.profile.platform == platform and _normal_handle(snapshot.profile.handle) == handle


class SnapshotSource:
    """Creators from a folder of JSON snapshots: `<platform>_<handle>.json` first, then any *.json in it."""

    def __init__(self, directory: Path | str = SAMPLES_DIR) -> None:
        self.directory = Path(directory)

    def fetch(self, handle: str, platform: Platform | str) -> CreatorSnapshot:
        wanted, where = _normal_handle(handle), creator_platform(platform)
        if not self.directory.is_dir():
            raise SourceUnavailable(
                f"The snapshot folder {self.directory} does not exist; import creators with `creatorops import`."
            )
        named = self.directory / snapshot_filename(wanted, where)
        if named.is_file():
            for snapshot in _file_snapshots(named):
                if _matches(snapshot, wanted, where):
                    return snapshot
        elsewhere: list[str] = []
        for snapshot in self._scan(skip=named):
            if _matches(snapshot, wanted, where):
                return snapshot
            if _normal_handle(snapshot.profile.handle) == wanted:
                elsewhere.append(snapshot.profile.platform.value)
        raise CreatorNotFound(handle=wanted, platform=where.value, elsewhere=elsewhere[0] if elsewhere else None)

    def available(self) -> list[tuple[str, Platform]]:
        """(handle, platform) of every creator in the folder, e.g. to suggest what to try."""
        return sorted({(s.profile.handle, s.profile.platform) for s in self._scan()})

    def _scan(self, skip: Path | None = None) -> Iterator[CreatorSnapshot]:
        if not self.directory.is_dir():
            return
        for path in sorted(self.directory.glob("*.json")):
            if path == skip:
                continue
            try:
                yield from _file_snapshots(path)
            except InvalidSnapshot as exc:  # one broken file must not hide every other creator
                logger.warning("skipping snapshot file: %s", exc)


def save_snapshot(snapshot: CreatorSnapshot, directory: Path | str) -> Path:
    """Write one creator where SnapshotSource(directory) finds it; returns the file written."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / snapshot_filename(snapshot.profile.handle, snapshot.profile.platform)
    path.write_text(snapshot.model_dump_json(indent=1, exclude_none=True) + "\n", encoding="utf-8")
    return path


# --- CSV import ------------------------------------------------------------------------------------------------

CSV_REQUIRED = ("handle", "platform")
PROFILE_COLUMNS = ("display_name", "followers", "following", "media_count", "is_private", "is_verified", "fetched_at")
POST_COLUMNS = ("post_id", "posted_at", "caption", "likes", "comments", "views", "kind", "url", "sample_comments")
CSV_COLUMNS = CSV_REQUIRED + PROFILE_COLUMNS + POST_COLUMNS

_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)\s*([km]?)$", re.IGNORECASE)
_COMMENTER = re.compile(r"^@([\w.]+):\s*(.*)$", re.DOTALL)
_TRUE, _FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}


class _CellError(ValueError):
    pass


def _count(text: str) -> int | None:
    """'12,345', '12345', '1.2k', '3M' -> int; blank -> None (hidden)."""
    cleaned = text.replace(",", "").replace("_", "").replace(" ", "")
    if not cleaned:
        return None
    match = _NUMBER.match(cleaned)
    if not match:
        raise _CellError(f"'{text}' is not a count (write 1234, 1,234 or 1.2k; leave it empty if hidden)")
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match[2].lower()]
    return round(float(match[1]) * scale)


def _flag(text: str) -> bool | None:
    value = text.strip().lower()
    if not value:
        return None
    if value in _TRUE | _FALSE:
        return value in _TRUE
    raise _CellError(f"'{text}' is not yes/no (write true or false)")


def _moment(text: str) -> datetime | None:
    value = text.strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _CellError(f"'{text}' is not a date (write 2026-02-14 or 2026-02-14T18:30:00Z)") from None
    return assume_utc(moment)


def _comments(text: str) -> list[Comment]:
    comments = []
    for part in (p.strip() for p in text.split(" | ")):
        if not part:
            continue
        named = _COMMENTER.match(part)
        comments.append(Comment(username=named[1], text=named[2]) if named else Comment(text=part))
    return comments


_PARSERS: dict[str, Callable[[str], Any]] = {
    "followers": _count,
    "following": _count,
    "media_count": _count,
    "likes": _count,
    "comments": _count,
    "views": _count,
    "is_private": _flag,
    "is_verified": _flag,
    "fetched_at": _moment,
    "posted_at": _moment,
    "sample_comments": _comments,
}


@dataclass
class _Creator:
    handle: str
    platform: Platform
    profile: dict[str, Any] = field(default_factory=dict)
    profile_lines: dict[str, int] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    post_lines: dict[str, int] = field(default_factory=dict)


def _cells(row: dict[str, str | None], line: int, name: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in CSV_COLUMNS:
        raw = (row.get(column) or "").strip()
        if not raw:
            continue
        try:
            values[column] = _PARSERS.get(column, str)(raw)
        except _CellError as exc:
            raise InvalidSnapshot(f"{name} line {line}, column {column}: {exc}.") from None
    return values


def _add_row(creator: _Creator, values: dict[str, Any], line: int, name: str) -> None:
    for column in PROFILE_COLUMNS:
        if column not in values or values[column] is None:
            continue
        earlier = creator.profile.get(column)
        if earlier is not None and earlier != values[column]:
            raise InvalidSnapshot(
                f"{name} line {line}, column {column}: {values[column]} differs from {earlier} on line "
                f"{creator.profile_lines[column]} for @{creator.handle}; one creator has one value."
            )
        creator.profile[column] = values[column]
        creator.profile_lines.setdefault(column, line)
    post_id = values.get("post_id")
    if post_id is None:
        if any(column in values for column in POST_COLUMNS):
            raise InvalidSnapshot(f"{name} line {line}: a post needs a post_id.")
        return  # a profile-only row
    if post_id in creator.post_lines:
        raise InvalidSnapshot(
            f"{name} line {line}: post {post_id} of @{creator.handle} already on line {creator.post_lines[post_id]}."
        )
    if values.get("posted_at") is None:
        raise InvalidSnapshot(f"{name} line {line}, column posted_at: every post needs the time it was posted.")
    creator.post_lines[post_id] = line
    creator.posts.append(
        Post(
            id=post_id,
            url=values.get("url"),
            caption=values.get("caption", ""),
            posted_at=values["posted_at"],
            kind=values.get("kind", "post"),
            likes=values.get("likes"),
            comments=values.get("comments"),
            views=values.get("views"),
            sample_comments=values.get("sample_comments", []),
        )
    )


def _csv_snapshots(path: Path, now: datetime) -> list[CreatorSnapshot]:
    name = path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [column.strip() for column in reader.fieldnames or []]
            missing = [column for column in CSV_REQUIRED if column not in header]
            if missing:
                raise InvalidSnapshot(
                    f"{name}: missing column(s) {', '.join(missing)}; the first line must name the columns "
                    f"({', '.join(CSV_COLUMNS)}); {FORMAT_HINT}."
                )
            reader.fieldnames = header
            creators: dict[tuple[str, Platform], _Creator] = {}
            for row in reader:
                line = reader.line_num
                handle_text = _normal_handle(row.get("handle") or "")
                platform_text = (row.get("platform") or "").strip().lower()
                if not handle_text:
                    raise InvalidSnapshot(f"{name} line {line}, column handle: empty.")
                try:
                    platform = creator_platform(platform_text)
                except ValueError:
                    raise InvalidSnapshot(
                        f"{name} line {line}, column platform: '{platform_text}' is not instagram, tiktok or youtube."
                    ) from None
                creator = creators.setdefault((handle_text, platform), _Creator(handle_text, platform))
                _add_row(creator, _cells(row, line, name), line, name)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidSnapshot(f"{name}: cannot be read as CSV ({exc}).") from None
    if not creators:
        raise InvalidSnapshot(f"{name}: no rows after the header.")
    snapshots = []
    for creator in creators.values():
        fetched_at = creator.profile.pop("fetched_at", None) or now
        profile = CreatorProfile(handle=creator.handle, platform=creator.platform, **creator.profile)
        snapshots.append(
            CreatorSnapshot(
                profile=profile,
                posts=creator.posts,
                fetched_at=fetched_at,
                source=IMPORT_SOURCE,
            )
        )
    return snapshots


def import_file(path: Path | str, *, now: datetime | None = None) -> list[CreatorSnapshot]:
    """Creators from a .json file (one snapshot document or a list) or a .csv file (one row per post).

    `now` stamps `fetched_at` where the file does not say when its numbers were taken.
    """
    file = Path(path)
    moment = now or datetime.now(UTC)
    if not file.is_file():
        raise InvalidSnapshot(f"{file} does not exist or is not a file.")
    suffix = file.suffix.lower()
    if suffix == ".json":
        return _documents(file, defaults={"source": IMPORT_SOURCE, "fetched_at": moment.isoformat()})
    if suffix == ".csv":
        return _csv_snapshots(file, moment)
    raise InvalidSnapshot(f"{file.name}: import reads .json or .csv files; {FORMAT_HINT}.")
