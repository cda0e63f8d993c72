"""What each results digest showed, so the next one says what changed since. Queries take a Session and team_id."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.campaigns.digest_schedule import DeliveredDigest
from bot.campaigns.reminder_status import ReminderStatus
from storage.db import dialect_insert
from storage.models import DigestSnapshot, Reminder


def save_snapshot(
    session: Session, team_id: str, campaign_id: int, reminder_id: int, results: Mapping[str, Any], *, at: datetime
) -> None:
    """The results the digest of `reminder_id` is about to post; a retry of the same digest replaces them."""
    insert = dialect_insert(session)
    statement = insert(DigestSnapshot).values(
        team_id=team_id, campaign_id=campaign_id, reminder_id=reminder_id, results=dict(results), taken_at=at
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["team_id", "reminder_id"],
            set_={"results": statement.excluded.results, "taken_at": statement.excluded.taken_at},
        )
    )


def last_delivered(session: Session, team_id: str, campaign_id: int) -> DeliveredDigest | None:
    """The campaign's latest digest that reached its channel (its reminder row is sent); None before the first."""
    row = session.execute(
        select(DigestSnapshot.results, DigestSnapshot.taken_at)
        .join(Reminder, Reminder.id == DigestSnapshot.reminder_id)
        .where(
            DigestSnapshot.team_id == team_id,
            DigestSnapshot.campaign_id == campaign_id,
            Reminder.team_id == team_id,
            Reminder.status == ReminderStatus.sent.value,
        )
        .order_by(DigestSnapshot.taken_at.desc(), DigestSnapshot.id.desc())
        .limit(1)
    ).first()
    return DeliveredDigest(results=row.results, taken_at=row.taken_at) if row else None
