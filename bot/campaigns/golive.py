"""The go-live disclosure reminder: when it is posted for a deliverable, under which stable key.

Once a day before the deliverable goes live (same local time the day before, in the campaign's zone), and once
when its draft is approved. Keys carry the time they fire at, so planning twice adds nothing, and the caller adds
the deliverable's version, so a moved go-live date plans a new reminder rather than reviving a cancelled one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.campaigns.deadlines import go_live_at
from bot.campaigns.localtime import local_to_utc, shift_local_days, zone
from bot.campaigns.models import Campaign, Deliverable
from bot.campaigns.reminder_plan import working_hour_of_day
from bot.campaigns.states import needs_reminders
from bot.vocabulary import as_utc

GOLIVE_KIND = "golive_disclosure"  # the reminder row's kind (bot.campaigns.dispatch_kinds routes it)
DAYS_BEFORE = 1
# A go-live reminder claimed later than this (the workers were down) is not posted any more: the post is up.
STALE_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class PlannedGoLive:
    fire_at: datetime  # UTC
    key: str
    on_approval: bool = False


def day_before(deliverable: Deliverable, campaign: Campaign) -> datetime:
    """The same local time a day before going live, in the campaign's zone (UTC); for a whole-day go-live date
    (it ends at the next midnight), the working hour of the day before, never midnight."""
    tz = zone(campaign.timezone)
    due = deliverable.due
    if due is not None and due.local_time is None:
        return local_to_utc(working_hour_of_day(go_live_at(deliverable), tz) - timedelta(days=DAYS_BEFORE), tz)
    return shift_local_days(go_live_at(deliverable), -DAYS_BEFORE, tz)


def plan_golive(deliverable: Deliverable, campaign: Campaign, *, now: datetime) -> list[PlannedGoLive]:
    """The reminder a day before going live, while the deliverable heads for its deadline and it is still ahead."""
    if not needs_reminders(deliverable.state):
        return []
    fire_at = day_before(deliverable, campaign)
    if fire_at < as_utc(now):
        return []
    return [PlannedGoLive(fire_at, f"{deliverable.id}:{GOLIVE_KIND}:{fire_at:%Y%m%dT%H%MZ}")]


def golive_on_approval(deliverable: Deliverable, *, now: datetime) -> PlannedGoLive:
    """The same reminder, posted as soon as the draft is approved (each approval has its own key)."""
    at = as_utc(now)
    return PlannedGoLive(at, f"{deliverable.id}:{GOLIVE_KIND}:approved:{at:%Y%m%dT%H%M%S.%fZ}", on_approval=True)


def is_on_approval(deliverable: Deliverable, campaign: Campaign, fire_at: datetime) -> bool:
    """Whether a go-live reminder firing at `fire_at` is the one an approval planned (not the day before)."""
    return as_utc(fire_at) != day_before(deliverable, campaign)


def still_useful(fire_at: datetime, *, now: datetime) -> bool:
    """Worth posting now: at most STALE_AFTER after it was due (a day-before reminder then reaches go-live)."""
    return as_utc(now) - as_utc(fire_at) <= STALE_AFTER
