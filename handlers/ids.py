"""Every Slack id the app emits or listens for, and how values are packed into them: defined once, here.

Action ids, callback ids, block ids, button values and private metadata are the wire contract with Slack:
messages already posted carry them, and manifest.yml names the shortcut's callback id. So the values below
never change; block builders, listener registration and listeners all take them from this module, and every
id that carries data (a deliverable id in a block id, a target state in an action id) is encoded and decoded
by one pair of functions here.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from typing import Any

from bot.campaigns.states import DeliverableState
from bot.vetting.history import Decision


# --- actions (block_actions) -------------------------------------------------------------------------------
class Action(StrEnum):
    """Action ids of the buttons and pickers in messages."""

    mark_posted = "deliverable_mark_posted"
    extend = "deliverable_extend"
    snooze = "deliverable_snooze"
    add_results = "deliverable_add_results"  # on a live deliverable's card: numbers the creator reported
    undo_drop = "deliverable_undo_drop"  # on the "dropped" message: put it back, for a day
    verify_confirmed = "deliverable_verify_confirmed"  # a person looked at a live post whose check was not clear
    edit_deliverable = "deliverable_edit"  # on an open deliverable's card: its kind, dates or count
    creator_link = "deliverable_creator_link"  # on the board: the creator's private link, said ephemerally


class ReviewAction(StrEnum):
    """Action ids of a draft's review card buttons; their value is the draft version decided on."""

    approve = "review_approve"
    approve_confirmed = "review_approve_confirmed"  # approving a version the check found no disclosure in
    corrections = "review_corrections"
    changes = "review_changes"
    another_round = "review_another_round"


MOVE_PREFIX = "deliverable_move_"  # + the target state: one button per allowed move on a deliverable card
VET_DECISION_PREFIX = "vet_decision_"  # + the decision: Approve / Shortlist / Reject / Needs a human
MOVE_ACTIONS = re.compile(rf"^{MOVE_PREFIX}")
# Add results on a card, or the n-th of several in one actions block (Slack wants a block's action ids unique).
ADD_RESULTS_ACTIONS = re.compile(rf"^{Action.add_results.value}(_\d{{1,2}})?$")
VET_DECISION_ACTIONS = re.compile(rf"^{VET_DECISION_PREFIX}")

INPUT = "value"  # the action id of every modal input element: a modal's state is read by block id only


def add_results_action(n: int) -> str:
    return f"{Action.add_results.value}_{n}"


def move_action(target: DeliverableState | str) -> str:
    return f"{MOVE_PREFIX}{DeliverableState(target).value}"


def parse_move_action(action_id: str) -> DeliverableState | None:
    """The target state of a move button; None for anything else (an unknown state included)."""
    if not action_id.startswith(MOVE_PREFIX):
        return None
    try:
        return DeliverableState(action_id.removeprefix(MOVE_PREFIX))
    except ValueError:
        return None


def vet_decision_action(decision: Decision | str) -> str:
    return f"{VET_DECISION_PREFIX}{Decision(decision).value}"


def parse_vet_decision_action(action_id: str) -> Decision | None:
    if not action_id.startswith(VET_DECISION_PREFIX):
        return None
    try:
        return Decision(action_id.removeprefix(VET_DECISION_PREFIX))
    except ValueError:
        return None


class Suggest(StrEnum):
    """Action ids of select menus whose options the app loads as the user types (block_suggestion)."""

    campaign = "campaign_suggest"  # the add-creator modal's campaign menu


# --- views (modals) and shortcuts --------------------------------------------------------------------------
class Callback(StrEnum):
    """Callback ids of the modals whose submissions the app handles."""

    campaign_new = "campaign_new"
    campaign_add = "campaign_add"
    deliverable_posted = "deliverable_posted"
    campaign_edit = "campaign_edit"
    creator_terms = "creator_terms"
    deliverable_results = "deliverable_results"
    deliverable_edit = "deliverable_edit"
    draft_submit = "draft_submit"
    review_corrections = "review_corrections"
    review_changes = "review_changes"


class Shortcut(StrEnum):
    """Callback ids of shortcuts; manifest.yml declares the same ones."""

    check_disclosure = "check_disclosure"
    submit_draft = "submit_draft"


class NewCampaignBlock(StrEnum):
    """Input blocks of the new-campaign modal, in form order."""

    name = "name"
    channel = "channel"
    start = "start"
    end = "end"
    budget = "budget"
    currency = "currency"
    timezone = "timezone"
    jurisdiction = "jurisdiction"
    approvers = "approvers"
    reminders = "reminders"
    escalation = "escalation"


