"""Block Kit for content review: the draft modal, a version's review card (caption, check, where the review
stands, THEN the buttons), and the decision modals. Every bit of caption, note or name is escaped and cut within
Slack's limits."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.campaigns.deadlines import Phase, deadline_in_effect
from bot.campaigns.post_links import PLATFORM_NAMES
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_text import deadline_day, deadline_zone
from bot.disclosure.golive import switch_words
from bot.review.models import ChangeReason, DraftSource, DraftVersion, ReviewDecision, Step
from bot.review.view import ReviewView
from handlers.blocks.campaigns import MAX_HEADER, MAX_SECTION
from handlers.blocks.text import cut, escape, fit, link, plain
from handlers.ids import (
    CONFIRMED,
    INPUT,
    Callback,
    DraftBlock,
    ReviewAction,
    ReviewBlock,
    edit_metadata,
    version_value,
)

MAX_OPTION = 75  # a select option's text
MAX_OPTIONS = 100  # options in a select
MAX_INPUT = 3000  # a plain_text_input's max_length: longer captions go through the CLI
MAX_FINDINGS = 8  # findings a card lists; the rest are counted
MAX_FINDING = 400
MAX_LINKS_SHOWN = 10
VERDICT_WORDS = {
    "compliant": ":white_check_mark: *Disclosure: compliant*",
    "needs_work": ":warning: *Disclosure: needs work*",
    "missing": ":x: *Disclosure: missing*",
    "not_needed": ":information_source: *Disclosure: not needed*",
}
STEP_WORDS = {Step.brand: "brand", Step.legal: "legal"}
SOURCE_WORDS = {
    DraftSource.slack: "with /campaign draft",
    DraftSource.shortcut: "from a message (Submit as draft)",
    DraftSource.cli: "from the terminal (creatorops draft)",
    DraftSource.link: "from the creator's link",
}


def what(context: DeliverableContext) -> str:
    """ "@mia's reel for Glow Sample", escaped for mrkdwn."""
    noun = context.deliverable.describe().removeprefix("a ")
    return f"@{escape(context.creator.handle)}'s {escape(noun)} for {escape(context.campaign.name)}"


def deliverable_option(context: DeliverableContext) -> Option:
    """Which deliverable, told apart from the creator's others: "#2 @mia · Instagram reel · draft due Dec 5 · Draft
    due · Glow Sample" (its number, the deadline that applies now in the creator's zone), cut to Slack's 75."""
    d = context.deliverable
    platform = PLATFORM_NAMES.get(context.creator.platform, context.creator.platform.value)
    day = deadline_day(d, deadline_zone(d, context.creator, context.campaign))  # "end of Dec 5" is Dec 5
    due = f"{'draft due' if deadline_in_effect(d).phase is Phase.draft else 'due'} {day:%b} {day.day}"
    kind = d.describe().removeprefix("a ").removeprefix("an ")
    label = f"#{d.id} @{context.creator.handle} · {platform} {kind} · {due} · {d.state.label} · {context.campaign.name}"
    return Option(value=str(d.id), text=cut(label, MAX_OPTION))


def draft_modal(
    choices: list[DeliverableContext], *, metadata: str, caption: str = "", links: list[str] | None = None
) -> View:
    """Which deliverable, the caption, the media links; a shortcut's message fills the caption and links."""
    options = [deliverable_option(c) for c in choices[:MAX_OPTIONS]]
    picker = StaticSelectElement(
        action_id=INPUT,
        placeholder="Pick the deliverable",
        options=options,
        initial_option=options[0] if len(options) == 1 else None,
    )
    caption_input = PlainTextInputElement(
        action_id=INPUT,
        multiline=True,
        max_length=MAX_INPUT,
        initial_value=caption[:MAX_INPUT] or None,
        placeholder="The caption as the creator will post it",
    )
    links_input = PlainTextInputElement(
        action_id=INPUT,
        multiline=True,
        max_length=MAX_INPUT,
        initial_value="\n".join(links or [])[:MAX_INPUT] or None,
        placeholder="https://… (one a line: the video, photos or a folder)",
    )
    return View(
        type="modal",
        callback_id=Callback.draft_submit,
        title="Submit a draft",
        submit="Submit",
        close="Cancel",
        private_metadata=metadata,
        blocks=[
            InputBlock(block_id=DraftBlock.deliverable, label="Deliverable", element=picker),
            InputBlock(block_id=DraftBlock.caption, label="Caption", element=caption_input, optional=True),
            InputBlock(block_id=DraftBlock.links, label="Links to the media", element=links_input, optional=True),
        ],
    )


