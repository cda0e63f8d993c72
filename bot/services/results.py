"""Campaign results use cases: payments now; post metrics, orders and the report build on them."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from pydantic import ValidationError

from bot.campaigns import models as domain
from bot.campaigns.errors import CampaignError
from bot.campaigns.live_check import CheckStatus, ComplianceException, LiveCheck
from bot.campaigns.localtime import zone
from bot.campaigns.payments import Payment
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.states import DeliverableState
from bot.campaigns.workflow import check_member
from bot.metrics import (
    BudgetPlan,
    CampaignResults,
    CreatorTerms,
    DeliverableCounts,
    PastCreator,
    PostObservation,
    TermsError,
    attribution_window,
    campaign_results,
    past_creators,
    plan,
    read_metrics,
    read_orders,
)
from bot.metrics.csv_table import TextInput
from bot.metrics.inputs import COUNT_FIELDS, ObservationSource
from bot.services.campaigns import emv_method, friendly, the_campaign, the_creator
from bot.services.money import campaign_terms, creator_terms
from bot.vetting.rates import PastFee
from bot.vocabulary import Money, Platform
from storage import campaigns as campaign_store
from storage import live_checks as live_check_store
from storage import orders as order_store
from storage import results as store
from storage import vetting as vetting_store
from storage.uow import UnitOfWork


def record_payment(
    uow: UnitOfWork,
    team_id: str,
    campaign_name: str,
    handle: str,
    amount: Decimal,
    *,
    paid_on: date | None,
    recorded_by: str,
    now: datetime | None = None,
) -> Payment:
    """A payment typed in by the team, in the campaign's currency, dated in the campaign's time zone."""
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        creator = the_creator(uow, team_id, campaign, handle)
        day = paid_on or (now or datetime.now(zone(campaign.timezone))).astimezone(zone(campaign.timezone)).date()
        payment = Payment(
            creator_id=creator.id,
            handle=creator.handle,
            amount=Money(amount=amount, currency=campaign.budget.currency),
            paid_on=day,
            recorded_by=recorded_by,
        )
        store.add_payment(uow.session, team_id, int(campaign.id), payment)
        uow.commit()
    return payment


# --- imports ------------------------------------------------------------------------------------------------
@contextmanager
def _collector_paused() -> Iterator[None]:
    """An import makes a few objects per row and keeps them all to the end, while Python's cycle collector walks
    the growing heap again and again: a third of the time of reading 100,000 orders (bench/results_scale.py).
    Reading and storing make no cycles to collect; the collector resumes after. Also a decorator."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class MetricsImported:
    campaign: str
    rows: int
    posts: int
    creators: int


@dataclass(frozen=True)
class OrdersImported:
    campaign: str
    format: str
    read: int
    new: int  # not seen in an earlier import
    voided: int


@_collector_paused()
def import_metrics(uow: UnitOfWork, team_id: str, campaign_name: str, text: TextInput) -> MetricsImported:
    """Post results from a CSV: all rows or none. Rows name creators by handle and platform; a creator who is not
    on the campaign fails the whole import with the rows to fix."""
    observations = read_metrics(text)  # parsing needs no database: done before the transaction
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        creators = campaign_store.campaign_creators(uow.session, team_id, campaign)
        ids = {(c.handle.casefold(), c.platform.value): int(c.id) for c in creators}
        unknown = sorted({f"@{o.handle} ({o.platform.value})" for o in observations} - _known(creators))
        if unknown:
            listed = ", ".join(unknown[:10])
            raise CampaignError(
                f"Nothing was imported: {listed} {'is' if len(unknown) == 1 else 'are'} not on {campaign.name}. "
                f"Add them with `creatorops campaign add` (or /campaign add), or fix the handle in the file."
            )
        readings = [(ids[(o.handle.casefold(), o.platform.value)], o) for o in observations]
        store.save_observations(uow.session, team_id, int(campaign.id), readings)
        uow.commit()
    return MetricsImported(
        campaign=campaign.name,
        rows=len(observations),
        posts=len({o.post_url for o in observations}),
        creators=len({creator_id for creator_id, _ in readings}),
    )


