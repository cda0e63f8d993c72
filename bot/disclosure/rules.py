"""The rule table (disclosure_rules.json, package data): term statuses per jurisdiction, platform cuts, sources.

Everything a compliance reviewer may want to tune lives in the JSON, not in code: which words are clear,
ambiguous or insufficient where, each platform's "more" cut, the hashtag-pile size, and the citation behind
every rule. Loaded once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from bot.disclosure.models import Connection
from bot.vocabulary import Jurisdiction, Platform

RULES_FILE = "disclosure_rules.json"


class TermStatus(StrEnum):
    clear = "clear"
    ambiguous = "ambiguous"
    insufficient = "insufficient"
    ignore = "ignore"  # the word is not a disclosure word there (e.g. "#pub" is a bar in English)
    clear_in_caption_language = "clear_in_caption_language"


@dataclass(frozen=True)
class Source:
    citation: str
    url: str


@dataclass(frozen=True)
class TermRule:
    term_id: str
    label: str
    lang: str
    infers: Connection | None  # the connection a caption using this term admits to
    status: dict[str, TermStatus | dict[str, TermStatus]]
    sources: dict[str, str]
    why: dict[str, str]

    def status_for(self, jurisdiction: Jurisdiction, connection: Connection) -> TermStatus:
        value = self.status.get(jurisdiction.value, self.status["default"])
        if isinstance(value, dict):
            return value.get(connection.value, value["default"])
        return value

    def why_for(self, jurisdiction: Jurisdiction) -> str:
        return self.why.get(jurisdiction.value) or self.why.get("default", "")

    def source_id_for(self, jurisdiction: Jurisdiction) -> str | None:
        return self.sources.get(jurisdiction.value)


@dataclass(frozen=True)
class JurisdictionRule:
    code: Jurisdiction
    name: str
    regulator: str
    source: str
    video_source: str
    languages: tuple[str, ...]
    must_lead: bool  # the label has to open the caption (DE, BE, IE)
    language_rule: bool  # the disclosure must be in the caption's language (FTC, Ad Standards Canada)
    labels: dict[str, str]  # caption language -> label the fixed caption starts with; "default" as fallback


@dataclass(frozen=True)
class PlatformCut:
    """Characters (and lines) visible before "… more": a term ending by pass_chars is visible; one starting
    at or after cut_chars is hidden; in between it may be hidden on some screens."""

    pass_chars: int
    cut_chars: int
    lines: int | None
    source: str
    official: bool


@dataclass(frozen=True)
class Rules:
    sources: dict[str, Source]
    jurisdictions: dict[Jurisdiction, JurisdictionRule]
    language_labels: dict[str, str]
    placement: dict[Platform, PlatformCut]
    hashtag_pile_min: int
    lead_words_max: int
    terms: dict[str, TermRule]

    def source(self, source_id: str | None, jurisdiction: Jurisdiction) -> Source:
        """The source behind a finding: its own, else the jurisdiction's main one."""
        return self.sources[source_id if source_id is not None else self.jurisdictions[jurisdiction].source]


def _status(value: str | dict[str, str]) -> TermStatus | dict[str, TermStatus]:
    if isinstance(value, dict):
        return {key: TermStatus(v) for key, v in value.items()}
    return TermStatus(value)


@cache
def load_rules() -> Rules:
    raw = json.loads(resources.files("bot.disclosure").joinpath(RULES_FILE).read_text(encoding="utf-8"))
    sources = {key: Source(**value) for key, value in raw["sources"].items()}
    jurisdictions = {
        Jurisdiction(code): JurisdictionRule(
            code=Jurisdiction(code),
            name=j["name"],
            regulator=j["regulator"],
            source=j["source"],
            video_source=j["video_source"],
            languages=tuple(j["languages"]),
            must_lead=j["must_lead"],
            language_rule=j["language_rule"],
            labels=j["labels"],
        )
        for code, j in raw["jurisdictions"].items()
    }
    terms = {
        term_id: TermRule(
            term_id=term_id,
            label=t["label"],
            lang=t["lang"],
            infers=Connection(t["infers"]) if t["infers"] else None,
            status={key: _status(value) for key, value in t["status"].items()},
            sources=t["sources"],
            why=t["why"],
        )
        for term_id, t in raw["terms"].items()
    }
    placement = {Platform(name): PlatformCut(**cut) for name, cut in raw["placement"].items()}
    missing = {j for j in Jurisdiction} - set(jurisdictions)
    if missing or set(placement) != set(Platform):
        raise ValueError(f"{RULES_FILE} must cover every jurisdiction and platform (missing {missing})")
    return Rules(
        sources=sources,
        jurisdictions=jurisdictions,
        language_labels=raw["language_labels"],
        placement=placement,
        hashtag_pile_min=raw["hashtag_pile_min"],
        lead_words_max=raw["lead_words_max"],
        terms=terms,
    )
