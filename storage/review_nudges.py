"""The review nudges of a deliverable in the reminder table (bot.campaigns.review_sla decides when they fire).

Planned in the transaction that records the move into review, cancelled in the one that records the decision, and
planned again when the campaign's SLA changes: a nudge cancelled by such a change (never claimed) comes back if a
later change plans it again, so an SLA set back to what it was loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, update
from sqlalchemy.orm import Session

from bot.campaigns.dispatch_kinds import REVIEW_KINDS
from bot.campaigns.reminder_status import ReminderStatus
from storage.db import dialect_insert, execute_dml
from storage.models import Reminder
from storage.reminders import PENDING, PlannedRow, _pending, cancel_pending

REPLANNED = "review sla changed"


def cancel_nudges(session: Session, team_id: str, deliverable_id: int) -> int:
    """The deliverable's pending nudges: its review was decided (or it left review another way)."""
    return cancel_pending(session, team_id, deliverable_id=deliverable_id, kinds=REVIEW_KINDS)


def replan_nudges(
    session: Session,
    team_id: str,
    *,
    campaign_id: int,
    deliverable_id: int,
    version: int,
    planned: Sequence[PlannedRow],
) -> None:
    """Make the deliverable's pending nudges those of `planned`: the others pending are cancelled, a planned one
    cancelled before and never claimed is pending again, one already pending or sent stays as it is."""
    keys = [row.idempotency_key for row in planned]
    execute_dml(
        session,
        update(Reminder)
        .where(
            Reminder.team_id == team_id,
            Reminder.deliverable_id == deliverable_id,
            Reminder.kind.in_(REVIEW_KINDS),
            Reminder.status == PENDING,
            Reminder.idempotency_key.not_in(keys),
        )
        .values(status=ReminderStatus.cancelled.value, last_error=REPLANNED)
        .execution_options(synchronize_session=False),
    )
    if not planned:
        return
    statement = dialect_insert(session)(Reminder).values(
        [_pending(team_id, campaign_id, deliverable_id, version, row) for row in planned]
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["team_id", "idempotency_key"],
            set_={"status": PENDING, "next_attempt_at": statement.excluded.next_attempt_at, "last_error": None},
            where=and_(Reminder.status == ReminderStatus.cancelled.value, Reminder.first_claimed_at.is_(None)),
        )
    )
