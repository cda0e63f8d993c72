"""The deliverable state machine: states, the moves between them, who each state waits on, card buttons.

invited → accepted → draft_due → draft_submitted ⇄ changes_requested → approved → scheduled → live
→ verified → paid → complete, and dropped from any state that is not finished. One table (ACTIONS) is the
single source of the allowed moves and of the buttons a card shows for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.campaigns.errors import InvalidTransition


class DeliverableState(StrEnum):
    invited = "invited"
    accepted = "accepted"
    draft_due = "draft_due"
    draft_submitted = "draft_submitted"
    changes_requested = "changes_requested"
    approved = "approved"
    scheduled = "scheduled"
    live = "live"
    verified = "verified"
    paid = "paid"
    complete = "complete"
    dropped = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class WaitingOn(StrEnum):
    creator = "creator"
    brand = "brand"
    nobody = "nobody"


class Role(StrEnum):
    """Who may make a move (workflow.authorize decides who holds which role)."""

    approver = "approver"  # the campaign's approvers (see workflow.approvers): content decisions
    manager = "manager"  # the owner and the approvers: moves that close a deliverable or pay for it
    member = "member"  # anyone working in the campaign's channel, and the managers


@dataclass(frozen=True)
class Action:
    """A button on a deliverable card: its label and the state a click moves to."""

    label: str
    target: DeliverableState
    style: str | None = None  # Block Kit button style: "primary", "danger" or None

    @property
    def role(self) -> Role:
        return required_role(self.target)


S = DeliverableState
FINISHED: frozenset[DeliverableState] = frozenset({S.complete, S.dropped})
DROP = Action("Drop", S.dropped, "danger")

# Forward moves from each state, in the order the buttons show; DROP is added to every state not finished.
ACTIONS: dict[DeliverableState, tuple[Action, ...]] = {
    S.invited: (Action("Accepted", S.accepted, "primary"),),
    S.accepted: (Action("Brief sent: draft due", S.draft_due, "primary"),),
    S.draft_due: (Action("Draft submitted", S.draft_submitted, "primary"),),
    S.draft_submitted: (
        Action("Approve", S.approved, "primary"),
        Action("Request changes", S.changes_requested),
    ),
    S.changes_requested: (Action("Revised draft submitted", S.draft_submitted, "primary"),),
    S.approved: (Action("Scheduled", S.scheduled, "primary"),),
    S.scheduled: (Action("Mark posted", S.live, "primary"),),  # Slack opens the form for the post's link
    S.live: (Action("Verify live post", S.verified, "primary"),),
    S.verified: (Action("Paid", S.paid, "primary"),),
    S.paid: (Action("Complete", S.complete, "primary"),),
    S.complete: (),
    S.dropped: (),
}

WAITING_ON: dict[DeliverableState, WaitingOn] = {
    S.invited: WaitingOn.creator,  # to accept the terms
    S.accepted: WaitingOn.brand,  # to send the brief and set the draft date
    S.draft_due: WaitingOn.creator,
    S.draft_submitted: WaitingOn.brand,  # to review
    S.changes_requested: WaitingOn.creator,
    S.approved: WaitingOn.creator,  # to schedule the post
    S.scheduled: WaitingOn.creator,  # to post it
    S.live: WaitingOn.brand,  # to verify the link and the disclosure
    S.verified: WaitingOn.brand,  # to pay
    S.paid: WaitingOn.brand,  # to close it
    S.complete: WaitingOn.nobody,
    S.dropped: WaitingOn.nobody,
}

# Reviewing content is the approvers' call; every other move is open to anyone in the campaign.
APPROVER_TARGETS: frozenset[DeliverableState] = frozenset({S.approved, S.changes_requested})

# Dropping, checking the live post, paying and closing are the owner's and the approvers' calls.
MANAGER_TARGETS: frozenset[DeliverableState] = frozenset({S.dropped, S.verified, S.paid, S.complete})

# From `live` on, the post is up: deadline reminders stop even though the workflow goes on.
DEADLINE_MET: frozenset[DeliverableState] = frozenset({S.live, S.verified, S.paid, S.complete})


# The draft is approved and the post not up yet: the one stretch where "Mark posted" is the next step.
READY_TO_POST: frozenset[DeliverableState] = frozenset({S.approved, S.scheduled})


def ready_to_post(state: DeliverableState) -> bool:
    """Approved (or scheduled): the creator may post it; before, there is no approved draft to post."""
    return state in READY_TO_POST


def is_finished(state: DeliverableState) -> bool:
    """Complete or dropped: nothing can change it, and its pending reminders are cancelled."""
    return state in FINISHED


def needs_reminders(state: DeliverableState) -> bool:
    """Deadline reminders apply until the post is live (or the deliverable is dropped)."""
    return state not in FINISHED and state not in DEADLINE_MET


def waiting_on(state: DeliverableState) -> WaitingOn:
    return WAITING_ON[state]


def required_role(target: DeliverableState) -> Role:
    if target in APPROVER_TARGETS:
        return Role.approver
    return Role.manager if target in MANAGER_TARGETS else Role.member


def needs_approver(target: DeliverableState) -> bool:
    return required_role(target) is Role.approver


def next_actions(state: DeliverableState, *, revisions_left: int | None = None) -> tuple[Action, ...]:
    """The buttons a card shows in `state`; "Request changes" is hidden once no revision round is left."""
    if is_finished(state):
        return ()
    forward = tuple(
        a
        for a in ACTIONS[state]
        if not (a.target is S.changes_requested and revisions_left is not None and revisions_left <= 0)
    )
    return (*forward, DROP)


def allowed_targets(state: DeliverableState) -> tuple[DeliverableState, ...]:
    return tuple(a.target for a in next_actions(state))


def _describe(actions: tuple[Action, ...]) -> str:
    """'Approve (approved), Request changes (changes_requested) or Drop (dropped)'."""
    names = [f"{a.label} ({a.target.value})" for a in actions]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def transition(current: DeliverableState, target: DeliverableState) -> DeliverableState:
    """Check one move and return the new state, or raise InvalidTransition saying what is possible instead."""
    current, target = DeliverableState(current), DeliverableState(target)
    allowed = allowed_targets(current)
    if target in allowed:
        return target
    here = current.label.lower()
    if is_finished(current):
        message = f"This deliverable is {here}, so it can't change any more."
    elif target is current:
        message = f"It is already {here}. From here you can: {_describe(next_actions(current))}."
    else:
        options = _describe(next_actions(current))
        message = f"Can't go from {here} to {target.label.lower()}. From {here} you can: {options}."
    values = tuple(s.value for s in allowed)
    raise InvalidTransition(message, current=current.value, target=target.value, allowed=values)
