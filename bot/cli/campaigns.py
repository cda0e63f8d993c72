"""`creatorops due "friday 5pm" --tz Europe/London`: read a due date and show the reminders it would get."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from pydantic import ValidationError

from bot.campaigns.due_input import parse_due
from bot.campaigns.errors import CampaignError
from bot.campaigns.localtime import zone
from bot.campaigns.reminder_plan import ReminderSubject, plan_reminders
from bot.campaigns.reminder_policy import DEFAULT_OFFSETS, ReminderPolicy


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    due = subparsers.add_parser("due", help="read a due date as people type it and show its reminder plan")
    due.add_argument("text", help='e.g. "2026-12-05", "dec 5 17:00", "tomorrow", "in 3 days", "friday"')
    due.add_argument("--tz", default="UTC", help="IANA time zone of the campaign (default UTC)")
    offsets = ",".join(DEFAULT_OFFSETS)
    due.add_argument("--offsets", default=offsets, help=f"reminder offsets (default --offsets={offsets})")
    due.add_argument("--overdue-cap-days", type=int, default=14, help="no daily overdue reminders after this")
    due.add_argument("--escalate", default="+3d", help='DM the owner this long after the deadline or "never"')
    due.add_argument("--now", default=None, help="pretend it is this ISO time (default: the clock)")
    due.set_defaults(func=run_due)


def _now(text: str | None) -> datetime:
    if text is None:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run_due(args: argparse.Namespace) -> int:
    try:
        now = _now(args.now)
        policy = ReminderPolicy.from_text(
            args.offsets, overdue_cap_days=args.overdue_cap_days, owner_escalation_at=args.escalate
        )
        due = parse_due(args.text, tz=args.tz, now=now)
    except (CampaignError, ValidationError, ValueError) as exc:
        message = (
            "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
            if isinstance(exc, ValidationError)
            else str(exc)
        )
        print(f"creatorops due: {message}", file=sys.stderr)
        return 2
    due_at, tz = due.at_utc(), zone(due.tz)
    print(f"Due: {due.describe()} = {due_at:%Y-%m-%dT%H:%MZ}")
    reminders = plan_reminders(ReminderSubject("deliverable", due.tz, "owner", policy), due_at, now=now)
    for r in reminders:
        local = r.fire_at.astimezone(tz)
        when = f"{local:%a %Y-%m-%d %H:%M %Z}  {r.fire_at:%Y-%m-%dT%H:%MZ}"
        print(f"  {r.kind.value:<10} {when}  {r.audience.value:<8}  {r.key}")
    if not reminders:
        print("  (no reminders ahead)")
    return 0
