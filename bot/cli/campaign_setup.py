"""`creatorops campaign new|edit|add|pay|digest`: set up a campaign, its creators, their money, how long its
approvers have to review a draft and when its results digests go out, from the terminal.

The same use cases as /campaign new and the add-creator form, so a team can script a campaign (and an
evaluation can build one) without clicking."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.errors import CampaignError
from bot.campaigns.review_sla import DEFAULT_REVIEW_SLA_DAYS, MAX_REVIEW_SLA_DAYS, days_text
from bot.cli.local import LOCAL_CHANNEL, LOCAL_USER, CliUsageError, add_team_argument, database
from bot.config import load_settings
from bot.services import campaigns, digests, results
from bot.vocabulary import CREATOR_PLATFORMS, CURRENCY_SYMBOLS, DeliverableKind, Jurisdiction


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


class Budget(NamedTuple):
    """A budget as typed: its amount, and the currency its symbol names (None: no symbol, or $)."""

    amount: Decimal
    symbol_currency: str | None


_SYMBOL_CURRENCY = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items() if code != "USD"}


def budget_argument(text: str) -> Budget:
    """'5000', '$5,000', '€4000' -> Budget; a € or £ says the currency, so it is not silently read as dollars."""
    return Budget(amount_argument(text), _SYMBOL_CURRENCY.get(text.strip()[:1]))


def budget_currency(budget: Budget, currency: str | None) -> str:
    """--currency, else the budget's symbol, else USD; a symbol and a --currency that disagree are a mistake."""
    if currency and budget.symbol_currency and currency.upper() != budget.symbol_currency:
        raise CliUsageError(
            f"the budget is written in {budget.symbol_currency} but --currency is {currency}; give one currency"
        )
    return (currency or budget.symbol_currency or "USD").upper()


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


def _review_sla(text: str) -> int:
    """Business days to review a draft: a whole number from 1 to MAX_REVIEW_SLA_DAYS."""
    try:
        days = int(text.strip())
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_REVIEW_SLA_DAYS:
        raise argparse.ArgumentTypeError(
            f"'{text[:20]}' is not a review SLA; write business days from 1 to {MAX_REVIEW_SLA_DAYS}, like 2"
        )
    return days


def run_new(args: argparse.Namespace) -> int:
    form = campaigns.CampaignForm(
        name=args.name,
        channel_id=args.channel,
        owner_user_id=args.owner,
        start_date=args.start,
        end_date=args.end,
        budget=args.budget.amount,
        currency=budget_currency(args.budget, args.currency),
        timezone=args.tz,
        jurisdiction=args.jurisdiction,
        attribution_days=args.attribution_days,
        digest=args.digest,
        review_sla_days=args.review_sla,
    )
    with database(load_settings()) as services:
        campaign = campaigns.create_campaign(
            services.uow(), args.team, form, created_by=args.owner, now=datetime.now(UTC)
        )
    print(
        f"Created {campaign.name}: {campaign.start_date} to {campaign.end_date} ({campaign.timezone}), "
        f"budget {campaign.budget.display()}, orders attributed until {args.attribution_days} days after the end, "
        f"drafts reviewed within {days_text(campaign.review_sla_days)}."
    )
    return 0


def run_edit(args: argparse.Namespace) -> int:
    """Change what is given (the review SLA for now); the rest of the campaign stays as it is."""
    with database(load_settings()) as services:
        edited = campaigns.set_review_sla(services.uow(), args.team, args.name, args.review_sla, actor=args.user)
    campaign = edited.campaign
    if not edited.changes:
        print(f"{campaign.name} is as it was: drafts are reviewed within {days_text(campaign.review_sla_days)}.")
        return 0
    changed = ", ".join(f"{c.label} {c.before} → {c.after}" for c in edited.changes)
    print(f"Changed {campaign.name}: {changed}.")
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
        )
        added = campaigns.add_deliverable(services.uow(), args.team, form, now=args.now or datetime.now(UTC))
    due = added.deliverable.due
    when = due.describe() if due else f"{added.deliverable.due_at:%Y-%m-%d %H:%M} UTC"
    print(
        f"Added @{added.creator.handle} to {added.campaign.name}: {added.deliverable.describe()} on "
        f"{added.creator.platform.value}, due {when}, "
        f"fee {added.creator.fee.display()}."
    )
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
    new.add_argument("--budget", type=budget_argument, default=Budget(Decimal(0), None), help="e.g. 5000 or €4000")
    new.add_argument("--currency", default=None, help="ISO code, e.g. USD, EUR, GBP (default: the budget's, else USD)")
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
    new.add_argument(
        "--review-sla",
        type=_review_sla,
        default=DEFAULT_REVIEW_SLA_DAYS,
        help=f"business days (Mon-Fri) the approvers have to review a draft before they are nudged (default "
        f"{DEFAULT_REVIEW_SLA_DAYS})",
    )
    add_team_argument(new)
    new.set_defaults(func=run_campaign, campaign_func=run_new)

    edit = actions.add_parser("edit", help="change a campaign's review SLA")
    edit.add_argument("name", help="the campaign (a unique start of its name is enough)")
    edit.add_argument(
        "--review-sla", type=_review_sla, required=True, help="business days (Mon-Fri) to review a draft, e.g. 2"
    )
    edit.add_argument("--user", default=LOCAL_USER, help="who edits it: the owner or an approver")
    add_team_argument(edit)
    edit.set_defaults(func=run_campaign, campaign_func=run_edit)

    add = actions.add_parser("add", help="add a creator and a deliverable, with their fee and tracking")
    add.add_argument("name", help="the campaign (a unique start of its name is enough)")
    add.add_argument("handle", help="e.g. @nina")
    add.add_argument("--platform", required=True, choices=[p.value for p in CREATOR_PLATFORMS])
    add.add_argument("--kind", default="post", choices=[k.value for k in DeliverableKind])
    add.add_argument("--count", type=int, default=1)
    add.add_argument("--due", required=True, help='e.g. 2026-12-10, "dec 10 17:00", "friday"')
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