class EditCampaignBlock(StrEnum):
    """Input blocks of the edit-campaign modal, in form order (shared ones spelt as in NewCampaignBlock)."""

    budget = "budget"
    currency = "currency"  # only while no amount is booked in the campaign's currency
    start = "start"
    end = "end"
    attribution = "attribution"
    approvers = "approvers"
    reminders = "reminders"
    escalation = "escalation"
    digest = "digest"
    review_sla = "review_sla"
    emv = "emv"  # off, or the one EMV method the report shows
    required_tags = "required_tags"  # tags and handles every draft's caption must carry
    legal_approvers = "legal_approvers"  # a legal review step after the brand's approval


class CreatorTermsBlock(StrEnum):
    """Input blocks of the creator-terms modal, in form order."""

    fee = "fee"
    gift = "gift"
    extras = "extras"
    code = "code"
    link = "link"
    usage = "usage"
    terms = "terms"
    rounds = "rounds"


class ResultsBlock(StrEnum):
    """Input blocks of the add-results modal: a post's numbers (each optional), then the screenshot link."""

    views = "views"
    likes = "likes"
    comments = "comments"
    shares = "shares"
    saves = "saves"
    reach = "reach"
    impressions = "impressions"
    link_clicks = "link_clicks"
    proof = "proof"


class AddCreatorBlock(StrEnum):
    """Input blocks of the add-creator modal, in form order."""

    campaign = "campaign"
    handle = "handle"
    platform = "platform"
    kind = "kind"
    how_many = "count"  # (not `count`: that is a str method)
    due = "due"  # the go-live date
    fee = "fee"
    terms = "terms"
    usage = "usage"
    rounds = "rounds"
    draft_due = "draft_due"
    timezone = "timezone"  # the creator's own zone
    confirm = "confirm"  # "Save anyway": ticked after the form showed what is worth a second look


class MarkPostedBlock(StrEnum):
    """Input blocks of the mark-posted modal."""

    url = "url"


class DraftBlock(StrEnum):
    """Input blocks of the draft modal."""

    deliverable = "deliverable"
    caption = "caption"
    links = "links"


class ReviewBlock(StrEnum):
    """Input blocks of the decision modals: the corrections, or the reasons and what to change."""

    reasons = "reasons"
    note = "note"
    confirm = "confirm"  # approving with corrections a version the check found no disclosure in


CONFIRMED = "confirmed"  # the option value of ReviewBlock.confirm's checkbox


EXCLUSIVITY = "exclusivity"  # the option value of the "Category exclusivity" checkbox (AddCreatorBlock.terms too)


class EditDeliverableBlock(StrEnum):
    """Input blocks of the edit-deliverable modal, in form order."""

    kind = "kind"
    how_many = "count"  # (not `count`: that is a str method)
    due = "due"
    draft_due = "draft_due"
    confirm = "confirm"


SAVE_ANYWAY = "save_anyway"  # the option value of the add-creator form's "Save anyway" checkbox


# --- block ids in messages ---------------------------------------------------------------------------------
MAX_ID_DIGITS = 18  # a database id fits a signed 64-bit integer
StoredId = int | str  # a database id: an int, or its decimal string as the domain objects carry it
REMINDER_BLOCK_PREFIX = "reminder:"  # the actions block of a reminder message, + the deliverable id
DELIVERABLE_BLOCK_PREFIX = "deliverable:"  # the actions block of a deliverable on a campaign board
VET_DECISION_BLOCK_PREFIX = "vet_decision:"  # the decision buttons of a /vet card, + the vet run id


def _leading_id(text: str) -> int | None:
    """The number before the first ':' (or the whole text), if it is one."""
    head = str(text or "").split(":", 1)[0]
    return int(head) if head.isdigit() else None


def reminder_block(deliverable_id: StoredId) -> str:
    return f"{REMINDER_BLOCK_PREFIX}{deliverable_id}"


def deliverable_from_block(block_id: str) -> int | None:
    """The deliverable of a reminder's actions block (the Extend picker carries no value of its own)."""
    if not block_id.startswith(REMINDER_BLOCK_PREFIX):
        return None
    return _leading_id(block_id.removeprefix(REMINDER_BLOCK_PREFIX))


def deliverable_block(deliverable_id: StoredId) -> str:
    return f"{DELIVERABLE_BLOCK_PREFIX}{deliverable_id}"


def vet_decision_block(run_id: StoredId) -> str:
    return f"{VET_DECISION_BLOCK_PREFIX}{run_id}"


