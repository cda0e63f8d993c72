"""One creator's evidence pack as a Markdown file.

Everything typed by someone else (captions, notes, reasons, handles, links) is hostile: it is escaped so that it
reads as the characters it is and never as Markdown or HTML (no heading, link, image, table or script from a
caption), control and bidirectional-override characters are dropped, and each text is bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.campaigns.evidence import (
    CreatorEvidence,
    DeliverableEvidence,
    DraftEvidence,
    EvidencePack,
    LiveCheckEvidence,
    VetEvidence,
    file_name,
)
from bot.campaigns.localtime import zone

MAX_TEXT = 5000  # the longest caption a platform takes (YouTube descriptions); longer is cut, and says so
# What Markdown (CommonMark with GitHub's tables and strikethrough) could read as markup inside a line: escaped
# with a backslash. An underscore inside a word (a handle like nina_nano) starts nothing and is left alone, and so
# are the characters that mean something only after an escaped one ("(" after "]", "!" before "[").
_ALWAYS = str.maketrans({char: "\\" + char for char in "\\`*[]<>|~"})
_WHERE_IT_STARTS_SOMETHING = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;)")
# What starts a block at the beginning of a line: a heading, a list item, a setext underline, a thematic break.
_LINE_START = re.compile(r"^(?:#{1,6}(?=[ \t]|$)|[+=-]|\d{1,9}[.)])")
# Control characters and the text direction overrides and isolates (which would let a caption show other
# characters than it holds) are dropped; a zero-width joiner stays: emoji are made of it.
_DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean(text: str, limit: int) -> str:
    kept = _DROPPED.sub("", text[: limit * 2])  # what is past twice the limit is never shown: not even read
    if len(kept) > limit:
        kept = kept[:limit] + f" … (cut here: {len(text):,} characters in all)"
    return kept


def _escape(text: str) -> str:
    text = text.translate(_ALWAYS)
    if "_" in text or "&" in text:
        text = _WHERE_IT_STARTS_SOMETHING.sub(lambda found: "\\" + found.group(0), text)
    return text


def md(text: str, limit: int = 500) -> str:
    """User text on one line, inert in Markdown: what could be markup is backslash-escaped."""
    return _escape(" ".join(_clean(text, limit).split()))


def quoted(text: str, limit: int = MAX_TEXT) -> list[str]:
    """User text of several lines (a caption) as a block quote, each line escaped; an empty text says so."""
    lines = _clean(text, limit).splitlines() or [""]
    if not any(line.strip() for line in lines):
        return ["> *(empty)*"]
    shown = ["> " + _block_safe(_escape(line.strip())) if line.strip() else ">" for line in lines]
    # Two trailing spaces end a line where the caption did (Markdown would join the lines into one).
    return [line + "  " if line != ">" else line for line in shown[:-1]] + shown[-1:]


def _block_safe(line: str) -> str:
    """A line that would start a heading or a list says so in text: its marker escaped ("\\#", "1\\.")."""
    found = _LINE_START.match(line)
    if not found:
        return line
    marker = found.group(0)
    escaped = "\\" + marker if marker.startswith("#") else marker[:-1] + "\\" + marker[-1]
    return escaped + line[len(marker) :]


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
    return md(value.replace("_", " "), 60)


def _bullets(items: Iterable[str]) -> list[str]:
    return [f"- {item}" for item in items]


def _vet_section(vet: VetEvidence | None, tz: str) -> list[str]:
    lines = ["## Vetting (/vet)", ""]
    if vet is None:
        return [*lines, "Not vetted with /vet in this workspace.", ""]
    score = f", score {vet.score}/100" if vet.score is not None else ""
    lines += [
        f"- **Verdict:** {_label(vet.verdict)}{score} — {md(vet.verdict_reason)}",
        f"- **Vetted:** {_when(vet.vetted_at, tz)} by {md(vet.requested_by, 40)} (data: {md(vet.source, 60)})",
    ]
    if vet.tier or vet.followers is not None:
        followers = f"{vet.followers:,} followers" if vet.followers is not None else "followers unknown"
        lines.append(f"- **Tier:** {_label(vet.tier or 'unknown')}, {followers}")
    if vet.rate:
        lines.append(f"- **Fair rate:** {md(vet.rate, 120)}")
    lines.append(f"- **Red flags:** {len(vet.red_flags) or 'none'}")
    lines += [f"  - {md(flag)}" for flag in vet.red_flags]
    if vet.decision:
        on = f" (on a *{_label(vet.decided_on_verdict)}* card)" if vet.decided_on_verdict else ""
        lines.append(
            f"- **Team decision:** {_label(vet.decision)} by {md(vet.decided_by or '?', 40)}, "
            f"{_when(vet.decided_at, tz)}{on}"
        )
    else:
        lines.append("- **Team decision:** none recorded")
    return [*lines, ""]


def _draft_section(draft: DraftEvidence, tz: str) -> list[str]:
    lines = [
        f"#### Version {draft.version} — submitted {_when(draft.submitted_at, tz)} by {md(draft.submitted_by, 40)}",
        "",
        "Caption:",
        "",
        *quoted(draft.caption),
        "",
    ]
    lines += _bullets(f"Link: {md(link, 500)}" for link in draft.links)
    verdict = _label(draft.disclosure_verdict) if draft.disclosure_verdict else "not checked"
    lines.append(f"- **Disclosure check:** {verdict}")
    lines += [f"  - {md(finding)}" for finding in draft.findings]
    if draft.label_to_enable:
        lines.append(f"- **Label to switch on:** {md(draft.label_to_enable, 120)}")
    if draft.fixed_caption:
        lines += ["- **Fixed caption suggested:**", "", *quoted(draft.fixed_caption), ""]
    decisions = sorted(draft.decisions, key=lambda d: d.decided_at)
    if not decisions:
        lines.append("- **Decisions:** none yet")
    for decision in decisions:
        step = f" ({_label(decision.step)} step)" if decision.step else ""
        why = [md(reason, 60) for reason in decision.reasons] + ([md(decision.note)] if decision.note else [])
        confirmed = (
            " Approved although the disclosure check said *missing* (confirmed)."
            if (decision.confirmed_missing_disclosure)
            else ""
        )
        because = f" — {'; '.join(why)}" if why else ""
        lines.append(
            f"- **{_label(decision.decision).capitalize()}**{step} by {md(decision.decided_by, 40)}, "
            f"{_when(decision.decided_at, tz)}{because}.{confirmed}"
        )
    return [*lines, ""]


def _live_check_line(check: LiveCheckEvidence, tz: str) -> str:
    detail = f" — {md(check.detail)}" if check.detail else ""
    return f"- {_when(check.checked_at, tz)}: **{_label(check.result)}**{detail}"


def _deliverable_section(number: int, deliverable: DeliverableEvidence, tz: str) -> list[str]:
    lines = [
        f"### Deliverable #{deliverable.number or number}: {md(deliverable.description, 60)} — "
        f"{_label(deliverable.state)}",
        "",
        f"- **Due:** {_due(deliverable.due_at, tz)}",
    ]
    if deliverable.post_url:
        lines.append(f"- **Live post:** {md(deliverable.post_url, 500)}, posted {_when(deliverable.posted_at, tz)}")
    lines += ["", "**Draft versions**", ""]
    drafts = sorted(deliverable.drafts, key=lambda d: d.version)
    if not drafts:
        lines += ["No draft versions recorded.", ""]
    for draft in drafts:
        lines += _draft_section(draft, tz)
    lines += ["**Live checks**", ""]
    checks = sorted(deliverable.live_checks, key=lambda c: c.checked_at)
    lines += [_live_check_line(check, tz) for check in checks] or ["No checks of the live post recorded."]
    for check in checks:
        if check.caption_seen is not None:
            lines += ["", f"Caption read on {_when(check.checked_at, tz)}:", "", *quoted(check.caption_seen)]
    lines += ["", "**History**", ""]
    history = sorted(deliverable.transitions, key=lambda t: t.at)
    lines += [
        f"- {_when(step.at, tz)}: {_label(step.from_state)} → {_label(step.to_state)} by {md(step.actor, 40)}"
        + (f" — {md(step.note)}" if step.note else "")
        for step in history
    ] or ["No moves recorded."]
    return [*lines, ""]


def render_markdown(pack: EvidencePack, creator: CreatorEvidence) -> str:
    """The whole file for one creator: header, vetting, deliverables (drafts, decisions, live checks, history),
    payments and results; times in the campaign's time zone."""
    tz = pack.timezone
    lines = [
        f"# Evidence pack: {md(pack.campaign, 100)} — @{md(creator.handle, 100)} ({_label(creator.platform)})",
        "",
        f"Generated {_when(pack.generated_at, tz)} ({md(tz, 60)}). Disclosure rules: {md(pack.jurisdiction, 10)}. "
        f"Fee: {creator.fee.display()}.",
        "",
        *_vet_section(creator.vet, tz),
        "## Deliverables",
        "",
    ]
    if not creator.deliverables:
        lines += ["No deliverables booked.", ""]
    for number, deliverable in enumerate(creator.deliverables, start=1):
        lines += _deliverable_section(number, deliverable, tz)
    lines += ["## Payments", ""]
    lines += [
        f"- {payment.paid_on.isoformat()}: {payment.amount.display()} (recorded by {md(payment.recorded_by, 40)})"
        for payment in creator.payments
    ] or ["No payments recorded."]
    lines += ["", "## Results", ""]
    for result in creator.results:
        counts = ", ".join(f"{_label(name)} {value:,}" for name, value in result.counts) or "no numbers"
        proof = f", proof {md(result.proof_url, 500)}" if result.proof_url else ""
        lines.append(
            f"- {md(result.post_url, 500)} read {_when(result.observed_at, tz)} ({_label(result.source)}): "
            f"{counts}{proof}"
        )
    if not creator.results:
        lines.append("No results read yet.")
    return "\n".join(lines) + "\n"


def markdown_files(pack: EvidencePack) -> list[tuple[str, bytes]]:
    """(file name, UTF-8 contents) of each creator's file, in the pack's order."""
    return [(file_name(pack, creator), render_markdown(pack, creator).encode("utf-8")) for creator in pack.creators]
