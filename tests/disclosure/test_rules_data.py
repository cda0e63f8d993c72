"""The rule table shipped as package data agrees with the code that reads it."""

from __future__ import annotations

import json
from importlib import resources

from bot.disclosure.lexicon import TERM_IDS
from bot.disclosure.models import Connection
from bot.disclosure.rules import TermStatus, load_rules
from bot.vocabulary import Jurisdiction


def test_every_term_the_lexicon_finds_has_a_rule_and_back() -> None:
    assert set(load_rules().terms) == TERM_IDS


def test_every_rule_has_a_status_for_every_jurisdiction_and_a_known_source() -> None:
    rules = load_rules()
    for term in rules.terms.values():
        for jurisdiction in Jurisdiction:
            for connection in Connection:
                status = term.status_for(jurisdiction, connection)
                if status in (TermStatus.ambiguous, TermStatus.insufficient, TermStatus.clear_in_caption_language):
                    assert term.why_for(jurisdiction), (term.term_id, jurisdiction)  # the finding explains why
            source_id = term.source_id_for(jurisdiction)
            assert source_id is None or source_id in rules.sources, (term.term_id, source_id)
    for jurisdiction in rules.jurisdictions.values():
        assert {jurisdiction.source, jurisdiction.video_source} <= set(rules.sources)
        assert jurisdiction.labels["default"]
    for source in rules.sources.values():
        assert source.url.startswith("https://") and source.citation


def test_the_clear_labels_each_jurisdiction_suggests_are_clear_there() -> None:
    # the label a fixed caption opens with must itself be a clear term in that jurisdiction
    from bot.disclosure import CheckRequest, Verdict, check_caption

    rules = load_rules()
    for code, jurisdiction in rules.jurisdictions.items():
        for label in jurisdiction.labels.values():
            result = check_caption(CheckRequest(text=label, jurisdiction=code, connection="paid"))
            assert result.verdict is Verdict.compliant, (code, label, [f.message for f in result.findings])


def test_the_research_notes_ship_beside_the_table() -> None:
    package = resources.files("bot.disclosure")
    research = json.loads(package.joinpath("rules_research.json").read_text(encoding="utf-8"))
    assert {"placement", "terms"} <= set(research)
    assert package.joinpath("PROVENANCE.md").is_file()