def _decision_line(decision: ReviewDecision, steps: tuple[Step, ...]) -> str:
    step = f" ({STEP_WORDS[decision.step]})" if len(steps) > 1 else ""
    reasons = ", ".join(r.label.lower() for r in decision.reasons)
    why = f": {reasons}" if reasons else ""
    note = f" — “{fit(escape(decision.note), 600)}”" if decision.note else ""
    confirmed = " (confirmed without a disclosure in the caption)" if decision.confirmed_missing_disclosure else ""
    return f"<@{decision.actor}> {decision.decision.label}{step}{why}{note}{confirmed}"


def _caption_blocks(title: str, caption: str) -> list:
    """A caption under its title, shown as written (plain text): a creator's `*`, `_` or ``` are not formatting."""
    if not caption.strip():
        return [SectionBlock(text=MarkdownTextObject(text=f"*{title}*\n_(none)_"))]
    return [SectionBlock(text=MarkdownTextObject(text=f"*{title}*")), SectionBlock(text=plain(caption, MAX_SECTION))]


def _check_blocks(version: DraftVersion) -> list:
    check = version.check
    findings = [f for f in check.findings if f.severity != "info"] or check.findings
    lines = [f"• {fit(escape(f.message), MAX_FINDING)}" for f in findings[:MAX_FINDINGS]]
    if len(findings) > MAX_FINDINGS:
        lines.append(f"…and {len(findings) - MAX_FINDINGS} more.")
    blocks: list = [
        SectionBlock(text=MarkdownTextObject(text=fit("\n".join([VERDICT_WORDS[check.verdict], *lines]), MAX_SECTION)))
    ]
    if check.fixed_caption and check.fixed_caption != version.caption:
        blocks += _caption_blocks("Fixed caption", check.fixed_caption)
    if check.label_to_enable:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"*Switch on:* {switch_words(escape(check.label_to_enable))} when posting."
                )
            )
        )
    return blocks


def _status(view: ReviewView) -> str:
    if view.superseded:
        return f"Superseded: v{view.latest} is the latest, in this thread."
    if view.pending is None:
        return "Decided."
    waiting = ", ".join(f"<@{u}>" for u in view.deciders)
    step = f"{STEP_WORDS[view.pending]} review" if len(view.steps) > 1 else "review"
    return f"Waiting for the {step} by {waiting}."


def _rounds(view: ReviewView) -> str:
    used, limit = view.rounds_used, view.round_limit
    if view.rounds_left == 0:
        return f"Revision rounds: all {limit} used: changes can only be requested after allowing another round."
    return f"Revision rounds: {used} of {limit} used."


def review_buttons(view: ReviewView) -> ActionsBlock:
    """The card's decision buttons: their value names the version, and who may decide is checked at each click."""
    value = version_value(view.version.id)
    approve = ButtonElement(text="Approve", action_id=ReviewAction.approve, value=value, style="primary")
    corrections = ButtonElement(text="Approve with corrections", action_id=ReviewAction.corrections, value=value)
    if view.rounds_left > 0:
        last = ButtonElement(text="Request changes", action_id=ReviewAction.changes, value=value, style="danger")
    else:
        last = ButtonElement(text="Allow another round", action_id=ReviewAction.another_round, value=value)
    return ActionsBlock(block_id=f"review:{view.version.id}", elements=[approve, corrections, last])


