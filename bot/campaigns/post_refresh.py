"""When a live post's public numbers are read back from its platform: 1, 7 and 30 days after it went live.

A post gathers most of its views in its first day and most of the rest within a week; the 30-day reading is
the one a final report counts. Each refresh has a stable key per deliverable, so planning twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.vocabulary import as_utc

REFRESH_AFTER_DAYS = (1, 7, 30)


@dataclass(frozen=True)
class PlannedRefresh:
    days: int  # after going live
    fire_at: datetime  # UTC
    key: str


def plan_refreshes(deliverable_id: str, posted_at: datetime) -> list[PlannedRefresh]:
    """The refreshes of a post that went live at `posted_at`."""
    live = as_utc(posted_at)
    return [
        PlannedRefresh(days, live + timedelta(days=days), f"{deliverable_id}:refresh:{days}d")
        for days in REFRESH_AFTER_DAYS
    ]
