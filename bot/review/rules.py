"""Who decides on a draft, at which step, on which version, and how many revision rounds are left."""

from __future__ import annotations

from bot.campaigns.errors import CampaignError, NotAllowed
from bot.campaigns.models import Campaign
from bot.campaigns.states import DeliverableState
from bot.campaigns.workflow import approvers
from bot.review.models import Decision, DraftVersion, Step

# A new version may come in while the creator is expected to be making one, and before it (a creator who sends a
# draft has accepted); once approved, the content is settled.
SUBMITTABLE = frozenset(
    {
        DeliverableState.invited,
        DeliverableState.accepted,
        DeliverableState.draft_due,
        DeliverableState.changes_requested,
        DeliverableState.draft_submitted,
    }
)
# The steps a draft submitted from each state walks through to reach draft_submitted, each one audited.
PATH_TO_SUBMITTED: dict[DeliverableState, tuple[DeliverableState, ...]] = {
    DeliverableState.invited: (DeliverableState.accepted, DeliverableState.draft_due, DeliverableState.draft_submitted),
    DeliverableState.accepted: (DeliverableState.draft_due, DeliverableState.draft_submitted),
    DeliverableState.draft_due: (DeliverableState.draft_submitted,),
    DeliverableState.changes_requested: (DeliverableState.draft_submitted,),
    DeliverableState.draft_submitted: (),  # a newer version replaces the one under review
}


class OldVersion(CampaignError):
    """A decision on a version that is not the latest: the message points to the latest."""

    def __init__(self, message: str, *, latest: DraftVersion) -> None:
        super().__init__(message)
        self.latest = latest


class NeedsConfirmation(CampaignError):
    """Approving a version whose check found no disclosure: it takes a second, explicit yes."""


class RevisionLimit(CampaignError):
    """Every revision round in the terms is used: the approvers may allow another one first."""


def steps(campaign: Campaign) -> tuple[Step, ...]:
    """Brand alone, or brand then legal when the campaign names legal approvers."""
    return (Step.brand, Step.legal) if campaign.legal_approver_user_ids else (Step.brand,)


def deciders(campaign: Campaign, step: Step) -> tuple[str, ...]:
    return campaign.legal_approver_user_ids if step is Step.legal else approvers(campaign)


def all_deciders(campaign: Campaign) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*approvers(campaign), *campaign.legal_approver_user_ids)))


def pending_step(campaign: Campaign, version: DraftVersion) -> Step | None:
    """The step whose decision this version waits for; None once it is decided (approved or sent back)."""
    for step in steps(campaign):
        decided = version.decision_at(step)
        if decided is None:
            return step
        if not decided.decision.approves:
            return None
    return None


def check_latest(version: DraftVersion, latest: DraftVersion) -> None:
    if version.version != latest.version:
        raise OldVersion(
            f"This is {version.name}, and {latest.name} is the latest: decide on {latest.name}'s card "
            "in the same thread.",
            latest=latest,
        )


def authorize_decision(campaign: Campaign, version: DraftVersion, user_id: str) -> Step:
    """The step `user_id` decides at on this version; NotAllowed or CampaignError saying why not."""
    step = pending_step(campaign, version)
    if step is None:
        raise CampaignError(f"{version.name} was {version.decisions[-1].decision.label} already.")
    allowed = deciders(campaign, step)
    if user_id not in allowed:
        if step is Step.legal:
            message = f"The brand approved {version.name}; the legal review is next, and only legal approvers give it."
        else:
            message = "Only this campaign's approvers can decide on drafts."
        raise NotAllowed(message, allowed_user_ids=allowed)
    return step


def check_missing_confirmed(version: DraftVersion, decision: Decision, confirmed: bool) -> None:
    if decision.approves and version.missing_disclosure and not confirmed:
        raise NeedsConfirmation(
            f"The check found no disclosure in {version.name}. Approve it anyway only if the disclosure is "
            "somewhere the check cannot see (on screen, spoken) or the post needs none: confirm to record that."
        )


def round_limit(max_revision_rounds: int, extra_rounds: int) -> int:
    return max_revision_rounds + extra_rounds


def rounds_left(rounds_used: int, limit: int) -> int:
    return max(0, limit - rounds_used)


def check_round_left(rounds_used: int, limit: int) -> None:
    if rounds_used >= limit:
        plural = "s" if limit != 1 else ""
        raise RevisionLimit(
            f"All {limit} revision round{plural} are used. Approve the draft as it is, or allow another round "
            "(an approver's call, often a paid extra) and then request changes."
        )
