"""A campaign's results digests as rows of the reminder table, for the dispatcher to deliver.

Used inside the caller's unit of work (creating a campaign, seeding the sample, changing the schedule or the
dates), so a campaign is never stored without its digests, nor its digests changed without it.
"""

from __future__ import annotations

from datetime import datetime

from bot.campaigns import models as domain
from bot.campaigns.digest_schedule import plan_digests
from bot.campaigns.dispatch_kinds import digest_kind
from storage import reminders as store
from storage.reminders import PlannedRow
from storage.uow import UnitOfWork


def digest_rows(campaign: domain.Campaign, *, now: datetime) -> list[PlannedRow]:
    """Every digest still ahead of `now`. The key names the campaign (keys are unique per workspace) and the
    instant, so the same schedule planned again finds its own rows, and a changed one never collides."""
    return [
        PlannedRow(
            kind=digest_kind(digest.kind),
            fire_at=digest.fire_at,
            idempotency_key=f"{campaign.id}:{digest.key}:{digest.fire_at:%Y%m%dT%H%MZ}",
        )
        for digest in plan_digests(
            campaign.digest, tz=campaign.timezone, start=campaign.start_date, end=campaign.end_date, now=now
        )
    ]


def plan_campaign_digests(uow: UnitOfWork, campaign: domain.Campaign, *, now: datetime) -> int:
    """Plan the campaign's digests from its current schedule and dates: what was pending ahead and is no longer
    planned is cancelled, nothing is planned twice. Runs inside the caller's `with uow:`; does not commit.
    Returns how many digests are pending ahead."""
    planned = digest_rows(campaign, now=now)
    return store.replan_digests(uow.session, campaign.team_id, int(campaign.id), planned, now=now)
