"""Modal submissions of content review: a draft version, corrections on approval, changes requested.

Each is read and checked without I/O first (mistakes come back as field errors in the modal); the service call
and the review card's post happen after the ack."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.campaigns.errors import CampaignError
from bot.review.models import MAX_LINKS, ChangeReason, Decision, DraftFile, DraftSource
from bot.services import drafts, services_of
from bot.services.drafts import DecisionInput, DraftSubmission
from handlers.blocks.text import error_text
from handlers.context import team_of
from handlers.ids import (
    CONFIRMED,
    MAX_ID_DIGITS,
    DraftBlock,
    ReviewBlock,
    parse_draft_files,
    parse_draft_via,
    parse_metadata_channel,
    parse_metadata_id,
)
from handlers.modal_state import value
from handlers.review_posting import announce, post_card, refusal, update_card

MAX_LINK_LINES = 50  # lines of the links box read at all; more than MAX_LINKS links is refused in words


def _links(text: Any) -> tuple[str, ...]:
    words = [w for line in str(text or "").splitlines()[:MAX_LINK_LINES] for w in line.split()]
    return tuple(words)


def _files(metadata: str | None) -> tuple[DraftFile, ...]:
    kept = []
    for found in parse_draft_files(metadata):
        try:
            kept.append(DraftFile.model_validate(found))
        except ValueError:
            continue  # a file the metadata cannot describe within bounds is left out, not guessed
    return tuple(kept)


def handle_draft_submit(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    picked = str(value(view, DraftBlock.deliverable) or "")
    caption = str(value(view, DraftBlock.caption) or "")
    links = _links(value(view, DraftBlock.links))
    metadata = view.get("private_metadata")
    files = _files(metadata)
    errors = {}
    if not (picked.isdigit() and len(picked) <= MAX_ID_DIGITS):
        errors[DraftBlock.deliverable] = "Pick the deliverable this draft is for."
    if not caption.strip() and not links and not files:
        errors[DraftBlock.caption] = "Paste the caption (or give a link to the media below)."
    if len(links) > MAX_LINKS or any(not re.match(r"https://\S", link) for link in links):
        errors[DraftBlock.links] = f"Up to {MAX_LINKS} links, each one https:// address on its own line."
    if errors:
        ack(response_action="errors", errors={str(k): v for k, v in errors.items()})
        return
    ack()
    services = services_of(context)
    user, team_id = body["user"]["id"], team_of(context)
    source = DraftSource.shortcut if parse_draft_via(metadata) == "shortcut" else DraftSource.slack
    try:
        submitted = drafts.submit_draft(
            services.uow(),
            team_id,
            DraftSubmission(int(picked), caption, source, links=links, files=files),
            actor=user,
            now=services.clock(),
            where=parse_metadata_channel(metadata),
        )
    except CampaignError as error:
        client.chat_postMessage(channel=user, text=f"The draft was not submitted: {error_text(error)}")
        return
    post_card(services, client, team_id, submitted)


def _decision_from(view: dict[str, Any], decision: Decision) -> tuple[int, DecisionInput, str | None]:
    metadata = view.get("private_metadata")
    reasons = tuple(ChangeReason(r) for r in value(view, ReviewBlock.reasons) or () if r in ChangeReason.__members__)
    confirmed = CONFIRMED in (value(view, ReviewBlock.confirm) or ())
    note = str(value(view, ReviewBlock.note) or "")
    wanted = DecisionInput(decision, reasons=reasons, note=note, confirmed_missing_disclosure=confirmed)
    return parse_metadata_id(metadata, "version"), wanted, parse_metadata_channel(metadata)


def _decide_from_modal(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext, decision: Decision
) -> None:
    version_id, wanted, channel = _decision_from(view, decision)
    if decision is Decision.approved_with_corrections and not (wanted.note or "").strip():
        ack(response_action="errors", errors={ReviewBlock.note.value: "Write the corrections to make."})
        return
    if decision is Decision.changes_requested and not wanted.reasons and not (wanted.note or "").strip():
        ack(response_action="errors", errors={ReviewBlock.reasons.value: "Pick a reason, or say what should change."})
        return
    if ReviewBlock.confirm.value in view.get("state", {}).get("values", {}) and not wanted.confirmed_missing_disclosure:
        ack(
            response_action="errors",
            errors={
                ReviewBlock.confirm.value: "Tick this to approve a caption without a disclosure, or request changes."
            },
        )
        return
    ack()
    services = services_of(context)
    user, team_id = body["user"]["id"], team_of(context)
    try:
        decided = drafts.decide(services.uow(), team_id, version_id, wanted, actor=user, now=services.clock())
    except CampaignError as error:
        client.chat_postEphemeral(channel=channel or user, user=user, text=refusal(client, error))
        return
    update_card(client, decided.view)
    announce(client, decided)


def handle_review_corrections(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    _decide_from_modal(ack, body, view, client, context, Decision.approved_with_corrections)


def handle_review_changes(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    _decide_from_modal(ack, body, view, client, context, Decision.changes_requested)
