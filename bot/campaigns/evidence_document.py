"""One creator's evidence pack as a document: headings, paragraphs, bullet lists and quoted texts, as plain data.

`evidence_document` decides what the pack says and in what order; the writers (evidence_markdown.py for Markdown,
evidence_pdf.py for PDF) only decide how each kind of block looks, so both files always say the same.

Everything typed by someone else (captions, notes, reasons, handles, links) is hostile. Here it is made safe for
any writer: control characters, lone surrogates and the text direction overrides and isolates (which would let a
caption show other characters than it holds) are dropped, one-line texts have their whitespace collapsed, and each
text is bounded. What is markup in a format (Markdown's `*`, `[`, `<`…) is each writer's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.campaigns import evidence as ev
from bot.campaigns.localtime import zone
from bot.vetting.history import decision_label

MAX_TEXT = 5000  # the longest caption a platform takes (YouTube descriptions); longer is cut, and says so
# A deliverable's latest draft versions are given in full; earlier ones (a creator can send hundreds) with their
# captions cut, so that a pack, and its PDF above all, stays bounded (drawing a long mixed-script caption costs ~1 s).
FULL_VERSIONS = 10
EARLIER_CAPTION = 280
# Control characters, lone surrogates (which no file encoding can hold) and the direction overrides and isolates
# are dropped; a zero-width joiner stays: emoji are made of it.
_DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

Style = Literal["plain", "bold", "italic"]


@dataclass(frozen=True)
class Span:
    """A run of text in one style; its characters are the text as it is (no markup of any format)."""

    text: str
    style: Style = "plain"


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1: the title; 2: a part (vetting, deliverables…); 3: a deliverable; 4: a draft version
    text: Line


@dataclass(frozen=True)
class Paragraph:
    text: Line


@dataclass(frozen=True)
class Item:
    """A bullet, with the bullets under it (a finding under the check, a red flag under the count)."""

    text: Line
    sub: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Quote:
    """Someone's text of several lines (a caption), line by line as typed; no lines when it was empty."""

    lines: tuple[str, ...]


Block = Heading | Paragraph | Bullets | Quote


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]


def clean(text: str, limit: int) -> str:
    """What can be shown of a text: unsafe characters dropped, cut past `limit` characters (and says so)."""
    kept = _DROPPED.sub("", text[: limit * 2])  # what is past twice the limit is never shown: not even read
    if len(kept) > limit:
        kept = kept[:limit] + f" … (cut here: {len(text):,} characters in all)"
    return kept


def one_line(text: str, limit: int = 500) -> str:
    """Someone's text on one line: cleaned, bounded, its whitespace (newlines too) collapsed."""
    return " ".join(clean(text, limit).split())


def quote(text: str, limit: int = MAX_TEXT) -> Quote:
    lines = clean(text, limit).splitlines()
    return Quote(tuple(lines) if any(line.strip() for line in lines) else ())


def _plain(text: str) -> Span:
    return Span(text)


def _bold(text: str) -> Span:
    return Span(text, "bold")


def _when(moment: datetime | None, timezone: str) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(zone(timezone)).strftime("%Y-%m-%d %H:%M")


def _due(moment: datetime, timezone: str) -> str:
    """A deadline at local midnight is the end of the day before (how a date-only due date is stored)."""
    local = moment.astimezone(zone(timezone))
    if (local.hour, local.minute) == (0, 0):
        return f"end of {(local - timedelta(minutes=1)).date().isoformat()}"
    return local.strftime("%Y-%m-%d %H:%M")


def _label(value: str) -> str:
    return one_line(value.replace("_", " "), 60)


def _field(name: str, value: str) -> Line:
    """'**Verdict:** caution…': a bold name and its value."""
    return (_bold(f"{name}:"), _plain(f" {value}"))


def _vet_blocks(vet: ev.VetEvidence | None, tz: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, (_plain("Vetting (/vet)"),))]
    if vet is None:
        return [*blocks, Paragraph((_plain("Not vetted with /vet in this workspace."),))]
    score = f", score {vet.score}/100" if vet.score is not None else ""
    items = [
        Item(_field("Verdict", f"{_label(vet.verdict)}{score} — {one_line(vet.verdict_reason)}")),
        Item(
            _field(
                "Vetted",
                f"{_when(vet.vetted_at, tz)} by {one_line(vet.requested_by, 40)} (data: {one_line(vet.source, 60)})",
            )
        ),
    ]
    if vet.tier or vet.followers is not None:
        followers = f"{vet.followers:,} followers" if vet.followers is not None else "followers unknown"
        items.append(Item(_field("Tier", f"{_label(vet.tier or 'unknown')}, {followers}")))
    if vet.rate:
        items.append(Item(_field("Fair rate", one_line(vet.rate, 120))))
    flags = tuple((_plain(one_line(flag)),) for flag in vet.red_flags)
    items.append(Item(_field("Red flags", str(len(vet.red_flags) or "none")), flags))
    if vet.decision:
        decided = (
            f"{decision_label(vet.decision)} by {one_line(vet.decided_by or '?', 40)}, {_when(vet.decided_at, tz)}"
        )
        on = (
            (_plain(" (on a "), Span(_label(vet.decided_on_verdict), "italic"), _plain(" card)"))
            if vet.decided_on_verdict
            else ()
        )
        items.append(Item((*_field("Team decision", decided), *on)))
    else:
        items.append(Item(_field("Team decision", "none recorded")))
    return [*blocks, Bullets(tuple(items))]