def review_card(view: ReviewView) -> tuple[str, list]:
    """(text, blocks) of a version's review card."""
    version, context = view.version, view.context
    title = f"Draft {version.name}: {what(context)}"
    if version.source is DraftSource.link:
        submitted = f"Submitted by @{escape(context.creator.handle)} · *From the creator's link*"
    else:
        submitted = f"Submitted by <@{version.submitted_by}> {SOURCE_WORDS[version.source]}"
    blocks: list = [
        HeaderBlock(text=cut(f"Draft {version.name}: @{context.creator.handle}", MAX_HEADER)),
        ContextBlock(
            elements=[
                MarkdownTextObject(text=fit(f"{what(context)} · {context.creator.platform.value} · {submitted}", 3000))
            ]
        ),
        *_caption_blocks("Caption", version.caption),
    ]
    # Labels are user text too (a link as typed, a shared file's name): escaped, so they cannot ping or end the link.
    media = [link(url, escape(cut(url, 60))) for url in version.links[:MAX_LINKS_SHOWN]]
    names = [escape(cut(f.name or f.id, 60)) for f in version.files]
    media += [link(f.url, name) if f.url else name for f, name in zip(version.files, names, strict=True)]
    if media:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=fit("*Media* " + " · ".join(media), MAX_SECTION))))
    blocks += _check_blocks(version)
    decided = [_decision_line(d, view.steps) for d in version.decisions]
    blocks.append(DividerBlock())
    status = "\n".join([*decided, _status(view), _rounds(view)])
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=fit(status, 3000))]))
    if view.open_for_decision:
        blocks.append(review_buttons(view))
    return title, blocks


def confirm_missing_blocks(version: DraftVersion, message: str) -> list:
    """The second step of approving a version the check found no disclosure in."""
    return [
        SectionBlock(text=MarkdownTextObject(text=f":warning: {escape(message)}")),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text="Approve without a disclosure",
                    action_id=ReviewAction.approve_confirmed,
                    value=version_value(version.id),
                    style="danger",
                    confirm=ConfirmObject(
                        title="Approve without #ad?",
                        text="The decision is recorded as confirmed by you.",
                        confirm="Approve",
                        deny="Cancel",
                    ),
                )
            ]
        ),
    ]


def _modal_intro(view: ReviewView) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=fit(f"{view.version.name} of {what(view.context)}", MAX_SECTION)))


def corrections_modal(view: ReviewView, channel: str | None) -> View:
    blocks: list = [
        _modal_intro(view),
        InputBlock(
            block_id=ReviewBlock.note,
            label="Corrections the creator makes before posting",
            element=PlainTextInputElement(action_id=INPUT, multiline=True, max_length=MAX_INPUT),
        ),
    ]
    if view.version.missing_disclosure:
        blocks.append(
            InputBlock(
                block_id=ReviewBlock.confirm,
                label="No disclosure was found in this caption",
                optional=True,
                element=CheckboxesElement(
                    action_id=INPUT,
                    options=[Option(value=CONFIRMED, text="Approve it anyway (recorded as confirmed)")],
                ),
            )
        )
    return View(
        type="modal",
        callback_id=Callback.review_corrections,
        title="Approve with corrections",
        submit="Approve",
        close="Cancel",
        private_metadata=edit_metadata(version=int(view.version.id), channel=channel),
        blocks=blocks,
    )


def changes_modal(view: ReviewView, channel: str | None) -> View:
    reasons = [Option(value=r.value, text=r.label) for r in ChangeReason]
    return View(
        type="modal",
        callback_id=Callback.review_changes,
        title="Request changes",
        submit="Send back",
        close="Cancel",
        private_metadata=edit_metadata(version=int(view.version.id), channel=channel),
        blocks=[
            _modal_intro(view),
            InputBlock(
                block_id=ReviewBlock.reasons,
                label="Reasons",
                optional=True,
                element=CheckboxesElement(action_id=INPUT, options=reasons),
            ),
            InputBlock(
                block_id=ReviewBlock.note,
                label="What should change",
                optional=True,
                element=PlainTextInputElement(action_id=INPUT, multiline=True, max_length=MAX_INPUT),
            ),
        ],
    )
