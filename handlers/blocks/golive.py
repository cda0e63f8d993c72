"""The go-live disclosure reminder: what must be in the caption and where, the platform's label to switch on,
what to say and show in a video, and a text the creator can paste; posted in the campaign's channel."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ContextBlock, MarkdownTextObject, SectionBlock

from bot.campaigns.deadlines import go_live_at
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_text import deadline_text
from bot.campaigns.states import DeliverableState, ready_to_post
from bot.disclosure.checker import PLATFORM_NAMES
from bot.disclosure.golive import GoLiveInstructions, golive_instructions
from handlers.blocks.campaigns import review_card_pointer
from handlers.blocks.reminders import next_step
from handlers.blocks.text import bold, escape, fit, link

MAX_SECTION = 3000  # Slack's limit on a section's text
MAX_CONTEXT = 2000  # Slack's limit on a context element's text


def instructions_for(context: DeliverableContext) -> GoLiveInstructions:
    deliverable = context.deliverable
    return golive_instructions(context.creator.platform, deliverable.kind, context.campaign.jurisdiction)


def _who(context: DeliverableContext) -> str:
    """The creator, mentioned when they are in Slack (a guest or through Slack Connect)."""
    handle = f"@{escape(context.creator.handle)}"
    user = context.creator.slack_user_id
    return f"<@{user}> ({handle})" if user else handle


def _what(context: DeliverableContext) -> str:
    deliverable = context.deliverable
    kind = "live stream" if deliverable.kind.value == "live" else deliverable.kind.value
    return f"{PLATFORM_NAMES[context.creator.platform]} {kind}"


def golive_headline(context: DeliverableContext, *, on_approval: bool) -> str:
    """Plain text: why this reminder comes now, and what goes live when (and that it is not ready, if so)."""
    when = deadline_text(go_live_at(context.deliverable), context.campaign.timezone)
    if not ready_to_post(context.deliverable.state):
        why = "Going live tomorrow, but no draft is approved yet"
    else:
        why = "Approved: now the disclosure" if on_approval else "Going live tomorrow: the disclosure"
    return f"{why}. @{context.creator.handle}'s {_what(context)} for {context.campaign.name} goes live {when}"


def _not_ready(context: DeliverableContext) -> str:
    """mrkdwn: what stands between the deliverable and its post, and what to do, when its draft is not approved."""
    deliverable, campaign = context.deliverable, context.campaign
    now = f"now: {deliverable.state.label.lower()}"
    move = f"or move the go-live date (*Edit* on its card in `/campaign show {escape(campaign.name)}`)"
    if deliverable.state is DeliverableState.draft_submitted:
        decide = review_card_pointer(context) if context.decided_on_card else "approve it or request changes"
        decide = decide[:1].upper() + decide[1:]
        return f":warning: *Not ready to post:* its draft waits for review ({now}). {decide}, {move}."
    return f":warning: *Not ready to post:* no approved draft yet ({now}). Get it in and approved first, {move}."


def golive_fallback_text(context: DeliverableContext, *, on_approval: bool) -> str:
    """The message's `text` (notifications): escaped, as it carries the campaign's name and the handle."""
    steps = instructions_for(context)
    return escape(f"{golive_headline(context, on_approval=on_approval)}. Start with '{steps.label}'.")


def golive_blocks(context: DeliverableContext, *, on_approval: bool) -> list:
    steps = instructions_for(context)
    ready = ready_to_post(context.deliverable.state)
    lines = [f":mega: {bold(golive_headline(context, on_approval=on_approval))}."]
    if not ready:
        lines.append(_not_ready(context))
        lines.append(f"The disclosure it will need, what {_who(context)} does:")
    else:
        lines[-1] += f" What {_who(context)} does:"
    lines.append(f"• *Caption:* {escape(steps.caption)}")
    if steps.built_in:
        lines.append(f"• *Label:* {escape(steps.built_in)}")
    for step in steps.in_content:
        lines.append(f"• *In the content:* {escape(step)}")
    sources = " · ".join(link(source.url, str(n)) for n, source in enumerate(steps.sources, 1))
    return [
        SectionBlock(text=MarkdownTextObject(text=fit("\n".join(lines), MAX_SECTION))),
        SectionBlock(
            text=MarkdownTextObject(
                text=fit(f"*For the creator, to paste:*\n```{escape(steps.creator_text)}```", MAX_SECTION)
            )
        ),
        *_actions(context),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=fit(
                        f"Rules behind this ({escape(context.campaign.jurisdiction.value)}): {sources} · "
                        f"deliverable #{escape(context.deliverable.id)}",
                        MAX_CONTEXT,
                    )
                )
            ]
        ),
    ]


def _actions(context: DeliverableContext) -> list[ActionsBlock]:
    """Mark posted once the draft is approved; before, the step it waits for (as on its deadline reminder)."""
    buttons = next_step(context)
    return [ActionsBlock(elements=buttons)] if buttons else []
