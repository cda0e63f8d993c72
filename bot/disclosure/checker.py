"""check_caption: is this caption's advertising disclosure clear, well placed and right for the jurisdiction?

Verdicts:
- not_needed: no material connection (given as none, or none suggested by the text when unknown);
- missing: a connection, and no disclosure word at all (or only a denial such as "not sponsored");
- needs_work: a disclosure is there but weak (ambiguous or not accepted in the jurisdiction, wrong language,
  after the "more" cut, lost in a trailing hashtag pile, not first where it must open the post), or the
  format is a video, reel, short, story or live, which also needs a spoken and on-screen disclosure that
  a caption checker cannot see. So a reel or a YouTube video whose caption opens with a clear "#ad" is
  needs_work, with that one reason, and the fixed caption is the caption itself;
- compliant: a clear disclosure for the jurisdiction, placed where it must be, on a post.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

from bot.disclosure.fixer import EXPLAINS_CONNECTION, REPLACED_BY_LABEL, nature_note, open_with, remove_labels
from bot.disclosure.language import SAMPLE_CHARS, guess_language
from bot.disclosure.lexicon import DENIAL, MatchContext, TermMatch, context_for, find_terms
from bot.disclosure.models import (
    VIDEO_FORMATS,
    CheckRequest,
    CheckResult,
    Connection,
    Finding,
    Format,
    Severity,
    Verdict,
    ensure_checkable,
)
from bot.disclosure.normalise import NormalisedText, normalise
from bot.disclosure.placement import Visibility, leads, trailing_pile_start, visibility
from bot.disclosure.rules import JurisdictionRule, Rules, TermRule, TermStatus, load_rules
from bot.disclosure.signals import infer_connection
from bot.vocabulary import Jurisdiction, Platform

LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "it": "Italian", "nl": "Dutch", "es": "Spanish"}
PLATFORM_NAMES = {
    Platform.instagram: "Instagram",
    Platform.tiktok: "TikTok",
    Platform.youtube: "YouTube",
    Platform.facebook: "Facebook",
    Platform.x: "X",
    Platform.threads: "Threads",
    Platform.pinterest: "Pinterest",
}
_HASHTAG = re.compile(r"#\w+")
# Where a platform's own "paid partnership" label is not enough on its own (FTC staff, DE, FR).
LABEL_ALONE_NOT_ENOUGH = frozenset({Jurisdiction.US, Jurisdiction.DE, Jurisdiction.FR})
PILE_SOURCES = {
    Jurisdiction.US: "ftc_101",
    Jurisdiction.DE: "de_courts",
    Jurisdiction.NL: "nl_rsm",
    Jurisdiction.IN: "in_asci",
}
VIDEO_NOTES = {
    Jurisdiction.US: "the FTC says a disclosure only in the description is not enough; say it and show it at the "
    "start, ideally more than once",
    Jurisdiction.FR: "French law wants 'Publicité' or 'Collaboration commerciale' on the image or video for the "
    "whole promotion",
    Jurisdiction.DE: "say and show 'Werbung' in the video itself (the German media authorities' rule)",
    Jurisdiction.NL: "the RSM wants the mention in the video itself (at the start, during or throughout) as well "
    "as in the description",
    Jurisdiction.IN: "Indian guidelines want it in the video itself, not only in the description",
}
LIVE_NOTES = {
    Jurisdiction.IN: "show it continuously, as a ticker, for the whole stream",
    Jurisdiction.FR: "keep it on screen for the whole stream",
}


# (verdict, connection, connection inferred, fixed caption)
_Outcome = tuple[Verdict, Connection, bool, str]


class _Term(NamedTuple):
    match: TermMatch
    rule: TermRule
    status: TermStatus  # clear, ambiguous or insufficient
    wrong_language: bool


# Terms that are clear because they name the brand ("#GlowcoPartner", "ambassador @glowco").
BRAND_NAMED = frozenset({"brand_partner", "brand_ambassador"})


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


@cache
def _infers(jurisdiction: Jurisdiction) -> dict[str, Connection | None]:
    """What each term admits to, where the term counts as a disclosure word at all."""
    rules = load_rules()
    return {
        term_id: rule.infers if rule.status_for(jurisdiction, Connection.paid) is not TermStatus.ignore else None
        for term_id, rule in rules.terms.items()
    }


def label_for(rules: Rules, jurisdiction: JurisdictionRule, language: str | None) -> str:
    """The label a fixed caption opens with: the jurisdiction's, in the caption's language where it allows."""
    if language in jurisdiction.labels:
        return jurisdiction.labels[language]
    if "en" in jurisdiction.languages and language in rules.language_labels:
        return rules.language_labels[language]
    return jurisdiction.labels["default"]


# One finding, as the checker collects it: (rule id, severity, message, source url, citation, term, position);
# a Finding model (or a JSON object) is made of it only for the result asked for.
_Found = tuple[str, Severity, str, str, str, str | None, int | None]


@cache
def _source(source_id: str | None, jurisdiction: Jurisdiction) -> tuple[str, str]:
    """(url, citation) of the source behind a finding: its own, else the jurisdiction's main one."""
    source = load_rules().source(source_id, jurisdiction)
    return source.url, source.citation