def _known(creators: list[domain.CampaignCreator]) -> set[str]:
    return {f"@{c.handle} ({c.platform.value})" for c in creators} | {
        f"@{c.handle.casefold()} ({c.platform.value})" for c in creators
    }


@_collector_paused()
def import_orders(uow: UnitOfWork, team_id: str, campaign_name: str, text: TextInput) -> OrdersImported:
    """A Shopify orders export or a generic orders CSV; orders already imported (by order id) are kept as they
    were, so importing the same file twice changes nothing."""
    read = read_orders(text)
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        new = order_store.save_orders(uow.session, team_id, int(campaign.id), list(read.orders))
        uow.commit()
    return OrdersImported(
        campaign=campaign.name, format=read.format.value, read=len(read.orders), new=new, voided=len(read.voided)
    )


# --- the report ---------------------------------------------------------------------------------------------
def _creator_terms(uow: UnitOfWork, team_id: str, campaign: domain.Campaign) -> list[CreatorTerms]:
    paid = store.paid_by_creator(uow.session, team_id, [int(campaign.id)])
    creators = campaign_store.campaign_creators(uow.session, team_id, campaign)
    followers = vetting_store.latest_followers(uow.session, team_id, [(c.platform.value, c.handle) for c in creators])
    return [
        creator_terms(creator, paid.get(creator.id, ()), followers.get((creator.platform.value, creator.handle)))
        for creator in creators
    ]


def _deliverable_counts(contexts: list[DeliverableContext], posts_with_results: int) -> DeliverableCounts:
    """Posts booked (dropped ones are not), and live: marked posted, or with results (then it is out there,
    whether or not someone clicked Mark posted)."""
    booked = [c for c in contexts if c.deliverable.state is not DeliverableState.dropped]
    marked = sum(c.deliverable.count for c in booked if c.deliverable.posted_at is not None)
    return DeliverableCounts(planned=sum(c.deliverable.count for c in booked), live=max(marked, posts_with_results))


@dataclass(frozen=True)
class CampaignReport:
    """What a report shows: the numbers, the campaign's deliverables (for what is missing) and the running total
    of views by day (for the line chart)."""

    campaign: domain.Campaign
    results: CampaignResults
    deliverables: tuple[DeliverableContext, ...]
    views_by_day: tuple[tuple[date, int], ...] = ()
    compliance: tuple[ComplianceException, ...] = ()  # live posts whose latest caption check fails
    live_posts: int = 0  # posts live (not dropped)
    live_checked: int = 0  # of them, those whose caption has been read and checked at least once


def campaign_report(
    uow: UnitOfWork, team_id: str, campaign_name: str, *, actor: str | None = None, where: str | None = None
) -> CampaignReport:
    """The campaign's results. From Slack (`actor` set) only its managers, or someone in its channel, may see
    them (`where`: the channel asked from); the terminal is trusted as the database is."""
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        if actor is not None:
            check_member(campaign, actor, in_channel=where == campaign.channel_id, doing="see its results")
        return report_of(uow, team_id, campaign)


