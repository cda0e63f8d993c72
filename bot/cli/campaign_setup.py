"""`creatorops campaign new|edit|add|pay|digest`: set up a campaign, its creators, their money, how long its
approvers have to review a draft, EMV and when its results digests go out, from the terminal.

The same use cases as /campaign new and the add-creator form, so a team can script a campaign (and an
evaluation can build one) without clicking."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.due import LocalDue
from bot.campaigns.errors import CampaignError, NeedsConfirmation
from bot.campaigns.review_sla import DEFAULT_REVIEW_SLA_DAYS, MAX_REVIEW_SLA_DAYS, days_text
from bot.cli.local import LOCAL_CHANNEL, LOCAL_USER, CliUsageError, add_team_argument, database
from bot.config import load_settings
from bot.metrics.emv import METHODS, OFF, method_of
from bot.services import campaigns, digests, results
from bot.vocabulary import CREATOR_PLATFORMS, CURRENCY_SYMBOLS, MAX_AMOUNT, DeliverableKind, Jurisdiction


def amount_argument(text: str) -> Decimal:
    """'5000', '$5,000', '400.50' -> Decimal; argparse shows the message when it is not an amount."""
    cleaned = text.strip().lstrip("$€£").replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount; write it like 5000 or 400.50") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount; write a number of 0 or more, like 400.50")
    if value > MAX_AMOUNT:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is more than {MAX_AMOUNT:,.2f}; write it like 5000 or 400.50")
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


def in_currency(value: Budget | None, currency: str, what: str) -> Decimal | None:
    """An optional amount typed for a campaign in `currency` (see amount_in)."""
    return None if value is None else amount_in(value, currency, what)


def amount_in(value: Budget, currency: str, what: str) -> Decimal:
    """An amount typed for a campaign in `currency`; a € or £ naming another currency is refused, not converted."""
    if value.symbol_currency and value.symbol_currency != currency:
        raise CliUsageError(
            f"the {what} is written in {value.symbol_currency} but the campaign is in {currency}; "
            f"give it in {currency} (amounts are never converted)"
        )
    return value.amount


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
        emv=args.emv,
    )
    with database(load_settings()) as services:
        campaign = campaigns.create_campaign(
            services.uow(), args.team, form, created_by=args.owner, now=datetime.now(UTC)
        )
    print(
        f"Created {campaign.name}: {campaign.start_date} to {campaign.end_date} ({campaign.timezone}), "
        f"budget {campaign.budget.display()}, orders attributed until {args.attribution_days} days after the end, "
        f"drafts reviewed within {days_text(campaign.review_sla_days)}.{_emv_words(campaign.emv_method, ' ')}"
    )
    return 0


def _emv_words(key: str | None, before: str = "") -> str:
    method = method_of(key)
    return f"{before}EMV by {method.name} (an estimate of media value, not revenue)." if method else ""


def run_edit(args: argparse.Namespace) -> int:
    """Change what is given (the review SLA, EMV); the rest of the campaign stays as it is."""
    if args.review_sla is None and args.emv is None:
        print("creatorops campaign edit: give what to change: --review-sla DAYS and/or --emv METHOD|off")
        return 2
    with database(load_settings()) as services:
        if args.review_sla is not None:
            edited = campaigns.set_review_sla(services.uow(), args.team, args.name, args.review_sla, actor=args.user)
            campaign = edited.campaign
            if edited.changes:
                changed = ", ".join(f"{c.label} {c.before} → {c.after}" for c in edited.changes)
                print(f"Changed {campaign.name}: {changed}.")
            else:
                print(
                    f"{campaign.name} is as it was: drafts are reviewed within {days_text(campaign.review_sla_days)}."
                )
        if args.emv is not None:
            campaign = results.choose_emv(services.uow(), args.team, args.name, args.emv)
            print(f"{campaign.name}: {_emv_words(campaign.emv_method) or 'EMV is off.'}")
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
            fee=in_currency(args.fee, campaign.budget.currency, "fee"),
            gift_value=in_currency(args.gift_value, campaign.budget.currency, "gift value"),
            extra_costs=in_currency(args.extra_costs, campaign.budget.currency, "extra costs"),
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
        campaign = campaigns.find_campaign(services.uow(), args.team, args.name)
        amount = amount_in(args.amount, campaign.budget.currency, "payment")
        payment = results.record_payment(
            services.uow(), args.team, args.name, args.handle, amount, paid_on=args.on, recorded_by=args.user
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
    print(f"Results digests of {plan.campaign.name} {plan.predicate(changed=args.schedule is not None)}.")
    return 0


def run_campaign(args: argparse.Namespace) -> int:
    try:
        return int(args.campaign_func(args))
    except (CampaignError, CliUsageError) as error:
        print(f"creatorops campaign: {error}", file=sys.stderr)
        return 2


EMV_HELP = f"earned media value in reports, by one method: {', '.join(METHODS)}, or {OFF} (the default)"


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
    new.add_argument("--emv", default=OFF, help=EMV_HELP)
    add_team_argument(new)
    new.set_defaults(func=run_campaign, campaign_func=run_new)

    edit = actions.add_parser("edit", help="change a campaign's review SLA or EMV (the rest: /campaign edit in Slack)")
    edit.add_argument("name", help="the campaign (a unique start of its name is enough)")
    edit.add_argument("--review-sla", type=_review_sla, help="business days (Mon-Fri) to review a draft, e.g. 2")
    edit.add_argument("--emv", help=EMV_HELP)
    edit.add_argument("--user", default=LOCAL_USER, help="who edits it: the owner or an approver")
    add_team_argument(edit)
    edit.set_defaults(func=run_campaign, campaign_func=run_edit)

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
    add.add_argument("--fee", type=budget_argument, default=None, help="in the campaign's currency")
    add.add_argument("--gift-value", type=budget_argument, default=None, help="value of gifted product")
    add.add_argument("--extra-costs", type=budget_argument, default=None, help="shipping, usage rights, boosting")
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
    pay.add_argument("amount", type=budget_argument)
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