REMINDER_EVENT = "deliverable_reminder"  # the event_type in a reminder message's metadata (found when reconciling)


# --- button values -----------------------------------------------------------------------------------------
def deliverable_value(deliverable_id: StoredId) -> str:
    """The value of Mark posted and Snooze on a reminder."""
    return str(deliverable_id)


def move_value(deliverable_id: StoredId, target: DeliverableState) -> str:
    """The value of a move button: the deliverable, and (for the log and the eye) the target state."""
    return f"{deliverable_id}:{DeliverableState(target).value}"


def parse_deliverable_value(value: str) -> int | None:
    """The deliverable id in a deliverable_value or a move_value; None when the value is not one."""
    return _leading_id(value)


def vet_run_value(run_id: int) -> str:
    return str(run_id)


def parse_vet_run_value(value: str) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() else None


# --- private metadata of modals ----------------------------------------------------------------------------
def _metadata(text: str | None) -> dict[str, Any]:
    try:
        loaded = json.loads(text or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def new_campaign_metadata(channel_id: str) -> str:
    """The channel the modal was opened from: where the outcome is told if the picker was left empty."""
    return json.dumps({"channel": channel_id})


def parse_new_campaign_metadata(text: str | None) -> str | None:
    channel = _metadata(text).get("channel")
    return str(channel) if channel else None


def mark_posted_metadata(
    deliverable_id: int, platform: str | None = None, channel: str | None = None, handle: str | None = None
) -> str:
    """The deliverable being marked posted, its platform and creator (so the link is checked before the form
    closes) and the channel the button was clicked in (who may mark it posted depends on it)."""
    extra = {key: value for key, value in (("platform", platform), ("channel", channel), ("handle", handle)) if value}
    return json.dumps({"deliverable": deliverable_id, **extra})


def parse_mark_posted_metadata(text: str | None) -> int:
    """The deliverable being marked posted; 0 (no such deliverable) when the metadata does not say."""
    found = _metadata(text).get("deliverable", 0)
    return int(found) if str(found).isdigit() else 0


def parse_mark_posted_channel(text: str | None) -> str | None:
    """The channel the *Mark posted* button was clicked in, when the modal says."""
    return parse_metadata_channel(text)


def parse_mark_posted_handle(text: str | None) -> str | None:
    """The creator whose post is being marked posted, when the modal says (older modals do not)."""
    found = _metadata(text).get("handle")
    return str(found) if found else None


def parse_mark_posted_platform(text: str | None) -> str | None:
    """The platform of the deliverable being marked posted, when the modal says (older modals do not)."""
    found = _metadata(text).get("platform")
    return str(found) if found else None


def edit_metadata(**ids: int | str | None) -> str:
    """What an edit or results modal is about (campaign, creator or deliverable ids) and the channel it was
    opened from; only ids ride here, never the values the form shows."""
    return json.dumps({key: value for key, value in ids.items() if value is not None})


def parse_metadata_id(text: str | None, key: str) -> int:
    """The id under `key` in a modal's metadata; 0 (matches nothing) when it is missing or not a number."""
    found = str(_metadata(text).get(key, ""))
    return int(found) if found.isdigit() and len(found) <= MAX_ID_DIGITS else 0


def parse_metadata_channel(text: str | None) -> str | None:
    """The channel a modal was opened from (a click's channel decides who may act), when its metadata says."""
    found = _metadata(text).get("channel")
    return str(found) if found else None


MAX_METADATA = 3000  # Slack's limit on a modal's private_metadata


def draft_metadata(*, channel: str | None, via: str, files: list[dict[str, str]] | None = None) -> str:
    """The channel the draft modal was opened from, the way in (command or shortcut) and the files of the message
    it was opened on (id, name and link each: what the submission keeps of them), within Slack's limit."""
    kept: list[dict[str, str]] = []
    for found in files or []:
        candidate = json.dumps({"channel": channel, "via": via, "files": [*kept, found]})
        if len(candidate) > MAX_METADATA:
            break
        kept.append(found)
    return json.dumps({"channel": channel, "via": via, "files": kept})


def parse_draft_via(text: str | None) -> str | None:
    via = _metadata(text).get("via")
    return str(via) if via else None


def parse_draft_files(text: str | None) -> list[dict[str, str]]:
    files = _metadata(text).get("files")
    return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []


def version_value(version_id: StoredId) -> str:
    """The value of a review card's buttons: the draft version decided on."""
    return str(version_id)


def parse_version_value(value: str) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= MAX_ID_DIGITS else None
