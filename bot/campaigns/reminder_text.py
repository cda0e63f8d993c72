"""The words of a reminder: a status ("Due in 3 days"), a headline, a body and an optional lateness marker.

Plain text: handles and campaign names come from users, so the Slack renderer escapes &, < and > before using
these strings as mrkdwn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.campaigns.deadlines import Phase, deadline_in_effect
from bot.campaigns.localtime import wall_clock, zone
from bot.campaigns.models import Campaign, CampaignCreator, Deliverable
from bot.campaigns.reminder_plan import ReminderKind
from bot.campaigns.states import WaitingOn, waiting_on
from bot.vocabulary import as_utc

DUE_NOW_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class ReminderText:
    status: str  # "Due in 3 days", "Due today at 17:00 (Europe/London)", "1 day overdue"
    headline: str  # the status plus who and what: also the notification text
    body: str
    marker: str | None = None  # "Delayed 3h" when sent late


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def format_duration(span: timedelta, *, in_days: bool = True) -> str:
    """'45 min', '2h', '2h 30min', '1 day', '3 days 4h' (rounded down to the minute); '25h' without days."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60) if in_days else (0, minutes)
    hours, mins = divmod(rest, 60)
    if days:
        return _plural(days, "day") + (f" {hours}h" if hours else "")
    if hours:
        return f"{hours}h" + (f" {mins}min" if mins else "")
    return f"{mins} min"


def _is_end_of_day(local_due: datetime) -> bool:
    return local_due.time() == time(0)


def _deadline_day(local_due: datetime) -> date:
    """The local day a deadline falls on: a midnight deadline is the end of the day before."""
    return local_due.date() - timedelta(days=1) if _is_end_of_day(local_due) else local_due.date()


def deadline_day(deliverable: Deliverable, tz: str) -> date:
    """The local day the deadline in effect falls on: the date the user gave, else its day in `tz`."""
    deadline = deadline_in_effect(deliverable)
    if deadline.due is not None:
        return deadline.due.local_date
    return _deadline_day(wall_clock(deadline.at, zone(tz)))


def deadline_zone(deliverable: Deliverable, creator: CampaignCreator, campaign: Campaign) -> str:
    """The zone the deadline in effect was given in: the creator's own when set, else the campaign's."""
    deadline = deadline_in_effect(deliverable)
    return deadline.due.tz if deadline.due else creator.zone_in(campaign)


def deadline_text(due_at: datetime, tz: str) -> str:
    """'Sat 5 Dec 2026 at 17:00 (Europe/London)'; a midnight deadline reads as the end of the day before."""
    local = wall_clock(due_at, zone(tz))
    if _is_end_of_day(local):
        day = _deadline_day(local)
        return f"end of {day:%a} {day.day} {day:%b %Y} ({tz})"
    return f"{local:%a} {local.day} {local:%b %Y} at {local:%H:%M} ({tz})"


def due_status(due_at: datetime, now: datetime, tz: str) -> str:
    """How the deadline stands at `now`, counted in local calendar days of `tz`."""
    zone_info = zone(tz)
    due_at, now = as_utc(due_at), as_utc(now)
    local_due, local_now = wall_clock(due_at, zone_info), wall_clock(now, zone_info)
    if abs(now - due_at) < DUE_NOW_WINDOW:
        return "Due now"
    if now > due_at:
        days = (local_now.date() - local_due.date()).days - (local_now.time() < local_due.time())
        if _is_end_of_day(local_due):  # due by the end of Thursday: on Friday it is 1 day overdue
            days = (local_now.date() - _deadline_day(local_due)).days
        if days >= 1:
            return f"{_plural(days, 'day')} overdue"
        # Under one local day (which can last 25 hours): say it in hours, not "1 day".
        return f"Overdue by {format_duration(now - due_at, in_days=False)}"
    end_of_day = _is_end_of_day(local_due)
    when = f", end of day ({tz})" if end_of_day else f" at {local_due:%H:%M} ({tz})"
    ahead = (_deadline_day(local_due) - local_now.date()).days
    if ahead == 0:
        return f"Due today{when}"
    if ahead == 1:
        return f"Due tomorrow{when}"
    # Counted in calendar days to the day it is due: Thursday's end of day is 3 days away on Monday.
    return f"Due in {ahead} days"


def deadline_status(deliverable: Deliverable, creator: CampaignCreator, campaign: Campaign, now: datetime) -> str:
    """How the deadline in effect stands: "Due in 3 days", or "Draft due in 3 days" while the draft is awaited."""
    deadline = deadline_in_effect(deliverable)
    status = due_status(deadline.at, now, deadline_zone(deliverable, creator, campaign))
    return f"Draft {status[:1].lower()}{status[1:]}" if deadline.phase is Phase.draft else status


def deadlines_text(deliverable: Deliverable, creator: CampaignCreator, campaign: Campaign) -> str:
    """'Deadline: …', or 'Draft due: … · Go live: …' when the deliverable has a draft due date too."""
    fallback = creator.zone_in(campaign)
    go_live = deadline_text(deliverable.due_at, deliverable.due.tz if deliverable.due else fallback)
    if deliverable.draft_due_at is None:
        return f"Deadline: {go_live}"
    draft_tz = deliverable.draft_due.tz if deliverable.draft_due else fallback
    return f"Draft due: {deadline_text(deliverable.draft_due_at, draft_tz)} · Go live: {go_live}"


_WAITING = {
    WaitingOn.creator: "waiting on the creator",
    WaitingOn.brand: "waiting on the brand",
    WaitingOn.nobody: "finished",
}


def reminder_text(
    kind: ReminderKind,
    deliverable: Deliverable,
    creator: CampaignCreator,
    campaign: Campaign,
    *,
    now: datetime,
    late_by: timedelta | None = None,
) -> ReminderText:
    status = deadline_status(deliverable, creator, campaign, now)
    owes = deliverable.describe()
    if deadline_in_effect(deliverable).phase is Phase.draft:
        owes = f"the draft of {owes}"
    what = f"{creator.mention}'s {deliverable.describe().removeprefix('a ')} for {campaign.name}"
    state = deliverable.state
    lines = [
        f"{creator.mention} ({creator.platform.value}) owes {owes} for {campaign.name}.",
        f"{deadlines_text(deliverable, creator, campaign)}.",
        f"Now: {state.label.lower()}, {_WAITING[waiting_on(state)]}.",
    ]
    if kind is ReminderKind.escalation:
        lines.append(
            f"You are getting this as the owner of {campaign.name}. Follow up with {creator.mention}, "
            "move the deadline, or drop the deliverable."
        )
    marker = f"Delayed {format_duration(late_by)}" if late_by is not None and late_by > timedelta(0) else None
    return ReminderText(status=status, headline=f"{status}: {what}", body="\n".join(lines), marker=marker)


def posted_late_marker(deliverable: Deliverable) -> str | None:
    """'Posted late by 2h' when the deliverable went live after its deadline, else None."""
    if deliverable.posted_at is None or deliverable.posted_at <= deliverable.due_at:
        return None
    return f"Posted late by {format_duration(deliverable.posted_at - deliverable.due_at)}"
