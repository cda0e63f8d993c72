"""A live post's caption check in words: the line on its card, the answer after *Mark posted*, the alert when the
caption changed, and the confirmation *Verify* asks for when the check is not clear. Captions are user text:
escaped and cut everywhere."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from bot.campaigns.live_check import CheckStatus, LiveCheck
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_text import deadline_text
from handlers.blocks.disclosure import VERDICTS
from handlers.blocks.text import cut, escape, fit, link, plain
from handlers.ids import Action, deliverable_value

CAPTION_SHOWN = 300  # characters of a caption quoted in a message
FINDINGS_SHOWN = 3
MAX_SECTION = 3000
NOT_CHECKED_ICON = ":grey_question:"


def verdict_words(check: LiveCheck) -> str:
    if check.status is CheckStatus.not_checkable or check.verdict is None:
        return "not checkable"
    return VERDICTS[check.verdict.value][1].lower()


def check_line(check: LiveCheck | None, tz: str) -> str:
    """The card's line: the latest check's verdict, when, and from where (mrkdwn)."""
    if check is None:
        return "Live check: not run yet"
    icon = VERDICTS[check.verdict.value][0] if check.verdict else NOT_CHECKED_ICON
    when = deadline_text(check.checked_at, tz)
    why = f" ({escape(cut(check.note, 120))})" if check.status is CheckStatus.not_checkable and check.note else ""
    return f"{icon} Live check: *{verdict_words(check)}*{why} · {when} · from {escape(check.source)}"


def _what(context: DeliverableContext) -> str:
    return f"@{escape(context.creator.handle)}'s {escape(context.deliverable.describe().removeprefix('a '))}"


def _findings(check: LiveCheck) -> str:
    return "".join(f"\n• {escape(cut(finding, 200))}" for finding in check.findings[:FINDINGS_SHOWN])


def _quoted(title: str, caption: str | None, limit: int) -> list:
    """A caption quoted under its title, shown as written: plain text, so its `*`, `_` or ``` format nothing and
    cannot end a code block early."""
    if not caption:
        return []
    return [SectionBlock(text=MarkdownTextObject(text=title)), SectionBlock(text=plain(caption, limit))]


def _fix(check: LiveCheck) -> list:
    return _quoted("A caption that would pass:", check.fixed_caption, 1200)


def check_message(context: DeliverableContext, check: LiveCheck) -> tuple[str, list]:
    """The answer in the channel once a post is marked live (text, blocks)."""
    tz = context.campaign.timezone
    if check.status is CheckStatus.not_checkable:
        text = (
            f"{NOT_CHECKED_ICON} I could not read the caption of {_what(context)}: "
            f"{escape(cut(check.note or '', 300))}. Open the post and check the disclosure yourself; "
            "*Verify* will ask you to confirm you did."
        )
    elif check.clear:
        text = f":white_check_mark: The live caption of {_what(context)} is *{verdict_words(check)}*."
    else:
        text = (
            f":warning: The live caption of {_what(context)} fails the disclosure check: *{verdict_words(check)}*."
            f"{_findings(check)}\nAsk the creator to edit the caption."
        )
    footer = f"Checked {deadline_text(check.checked_at, tz)} from {escape(check.source)}"
    fix = _fix(check) if check.status is not CheckStatus.not_checkable and not check.clear else []
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=fit(text, MAX_SECTION))),
        *fix,
        ContextBlock(elements=[MarkdownTextObject(text=footer)]),
    ]
    said = f"\nA caption that would pass: “{escape(check.fixed_caption or '')}”" if fix else ""
    return fit(text + said, MAX_SECTION), blocks


def alert_message(
    context: DeliverableContext, check: LiveCheck, what_changed: str, first: LiveCheck | None
) -> tuple[str, list]:
    """The channel told once that a live caption changed: what changed, the caption now, what to do."""
    post = link(context.deliverable.post_url, "the post") if context.deliverable.post_url else "the post"
    lines = [f":rotating_light: The live caption of {_what(context)} changed: {escape(what_changed)}."]
    lines.append(_findings(check).strip())
    if check.failing:
        todo = f"Ask @{escape(context.creator.handle)} to put the disclosure back at the start of {post}."
    else:
        todo = f"Open {post} and check the new caption against what was approved."
    lines.append(f"*What to do:* {todo}")
    shown = fit("\n".join(line for line in lines if line), MAX_SECTION)
    # The notification's text quotes the captions too (escaped); the blocks show them as written, apart.
    said = [f"Now ({verdict_words(check)}): “{escape(cut(check.caption or '', CAPTION_SHOWN))}”"]
    if first is not None and first.caption:
        said.append(f"When it went live: “{escape(cut(first.caption, CAPTION_SHOWN))}”")
    text = fit("\n".join([lines[0], *said, *(line for line in lines[1:] if line)]), MAX_SECTION)
    quoted = _quoted(f"Now ({verdict_words(check)}):", cut(check.caption or "", CAPTION_SHOWN), MAX_SECTION)
    if first is not None and first.caption:
        quoted += _quoted("When it went live:", cut(first.caption, CAPTION_SHOWN), MAX_SECTION)
    footer = f"Checked {deadline_text(check.checked_at, context.campaign.timezone)} from {escape(check.source)}"
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=shown)),
        *quoted,
        *(_fix(check) if check.failing else []),
        ContextBlock(elements=[MarkdownTextObject(text=footer)]),
    ]
    return text, blocks


def verify_confirmation(context: DeliverableContext, check: LiveCheck | None, now: datetime) -> tuple[str, list]:
    """*Verify* on a post whose latest check is not clear: say why, and ask a person to confirm they looked."""
    tz = context.campaign.timezone
    if check is None:
        why = "its caption has not been checked"
    elif check.status is CheckStatus.not_checkable:
        why = f"its caption could not be checked ({escape(cut(check.note or '', 200))})"
    else:
        why = f"its live caption fails the disclosure check (*{verdict_words(check)}*){_findings(check)}"
    text = (
        f"I did not verify {_what(context)}: {why}.\n"
        "Open the post, check the disclosure yourself, then confirm: your name and the time are recorded."
    )
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=fit(text, MAX_SECTION))),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text="I looked: verify it",
                    action_id=Action.verify_confirmed,
                    value=deliverable_value(context.deliverable.id),
                    style="primary",
                )
            ]
        ),
        ContextBlock(elements=[MarkdownTextObject(text=f"Asked {deadline_text(now, tz)}")]),
    ]
    return fit(text, MAX_SECTION), blocks
