"""Re-planning a deliverable's reminders when its campaign's reminder schedule changes (its deadline does not).

The deadline, and so the deliverable's version, stay as they are. A reminder in both the old and the new plan
keeps its idempotency key: one already sent, or claimed by the dispatcher right now, is never planned a second
time, and a claimed one is still sent (its version still matches). Pending reminders the new plan drops are
cancelled as `replanned`; one cancelled that way comes back if a later edit plans it again. A snooze holds: its
one reminder stays, and nothing of the new plan fires before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.campaigns.dispatch_kinds import DEADLINE_KINDS
from bot.campaigns.reminder_status import ReminderStatus
from storage.campaigns import plan_reminders
from storage.db import execute_dml
from storage.models import Reminder
from storage.reminders import PENDING, PlannedRow

REPLANNED = "replanned"  # last_error of a reminder a schedule edit cancelled (it may be planned again)
SNOOZE_MARK = ":snooze:"  # in the key of the one reminder a snooze plans (bot.services.campaigns.snooze)


def replan_pending(
    session: Session,
    team_id: str,
    *,
    campaign_id: int,
    deliverable_id: int,
    version: int,
    planned: Sequence[PlannedRow],
) -> int:
    """Make the deliverable's pending reminders those of `planned` (all still ahead); returns how many were new."""
    # Deadline reminders only: a draft's review nudges follow its review, not the reminder schedule.
    mine = (Reminder.team_id == team_id, Reminder.deliverable_id == deliverable_id, Reminder.kind.in_(DEADLINE_KINDS))
    snooze = Reminder.idempotency_key.contains(SNOOZE_MARK, autoescape=True)
    snoozed_until = session.scalar(select(func.max(Reminder.fire_at)).where(*mine, Reminder.status == PENDING, snooze))
    wanted = [row for row in planned if snoozed_until is None or row.fire_at >= snoozed_until]
    keys = [row.idempotency_key for row in wanted]
    execute_dml(
        session,
        update(Reminder)
        .where(*mine, Reminder.status == PENDING, ~snooze, Reminder.idempotency_key.not_in(keys))
        .values(status=ReminderStatus.cancelled.value, last_error=REPLANNED)
        .execution_options(synchronize_session=False),
    )
    execute_dml(
        session,
        update(Reminder)
        .where(
            *mine,
            Reminder.status == ReminderStatus.cancelled.value,
            Reminder.last_error == REPLANNED,
            Reminder.idempotency_key.in_(keys),
        )
        .values(status=PENDING, last_error=None, next_attempt_at=Reminder.fire_at)
        .execution_options(synchronize_session=False),
    )
    return plan_reminders(
        session, team_id, campaign_id=campaign_id, deliverable_id=deliverable_id, version=version, plan=wanted
    )