def report_of(uow: UnitOfWork, team_id: str, campaign: domain.Campaign) -> CampaignReport:
    """The report of a campaign already found, inside the caller's `with uow:` (the digest's, the command's)."""
    terms = campaign_terms(campaign)
    creators = _creator_terms(uow, team_id, campaign)
    readings = [o for _, o in store.latest_readings(uow.session, team_id, int(campaign.id))]
    # Grouped in the database as attribution would treat them: a few hundred records for any number of orders.
    orders = order_store.campaign_orders(
        uow.session,
        team_id,
        int(campaign.id),
        attribution_window(terms),
        codes={c.code_key for c in creators if c.code_key},
        links={c.link_key for c in creators if c.link_key},
    )
    contexts = campaign_store.campaign_deliverables(uow.session, team_id, int(campaign.id))
    daily = store.views_by_day(uow.session, team_id, int(campaign.id))  # the running total, per day
    try:
        results = campaign_results(
            terms,
            creators,
            readings,
            orders,
            deliverables=_deliverable_counts(contexts, len({r.post_url for r in readings})),
        )
    except TermsError as error:
        raise CampaignError(f"I cannot compute {campaign.name}'s results: {error}.") from None
    checks = live_check_store.latest_checks(uow.session, team_id, int(campaign.id))
    live = [c.deliverable for c in contexts if c.deliverable.post_url and c.deliverable.state is not DEAD]
    read = [d for d in live if (check := checks.get(d.id)) is not None and check.status is CheckStatus.checked]
    return CampaignReport(
        campaign=campaign,
        results=results,
        deliverables=tuple(contexts),
        views_by_day=tuple(daily),
        compliance=compliance_exceptions(contexts, checks),
        live_posts=len(live),
        live_checked=len(read),
    )


DEAD = DeliverableState.dropped  # a dropped deliverable's post is no campaign post any more


def compliance_exceptions(
    contexts: list[DeliverableContext], checks: Mapping[str, LiveCheck]
) -> tuple[ComplianceException, ...]:
    """The live posts (not dropped) whose latest caption check fails the disclosure rules."""
    found = []
    for context in contexts:
        deliverable, check = context.deliverable, checks.get(context.deliverable.id)
        if check is None or not check.failing or not deliverable.post_url:
            continue
        if deliverable.state is DeliverableState.dropped:
            continue
        found.append(
            ComplianceException(
                handle=context.creator.handle,
                platform=context.creator.platform.value,
                kind=deliverable.kind.value,
                post_url=deliverable.post_url,
                check=check,
            )
        )
    return tuple(found)


# --- EMV ------------------------------------------------------------------------------------------------------
def choose_emv(uow: UnitOfWork, team_id: str, campaign_name: str, text: str) -> domain.Campaign:
    """Turn EMV on by one method ('aspire') or off ('off') for a campaign, from the terminal (trusted as the
    database is; in Slack it is a field of /campaign edit)."""
    method = emv_method(text)
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name).model_copy(update={"emv_method": method})
        campaign_store.update_campaign(uow.session, team_id, campaign)
        uow.commit()
    return campaign


# --- results reported from Slack ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportedResults:
    """The numbers someone typed into *Add results* for a live post, by PostObservation's count names
    (COUNT_FIELDS); one left out is unknown, never 0."""

    proof_url: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ResultsAdded:
    deliverable: DeliverableContext
    observation: PostObservation


def _live_post(
    uow: UnitOfWork, team_id: str, deliverable_id: int, *, actor: str, where: str | None
) -> DeliverableContext:
    context = campaign_store.deliverable_context(uow.session, team_id, deliverable_id)
    if context is None:
        raise CampaignError("I can't find that deliverable any more; it may have been removed.")
    check_member(context.campaign, actor, in_channel=where == context.campaign.channel_id, doing="add its results")
    if context.deliverable.post_url is None or context.deliverable.state is DeliverableState.dropped:
        raise CampaignError("It is not live: mark it posted (with its link) first, then add its results.")
    return context


def post_for_results(
    uow: UnitOfWork, team_id: str, deliverable_id: int, *, actor: str, where: str | None = None
) -> DeliverableContext:
    """The live post behind an *Add results* button, if `actor` may add its results from `where`."""
    with uow:
        return _live_post(uow, team_id, deliverable_id, actor=actor, where=where)


@dataclass(frozen=True)
class LivePosts:
    """The live posts *Add results* can take, on a campaign or of one creator on it: those without results
    first."""

    campaign: domain.Campaign
    posts: tuple[DeliverableContext, ...]
    without_results: frozenset[str]  # deliverable ids

    def has_results(self, context: DeliverableContext) -> bool:
        return context.deliverable.id not in self.without_results