@cache
def _statuses(jurisdiction: Jurisdiction, connection: Connection) -> dict[str, tuple[TermRule, TermStatus]]:
    """Each term's rule and status for a jurisdiction and connection, without the terms ignored there."""
    statuses: dict[str, tuple[TermRule, TermStatus]] = {}
    for term_id, rule in load_rules().terms.items():
        status = rule.status_for(jurisdiction, connection)
        if status is not TermStatus.ignore:
            statuses[term_id] = (rule, status)
    return statuses


_UNSET: Any = object()


class _Check:
    """One run of the checker; holds what the steps share so each step stays short. What only some verdicts
    need (the normalised text, the terms, the language and the label) is worked out when first asked for."""

    def __init__(
        self,
        request: CheckRequest | None = None,
        *,
        text: str = "",
        platform: Platform = Platform.instagram,
        format: Format = Format.post,  # noqa: A002 (the request's own field name)
        jurisdiction: Jurisdiction = Jurisdiction.US,
        connection: Connection = Connection.unknown,
        brand: str | None = None,
    ) -> None:
        if request is not None:
            text, platform, format, jurisdiction = request.text, request.platform, request.format, request.jurisdiction
            connection, brand = request.connection, request.brand
        self.text = text
        self.platform = platform
        self.format = format
        self.code = jurisdiction
        self.given = connection
        self.brand = brand
        self.rules = load_rules()
        self.jurisdiction = self.rules.jurisdictions[jurisdiction]
        self.findings: list[_Found] = []
        self._norm: NormalisedText | None = None
        self._ctx: MatchContext | None = None
        self._matches: list[TermMatch] | None = None
        self._denials: list[TermMatch] = []
        self._language: str | None = _UNSET
        self._label: str | None = None
        self._pile_start: int | None = _UNSET

    # -- what the steps share, worked out once when first needed ----------------------------------------------
    @property
    def norm(self) -> NormalisedText:
        if self._norm is None:
            self._norm = normalise(self.text)
        return self._norm

    @property
    def ctx(self) -> MatchContext:
        if self._ctx is None:
            self._ctx = context_for(self.norm, self.brand)
        return self._ctx

    @property
    def matches(self) -> list[TermMatch]:
        """The disclosure words, in reading order (denials apart, in `denials`)."""
        if self._matches is None:
            found = find_terms(self.norm, self.ctx)
            self._denials = [m for m in found if m.term_id == DENIAL]
            self._matches = [m for m in found if m.term_id != DENIAL]
        return self._matches

    @property
    def denials(self) -> list[TermMatch]:
        self.matches  # noqa: B018 (finds the denials with the terms)
        return self._denials

    @property
    def language(self) -> str | None:
        if self._language is _UNSET:
            self._language = guess_language(self.norm.masked)
        return self._language

    @property
    def label(self) -> str:
        if self._label is None:
            self._label = label_for(self.rules, self.jurisdiction, self.language)
        return self._label

    # -- helpers ---------------------------------------------------------------------------------------------
    def add(
        self,
        rule_id: str,
        severity: Severity,
        message: str,
        source_id: str | None = None,
        term: TermMatch | None = None,
    ) -> None:
        url, citation = _source(source_id, self.code)
        if term is None:
            self.findings.append((rule_id, severity, message, url, citation, None, None))
        else:
            self.findings.append((rule_id, severity, message, url, citation, term.text, term.orig_start))

    @property
    def where(self) -> str:
        return self.jurisdiction.name

    @property
    def pile_start(self) -> int | None:
        """Where the caption's trailing pile of hashtags starts (it depends on the caption only)."""
        if self._pile_start is _UNSET:
            self._pile_start = trailing_pile_start(self.norm.masked, self.rules.hashtag_pile_min)
        return self._pile_start

    def result(self, outcome: _Outcome) -> CheckResult:
        verdict, connection, inferred, fixed = outcome
        return CheckResult(
            verdict=verdict,
            findings=[
                Finding(
                    rule_id=rule_id,
                    severity=severity,
                    message=message,
                    source_url=url,
                    citation=citation,
                    term=term,
                    position=position,
                )
                for rule_id, severity, message, url, citation, term, position in self.findings
            ],
            fixed_caption=fixed,
            connection=connection,
            connection_inferred=inferred,
            jurisdiction=self.code,
            platform=self.platform,
            format=self.format,
        )

    def as_json(self, outcome: _Outcome) -> dict[str, object]:
        """What result(outcome).as_json() gives, without building the models (the --jsonl contract's path)."""
        verdict, connection, inferred, fixed = outcome
        return {
            "verdict": verdict._value_,
            "findings": [
                {
                    "rule_id": rule_id,
                    "severity": severity._value_,
                    "message": message,
                    "source_url": url,
                    "citation": citation,
                    "term": term,
                    "position": position,
                }
                for rule_id, severity, message, url, citation, term, position in self.findings
            ],
            "fixed_caption": fixed,
            "connection": connection._value_,
            "connection_inferred": inferred,
            "jurisdiction": self.code._value_,
            "platform": self.platform._value_,
            "format": self.format._value_,
        }

    # -- steps -----------------------------------------------------------------------------------------------
    def connection(self) -> tuple[Connection, bool]:
        given = self.given
        if given is not Connection.unknown:
            return given, False
        inference = infer_connection(self.norm, self.matches, self.ctx, _infers(self.code))
        if inference.connection is None:
            return Connection.none, True
        self.add(
            "connection.inferred",
            Severity.info,
            f"No connection was given; this looks like {_a(inference.connection.value)} connection because of "
            f"{'; '.join(inference.evidence)}. Run again with the real connection if that is wrong.",
            "ftc_255_5" if self.code is Jurisdiction.US else None,
        )
        return inference.connection, True

    def evaluate(self, connection: Connection) -> list[_Term]:
        evaluated = []
        statuses = _statuses(self.code, connection)
        for match in self.matches:
            known = statuses.get(match.term_id)
            if known is None:  # ignored in this jurisdiction
                continue
            rule, status = known
            wrong_language = False
            if status is TermStatus.clear_in_caption_language:
                # only when the caption is clearly in another language: a bare "Werbung" is not "wrong"
                wrong_language = self.language is not None and self.language != rule.lang
                status = TermStatus.ambiguous if wrong_language else TermStatus.clear
            evaluated.append(_Term(match, rule, status, wrong_language))
        return evaluated

    def placement_problems(self, term: _Term) -> list[tuple[str, str, str | None]]:
        """(rule id, message, source id) for each way this clear term is badly placed."""
        problems: list[tuple[str, str, str | None]] = []
        match = term.match
        cut = self.rules.placement[self.platform]
        platform = PLATFORM_NAMES[self.platform]
        seen = visibility(self.norm.original, match.orig_start, match.orig_end, cut)
        lines = f" or {cut.lines} lines" if cut.lines else ""
        if seen is Visibility.after_cut:
            source = "ftc_2017" if self.code is Jurisdiction.US and self.platform is Platform.instagram else cut.source
            problems.append(
                (
                    "placement.after_cut",
                    f"'{match.text}' comes after {platform}'s \"more\" cut (about {cut.cut_chars} characters{lines}), "
                    f"so most people never see it. Put '{self.label}' at the start.",
                    source,
                )
            )
        elif seen is Visibility.may_be_cut:
            problems.append(
                (
                    "placement.may_be_cut",
                    f"'{match.text}' starts at character {match.orig_start}; {platform} shows only about "
                    f'{cut.pass_chars}-{cut.cut_chars} characters before "more", so it may be hidden. '
                    f"Put '{self.label}' at the start.",
                    cut.source,
                )
            )
        pile = self.pile_start
        if pile is not None and match.start >= pile and match.is_tag:
            problems.append(
                (
                    "placement.hashtag_pile",
                    f"'{match.text}' is lost in the pile of hashtags at the end, where readers skip it. "
                    f"Put '{self.label}' at the start, apart from other hashtags.",
                    PILE_SOURCES.get(self.code),
                )
            )
        if self.jurisdiction.must_lead and not leads(self.norm.masked, match.start, self.rules.lead_words_max):
            problems.append(
                (
                    "placement.not_first",
                    f"In {self.where} the label has to open the post, but '{match.text}' comes after other words. "
                    f"Start with '{self.label}'.",
                    None,
                )
            )
        # only a caption that clearly reads as another language than the label's (and not English) counts
        if self.jurisdiction.language_rule and self.language not in (None, "en", term.rule.lang):
            problems.append(
                (
                    "language.mismatch",
                    f"The caption is in {LANGUAGE_NAMES[self.language]} but '{match.text}' is not; "
                    f"{self.jurisdiction.regulator} expects the disclosure in the language of the post. "
                    f"Use '{self.label}'.",
                    None,
                )
            )
        return problems

    def term_findings(self, weak: list[_Term], has_clear: bool) -> None:
        seen: set[str] = set()
        for term in weak:
            if term.rule.term_id in seen:
                continue
            seen.add(term.rule.term_id)
            match = term.match
            if term.wrong_language:
                rule_id = "term.wrong_language"
                message = (
                    f"'{match.text}' is in {LANGUAGE_NAMES[term.rule.lang]}, but the caption is in "
                    f"{LANGUAGE_NAMES[self.language or 'en']}: the disclosure should be in the language of the post."
                )
            else:
                rule_id = f"term.{term.status.value}"
                why = term.rule.why_for(self.code)
                message = f"'{match.text}' is an {term.status.value} disclosure in {self.where}: {why}."
            if has_clear:
                severity = Severity.info
                message += " Next to the clear label it adds nothing and may confuse; consider dropping it."
            else:
                severity = Severity.needs_work
                message += f" Start the caption with '{self.label}' instead."
            self.add(rule_id, severity, message, term.rule.source_id_for(self.code), match)

    def format_findings(self) -> None:
        code, format_ = self.code, self.format
        if format_ not in VIDEO_FORMATS:
            return
        note = VIDEO_NOTES.get(code, "say it and show it on screen in the content itself, not only in the caption")
        kind = {Format.story: "story", Format.live: "live stream"}.get(format_, format_._value_)
        self.add(
            "format.spoken_and_on_screen",
            Severity.needs_work,
            f"A {kind} also needs the disclosure inside the content: {note}. This checker reads only the text and "
            f"cannot see or hear the {kind}, so confirm it is there.",
            self.jurisdiction.video_source,
        )
        if format_ is Format.live:
            self.add(
                "format.live_repeat",
                Severity.needs_work,
                "In a live stream, "
                + LIVE_NOTES.get(code, "repeat the disclosure periodically so people who join late still get it")
                + ".",
                "in_asci" if code is Jurisdiction.IN else "ftc_101",
            )
        if format_ is Format.story:
            self.add(
                "format.story_each_frame",
                Severity.needs_work,
                "In a story, superimpose the disclosure on the image of every frame, long enough to read.",
                "dlm" if code is Jurisdiction.DE else "ftc_101",
            )

    def fixed_caption(
        self, connection: Connection, inferred: bool, clear: list[_Term], weak: list[_Term], well_placed: _Term | None
    ) -> str:
        text = self.text
        confusing = [
            t.match
            for t in weak
            if t.match.is_tag and t.status is TermStatus.insufficient and t.rule.term_id not in EXPLAINS_CONNECTION
        ]
        if well_placed is not None and not self.denials:
            return remove_labels(text, tags=confusing)
        # Open with the label; with a denial to cut out this happens even when a clear label is already there,
        # because cutting can move things: the result must pass on its own.
        tags = confusing + [t.match for t in clear if t.match.is_tag]
        terms = [t.match for t in weak if t.rule.term_id in REPLACED_BY_LABEL]
        rest = remove_labels(text, tags=tags, terms=terms, clauses=self.denials)
        if rest == text or (not terms and not self.denials and self.same_words_without(tags)):
            language = self.language
        else:
            language = guess_language(normalise(rest).masked)
        label = label_for(self.rules, self.jurisdiction, language)
        # the note is English, so only next to the English label, and only for a connection we were told
        note = nature_note(connection, self.brand) if label == "#ad" and not inferred else None
        return open_with(label, note, rest)

    def same_words_without(self, tags: list[TermMatch]) -> bool:
        """Whether the language guess reads the same words with these tags cut out: a hashtag holds no word the
        guess counts (a word inside a hashtag is no word to it), and the guess reads the whole caption."""
        masked = self.norm.masked
        return len(masked) <= SAMPLE_CHARS and all(_HASHTAG.fullmatch(masked, m.start, m.end) for m in tags)

    def not_needed(self, inferred: bool) -> _Outcome:
        if inferred:
            message = (
                "No connection was given and nothing in the text suggests one (no brand tag, discount code, "
                "affiliate link, 'link in bio' or disclosure word), so no disclosure is needed. If the creator was "
                "paid, gifted the product, earns a commission or works for the brand, run again with that connection."
            )
        else:
            message = "No material connection with a brand, so no disclosure is needed."
        source_id = "ftc_255_5" if self.code is Jurisdiction.US else None
        self.add("connection.not_found" if inferred else "connection.none", Severity.info, message, source_id)
        return Verdict.not_needed, Connection.none, inferred, self.text

    def disclosure_findings(
        self,
        connection: Connection,
        clear: list[_Term],
        weak: list[_Term],
        well_placed: _Term | None,
        first_problems: list[tuple[str, str, str | None]],
    ) -> None:
        """`first_problems`: placement_problems(clear[0]), already worked out by run()."""
        if self.code is Jurisdiction.EU:
            self.add(
                "jurisdiction.eu_generic",
                Severity.info,
                "EU (generic) checks the Unfair Commercial Practices Directive baseline; member states add "
                "their own words (Germany 'Werbung', France 'Publicité'): pick the country for a precise check.",
            )
        if well_placed is not None:
            said = well_placed.match.text
            # "ambassador @glowco" is clear because of the brand beside it; the words alone would not be
            beside = (
                " with the brand's name beside it"
                if well_placed.rule.term_id in BRAND_NAMED and not said.startswith("#")
                else ""
            )
            self.add(
                "disclosure.clear",
                Severity.info,
                f"'{said}'{beside} is a clear disclosure in {self.where}, where readers see it first"
                + (f" (a stand-alone '{said}' would not be)." if beside else "."),
                well_placed.rule.source_id_for(self.code),
                well_placed.match,
            )
        elif clear:  # clear words, none of them where they must be: report the first one's problems
            for rule_id, message, source_id in first_problems:
                self.add(rule_id, Severity.needs_work, message, source_id, clear[0].match)
        self.term_findings(weak, bool(clear))
        for denial in self.denials:
            self.add(
                "disclosure.denied",
                Severity.needs_work,
                f"The caption says '{denial.text}' although there is {_a(connection.value)} connection: that "
                f"contradicts any disclosure and misleads readers. Remove it.",
                None,
                denial,
            )
        if not clear and not weak:
            label_note = (
                f" The platform's own paid-partnership label alone is not enough in {self.where}."
                if self.code in LABEL_ALONE_NOT_ENOUGH
                else ""
            )
            self.add(
                "disclosure.missing",
                Severity.missing,
                f"There is {_a(connection.value)} connection but no disclosure. Start the caption with "
                f"'{self.label}'.{label_note}",
            )

    def verdict(self) -> Verdict:
        severities = {found[1] for found in self.findings}
        if Severity.missing in severities:
            return Verdict.missing
        return Verdict.needs_work if Severity.needs_work in severities else Verdict.compliant

    def run(self) -> CheckResult:
        return self.result(self.judge())

    def judge(self) -> _Outcome:
        connection, inferred = self.connection()
        if connection is Connection.none:
            return self.not_needed(inferred)
        terms = self.evaluate(connection)
        clear = [t for t in terms if t.status is TermStatus.clear]
        weak = [t for t in terms if t.status is not TermStatus.clear]
        # the first clear term well placed, if any; the first one's problems are reported when none is
        first_problems = self.placement_problems(clear[0]) if clear else []
        if clear and not first_problems:
            well_placed: _Term | None = clear[0]
        else:
            well_placed = next((t for t in clear[1:] if not self.placement_problems(t)), None)
        self.disclosure_findings(connection, clear, weak, well_placed, first_problems)
        self.format_findings()
        fixed = self.fixed_caption(connection, inferred, clear, weak, well_placed)
        return self.verdict(), connection, inferred, fixed


def check_caption(request: CheckRequest) -> CheckResult:
    """Check one caption. Pure: no I/O, no clock; safe to call from any thread.

    Raises CaptionTooLong (before reading the text) when it is longer than MAX_CAPTION_CHARS."""
    ensure_checkable(request.text)
    return _Check(request).run()


def check_caption_json(request: CheckRequest | None = None, **fields: Any) -> dict[str, object]:
    """check_caption(request).as_json(), without building the result's models: the --jsonl contract's path.
    Takes a request, or its fields (text, platform, format, jurisdiction, connection, brand) already canonical."""
    check = _Check(request, **fields)
    ensure_checkable(check.text)
    return check.as_json(check.judge())
