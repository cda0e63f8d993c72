"""The go-live disclosure reminder's rows in the reminder table, planned with a deliverable's deadline reminders
(bot.campaigns.golive decides when; the dispatcher posts it once, like any reminder)."""

from __future__ import annotations

from datetime import datetime

from bot.campaigns.golive import GOLIVE_KIND, PlannedGoLive, golive_on_approval, plan_golive
from bot.campaigns.models import Campaign, Deliverable
from storage.reminders import PlannedRow


def _row(planned: PlannedGoLive, version: int) -> PlannedRow:
    # The version in the key, as for deadline reminders: a moved go-live date never collides with a cancelled row.
    return PlannedRow(kind=GOLIVE_KIND, fire_at=planned.fire_at, idempotency_key=f"{planned.key}:v{version}")


def golive_rows(deliverable: Deliverable, campaign: Campaign, *, now: datetime, version: int) -> list[PlannedRow]:
    """The day-before go-live reminder of a deliverable, if it is still ahead."""
    return [_row(planned, version) for planned in plan_golive(deliverable, campaign, now=now)]


def approval_row(deliverable: Deliverable, *, now: datetime) -> PlannedRow:
    """The go-live reminder posted as soon as the deliverable's draft is approved."""
    return _row(golive_on_approval(deliverable, now=now), deliverable.version)
