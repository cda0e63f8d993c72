"""What screens show about campaigns: a deliverable with its campaign and creator, a campaign's board."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from bot.campaigns.deadlines import deadline_in_effect
from bot.campaigns.live_check import LiveCheck
from bot.campaigns.models import Campaign, CampaignCreator, Deliverable
from bot.campaigns.review_sla import ReviewWait, review_wait
from bot.campaigns.states import DeliverableState, needs_reminders


@dataclass(frozen=True)
class DeliverableContext:
    """One deliverable with the campaign and creator it belongs to."""

    campaign: Campaign
    creator: CampaignCreator
    deliverable: Deliverable
    review_since: datetime | None = None  # when its draft entered review, while it waits for one
    draft_version: int | None = None  # its latest draft version's number, once a draft came in as content

    @property
    def decided_on_card(self) -> bool:
        """Its draft in review came in as content: decided on that version's review card, not by a bare move."""
        return self.draft_version is not None and self.deliverable.state is DeliverableState.draft_submitted

    @property
    def revised_as_content(self) -> bool:
        """Changes were asked on a draft that came in as content: the revised one comes in as content too."""
        return self.draft_version is not None and self.deliverable.state is DeliverableState.changes_requested

    @property
    def is_open(self) -> bool:
        """Still heading for its deadline (not posted, finished or dropped)."""
        return needs_reminders(self.deliverable.state)

    def late_review(self, now: datetime) -> ReviewWait | None:
        """How long its draft has waited for review, once that is past the campaign's SLA; else None."""
        if self.review_since is None:
            return None
        campaign = self.campaign
        wait = review_wait(self.review_since, now, sla_days=campaign.review_sla_days, tz=campaign.timezone)
        return wait if wait.late else None


@dataclass(frozen=True)
class CreatorMoney:
    """One creator's fee and what was paid to them, in the campaign's currency."""

    creator_id: str
    handle: str
    platform: str
    fee: Decimal
    paid: Decimal


@dataclass(frozen=True)
class CampaignMoney:
    """Budget against spend (fees + gifted product + extra costs) and what was paid, in the campaign's currency.

    Filled from the results domain's own figures (bot.metrics.spend), so every screen shows the report's sums."""

    currency: str
    budget: Decimal | None  # None: no budget was set
    spend: Decimal
    paid: Decimal
    left: Decimal | None  # budget - spend, negative when over budget; None without a budget
    creators: tuple[CreatorMoney, ...] = ()

    @property
    def over_budget(self) -> bool:
        return self.left is not None and self.left < 0


@dataclass(frozen=True)
class CampaignSummary:
    """A campaign in a list: how many deliverables are open, how many of those are overdue, and its money."""

    campaign: Campaign
    open_count: int = 0
    overdue_count: int = 0
    money: CampaignMoney | None = None


@dataclass(frozen=True)
class CampaignBoard:
    """A campaign's deliverables grouped as `/campaign show` lists them: overdue, coming up, done."""

    campaign: Campaign
    overdue: tuple[DeliverableContext, ...]
    upcoming: tuple[DeliverableContext, ...]
    closed: tuple[DeliverableContext, ...]
    money: CampaignMoney | None = None
    live_checks: Mapping[str, LiveCheck] = field(default_factory=dict)  # the latest, by deliverable id

    @classmethod
    def of(
        cls,
        campaign: Campaign,
        contexts: list[DeliverableContext],
        now: datetime,
        money: CampaignMoney | None = None,
        live_checks: Mapping[str, LiveCheck] | None = None,
    ) -> CampaignBoard:
        open_ones = [c for c in contexts if c.is_open]
        # By the deadline in effect: a draft that is late is overdue even if the go-live date is still ahead.
        late = {id(c) for c in open_ones if deadline_in_effect(c.deliverable).at < now}
        return cls(
            campaign=campaign,
            overdue=tuple(c for c in open_ones if id(c) in late),
            upcoming=tuple(c for c in open_ones if id(c) not in late),
            closed=tuple(c for c in contexts if not c.is_open),
            money=money,
            live_checks=live_checks or {},
        )

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.upcoming) + len(self.closed)


@dataclass(frozen=True)
class ClaimedPost:
    """A post link already recorded for a deliverable of a campaign: whose, and for what (Mark posted checks a new
    link against these before it answers Slack)."""

    deliverable_id: int
    handle: str
    what: str  # "reel", "2 stories"
    campaign: str
    post_url: str
