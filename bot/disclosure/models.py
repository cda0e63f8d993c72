"""What the disclosure checker takes and returns. Option values accept common spellings ("UK", "gb", "Twitter")."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from bot.vocabulary import JURISDICTION_ALIASES, DeliverableKind, Jurisdiction, Platform

# The shared vocabulary, under the names this checker has always used (a format is a deliverable kind).
Format = DeliverableKind


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
ALIASES: dict[str, dict[str, StrEnum]] = {
    "platform": PLATFORM_ALIASES,
    "format": FORMAT_ALIASES,
    "jurisdiction": JURISDICTION_ALIASES,
    "connection": CONNECTION_ALIASES,
}


def _lookup(value: object, aliases: dict[str, StrEnum], what: str) -> object:
    """Map a typed spelling to its canonical enum; leave anything else for pydantic to reject."""
    if isinstance(value, str):
        found = aliases.get(value.strip().lower())
        if found is None:
            choices = ", ".join(sorted({v.value for v in aliases.values()}))
            raise ValueError(f"unknown {what} {value!r}; use one of: {choices}")
        return found
    return value


def parse_platform(value: str) -> Platform:
    return Platform(_lookup(value, PLATFORM_ALIASES, "platform"))


def parse_format(value: str) -> Format:
    return Format(_lookup(value, FORMAT_ALIASES, "format"))


def parse_jurisdiction(value: str) -> Jurisdiction:
    return Jurisdiction(_lookup(value, JURISDICTION_ALIASES, "jurisdiction"))


def parse_connection(value: str) -> Connection:
    return Connection(_lookup(value, CONNECTION_ALIASES, "connection"))


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
        return _lookup(value, ALIASES[info.field_name], info.field_name)

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
