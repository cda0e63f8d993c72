"""A reminder's life once planned, and a reminder as the dispatcher holds it while sending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ReminderStatus(StrEnum):
    """pending -> sending (claimed under a lease) -> sent | failed | cancelled | rolled_up."""

    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"
    rolled_up = "rolled_up"  # too old to send: folded into one catch-up message to the owner


@dataclass(frozen=True)
class ClaimedReminder:
    """A due reminder one dispatcher holds under a lease until it records the outcome."""

    id: int
    team_id: str
    campaign_id: int
    deliverable_id: int | None
    deliverable_version: int
    kind: str
    audience: str
    fire_at: datetime
    attempts: int
    first_claimed_at: datetime
    lease_until: datetime
    posting_since: datetime | None = None  # an earlier attempt began to post then: look in the channel first
    draft_version_id: int | None = None  # a creator's draft from their link (its card, its files)
