"""What a review card shows: the version, its check, where the review stands, and which buttons it offers."""

from __future__ import annotations

from dataclasses import dataclass

from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.states import DeliverableState
from bot.review.models import DraftVersion, Step


@dataclass(frozen=True)
class ReviewView:
    context: DeliverableContext
    version: DraftVersion
    steps: tuple[Step, ...]  # brand, or brand then legal
    pending: Step | None  # the step this version waits for; None once decided
    deciders: tuple[str, ...]  # who may decide at the pending step
    rounds_used: int
    round_limit: int  # the creator's terms plus the rounds the approvers allowed
    latest: int  # the latest version's number: an older card says it is superseded
    thread_ts: str | None = None  # the deliverable's review thread (its first card), once posted

    @property
    def superseded(self) -> bool:
        return self.version.version < self.latest

    @property
    def open_for_decision(self) -> bool:
        """Buttons show while this is the latest version, it waits for a decision and the deliverable for review."""
        return (
            not self.superseded
            and self.pending is not None
            and self.context.deliverable.state is DeliverableState.draft_submitted
        )

    @property
    def rounds_left(self) -> int:
        return max(0, self.round_limit - self.rounds_used)