def _decision_item(decision: ev.DecisionEvidence, tz: str) -> Item:
    step = f" ({_label(decision.step)} step)" if decision.step else ""
    why = [one_line(reason, 60) for reason in decision.reasons] + ([one_line(decision.note)] if decision.note else [])
    because = f" — {'; '.join(why)}" if why else ""
    text: Line = (
        _bold(_label(decision.decision).capitalize()),
        _plain(f"{step} by {one_line(decision.decided_by, 40)}, {_when(decision.decided_at, tz)}{because}."),
    )
    if decision.confirmed_missing_disclosure:
        text += (
            _plain(" Approved although the disclosure check said "),
            Span("missing", "italic"),
            _plain(" (confirmed)."),
        )
    return Item(text)


def _draft_blocks(draft: ev.DraftEvidence, tz: str, caption_limit: int = MAX_TEXT) -> list[Block]:
    submitted = (
        f"Version {draft.version} — submitted {_when(draft.submitted_at, tz)} by {one_line(draft.submitted_by, 40)}"
    )
    caption = quote(draft.caption, caption_limit)
    blocks: list[Block] = [Heading(4, (_plain(submitted),)), Paragraph((_plain("Caption:"),)), caption]
    items = [Item((_plain(f"Link: {one_line(link)}"),)) for link in draft.links]
    verdict = _label(draft.disclosure_verdict) if draft.disclosure_verdict else "not checked"
    findings = tuple((_plain(one_line(finding)),) for finding in draft.findings)
    items.append(Item(_field("Disclosure check", verdict), findings))
    if draft.label_to_enable:
        items.append(Item(_field("Label to switch on", one_line(draft.label_to_enable, 120))))
    if draft.fixed_caption:
        items.append(Item((_bold("Fixed caption suggested:"),)))
        blocks += [Bullets(tuple(items)), quote(draft.fixed_caption)]
        items = []
    decisions = sorted(draft.decisions, key=lambda d: d.decided_at)
    items += [_decision_item(decision, tz) for decision in decisions] or [Item(_field("Decisions", "none yet"))]
    return [*blocks, Bullets(tuple(items))]


def _live_check_item(check: ev.LiveCheckEvidence, tz: str) -> Item:
    detail = f" — {one_line(check.detail)}" if check.detail else ""
    return Item((_plain(f"{_when(check.checked_at, tz)}: "), _bold(_label(check.result)), _plain(detail)))


def _list_or(items: list[Item], otherwise: str) -> Block:
    return Bullets(tuple(items)) if items else Paragraph((_plain(otherwise),))


def _deliverable_blocks(number: int, deliverable: ev.DeliverableEvidence, tz: str) -> list[Block]:
    # Numbered as its cards and reminders number it ("deliverable #3"), not 1, 2 per creator.
    title = f"Deliverable #{deliverable.number or number}: {one_line(deliverable.description, 60)} — " + _label(
        deliverable.state
    )
    facts = [Item(_field("Due", _due(deliverable.due_at, tz)))]
    if deliverable.post_url:
        posted = f"{one_line(deliverable.post_url)}, posted {_when(deliverable.posted_at, tz)}"
        facts.append(Item(_field("Live post", posted)))
    blocks: list[Block] = [Heading(3, (_plain(title),)), Bullets(tuple(facts)), Paragraph((_bold("Draft versions"),))]
    drafts = sorted(deliverable.drafts, key=lambda d: d.version)
    if not drafts:
        blocks.append(Paragraph((_plain("No draft versions recorded."),)))
    earlier = len(drafts) - FULL_VERSIONS
    if earlier > 0:
        note = (
            f"{earlier} earlier version{'s' if earlier > 1 else ''} (of {len(drafts)}): captions cut to "
            f"{EARLIER_CAPTION} characters; the latest {FULL_VERSIONS} are in full."
        )
        blocks.append(Paragraph((_plain(note),)))
    for index, draft in enumerate(drafts):
        blocks += _draft_blocks(draft, tz, EARLIER_CAPTION if index < earlier else MAX_TEXT)
    checks = sorted(deliverable.live_checks, key=lambda c: c.checked_at)
    blocks += [
        Paragraph((_bold("Live checks"),)),
        _list_or([_live_check_item(check, tz) for check in checks], "No checks of the live post recorded."),
    ]
    for check in checks:
        if check.caption_seen is not None:
            blocks += [
                Paragraph((_plain(f"Caption read on {_when(check.checked_at, tz)}:"),)),
                quote(check.caption_seen),
            ]
    history = sorted(deliverable.transitions, key=lambda t: t.at)
    moves = [
        Item(
            (
                _plain(
                    f"{_when(step.at, tz)}: {_label(step.from_state)} → {_label(step.to_state)} by "
                    f"{one_line(step.actor, 40)}" + (f" — {one_line(step.note)}" if step.note else "")
                ),
            )
        )
        for step in history
    ]
    return [*blocks, Paragraph((_bold("History"),)), _list_or(moves, "No moves recorded.")]


