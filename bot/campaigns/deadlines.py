"""A deliverable's two deadlines: the draft due date (for review) and the go-live date (the post is up).

While the brand waits for the draft, the draft due date is the deadline that reminders count towards; once a
draft is in review or approved, the go-live date is. A deliverable booked without a draft due date has only its
go-live date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.campaigns.due import LocalDue
from bot.campaigns.models import Deliverable
from bot.campaigns.states import DeliverableState

# The states in which the creator still owes the (revised) draft.
WAITING_FOR_DRAFT: frozenset[DeliverableState] = frozenset(
    {
        DeliverableState.invited,
        DeliverableState.accepted,
        DeliverableState.draft_due,
        DeliverableState.changes_requested,
    }
)


class Phase(StrEnum):
    draft = "draft"
    go_live = "go_live"

    @property
    def noun(self) -> str:
        return "draft due" if self is Phase.draft else "go-live"


@dataclass(frozen=True)
class Deadline:
    """The deadline that applies now: which one, its UTC instant and the local date the user gave (if any)."""

    phase: Phase
    at: datetime
    due: LocalDue | None

    @property
    def date_only(self) -> bool:
        """Given as a day without a time: it ends at the end of that day, and reminders land in working hours."""
        return self.due is not None and self.due.local_time is None


def go_live_at(deliverable: Deliverable) -> datetime:
    """When the post is due to be live (UTC): what go-live reminders and disclosure reminders count towards."""
    return deliverable.due_at


def draft_due_at(deliverable: Deliverable) -> datetime | None:
    """When the draft is due for review (UTC), if a draft due date was set."""
    return deliverable.draft_due_at


def deadline_in_effect(deliverable: Deliverable) -> Deadline:
    """The draft due date while the draft is awaited (and one was set), else the go-live date."""
    if deliverable.draft_due_at is not None and deliverable.state in WAITING_FOR_DRAFT:
        return Deadline(Phase.draft, deliverable.draft_due_at, deliverable.draft_due)
    return Deadline(Phase.go_live, go_live_at(deliverable), deliverable.due)
