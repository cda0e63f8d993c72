"""A draft version, the check it got on arrival, and the decisions made on it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.vocabulary import DeliverableKind, Platform, as_utc

MAX_LINKS = 10  # media links one version carries
MAX_FILES = 10  # uploaded files (from a message shortcut) one version carries


class DraftSource(StrEnum):
    """The way a version came in."""

    slack = "slack"  # /campaign draft @handle
    shortcut = "shortcut"  # "Submit as draft" on a message
    cli = "cli"  # creatorops draft
    link = "link"  # the creator's private link (/c/<token>)


class Decision(StrEnum):
    approved = "approved"
    approved_with_corrections = "approved_with_corrections"
    changes_requested = "changes_requested"

    @property
    def label(self) -> str:
        return {
            Decision.approved: "approved",
            Decision.approved_with_corrections: "approved with corrections",
            Decision.changes_requested: "sent back for changes",
        }[self]

    def done_to(self, what: str) -> str:
        """The decision as a verb phrase around what it was made on: "sent v1 of @mia's reel back for changes"."""
        return {
            Decision.approved: f"approved {what}",
            Decision.approved_with_corrections: f"approved {what} with corrections",
            Decision.changes_requested: f"sent {what} back for changes",
        }[self]

    @property
    def approves(self) -> bool:
        return self is not Decision.changes_requested


class Step(StrEnum):
    """Who decides: the brand's approvers, then (when the campaign asks for it) its legal approvers."""

    brand = "brand"
    legal = "legal"


class ChangeReason(StrEnum):
    """Why changes were requested: the short list reviewers pick from (plus free text)."""

    disclosure = "disclosure"
    brand_claims = "brand_claims"
    product_shown_wrong = "product_shown_wrong"
    tone = "tone"
    other = "other"

    @property
    def label(self) -> str:
        return {
            ChangeReason.disclosure: "Disclosure",
            ChangeReason.brand_claims: "Brand claims",
            ChangeReason.product_shown_wrong: "Product shown wrong",
            ChangeReason.tone: "Tone",
            ChangeReason.other: "Other",
        }[self]


class DraftFile(BaseModel):
    """A file that came with a message: Slack's id, its name and where to open it (no bytes are kept)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(max_length=32)
    name: str = Field(default="", max_length=200)
    url: str | None = Field(default=None, max_length=500)


class CheckFinding(BaseModel):
    """One thing the check found: a disclosure rule's finding or a required tag the caption lacks."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    severity: str  # info, needs_work or missing (the disclosure checker's scale)
    message: str


class DraftCheck(BaseModel):
    """What every version is checked for before anyone reviews it."""

    model_config = ConfigDict(frozen=True)

    verdict: str  # the disclosure verdict: compliant, needs_work, missing or not_needed
    findings: list[CheckFinding] = Field(default_factory=list)
    fixed_caption: str
    label_to_enable: str | None = None  # the platform's own paid-partnership switch, when there is one
    missing_tags: list[str] = Field(default_factory=list)  # required by the brief, not in the caption


class ReviewDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    version_id: str
    decision: Decision
    step: Step
    reasons: list[ChangeReason] = Field(default_factory=list)
    note: str | None = None  # the corrections, or what to change, in the reviewer's words
    actor: str
    at: datetime
    confirmed_missing_disclosure: bool = False  # approved though the check found no disclosure: said so twice

    @field_validator("at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)


class DraftVersion(BaseModel):
    """One version of a deliverable's draft: what the creator sent, and the check it got on arrival."""

    model_config = ConfigDict(frozen=True)

    id: str
    deliverable_id: str
    version: int = Field(ge=1)
    caption: str
    links: list[str] = Field(default_factory=list)
    files: list[DraftFile] = Field(default_factory=list)
    platform: Platform
    format: DeliverableKind
    submitted_by: str
    submitted_at: datetime
    source: DraftSource
    check: DraftCheck
    card_channel: str | None = None  # where its review card was posted
    card_ts: str | None = None
    decisions: list[ReviewDecision] = Field(default_factory=list)  # oldest first

    @field_validator("submitted_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)

    @property
    def name(self) -> str:
        return f"v{self.version}"

    @property
    def missing_disclosure(self) -> bool:
        return self.check.verdict == "missing"

    def decision_at(self, step: Step) -> ReviewDecision | None:
        """The latest decision taken at `step` on this version."""
        return next((d for d in reversed(self.decisions) if d.step is step), None)