def _link_event_item(event: ev.LinkEvent, tz: str) -> Item:
    """One line of the link's record: what happened, when, by whom or from which network."""
    on = f" for deliverable #{event.deliverable_number}" if event.deliverable_number is not None else ""
    network = f" from {one_line(event.network, 50)}" if event.network else ""
    by = f" by {one_line(event.by, 40)}" if event.by else ""
    until = f", valid until {_when(event.until, tz)}" if event.until else ""
    sub: tuple[Line, ...] = ()
    if event.kind == "draft":
        version = f"v{event.version}" if event.version is not None else "a version"
        what: Line = (_bold(f"Draft {version}"), _plain(f" sent{on}{network}."))
        sub = tuple((_plain(f"File: {one_line(name, 200)}"),) for name in event.files)
    elif event.kind == "live":
        what = (_bold("Live link"), _plain(f" given{on}{network}: {one_line(event.live_url or '—')}."))
    elif event.kind == "rotated":
        what = (_bold("New link issued"), _plain(f"{by}{until}, ending the earlier one (rotated)."))
    elif event.kind == "issued":
        what = (_bold("Link issued"), _plain(f"{by}{until}."))
    else:
        what = (_bold(_label(event.kind).capitalize()), _plain("."))
    return Item((_plain(f"{_when(event.at, tz)}: "), *what), sub)


def _link_blocks(creator: ev.CreatorEvidence, tz: str) -> list[Block]:
    """The creator's private link: when it was issued, rotated or revoked, and what came in through it."""
    heading = Heading(2, (_plain("The creator's private link"),))
    if not creator.link_events:
        return [heading, Paragraph((_plain("No private link was issued to this creator."),))]
    note = (
        "Addresses are shown as their network only (IPv4 /24, IPv6 /48); "
        "creatorops link --history shows the full address."
    )
    items = [_link_event_item(event, tz) for event in sorted(creator.link_events, key=lambda e: e.at)]
    return [heading, Paragraph((_plain(note),)), Bullets(tuple(items))]


def evidence_document(pack: ev.EvidencePack, creator: ev.CreatorEvidence) -> Document:
    """The whole record of one creator: header, vetting, deliverables (drafts, decisions, live checks, history),
    their private link, payments and results; times in the campaign's time zone."""
    tz = pack.timezone
    title = (
        f"Evidence pack: {one_line(pack.campaign, 100)} — @{one_line(creator.handle, 100)} ({_label(creator.platform)})"
    )
    generated = (
        f"Generated {_when(pack.generated_at, tz)} ({one_line(tz, 60)}). "
        f"Disclosure rules: {one_line(pack.jurisdiction, 10)}. Fee: {creator.fee.display()}."
    )
    blocks: list[Block] = [
        Heading(1, (_plain(title),)),
        Paragraph((_plain(generated),)),
        *_vet_blocks(creator.vet, tz),
        Heading(2, (_plain("Deliverables"),)),
    ]
    if not creator.deliverables:
        blocks.append(Paragraph((_plain("No deliverables booked."),)))
    for number, deliverable in enumerate(creator.deliverables, start=1):
        blocks += _deliverable_blocks(number, deliverable, tz)
    blocks += _link_blocks(creator, tz)
    payments = [
        Item(
            (
                _plain(
                    f"{payment.paid_on.isoformat()}: {payment.amount.display()} "
                    f"(recorded by {one_line(payment.recorded_by, 40)})"
                ),
            )
        )
        for payment in creator.payments
    ]
    blocks += [Heading(2, (_plain("Payments"),)), _list_or(payments, "No payments recorded.")]
    results = []
    for result in creator.results:
        counts = ", ".join(f"{_label(name)} {value:,}" for name, value in result.counts) or "no numbers"
        proof = f", proof {one_line(result.proof_url)}" if result.proof_url else ""
        read = f"{one_line(result.post_url)} read {_when(result.observed_at, tz)} ({_label(result.source)}): "
        results.append(Item((_plain(f"{read}{counts}{proof}"),)))
    blocks += [Heading(2, (_plain("Results"),)), _list_or(results, "No results read yet.")]
    return Document(title=title, blocks=tuple(blocks))
