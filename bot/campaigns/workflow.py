"""Moving a deliverable through its states: who may, the revision-round cap, and the audit record."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, field_validator

from bot.campaigns.errors import NotAllowed, RevisionLimitReached
from bot.campaigns.models import Campaign, Deliverable
from bot.campaigns.states import Action, DeliverableState, Role, next_actions, required_role, transition
from bot.vocabulary import as_utc


class Transition(BaseModel):
    """One state change, for the audit trail."""

    model_config = ConfigDict(frozen=True)

    deliverable_id: str
    from_state: DeliverableState
    to_state: DeliverableState
    actor_user_id: str
    at: datetime
    revision_round: int | None = None  # set when changes were requested: 1 for the first round

    @field_validator("at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)


def approvers(campaign: Campaign) -> tuple[str, ...]:
    """The campaign's designated approvers, or its owner when none are designated."""
    return campaign.approver_user_ids or (campaign.owner_user_id,)


def managers(campaign: Campaign) -> tuple[str, ...]:
    """The owner and the approvers: they may make every move but the approvers' own."""
    return tuple(dict.fromkeys((campaign.owner_user_id, *approvers(campaign))))


def authorize(campaign: Campaign, user_id: str, target: DeliverableState, *, in_channel: bool = False) -> None:
    """Raise NotAllowed if `user_id` may not move a deliverable to `target`.

    Approving and requesting changes is for approvers; dropping, verifying, paying and completing for the owner
    and approvers; the day-to-day moves for them and anyone acting from the campaign's channel (`in_channel`:
    the caller knows where the click came from; channel membership is Slack's to know, not this module's)."""
    role = required_role(target)
    if role is Role.approver:
        allowed = approvers(campaign)
        if user_id not in allowed:
            verb = "approve drafts" if target is DeliverableState.approved else "request changes"
            message = f"Only this campaign's approvers can {verb}. Ask one of them, or ask the owner to add you."
            raise NotAllowed(message, allowed_user_ids=allowed)
    elif role is Role.manager:
        allowed = managers(campaign)
        if user_id not in allowed:
            raise NotAllowed(
                f"Only the campaign's owner and approvers can mark a deliverable {target.label.lower()}.",
                allowed_user_ids=allowed,
            )
    else:
        check_member(campaign, user_id, in_channel=in_channel, doing="move this deliverable along")


def check_member(campaign: Campaign, user_id: str, *, in_channel: bool, doing: str) -> None:
    """Day-to-day work (moves, deadlines, snoozes, links) is for the campaign's channel and its managers."""
    allowed = managers(campaign)
    if not in_channel and user_id not in allowed:
        raise NotAllowed(
            f"To {doing}, work from the campaign's channel <#{campaign.channel_id}> (or ask its owner or an approver).",
            allowed_user_ids=allowed,
        )


def check_manager(campaign: Campaign, user_id: str, *, doing: str) -> None:
    """Changing the campaign itself (its budget, dates, schedule, a creator's terms) is for its managers only."""
    allowed = managers(campaign)
    if user_id not in allowed:
        raise NotAllowed(f"Only the campaign's owner and approvers can {doing}.", allowed_user_ids=allowed)


def revisions_left(deliverable: Deliverable, max_revision_rounds: int) -> int:
    return max(0, max_revision_rounds - deliverable.revision_rounds)


def card_actions(deliverable: Deliverable, max_revision_rounds: int) -> tuple[Action, ...]:
    """The buttons for this deliverable's card, with "Request changes" gone once the rounds are used up."""
    return next_actions(deliverable.state, revisions_left=revisions_left(deliverable, max_revision_rounds))


def apply_transition(
    deliverable: Deliverable,
    target: DeliverableState,
    *,
    actor_user_id: str,
    at: datetime,
    max_revision_rounds: int,
    campaign: Campaign | None = None,
    in_channel: bool = False,
) -> tuple[Deliverable, Transition]:
    """Validate and apply one move; return the updated deliverable and its audit record.

    Requesting changes starts a new revision round. The creator's terms allow `max_revision_rounds` of them,
    so the request after the last allowed round raises RevisionLimitReached: the brand approves the draft as
    it is, drops the deliverable, or first raises the limit in the creator's terms (usually a paid extra).
    With `campaign`, the actor's permission is checked too (see authorize; `in_channel`: acting from the
    campaign's channel).
    """
    target = DeliverableState(target)
    transition(deliverable.state, target)
    if campaign is not None:
        authorize(campaign, actor_user_id, target, in_channel=in_channel)
    update: dict[str, object] = {"state": target}
    revision_round = None
    if target is DeliverableState.changes_requested:
        if deliverable.revision_rounds >= max_revision_rounds:
            raise RevisionLimitReached(
                _revision_limit_message(deliverable.revision_rounds, max_revision_rounds),
                rounds_used=deliverable.revision_rounds,
                max_rounds=max_revision_rounds,
            )
        revision_round = deliverable.revision_rounds + 1
        update["revision_rounds"] = revision_round
    if target is DeliverableState.live and deliverable.posted_at is None:
        update["posted_at"] = as_utc(at)
    record = Transition(
        deliverable_id=deliverable.id,
        from_state=deliverable.state,
        to_state=target,
        actor_user_id=actor_user_id,
        at=at,
        revision_round=revision_round,
    )
    return deliverable.model_copy(update=update), record


def _revision_limit_message(used: int, limit: int) -> str:
    if limit == 0:
        allowance = "The creator's terms include no revision rounds"
    else:
        allowance = f"All {limit} revision round{'s' if limit != 1 else ''} in the creator's terms are used"
    return (
        f"{allowance} ({used} requested so far), so changes can't be requested again. "
        "Approve the draft as it is, drop the deliverable, or agree an extra round with the creator and "
        "raise max revision rounds in their terms first."
    )
