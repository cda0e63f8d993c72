"""What screens show about campaigns: a deliverable with its campaign and creator, a campaign's board."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns.models import Campaign, CampaignCreator, Deliverable
from bot.campaigns.states import needs_reminders


@dataclass(frozen=True)
class DeliverableContext:
    """One deliverable with the campaign and creator it belongs to."""

    campaign: Campaign
    creator: CampaignCreator
    deliverable: Deliverable

    @property
    def is_open(self) -> bool:
        """Still heading for its deadline (not posted, finished or dropped)."""
        return needs_reminders(self.deliverable.state)


@dataclass(frozen=True)
class CampaignSummary:
    """A campaign in a list: how many deliverables are open, how many of those are overdue."""

    campaign: Campaign
    open_count: int = 0
    overdue_count: int = 0


@dataclass(frozen=True)
class CampaignBoard:
    """A campaign's deliverables grouped as `/campaign show` lists them: overdue, coming up, done."""

    campaign: Campaign
    overdue: tuple[DeliverableContext, ...]
    upcoming: tuple[DeliverableContext, ...]
    closed: tuple[DeliverableContext, ...]

    @classmethod
    def of(cls, campaign: Campaign, contexts: list[DeliverableContext], now: datetime) -> CampaignBoard:
        open_ones = [c for c in contexts if c.is_open]
        return cls(
            campaign=campaign,
            overdue=tuple(c for c in open_ones if c.deliverable.due_at < now),
            upcoming=tuple(c for c in open_ones if c.deliverable.due_at >= now),
            closed=tuple(c for c in contexts if not c.is_open),
        )

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.upcoming) + len(self.closed)
