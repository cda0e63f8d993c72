"""What to do with reminders that should already have fired, e.g. after the bot was down.

* Late by at most `grace` (the dispatcher's normal delay): send as usual.
* Late by at most `max_late`: send, marked late with how late.
* Older: don't send; roll them into one catch-up summary per campaign owner.
* When several reminders of one deliverable for the same audience are due at once, only the latest is sent:
  "1 day overdue" makes "due tomorrow" pointless. The older ones are superseded, stale ones included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.campaigns.localtime import as_utc
from bot.campaigns.reminder_plan import Audience, PlannedReminder

DEFAULT_MAX_LATE = timedelta(hours=24)
DEFAULT_GRACE = timedelta(minutes=2)


@dataclass(frozen=True)
class LateReminder:
    reminder: PlannedReminder
    late_by: timedelta


@dataclass(frozen=True)
class CatchUpSummary:
    owner_user_id: str
    reminders: tuple[PlannedReminder, ...]  # oldest first; all of them are to be marked skipped

    @property
    def deliverable_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.deliverable_key for r in self.reminders))


@dataclass(frozen=True)
class LateTriage:
    on_time: tuple[PlannedReminder, ...] = ()
    send_late: tuple[LateReminder, ...] = ()
    catch_up: tuple[CatchUpSummary, ...] = ()
    superseded: tuple[PlannedReminder, ...] = ()
    not_due: tuple[PlannedReminder, ...] = ()


def classify_late(
    reminders: Iterable[PlannedReminder],
    now: datetime,
    max_late: timedelta = DEFAULT_MAX_LATE,
    *,
    grace: timedelta = DEFAULT_GRACE,
) -> LateTriage:
    now = as_utc(now)
    due = sorted((r for r in reminders if r.fire_at <= now), key=lambda r: r.fire_at)
    not_due = tuple(sorted((r for r in reminders if r.fire_at > now), key=lambda r: r.fire_at))

    latest: dict[tuple[str, Audience], PlannedReminder] = {}
    for r in due:  # oldest first, so the last one written wins
        latest[(r.deliverable_key, r.audience)] = r
    newest = {r.key for r in latest.values()}
    fresh_groups = {g for g, r in latest.items() if now - r.fire_at <= max_late}

    on_time: list[PlannedReminder] = []
    send_late: list[LateReminder] = []
    superseded: list[PlannedReminder] = []
    stale: dict[str, list[PlannedReminder]] = defaultdict(list)
    for r in due:
        late_by = now - r.fire_at
        if r.key not in newest and (r.deliverable_key, r.audience) in fresh_groups:
            superseded.append(r)
        elif late_by > max_late:  # its whole group is stale: nothing newer is being sent for it
            stale[r.owner_user_id].append(r)
        elif late_by <= grace:
            on_time.append(r)
        else:
            send_late.append(LateReminder(r, late_by))
    return LateTriage(
        on_time=tuple(on_time),
        send_late=tuple(send_late),
        catch_up=tuple(CatchUpSummary(owner, tuple(rs)) for owner, rs in stale.items()),
        superseded=tuple(superseded),
        not_due=not_due,
    )
