"""Results digests: when they go out (`/campaign digest`, `creatorops campaign digest`, the campaign edit form)
and what the dispatcher needs to post one (the report now, and what the last delivered digest showed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns import models as domain
from bot.campaigns.digest_schedule import DeliveredDigest, DigestKind, DigestSchedule
from bot.campaigns.dispatch_kinds import digest_of
from bot.campaigns.errors import CampaignError, NotAllowed
from bot.campaigns.localtime import zone
from bot.campaigns.workflow import managers
from bot.services.campaigns import CampaignNotFound, the_campaign
from bot.services.digest_plan import plan_campaign_digests
from bot.services.results import CampaignReport, report_of
from storage import campaigns as campaign_store
from storage import digests as store
from storage.reminders import pending_digests
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class DigestPlan:
    """A campaign's digest schedule and the digests pending from now on, soonest first."""

    campaign: domain.Campaign
    upcoming: tuple[tuple[DigestKind, datetime], ...]

    @property
    def schedule(self) -> DigestSchedule:
        return self.campaign.digest

    @property
    def next(self) -> tuple[DigestKind, datetime] | None:
        return self.upcoming[0] if self.upcoming else None

    def predicate(self, *, changed: bool) -> str:
        """What follows "Results digests of <name>", in plain words: "(now) go out every Monday at 09:00, and a
        final report after the end (Europe/London); next: …", or "are (now) off: …" when none goes out."""
        now = "now " if changed else ""
        if not self.schedule.sends_any:
            return f"are {now}off: {self.schedule.describe()}"
        return f"{now}go out {self.describe()}"

    def describe(self) -> str:
        """Plain words: "every Monday at 09:00, and a final report after the end (Europe/London); next: the weekly
        digest on Mon 22 Mar 2027 at 09:00"."""
        tz = self.campaign.timezone
        if self.next is None:
            return f"{self.schedule.describe()} ({tz}); none is planned from now on"
        kind, at = self.next
        what = "final report" if kind is DigestKind.final else "weekly digest"
        return f"{self.schedule.describe()} ({tz}); next: the {what} on {at.astimezone(zone(tz)):%a %-d %b %Y at %H:%M}"


def _plan(uow: UnitOfWork, campaign: domain.Campaign, now: datetime) -> DigestPlan:
    pending = pending_digests(uow.session, campaign.team_id, int(campaign.id), after=now)
    upcoming = tuple((kind, at) for stored, at in pending if (kind := digest_of(stored)) is not None)
    return DigestPlan(campaign=campaign, upcoming=upcoming)


def digest_plan(uow: UnitOfWork, team_id: str, name: str, *, now: datetime) -> DigestPlan:
    """When the named campaign's digests go out."""
    with uow:
        return _plan(uow, the_campaign(uow, team_id, name), now)


def replan_digests(uow: UnitOfWork, team_id: str, campaign_id: int, *, now: datetime) -> DigestPlan:
    """Plan the campaign's digests again from its current schedule and dates, from `now` on: pending digests no
    longer planned are cancelled, none is planned twice. For a change of schedule, dates or time zone."""
    with uow:
        campaign = campaign_store.get_campaign(uow.session, team_id, campaign_id)
        if campaign is None:
            raise CampaignNotFound("That campaign no longer exists.")
        plan_campaign_digests(uow, campaign, now=now)
        plan = _plan(uow, campaign, now)
        uow.commit()
    return plan


def set_digest_schedule(
    uow: UnitOfWork, team_id: str, name: str, text: str, *, now: datetime, actor: str | None = None
) -> DigestPlan:
    """'monday 09:00', 'off' (the final report only) or 'none'. From Slack (`actor` set) only the campaign's
    owner and approvers may change it; the terminal is trusted as the database is."""
    try:
        schedule = DigestSchedule.from_text(text[:40])
    except ValueError as error:
        raise CampaignError(str(error).removeprefix("Value error, ")) from None
    with uow:
        campaign = the_campaign(uow, team_id, name)
        allowed = managers(campaign)
        if actor is not None and actor not in allowed:
            raise NotAllowed(
                "Only the campaign's owner and approvers can change when its digests go out.",
                allowed_user_ids=allowed,
            )
        campaign_store.set_digest_schedule(uow.session, team_id, int(campaign.id), schedule)
        campaign = campaign.model_copy(update={"digest": schedule})
        plan_campaign_digests(uow, campaign, now=now)
        plan = _plan(uow, campaign, now)
        uow.commit()
    return plan


@dataclass(frozen=True)
class DigestInput:
    """What a digest shows: the report as it stands (None, with the `problem` in words, when the campaign's results
    cannot be computed), and what the last delivered digest showed (None: this is the campaign's first)."""

    campaign: domain.Campaign
    report: CampaignReport | None
    previous: DeliveredDigest | None
    problem: str | None = None


def digest_input(uow: UnitOfWork, team_id: str, campaign_id: int) -> DigestInput | None:
    """None when the campaign is gone."""
    with uow:
        campaign = campaign_store.get_campaign(uow.session, team_id, campaign_id)
        if campaign is None:
            return None
        previous = store.last_delivered(uow.session, team_id, campaign_id)
        try:
            return DigestInput(campaign, report_of(uow, team_id, campaign), previous)
        except CampaignError as error:
            return DigestInput(campaign, None, previous, problem=str(error))
