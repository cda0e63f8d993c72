"""The disclosure check answer: verdict, each finding with its source, and the fixed caption to copy."""

from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.disclosure import CheckResult, Severity
from handlers.blocks.text import escape, fit, plain

VERDICTS = {
    "compliant": (":white_check_mark:", "Compliant", "A clear disclosure, where it must be."),
    "needs_work": (":warning:", "Needs work", "There is a disclosure, but it is not clear enough."),
    "missing": (":red_circle:", "Missing", "This needs a disclosure and has none."),
    "not_needed": (":information_source:", "Not needed", "No material connection, so no disclosure is needed."),
}
ICONS = {Severity.missing: ":red_circle:", Severity.needs_work: ":warning:", Severity.info: ":information_source:"}
MAX_FINDINGS = 10
MAX_SECTION = 3000  # Slack's limit on a section's text


def disclosure_text(result: CheckResult) -> str:
    return f"Disclosure check: {VERDICTS[result.verdict.value][1]}"


def disclosure_blocks(result: CheckResult, caption: str, note: str | None = None) -> list:
    """The answer's blocks; `note` (mrkdwn, escaped by the caller) is said in the footer, before how to change the
    rules."""
    icon, title, meaning = VERDICTS[result.verdict.value]
    inferred = " (inferred from the text)" if result.connection_inferred else ""
    blocks: list = [
        HeaderBlock(text=f"Disclosure: {title}"),
        SectionBlock(
            text=MarkdownTextObject(
                text=f"{icon} *{title}*: {meaning}\n"
                f"{result.jurisdiction.value} rules · {result.platform.value} {result.format.value} · "
                f"connection: {result.connection.value}{inferred}"
            )
        ),
    ]
    for finding in result.findings[:MAX_FINDINGS]:
        text = f"{ICONS[finding.severity]} {escape(finding.message)}"
        source = (
            f"<{finding.source_url}|{escape(finding.citation)}>" if finding.source_url else escape(finding.citation)
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=fit(f"{text}\n_Source:_ {source}", MAX_SECTION))))
    if result.verdict.value in ("needs_work", "missing") and result.fixed_caption.strip() != caption.strip():
        blocks += [
            DividerBlock(),
            SectionBlock(text=MarkdownTextObject(text="*Suggested caption* (ready to copy):")),
            # As written (plain text): a caption's own ``` cannot end a code block early, nor its * bold a word.
            SectionBlock(text=plain(result.fixed_caption, MAX_SECTION)),
        ]
    footer = MarkdownTextObject(
        text="Change the rules with words: `/disclosure check tiktok UK gift <caption>`; "
        "workspace default: `/disclosure jurisdiction UK`."
    )
    notes = [MarkdownTextObject(text=fit(note, MAX_SECTION))] if note else []
    blocks.append(ContextBlock(elements=[*notes, footer]))
    return blocks