def live_posts(
    uow: UnitOfWork, team_id: str, campaign_name: str, handle: str | None, *, actor: str, where: str | None = None
) -> LivePosts:
    """For `/campaign results NAME [@handle]`: the same people as the *Add results* button may ask."""
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        check_member(campaign, actor, in_channel=where == campaign.channel_id, doing="add its results")
        creator_id = the_creator(uow, team_id, campaign, handle).id if handle else None
        live = [
            c
            for c in campaign_store.campaign_deliverables(uow.session, team_id, int(campaign.id))
            if c.deliverable.post_url
            and c.deliverable.state is not DeliverableState.dropped
            and creator_id in (None, c.creator.id)
        ]
        counted = {o.post_url for _, o in store.latest_readings(uow.session, team_id, int(campaign.id))}
    missing = frozenset(c.deliverable.id for c in live if c.deliverable.post_url not in counted)
    live.sort(key=lambda c: (c.deliverable.id not in missing, c.creator.handle.casefold()))
    return LivePosts(campaign, tuple(live), missing)


def add_post_results(
    uow: UnitOfWork,
    team_id: str,
    deliverable_id: int,
    reported: ReportedResults,
    *,
    actor: str,
    now: datetime,
    where: str | None = None,
) -> ResultsAdded:
    """A reading of a live post as its creator reported it (with a screenshot), stored beside imported ones:
    the report counts the post's latest reading. For the campaign's channel and its managers (`where`: the
    channel the button was clicked in)."""
    try:
        proof = domain.https_link(reported.proof_url, "screenshot link")
    except ValueError as error:
        raise CampaignError(f"The {str(error).removeprefix('the ')}.") from None
    if proof is None:
        raise CampaignError("Add the link to a screenshot of the numbers, so the team can check them.")
    if not reported.counts or not set(reported.counts) <= set(COUNT_FIELDS):
        raise CampaignError("Type at least one number; leave the ones you do not have empty.")
    with uow:
        context = _live_post(uow, team_id, deliverable_id, actor=actor, where=where)
        campaign, deliverable = context.campaign, context.deliverable
        try:
            observation = PostObservation(
                post_url=deliverable.post_url or "",
                handle=context.creator.handle,
                platform=context.creator.platform,
                observed_at=now,
                source=ObservationSource.creator,
                proof_url=proof,
                **reported.counts,
            )
        except ValidationError as error:  # a negative count, from a caller that skipped the form
            raise CampaignError(friendly(error)) from None
        store.save_observations(uow.session, team_id, int(campaign.id), [(int(context.creator.id), observation)])
        uow.commit()
    return ResultsAdded(context, observation)


# --- the budget planner ---------------------------------------------------------------------------------------
PLANNER_CAMPAIGNS = 20  # the newest finished campaigns the planner learns from: enough, and a bounded read


def budget_plan(
    uow: UnitOfWork, team_id: str | None, budget: Money, platform: Platform, *, now: datetime
) -> BudgetPlan:
    """One micro creator against ten nano for `budget`, from the tier benchmarks — and, once the team has
    finished campaigns with results (`team_id` given), from its own creators' numbers (bot.metrics.planner); the
    fee per post against the fair rate, with the team's own fees (the /vet card's function)."""
    history: list[PastCreator] = []
    fees: list[PastFee] = []
    if team_id is not None:
        with uow:
            fees = vetting_store.past_fees(uow.session, team_id, platform.value)
            finished = [
                c
                for c in campaign_store.list_campaigns(uow.session, team_id)
                if c.end_date < now.astimezone(zone(c.timezone)).date()
            ]
            finished.sort(key=lambda c: c.end_date, reverse=True)
            for campaign in finished[:PLANNER_CAMPAIGNS]:
                try:
                    history += past_creators(report_of(uow, team_id, campaign).results)
                except CampaignError:  # a campaign whose terms cannot be computed teaches nothing
                    continue
    return plan(budget, platform, history, past_fees=fees)
