"""What the team did with /vet: stored runs and their decisions, as screens and the CLI read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.vetting.report import VetReport


class Decision(StrEnum):
    """What the team decided about a vetted creator."""

    approved = "approved"
    shortlisted = "shortlisted"
    rejected = "rejected"
    needs_human = "needs_human"

    @property
    def label(self) -> str:
        """As people read it (the card's button says "Needs a human")."""
        return "needs a human" if self is Decision.needs_human else self.value


def decision_label(stored: str) -> str:
    """A stored decision as people read it; an unknown value as it is (older rows, other tools)."""
    try:
        return Decision(stored).label
    except ValueError:
        return stored.replace("_", " ")


# (decision, user id, when) of the team's latest decision on a creator, as the card's footer shows it.
LatestDecision = tuple[str, str, datetime]


@dataclass(frozen=True)
class StoredVetRun:
    """One /vet answer as shown, so a decision click re-renders exactly what the team saw."""

    id: int
    platform: str
    handle: str
    report: VetReport


@dataclass(frozen=True)
class DecisionRecord:
    """A decision with the verdict and score of the run it was made on."""

    decided_at: datetime
    user_id: str
    decision: str
    handle: str
    platform: str
    verdict: str
    score: int | None
    vet_run_id: int
