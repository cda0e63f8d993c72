"""What the disclosure checker takes and returns. Option values accept common spellings ("UK", "gb", "Twitter")."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from bot.vocabulary import JURISDICTION_ALIASES, DeliverableKind, Jurisdiction, Platform

# The shared vocabulary, under the names this checker has always used (a format is a deliverable kind).
Format = DeliverableKind

# The longest caption a platform takes: YouTube descriptions (5,000); Instagram takes 2,200, TikTok 4,000.
LONGEST_PLATFORM_CAPTION = 5_000
# The longest text the checker reads: twice any platform's caption, so a pasted caption with notes around it
# still fits; anything longer is no caption, and is refused before any work on it.
MAX_CAPTION_CHARS = 10_000


class CaptionTooLong(ValueError):
    """A caption longer than MAX_CAPTION_CHARS; str() is the message to show the person who sent it."""

    def __init__(self, length: int | None) -> None:
        """`length`: the caption's length, or None when it was not read to the end (only known to be over)."""
        self.length = length
        self.limit = MAX_CAPTION_CHARS
        size = f"is {length:,} characters" if length is not None else f"is over {MAX_CAPTION_CHARS:,} characters"
        super().__init__(
            f"That caption {size}; I check up to {MAX_CAPTION_CHARS:,} (the longest caption any platform allows "
            f"is {LONGEST_PLATFORM_CAPTION:,}). Paste the caption itself."
        )


def ensure_checkable(text: str) -> None:
    """Raise CaptionTooLong when `text` is longer than the checker reads; only its length is looked at."""
    if len(text) > MAX_CAPTION_CHARS:
        raise CaptionTooLong(len(text))


class Connection(StrEnum):
    paid = "paid"
    gift = "gift"
    affiliate = "affiliate"
    employee = "employee"
    none = "none"
    unknown = "unknown"


class Verdict(StrEnum):
    compliant = "compliant"
    needs_work = "needs_work"
    missing = "missing"
    not_needed = "not_needed"


class Severity(StrEnum):
    info = "info"  # context; does not change the verdict
    needs_work = "needs_work"
    missing = "missing"


VIDEO_FORMATS = frozenset({Format.reel, Format.story, Format.video, Format.short, Format.live})

# Spellings people type, mapped to the canonical value (keys are lower-case).
PLATFORM_ALIASES: dict[str, Platform] = {
    **{p.value: p for p in Platform},
    "ig": Platform.instagram,
    "insta": Platform.instagram,
    "tt": Platform.tiktok,
    "yt": Platform.youtube,
    "fb": Platform.facebook,
    "twitter": Platform.x,
}
FORMAT_ALIASES: dict[str, Format] = {
    **{f.value: f for f in Format},
    "reels": Format.reel,
    "stories": Format.story,
    "shorts": Format.short,
    "livestream": Format.live,
    "image": Format.post,
    "photo": Format.post,
    "carousel": Format.post,
}
CONNECTION_ALIASES: dict[str, Connection] = {
    **{c.value: c for c in Connection},
    "gifted": Connection.gift,
    "sponsored": Connection.paid,
    "commission": Connection.affiliate,
    "employment": Connection.employee,
}
# Each option field of CheckRequest and the spellings it accepts.
# Mapping, not dict: read-only, and covariant in the value type, so a dict[str, Platform] is one.
ALIASES: Mapping[str, Mapping[str, StrEnum]] = {
    "platform": PLATFORM_ALIASES,
    "format": FORMAT_ALIASES,
    "jurisdiction": JURISDICTION_ALIASES,
    "connection": CONNECTION_ALIASES,
}


E = TypeVar("E", bound=StrEnum)


def _canonical(value: str, aliases: Mapping[str, E], what: str) -> E:
    """Map a typed spelling to its canonical enum; ValueError naming the choices otherwise."""
    found = aliases.get(value.strip().lower())
    if found is None:
        choices = ", ".join(sorted({v.value for v in aliases.values()}))
        raise ValueError(f"unknown {what} {value!r}; use one of: {choices}")
    return found


def _lookup(value: object, aliases: Mapping[str, StrEnum], what: str) -> object:
    """Map a typed spelling to its canonical enum; leave anything else for pydantic to reject."""
    if isinstance(value, str):
        return _canonical(value, aliases, what)
    return value


def parse_platform(value: str) -> Platform:
    return _canonical(value, PLATFORM_ALIASES, "platform")


def parse_format(value: str) -> Format:
    return _canonical(value, FORMAT_ALIASES, "format")


def parse_jurisdiction(value: str) -> Jurisdiction:
    return _canonical(value, JURISDICTION_ALIASES, "jurisdiction")


def parse_connection(value: str) -> Connection:
    return _canonical(value, CONNECTION_ALIASES, "connection")


class CheckRequest(BaseModel):
    """One caption (or video description) to check, with where and how it is published."""

    model_config = ConfigDict(frozen=True)

    text: str
    platform: Platform = Platform.instagram
    format: Format = Format.post
    jurisdiction: Jurisdiction = Jurisdiction.US
    connection: Connection = Connection.unknown
    brand: str | None = None

    @field_validator(*ALIASES, mode="before")
    @classmethod
    def _option(cls, value: object, info: ValidationInfo) -> object:
        # field_name is Optional in pydantic's types (None for model validators); a field validator always has one.
        field = info.field_name
        assert field is not None
        return _lookup(value, ALIASES[field], field)

    @field_validator("brand", mode="before")
    @classmethod
    def _brand(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().lstrip("@#").strip()
            return value or None
        return value


class Finding(BaseModel):
    """One thing the checker noticed, in plain words, with the rule it comes from."""

    rule_id: str  # stable identifier, e.g. "term.insufficient"
    severity: Severity
    message: str
    source_url: str
    citation: str
    term: str | None = None  # the words as written in the caption
    position: int | None = None  # character offset of `term` in the caption


class CheckResult(BaseModel):
    verdict: Verdict
    findings: list[Finding] = Field(default_factory=list)
    fixed_caption: str
    connection: Connection  # the connection the verdict is based on (given, or inferred)
    connection_inferred: bool
    jurisdiction: Jurisdiction
    platform: Platform
    format: Format

    def as_json(self) -> dict[str, object]:
        """The same dict as model_dump(mode="json"), keys in the same order, built directly: the --jsonl
        contract writes one per caption, and pydantic's general serialiser costs more than the check itself."""
        return {
            "verdict": self.verdict.value,
            "findings": [
                {
                    "rule_id": f.rule_id,
                    "severity": f.severity.value,
                    "message": f.message,
                    "source_url": f.source_url,
                    "citation": f.citation,
                    "term": f.term,
                    "position": f.position,
                }
                for f in self.findings
            ],
            "fixed_caption": self.fixed_caption,
            "connection": self.connection.value,
            "connection_inferred": self.connection_inferred,
            "jurisdiction": self.jurisdiction.value,
            "platform": self.platform.value,
            "format": self.format.value,
        }
