"""Posting review cards: each version's card goes into its deliverable's review thread in the campaign's channel
(the first card starts the thread), is updated in place after a decision, and a decision is said in the thread."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.errors import CampaignError
from bot.review.models import Decision
from bot.review.rules import OldVersion
from bot.review.view import ReviewView
from bot.services import Services, drafts
from bot.services.drafts import Decided, SubmittedDraft
from handlers.blocks.campaign_edit import refusal_text
from handlers.blocks.review import review_card, what
from handlers.blocks.text import escape, fit


def post_card(services: Services, client: WebClient, team_id: str, submitted: SubmittedDraft) -> None:
    """The new version's card in the thread (or starting it), and where it went remembered for the next one."""
    text, blocks = review_card(submitted.view)
    answer = client.chat_postMessage(
        channel=submitted.thread_channel, text=text, blocks=blocks, thread_ts=submitted.thread_ts
    )
    drafts.record_card(
        services.uow(),
        team_id,
        int(submitted.view.version.id),
        channel=str(answer["channel"]),
        ts=str(answer["ts"]),
        thread_ts=submitted.thread_ts,
    )
    if submitted.superseded is not None:
        update_card(client, submitted.superseded)  # its buttons go: decisions are taken on the latest version


def update_card(client: WebClient, view: ReviewView) -> None:
    """The card as it reads now (the decision on it, no buttons once decided); a card that was never posted or
    was deleted is left alone: the decision is said in the thread anyway."""
    version = view.version
    if not (version.card_channel and version.card_ts):
        return
    text, blocks = review_card(view)
    try:
        client.chat_update(channel=version.card_channel, ts=version.card_ts, text=text, blocks=blocks)
    except SlackApiError as error:
        if error.response.get("error") not in ("message_not_found", "cant_update_message"):
            raise


def announce(client: WebClient, decided: Decided) -> None:
    """The decision in the thread, in words the creator's manager can forward."""
    view, decision = decided.view, decided.decision
    version = view.version
    if not version.card_channel:
        return
    said = f"<@{decision.actor}> {decision.decision.done_to(f'{version.name} of {what(view.context)}')}"
    if decision.decision is Decision.changes_requested:
        reasons = ", ".join(r.label.lower() for r in decision.reasons)
        said += f" ({reasons})" if reasons else ""
    if decision.confirmed_missing_disclosure:
        said += ", confirmed without a disclosure in the caption (the check found none)"
    if decision.note:
        said += f":\n>{fit(escape(decision.note), 2500).replace(chr(10), chr(10) + '>')}"
    if decided.moved_to is None and view.pending is not None:
        said += f"\nNext: the {view.pending.value} review by " + ", ".join(f"<@{u}>" for u in view.deciders) + "."
    # A reply goes under the thread's parent (the first card), never under another reply.
    client.chat_postMessage(channel=version.card_channel, thread_ts=view.thread_ts or version.card_ts, text=said)


def refusal(client: WebClient, error: CampaignError) -> str:
    """A refusal in words; a decision on an old version links the latest version's card (chat.getPermalink), so
    the reviewer lands on it in one click. Without a link (no card, or Slack refuses) the words still say where."""
    text = refusal_text(error)
    latest = error.latest if isinstance(error, OldVersion) else None
    if latest is None or not (latest.card_channel and latest.card_ts):
        return text
    try:
        link = str(client.chat_getPermalink(channel=latest.card_channel, message_ts=latest.card_ts)["permalink"])
    except SlackApiError:
        return text
    return f"{text} <{link}|Open {latest.name}'s card>"
