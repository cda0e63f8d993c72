"""`creatorops campaign new|add|pay|digest`: set up a campaign, its creators, their money and when its results
digests go out, from the terminal.

The same use cases as /campaign new and the add-creator form, so a team can script a campaign (and an
evaluation can build one) without clicking."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.due import LocalDue
from bot.campaigns.errors import CampaignError, NeedsConfirmation
from bot.cli.local import LOCAL_CHANNEL, LOCAL_USER, CliUsageError, add_team_argument, database
from bot.config import load_settings
from bot.services import campaigns, digests, results
from bot.vocabulary import CREATOR_PLATFORMS, DeliverableKind, Jurisdiction


def amount_argument(text: str) -> Decimal:
    """'5000', '$5,000', '400.50' -> Decimal; argparse shows the message when it is not an amount."""
    cleaned = text.strip().lstrip("$€£").replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount; write it like 5000 or 400.50") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount; write a number of 0 or more, like 400.50")
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it like 2026-12-01") from None


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an ISO time; write it like 2026-11-01T09:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _schedule(text: str) -> DigestSchedule:
    try:
        return DigestSchedule.from_text(text[:40])
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("Value error, ")) from None


def run_new(args: argparse.Namespace) -> int:
    form = campaigns.CampaignForm(
        name=args.name,
        channel_id=args.channel,
        owner_user_id=args.owner,
        start_date=args.start,
        end_date=args.end,
        budget=args.budget,
        currency=args.currency,
        timezone=args.tz,
        jurisdiction=args.jurisdiction,
        attribution_days=args.attribution_days,
        digest=args.digest,
    )
    with database(load_settings()) as services:
        campaign = campaigns.create_campaign(
            services.uow(), args.team, form, created_by=args.owner, now=datetime.now(UTC)
        )
    print(
        f"Created {campaign.name}: {campaign.start_date} to {campaign.end_date} ({campaign.timezone}), "
        f"budget {campaign.budget.display()}, orders attributed until {args.attribution_days} days after the end."
    )
    return 0


def run_add(args: argparse.Namespace) -> int:
    with database(load_settings()) as services:
        campaign = campaigns.find_campaign(services.uow(), args.team, args.name)
        form = campaigns.DeliverableForm(
            campaign_id=int(campaign.id),
            handle=args.handle,
            platform=args.platform,
            kind=args.kind,
            due_text=args.due,
            count=args.count,
            fee=args.fee,
            gift_value=args.gift_value,
            extra_costs=args.extra_costs,
            discount_code=args.code,
            tracking_link=args.link,
            draft_due_text=args.draft_due,
            timezone=args.tz,
            confirmed=args.force,
        )
        try:
            booked = campaigns.add_deliverables(services.uow(), args.team, form, now=args.now or datetime.now(UTC))
        except NeedsConfirmation as asked:
            raise CampaignError(
                f"Nothing was added. {' '.join(asked.warnings)} Add --force to add it anyway."
            ) from None
    added = booked[0]
    what = added.deliverable.model_copy(update={"count": len(booked)}).describe()
    each = f" (#{', #'.join(b.deliverable.id for b in booked)}, each tracked on its own)" if len(booked) > 1 else ""
    draft = added.deliverable.draft_due
    draft_text = f", draft due {draft.describe()}" if draft else ""
    print(
        f"Added @{added.creator.handle} to {added.campaign.name}: {what} on {added.creator.platform.value}{each}"
        f"{draft_text}, due {_when(added.deliverable.due, added.deliverable.due_at)}, "
        f"fee {added.creator.fee.display()}."
    )
    return 0


def _when(due: LocalDue | None, at: datetime) -> str:
    return due.describe() if due else f"{at:%Y-%m-%d %H:%M} UTC"


def run_edit_deliverable(args: argparse.Namespace) -> int:
    edit = campaigns.DeliverableEdit(
        kind=args.kind, count=args.count, due_text=args.due, draft_due_text=args.draft_due, confirmed=args.force
    )
    with database(load_settings()) as services:
        try:
            edited = campaigns.edit_deliverable(
                services.uow(), args.team, args.deliverable, edit, actor=args.user, now=datetime.now(UTC)
            )
        except NeedsConfirmation as asked:
            raise CampaignError(
                f"Nothing was changed. {' '.join(asked.warnings)} Add --force to change it anyway."
            ) from None
    context = edited.deliverable
    if not edited.changes:
        print(f"Deliverable #{context.deliverable.id} stays as it is.")
        return 0
    print(f"Changed deliverable #{context.deliverable.id} (@{context.creator.handle}): {'; '.join(edited.changes)}.")
    if edited.added:
        print(f"Added #{', #'.join(c.deliverable.id for c in edited.added)} beside it, with the same dates.")
    return 0


def run_pay(args: argparse.Namespace) -> int:
    with database(load_settings()) as services:
        payment = results.record_payment(
            services.uow(), args.team, args.name, args.handle, args.amount, paid_on=args.on, recorded_by=args.user
        )
    print(f"Recorded {payment.amount.display()} paid to @{payment.handle} on {payment.paid_on}.")
    return 0


def run_digest(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    with database(load_settings()) as services:
        if args.schedule is None:
            plan = digests.digest_plan(services.uow(), args.team, args.name, now=now)
        else:
            plan = digests.set_digest_schedule(services.uow(), args.team, args.name, args.schedule, now=now)
    said = "now go out" if args.schedule is not None else "go out"
    print(f"Results digests of {plan.campaign.name} {said} {plan.describe()}.")
    return 0


def run_campaign(args: argparse.Namespace) -> int:
    try:
        return int(args.campaign_func(args))
    except (CampaignError, CliUsageError) as error:
        print(f"creatorops campaign: {error}", file=sys.stderr)
        return 2


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    campaign = subparsers.add_parser("campaign", help="set up a campaign, add creators, record payments")
    actions = campaign.add_subparsers(metavar="ACTION")

    new = actions.add_parser("new", help="create a campaign with its budget, dates and attribution window")
    new.add_argument("name")
    new.add_argument("--budget", type=amount_argument, default=Decimal(0), help="e.g. 5000")
    new.add_argument("--currency", default="USD", help="ISO code, e.g. USD, EUR, GBP (default USD)")
    new.add_argument("--tz", default="UTC", help="IANA time zone of the campaign, e.g. Europe/London")
    new.add_argument("--start", type=_day, required=True, help="first day, e.g. 2026-12-01")
    new.add_argument("--end", type=_day, required=True, help="last day, e.g. 2026-12-31")
    new.add_argument("--attribution-days", type=int, default=30, help="orders count this long after the end")
    new.add_argument("--jurisdiction", default="US", choices=tuple(j.value for j in Jurisdiction))
    new.add_argument("--channel", default=LOCAL_CHANNEL, help=f"campaign channel id (default {LOCAL_CHANNEL})")
    new.add_argument("--owner", default=LOCAL_USER, help=f"owner's user id (default {LOCAL_USER})")
    new.add_argument(
        "--digest",
        type=_schedule,
        default=DigestSchedule(),
        help='results digests: "monday 09:00" (the default), "off" (final report only) or "none"',
    )
    add_team_argument(new)
    new.set_defaults(func=run_campaign, campaign_func=run_new)

    add = actions.add_parser("add", help="add a creator and a deliverable, with their fee and tracking")
    add.add_argument("name", help="the campaign (a unique start of its name is enough)")
    add.add_argument("handle", help="e.g. @nina")
    add.add_argument("--platform", required=True, choices=[p.value for p in CREATOR_PLATFORMS])
    add.add_argument("--kind", default="post", choices=[k.value for k in DeliverableKind])
    add.add_argument("--count", type=int, default=1, help="booked as this many deliverables, each tracked")
    add.add_argument("--due", required=True, help='the go-live date, e.g. 2026-12-10, "dec 10 17:00", "friday"')
    add.add_argument("--draft-due", default=None, help='when the draft is due for review, e.g. "dec 5"')
    add.add_argument("--tz", default=None, help="the creator's own time zone (default: the campaign's)")
    add.add_argument(
        "--force",
        action="store_true",
        help="add it even if a date is outside the campaign, it is booked already, "
        "or the creator's last /vet said Avoid",
    )
    add.add_argument("--fee", type=amount_argument, default=None)
    add.add_argument("--gift-value", type=amount_argument, default=None, help="value of gifted product")
    add.add_argument("--extra-costs", type=amount_argument, default=None, help="shipping, usage rights, boosting")
    add.add_argument("--code", default=None, help="the creator's discount code")
    add.add_argument("--link", default=None, help="the creator's tracking link (https://…?utm_content=handle)")
    add.add_argument(
        "--now", type=_moment, default=None, help="pretend it is this ISO time (to record a past campaign)"
    )
    add_team_argument(add)
    add.set_defaults(func=run_campaign, campaign_func=run_add)

    edit = actions.add_parser(
        "edit-deliverable", help="change a deliverable's kind, count or dates (its number is on cards and reminders)"
    )
    edit.add_argument("deliverable", type=int, help="the deliverable's number, e.g. 12 for deliverable #12")
    edit.add_argument("--kind", default=None, choices=[k.value for k in DeliverableKind])
    edit.add_argument("--count", type=int, default=None, help="make it N deliverables of one each, all tracked")
    edit.add_argument("--due", default=None, help="the new go-live date")
    edit.add_argument("--draft-due", default=None, help='the new draft due date ("none" removes it)')
    edit.add_argument("--force", action="store_true", help="change it even if a date is outside the campaign")
    edit.add_argument("--user", default=LOCAL_USER, help="who changes it (an owner or approver)")
    add_team_argument(edit)
    edit.set_defaults(func=run_campaign, campaign_func=run_edit_deliverable)

    pay = actions.add_parser("pay", help="record a payment to a creator")
    pay.add_argument("name")
    pay.add_argument("handle")
    pay.add_argument("amount", type=amount_argument)
    pay.add_argument("--on", type=_day, default=None, help="the day it was paid (default: today, campaign time)")
    pay.add_argument("--user", default=LOCAL_USER, help="who records it")
    add_team_argument(pay)
    pay.set_defaults(func=run_campaign, campaign_func=run_pay)

    digest = actions.add_parser("digest", help="when the campaign's results digests go to its channel")
    digest.add_argument("name", help="the campaign (a unique start of its name is enough)")
    digest.add_argument(
        "schedule", nargs="?", default=None, help='"monday 09:00", "off" (final report only) or "none"; omit to see it'
    )
    add_team_argument(digest)
    digest.set_defaults(func=run_campaign, campaign_func=run_digest)
