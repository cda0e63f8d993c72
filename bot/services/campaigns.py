"""Campaign use cases for Slack handlers and the CLI: the domain (bot.campaigns) decides, storage keeps.

Each public function is one unit of work: it commits once, or not at all. Errors are CampaignError
subclasses whose text is a friendly sentence a Slack reply shows as it is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import islice

from pydantic import ValidationError

from bot.campaigns import models as domain
from bot.campaigns.booking_checks import booking_warnings
from bot.campaigns.deadlines import Phase, deadline_in_effect
from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.dispatch_kinds import LIVE_RECHECK, METRICS_REFRESH
from bot.campaigns.due import LocalDue
from bot.campaigns.due_input import parse_due
from bot.campaigns.edits import Change, campaign_changes, creator_changes, digest_timing_changed
from bot.campaigns.errors import CampaignError, NeedsConfirmation
from bot.campaigns.live_check import LiveCheck, recheck_at
from bot.campaigns.localtime import check_timezone, zone
from bot.campaigns.payments import Payment, outstanding_fee
from bot.campaigns.post_links import PLATFORM_NAMES, InvalidPostLink, check_post_link, post_key, read_post_link
from bot.campaigns.post_refresh import plan_refreshes
from bot.campaigns.read_models import CampaignBoard, CampaignMoney, CampaignSummary, ClaimedPost, DeliverableContext
from bot.campaigns.reminder_plan import PlannedReminder, ReminderKind, plan_for
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.reminder_text import deadline_text
from bot.campaigns.review_sla import DEFAULT_REVIEW_SLA_DAYS
from bot.campaigns.snooze import Upcoming, snooze_target
from bot.campaigns.states import DeliverableState, needs_reminders
from bot.campaigns.workflow import Transition, apply_transition, check_manager, check_member, managers
from bot.metrics.emv import emv_choice
from bot.metrics.errors import TermsError
from bot.services.digest_plan import plan_campaign_digests
from bot.services.golive import approval_row, golive_rows
from bot.services.money import has_money, money_of
from bot.services.review_nudges import follow_review, replan_reviews
from bot.sources.errors import SourceError
from bot.sources.short_links import LinkNotFollowed, follow_short_link
from bot.vocabulary import CAMPAIGN_CURRENCIES, Money, Platform, as_utc, kind_on_platform, money_or_none
from storage import campaigns as store
from storage import drafts as draft_store
from storage import live_checks as live_check_store
from storage import reminders as reminder_store
from storage import results as result_store
from storage import vetting as vet_store
from storage.reminder_replan import SNOOZE_MARK, replan_pending
from storage.reminders import PlannedRow
from storage.reminders import snooze as snooze_reminders
from storage.uow import UnitOfWork

logger = logging.getLogger(__name__)

POSTABLE = (DeliverableState.approved, DeliverableState.scheduled)


class CampaignNotFound(CampaignError):
    pass


class VerifyNeedsConfirmation(CampaignError):
    """*Verify* on a live post whose latest caption check is not clear (failed, could not run, or never ran): a
    person must confirm they looked at the post."""

    def __init__(self, context: DeliverableContext, check: LiveCheck | None) -> None:
        super().__init__("Its live caption check is not clear: open the post and confirm you checked it.")
        self.context = context
        self.check = check


def friendly(error: ValidationError) -> str:
    """A pydantic error as one sentence: the first problem, in words."""
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    field = ".".join(str(part) for part in first["loc"])  # none: a rule across fields, whose message says which
    return f"{field.replace('_', ' ')}: {message}" if field else message


def reminder_rows(planned: list[PlannedReminder], version: int) -> list[PlannedRow]:
    # The version in the key: after a deadline moves, a new reminder never collides with a cancelled one.
    return [
        PlannedRow(
            kind=r.kind.value, fire_at=r.fire_at, idempotency_key=f"{r.key}:v{version}", audience=r.audience.value
        )
        for r in planned
    ]


# --- campaigns ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CampaignForm:
    name: str
    channel_id: str
    owner_user_id: str
    start_date: date
    end_date: date
    budget: Decimal = Decimal(0)
    currency: str = "USD"
    timezone: str = "UTC"
    jurisdiction: str = "US"
    approver_user_ids: tuple[str, ...] = ()
    reminder_policy: ReminderPolicy | None = None
    attribution_days: int = 30
    digest: DigestSchedule = DigestSchedule()  # when results go to the channel: weekly, and a final report
    review_sla_days: int = DEFAULT_REVIEW_SLA_DAYS  # business days to review a draft before the approvers are nudged
    emv: str | None = None  # the one EMV method, as typed ('aspire'); None or 'off': no EMV
    required_tags: str | None = None  # tags and handles every draft's caption must carry
    legal_approver_user_ids: tuple[str, ...] = ()  # a legal review step after the brand's approval


def emv_method(text: str | None) -> str | None:
    """The EMV method's key from what was typed or picked, None for off; a wrong name in words."""
    try:
        return emv_choice(text)
    except TermsError as error:
        raise CampaignError(f"{str(error)[:1].upper()}{str(error)[1:]}.") from None


def create_campaign(
    uow: UnitOfWork, team_id: str, form: CampaignForm, *, created_by: str, now: datetime | None = None
) -> domain.Campaign:
    """The campaign and its results digests (planned from `now`, the service's clock), in one commit."""
    now = now or datetime.now(UTC)
    if form.currency.upper() not in CAMPAIGN_CURRENCIES:
        shown = form.currency[:8]
        raise CampaignError(
            f"'{shown}' is not a currency a campaign can be in; pick one of {', '.join(CAMPAIGN_CURRENCIES)}."
        )
    try:
        checked = domain.Campaign(
            team_id=team_id,
            name=form.name.strip(),
            channel_id=form.channel_id,
            owner_user_id=form.owner_user_id,
            approver_user_ids=form.approver_user_ids,
            budget=Money(amount=form.budget, currency=form.currency),
            timezone=form.timezone,
            start_date=form.start_date,
            end_date=form.end_date,
            jurisdiction=form.jurisdiction,
            reminder_policy=form.reminder_policy or ReminderPolicy(),
            attribution_days=form.attribution_days,
            digest=form.digest,
            review_sla_days=form.review_sla_days,
            emv_method=emv_method(form.emv),
            required_tags=form.required_tags,
            legal_approver_user_ids=form.legal_approver_user_ids,
        )
    except ValidationError as error:
        raise CampaignError(friendly(error)) from None
    with uow:
        try:
            campaign = store.add_campaign(uow.session, checked, created_by=created_by)
        except store.DuplicateName:
            raise CampaignError(f"There is already a campaign called {checked.name}; pick another name.") from None
        plan_campaign_digests(uow, campaign, now=now)
        uow.commit()
    return campaign


def the_campaign(uow: UnitOfWork, team_id: str, name: str) -> domain.Campaign:
    """The one campaign `name` names (whole, or a unique start); else a message that helps to pick it."""
    matches = store.matching_campaigns(uow.session, team_id, name)
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(c.name for c in matches[:10])
        raise CampaignNotFound(f"'{name}' matches {len(matches)} campaigns: {names}. Type more of the name.")
    names = ", ".join(c.name for c in store.list_campaigns(uow.session, team_id)) or "none yet"
    raise CampaignNotFound(f"No campaign matches '{name}'. Campaigns: {names}. Create one with /campaign new.")


def find_campaign(uow: UnitOfWork, team_id: str, name: str) -> domain.Campaign:
    with uow:
        return the_campaign(uow, team_id, name)


PICKABLE = 100  # Slack shows at most 100 options in a select menu
MAX_NAME = 100  # a campaign name's length: longer typed text matches nothing


def campaigns_to_pick(
    uow: UnitOfWork, team_id: str, typed: str, now: datetime, *, limit: int = PICKABLE
) -> list[domain.Campaign]:
    """Open campaigns whose name contains what was typed (ignoring case), newest first, at most `limit`."""
    # A day's margin: the SQL cannot read each campaign's zone, and no zone is more than a day from UTC.
    ending_from = (as_utc(now) - timedelta(days=1)).date()
    with uow:
        found = store.campaigns_named_like(uow.session, team_id, typed[:MAX_NAME], ending_from=ending_from)
        return list(islice((c for c in found if c.is_open(now)), limit))


def campaign_by_id(uow: UnitOfWork, team_id: str, campaign_id: int) -> domain.Campaign | None:
    """The workspace's campaign with this id; None when there is none (or it is another workspace's)."""
    with uow:
        return store.get_campaign(uow.session, team_id, campaign_id)


def list_campaigns(uow: UnitOfWork, team_id: str) -> list[domain.Campaign]:
    with uow:
        return store.list_campaigns(uow.session, team_id)


LISTED = 45  # campaigns `/campaign list` shows (a message holds 50 blocks); their money is summed, no more
HOME_CAMPAIGNS = 20  # campaigns the App Home lists


def campaign_summaries(
    uow: UnitOfWork, team_id: str, now: datetime, *, actor: str | None = None, where: str | None = None
) -> list[CampaignSummary]:
    """Every campaign with its open and overdue deliverables, for `/campaign list`; the first LISTED with their
    spend against budget. From Slack (`actor` set) the money only of the campaigns whose board the asker may see
    (theirs to manage, or asked from their channel)."""
    with uow:
        summaries = store.campaign_summaries(uow.session, team_id, now)
        shown = [s.campaign for s in summaries[:LISTED] if actor is None or _sees_money(s.campaign, actor, where)]
        money = money_of(uow, team_id, shown)
    return [replace(s, money=money.get(s.campaign.id)) for s in summaries]


def _sees_money(campaign: domain.Campaign, actor: str, where: str | None) -> bool:
    return actor in managers(campaign) or where == campaign.channel_id


def _board(uow: UnitOfWork, team_id: str, campaign: domain.Campaign, now: datetime) -> CampaignBoard:
    contexts = store.campaign_deliverables(uow.session, team_id, int(campaign.id))
    checks = live_check_store.latest_checks(uow.session, team_id, int(campaign.id))
    return CampaignBoard.of(campaign, contexts, now, money_of(uow, team_id, [campaign]).get(campaign.id), checks)


def campaign_board(
    uow: UnitOfWork,
    team_id: str,
    name: str,
    now: datetime,
    *,
    actor: str | None = None,
    where: str | None = None,
) -> CampaignBoard:
    """A campaign's deliverables as `/campaign show <name>` groups them (overdue, coming up, done), with its money.
    From Slack (`actor` set) it shows each creator's fee and payments, so, like the results, only to the campaign's
    managers or someone in its channel (`where`: the channel asked from); the terminal is trusted."""
    with uow:
        campaign = the_campaign(uow, team_id, name)
        if actor is not None:
            check_member(campaign, actor, in_channel=where == campaign.channel_id, doing="see its board and money")
        return _board(uow, team_id, campaign, now)


def board_of(uow: UnitOfWork, team_id: str, campaign_id: str, now: datetime) -> CampaignBoard:
    """The board of the campaign a deliverable belongs to, after one of its buttons was pressed."""
    with uow:
        campaign = store.get_campaign(uow.session, team_id, int(campaign_id))
        if campaign is None:
            raise CampaignNotFound("That campaign no longer exists.")
        return _board(uow, team_id, campaign, now)


@dataclass(frozen=True)
class HomeOverview:
    """The App Home: the user's campaigns with their money (by campaign id) and the workspace's next deadlines."""

    mine: list[domain.Campaign]
    deadlines: list[DeliverableContext]
    money: dict[str, CampaignMoney] = field(default_factory=dict)


def home_overview(uow: UnitOfWork, team_id: str, user_id: str, *, limit: int = 10) -> HomeOverview:
    with uow:
        campaigns = store.list_campaigns(uow.session, team_id)
        deadlines = store.upcoming_deadlines(uow.session, team_id, limit=limit)
        mine = [c for c in campaigns if c.owner_user_id == user_id or user_id in c.approver_user_ids]
        money = money_of(uow, team_id, mine[:HOME_CAMPAIGNS])
    return HomeOverview(mine=mine, deadlines=deadlines, money=money)


# --- creators and deliverables --------------------------------------------------------------------------
@dataclass(frozen=True)
class DeliverableForm:
    campaign_id: int
    handle: str
    platform: str
    kind: str
    due_text: str  # the go-live date
    count: int = 1  # booked as this many deliverables of one each, every one tracked on its own
    fee: Decimal | None = None
    exclusivity: bool = False
    usage_rights: str | None = None
    max_revision_rounds: int = 2
    gift_value: Decimal | None = None
    extra_costs: Decimal | None = None
    discount_code: str | None = None
    tracking_link: str | None = None
    draft_due_text: str | None = None  # when the draft is due for review; None: no separate draft date
    timezone: str | None = None  # the creator's own zone (None: as before, else the campaign's)
    confirmed: bool = False  # the person saw the warnings (dates, duplicates, an Avoid verdict) and goes on


def _checked_kind(kind: str, platform: str) -> str:
    try:
        return kind_on_platform(kind, platform).value
    except ValueError as error:
        raise CampaignError(f"{str(error)[:1].upper()}{str(error)[1:]}.") from None


def _creator_zone(form_zone: str | None, known: domain.CampaignCreator | None, campaign: domain.Campaign) -> str:
    if form_zone and form_zone.strip():
        return check_timezone(form_zone)
    return known.zone_in(campaign) if known else campaign.timezone


def _known_creator(
    uow: UnitOfWork, team_id: str, campaign: domain.Campaign, handle: str, platform: str
) -> domain.CampaignCreator | None:
    wanted = handle.strip().lstrip("@").casefold()
    creators = store.campaign_creators(uow.session, team_id, campaign)
    return next((c for c in creators if c.handle.casefold() == wanted and c.platform.value == platform), None)


def add_deliverables(
    uow: UnitOfWork,
    team_id: str,
    form: DeliverableForm,
    *,
    now: datetime,
    dry_run: bool = False,
    actor: str | None = None,
) -> list[DeliverableContext]:
    """The creator on the campaign (added or updated) and `form.count` deliverables of one each, with their
    reminders: all or nothing. Unless `form.confirmed`, raises NeedsConfirmation (nothing written) when a due
    date is outside the campaign's dates, the creator has that kind booked already, or their last /vet said
    Avoid. From Slack (`actor` set) only the campaign's owner and approvers may book: a booking sets a fee and
    terms (an existing creator's too), as editing them does; the terminal is trusted as the database is."""
    with uow:
        campaign = store.get_campaign(uow.session, team_id, form.campaign_id)
        if campaign is None:
            raise CampaignNotFound("That campaign no longer exists; pick another one.")
        if actor is not None:
            check_manager(campaign, actor, doing=f"book creators on {campaign.name}")
        kind = _checked_kind(form.kind, form.platform)
        known = _known_creator(uow, team_id, campaign, form.handle, form.platform)
        tz = _creator_zone(form.timezone, known, campaign)
        due = parse_due(form.due_text, tz=tz, now=now)
        draft_text = (form.draft_due_text or "").strip()
        draft_due = parse_due(draft_text, tz=tz, now=now) if draft_text else None
        if not 1 <= form.count <= MAX_SPLIT:
            raise CampaignError(f"Book between 1 and {MAX_SPLIT} at a time (each one is tracked on its own).")
        try:
            creator = domain.CampaignCreator(
                campaign_id=campaign.id,
                handle=form.handle,
                platform=form.platform,
                fee=Money(amount=form.fee or Decimal(0), currency=campaign.budget.currency),
                terms=domain.CreatorTerms(
                    exclusivity=form.exclusivity,
                    usage_rights=form.usage_rights or False,
                    max_revision_rounds=form.max_revision_rounds,
                ),
                gift_value=money_or_none(form.gift_value, campaign.budget.currency),
                extra_costs=money_or_none(form.extra_costs, campaign.budget.currency),
                discount_code=form.discount_code,
                tracking_link=form.tracking_link,
                timezone=tz if tz != campaign.timezone else None,
            )
            draft = domain.Deliverable.due_from(due, draft_due, campaign_id=campaign.id, creator_id="new", kind=kind)
        except ValidationError as error:
            raise CampaignError(friendly(error)) from None
        if not form.confirmed:
            booked = store.campaign_deliverables(uow.session, team_id, int(campaign.id))
            last = vet_store.last_vet(uow.session, team_id, creator.platform.value, creator.handle)
            warnings = booking_warnings(campaign, creator, draft, booked, last)
            if warnings:
                raise NeedsConfirmation(warnings)
        if dry_run:
            return []
        creator_id = store.add_creator(
            uow.session,
            team_id,
            form.campaign_id,
            handle=creator.handle.lower(),
            platform=creator.platform.value,
            fee=form.fee,
            exclusivity=form.exclusivity,
            usage_rights=form.usage_rights,
            max_revision_rounds=form.max_revision_rounds,
            timezone=creator.timezone,
            **_money_terms(creator),
        )
        added = [_book(uow, team_id, campaign, creator_id, draft, now=now) for _ in range(form.count)]
        uow.commit()
    return added


MAX_SPLIT = 20  # deliverables booked at once ("3 stories" is three); more is a typo more often than a plan


def add_deliverable(uow: UnitOfWork, team_id: str, form: DeliverableForm, *, now: datetime) -> DeliverableContext:
    """add_deliverables for one: the first deliverable booked."""
    return add_deliverables(uow, team_id, form, now=now)[0]


def booking_check(
    uow: UnitOfWork, team_id: str, form: DeliverableForm, *, now: datetime, actor: str | None = None
) -> tuple[str, ...]:
    """What add_deliverables would ask to confirm for this form, without writing anything: the add-creator form
    shows it before it closes. Refusals (a kind the platform lacks, an unreadable date, someone who may not book
    on the campaign) raise CampaignError."""
    try:
        add_deliverables(uow, team_id, replace(form, confirmed=False), now=now, dry_run=True, actor=actor)
    except NeedsConfirmation as asked:
        return asked.warnings
    return ()


def _book(
    uow: UnitOfWork,
    team_id: str,
    campaign: domain.Campaign,
    creator_id: int,
    draft: domain.Deliverable,
    *,
    now: datetime,
) -> DeliverableContext:
    """One deliverable row and its reminders, in the caller's unit of work."""
    deliverable_id = store.add_deliverable(
        uow.session,
        team_id,
        campaign_id=int(campaign.id),
        creator_id=creator_id,
        kind=draft.kind.value,
        count=1,
        due_at=draft.due_at,
        due_local=draft.due.model_dump(mode="json") if draft.due else None,
        draft_due_at=draft.draft_due_at,
        draft_due_local=draft.draft_due.model_dump(mode="json") if draft.draft_due else None,
        state=draft.state.value,
    )
    planned = plan_for(draft.model_copy(update={"id": str(deliverable_id)}), campaign, now=now)
    store.plan_reminders(
        uow.session,
        team_id,
        campaign_id=int(campaign.id),
        deliverable_id=deliverable_id,
        version=draft.version,
        plan=reminder_rows(planned, draft.version)
        + golive_rows(draft.model_copy(update={"id": str(deliverable_id)}), campaign, now=now, version=draft.version),
    )
    return _load(uow, team_id, deliverable_id)


def the_creator(uow: UnitOfWork, team_id: str, campaign: domain.Campaign, handle: str) -> domain.CampaignCreator:
    """The campaign's creator of that handle, or of the one handle that starts so (ignoring case and a leading
    @, as the Slack commands read it); else a message listing the creators to pick from."""
    wanted = handle.strip().lstrip("@").casefold()
    creators = store.campaign_creators(uow.session, team_id, campaign)
    found = [c for c in creators if c.handle.casefold() == wanted]
    if not found and wanted:
        found = [c for c in creators if c.handle.casefold().startswith(wanted)]
        if len({c.handle.casefold() for c in found}) > 1:
            several = ", ".join(f"@{c.handle}" for c in found[:20])
            raise CampaignError(f"@{wanted} could be {several} on {campaign.name}: type more of the handle.")
    if len(found) == 1:
        return found[0]
    on = ", ".join(f"@{c.handle} ({c.platform.value})" for c in creators[:20]) or "none yet"
    if found:
        raise CampaignError(f"@{found[0].handle} is on {campaign.name} on several platforms; creators: {on}.")
    raise CampaignError(f"@{wanted} is not on {campaign.name}. Creators: {on}.")


def _money_terms(creator: domain.CampaignCreator) -> dict[str, object]:
    """The creator's money and conversion terms as stored; what the form left empty is kept as it was."""
    fields = {
        "gift_value": creator.gift_value.amount if creator.gift_value else None,
        "extra_costs": creator.extra_costs.amount if creator.extra_costs else None,
        "discount_code": creator.discount_code,
        "tracking_link": creator.tracking_link,
    }
    return {key: value for key, value in fields.items() if value is not None}


def _load(uow: UnitOfWork, team_id: str, deliverable_id: int) -> DeliverableContext:
    context = store.deliverable_context(uow.session, team_id, deliverable_id)
    if context is None:
        raise CampaignNotFound("I can't find that deliverable any more; it may have been removed.")
    return context


def get_deliverable(uow: UnitOfWork, team_id: str, deliverable_id: int) -> DeliverableContext:
    with uow:
        return _load(uow, team_id, deliverable_id)


def _save(
    uow: UnitOfWork,
    team_id: str,
    read: domain.Deliverable,
    *,
    values: dict[str, object],
    transition: Transition | None = None,
    note: str | None = None,
) -> None:
    """Write a change only if the deliverable is as we read it; else say someone beat us to it."""
    try:
        store.update_deliverable(uow.session, team_id, read, values=values, transition=transition, note=note)
    except store.StateChanged:
        raise CampaignError(
            "Someone else changed this deliverable a moment ago; here is where it stands now."
        ) from None


def _move(
    uow: UnitOfWork,
    team_id: str,
    context: DeliverableContext,
    target: DeliverableState,
    *,
    actor: str,
    now: datetime,
    where: str | None,
    post_url: str | None = None,
    note: str | None = None,
) -> DeliverableContext:
    """One checked step of the state machine, written with its audit record; reminders stop once closed."""
    updated, record = apply_transition(
        context.deliverable,
        target,
        actor_user_id=actor,
        at=now,
        max_revision_rounds=context.creator.terms.max_revision_rounds,
        campaign=context.campaign,
        in_channel=_in_channel(context, where),
    )
    values: dict[str, object] = {
        "state": updated.state.value,
        "revision_rounds": updated.revision_rounds,
        "posted_at": updated.posted_at,
    }
    if post_url:
        values["post_url"] = post_url
    # From waiting for the draft to reviewing it (or back): reminders now count towards the other deadline.
    switched = needs_reminders(updated.state) and deadline_in_effect(updated) != deadline_in_effect(context.deliverable)
    if switched:
        updated = updated.model_copy(update={"version": updated.version + 1})
        values["version"] = updated.version
    _save(uow, team_id, context.deliverable, values=values, transition=record, note=note or post_url)
    if switched:
        _replan(uow, team_id, context, updated, now)
    follow_review(uow, team_id, context, updated, record.at)  # a draft in review: its approvers' nudges
    if not needs_reminders(updated.state):
        store.cancel_reminders(uow.session, team_id, int(context.deliverable.id))
    if updated.state is DeliverableState.live and updated.posted_at and (post_url or updated.post_url):
        _plan_refreshes(uow, team_id, context, updated.posted_at)
    if updated.state is DeliverableState.dropped:
        store.cancel_refreshes(uow.session, team_id, int(context.deliverable.id))
    if updated.state is DeliverableState.paid:
        _pay_outstanding_fee(uow, team_id, context, actor=actor, now=now)
    if updated.state is DeliverableState.approved:  # the go-live disclosure reminder, posted by the dispatcher
        _plan(uow, team_id, context, [approval_row(context.deliverable, now=now)])
    return _load(uow, team_id, int(context.deliverable.id))


def _plan(uow: UnitOfWork, team_id: str, context: DeliverableContext, rows: list[PlannedRow]) -> None:
    """Rows for the dispatcher about this deliverable, at its current version."""
    store.plan_reminders(
        uow.session,
        team_id,
        campaign_id=int(context.campaign.id),
        deliverable_id=int(context.deliverable.id),
        version=context.deliverable.version,
        plan=rows,
    )


def _plan_refreshes(uow: UnitOfWork, team_id: str, context: DeliverableContext, posted_at: datetime) -> None:
    """Live with its link: the post's public numbers are read back 1, 7 and 30 days on (bot.campaigns.post_refresh),
    and its caption checked again a day on (bot.campaigns.live_check)."""
    _plan(
        uow,
        team_id,
        context,
        [
            PlannedRow(kind=METRICS_REFRESH, fire_at=refresh.fire_at, idempotency_key=refresh.key)
            for refresh in plan_refreshes(context.deliverable.id, posted_at)
        ]
        + [PlannedRow(LIVE_RECHECK, *recheck_at(context.deliverable.id, posted_at))],  # its caption read again a day on
    )


def _pay_outstanding_fee(
    uow: UnitOfWork, team_id: str, context: DeliverableContext, *, actor: str, now: datetime
) -> Payment | None:
    """When a deliverable is marked paid: record what is left of the creator's fee (nothing when it is settled).

    Runs inside the caller's unit of work, so the state change and the payment are one transaction."""
    campaign, creator = context.campaign, context.creator
    paid = result_store.payments(uow.session, team_id, int(campaign.id), int(creator.id))
    left = outstanding_fee(creator.fee, paid)
    if left.amount <= 0:
        return None
    payment = Payment(
        creator_id=creator.id,
        handle=creator.handle,
        amount=left,
        paid_on=now.astimezone(zone(campaign.timezone)).date(),
        recorded_by=actor,
        deliverable_id=context.deliverable.id,
    )
    result_store.add_payment(uow.session, team_id, int(campaign.id), payment)
    return payment


def _in_channel(context: DeliverableContext, where: str | None) -> bool:
    """Whether the click came from the campaign's own channel (whoever sees its messages works on it)."""
    return where is not None and where == context.campaign.channel_id


def _check_member(context: DeliverableContext, actor: str, where: str | None, doing: str) -> None:
    check_member(context.campaign, actor, in_channel=_in_channel(context, where), doing=doing)


def move(
    uow: UnitOfWork,
    team_id: str,
    deliverable_id: int,
    target: str,
    *,
    actor: str,
    now: datetime,
    where: str | None = None,
    looked: bool = False,
) -> DeliverableContext:
    """Move a deliverable to `target`, checked by the state machine and by who may (see workflow.authorize);
    `where`: the channel the click came from. To `verified` only when the live post's latest caption check is
    clear, or `looked`: a person confirmed they checked the post (recorded with the move)."""
    try:
        wanted = DeliverableState(target)
    except ValueError:
        raise CampaignError("This button is broken; run /campaign show again.") from None
    with uow:
        if wanted in (DeliverableState.approved, DeliverableState.changes_requested):
            _decided_on_its_card(uow, team_id, deliverable_id)
        context = _load(uow, team_id, deliverable_id)
        note = None
        if wanted is DeliverableState.verified:
            note = _verify_note(uow, team_id, context, actor=actor, now=now, where=where, looked=looked)
        moved = _move(uow, team_id, context, wanted, actor=actor, now=now, where=where, note=note)
        uow.commit()
    return moved


UNDO_DROP = timedelta(days=1)


def undo_drop(
    uow: UnitOfWork, team_id: str, deliverable_id: int, *, actor: str, now: datetime, where: str | None = None
) -> DeliverableContext:
    """Put a dropped deliverable back where it was, within UNDO_DROP of the drop, by those who may drop it; its
    reminders are planned again from `now` (the ones it missed meanwhile are not sent late)."""
    with uow:
        context = _load(uow, team_id, deliverable_id)
        deliverable = context.deliverable
        check_manager(context.campaign, actor, doing="undo a drop")
        if deliverable.state is not DeliverableState.dropped:
            raise CampaignError(
                f"It is not dropped: it is {deliverable.state.label.lower()}, so there is nothing to undo."
            )
        history = store.transitions(uow.session, team_id, deliverable_id)
        drop = next((t for t in reversed(history) if t.to_state == DeliverableState.dropped.value), None)
        if drop is None:
            raise CampaignError("I can't tell what it was before it was dropped; add it again with /campaign add.")
        if as_utc(now) - as_utc(drop.at) > UNDO_DROP:
            raise CampaignError(
                f"It was dropped {drop.at:%Y-%m-%d %H:%M} UTC, more than a day ago: too late to undo. "
                f"Add it again with /campaign add."
            )
        back = DeliverableState(drop.from_state)
        restored = deliverable.model_copy(update={"state": back, "version": deliverable.version + 1})
        record = Transition(
            deliverable_id=deliverable.id, from_state=deliverable.state, to_state=back, actor_user_id=actor, at=now
        )
        values: dict[str, object] = {"state": back.value, "version": restored.version}
        _save(uow, team_id, deliverable, values=values, transition=record, note="undo drop")
        if needs_reminders(back):
            _replan(uow, team_id, context, restored, now)
        undone = _load(uow, team_id, deliverable_id)
        uow.commit()
    return undone


def _verify_note(
    uow: UnitOfWork,
    team_id: str,
    context: DeliverableContext,
    *,
    actor: str,
    now: datetime,
    where: str | None,
    looked: bool,
) -> str:
    """What verified the post, for its audit record: the clear live check, or a person who looked at it."""
    apply_transition(  # who may and from where first: a confirmation is asked only of someone who may verify
        context.deliverable,
        DeliverableState.verified,
        actor_user_id=actor,
        at=now,
        max_revision_rounds=context.creator.terms.max_revision_rounds,
        campaign=context.campaign,
        in_channel=_in_channel(context, where),
    )
    check = live_check_store.latest_check(uow.session, team_id, int(context.deliverable.id))
    if check is not None and check.clear:
        return f"live check {check.verdict.value if check.verdict else ''} from {check.source}".strip()
    if not looked:
        raise VerifyNeedsConfirmation(context, check)
    seen = f"{check.status.value}{f' {check.verdict.value}' if check.verdict else ''}" if check else "no check"
    return f"checked by hand by {actor} (live check: {seen})"


def _decided_on_its_card(uow: UnitOfWork, team_id: str, deliverable_id: int) -> None:
    """A deliverable with a submitted draft is decided on its draft's review card, where the decision is recorded
    with the version and its reasons; a bare state change would approve content nobody looked at."""
    latest = draft_store.latest_version(uow.session, team_id, deliverable_id)
    if latest is not None:
        raise CampaignError(
            f"Decide on {latest.name} of this draft on its review card in the campaign's channel: the decision is "
            "recorded with the version and its reasons there."
        )


def check_postable(context: DeliverableContext) -> None:
    """A post goes live after its draft is approved; say what is missing otherwise."""
    deliverable = context.deliverable
    if deliverable.state is DeliverableState.dropped:
        raise CampaignError("It was dropped; there is nothing to mark posted.")
    if deliverable.posted_at is not None:
        where = f" at {deliverable.post_url}" if deliverable.post_url else ""
        raise CampaignError(f"It is already {deliverable.state.label.lower()}{where}.")
    if deliverable.state not in POSTABLE:
        label = deliverable.state.label.lower()
        raise CampaignError(
            f"It is {label}, not approved yet: approve the draft first (/campaign show {context.campaign.name}), "
            "then mark it posted."
        )


def postable_deliverable(
    uow: UnitOfWork, team_id: str, deliverable_id: int, *, actor: str, where: str | None = None
) -> DeliverableContext:
    """The deliverable behind a *Mark posted* button, if `actor` may mark it posted now."""
    with uow:
        context = _load(uow, team_id, deliverable_id)
    _check_member(context, actor, where, "mark it posted")
    check_postable(context)
    return context


def mark_posted(
    uow: UnitOfWork,
    team_id: str,
    deliverable_id: int,
    *,
    url: str,
    actor: str,
    now: datetime,
    where: str | None = None,
    follow: Callable[[str], str] = follow_short_link,
    owner_check: OwnerCheck | None = None,
) -> DeliverableContext:
    """Approved (or scheduled) -> live with its link, through `scheduled` so the audit trail has every step;
    both steps in one transaction. The link must be the creator's post on the deliverable's platform; a short
    link is followed first (`follow`: network, so before the transaction, and after the listener's ack), and
    `owner_check` asks the platform whether the post is the creator's where its API can tell."""
    link = read_post_link(url)
    if link.needs_following:
        url = _followed(link.url, follow)
    if owner_check is not None:
        _check_owner(get_deliverable(uow, team_id, deliverable_id), url, owner_check)
    with uow:
        context = _load(uow, team_id, deliverable_id)
        url = check_post_link(url, context.creator.platform, context.creator.handle)
        if context.deliverable.post_url == url and not context.is_open:
            return context  # submitted twice (a double click): it is live with this very link already
        check_postable(context)
        _check_not_claimed(uow, team_id, context, url)
        if context.deliverable.state is DeliverableState.approved:
            context = _move(uow, team_id, context, DeliverableState.scheduled, actor=actor, now=now, where=where)
        live = _move(uow, team_id, context, DeliverableState.live, actor=actor, now=now, where=where, post_url=url)
        uow.commit()
    return live


def _check_not_claimed(uow: UnitOfWork, team_id: str, context: DeliverableContext, url: str) -> None:
    """One post is one deliverable's: a link already recorded for another deliverable of the campaign (however it
    was written: short form, tracking parameters) is refused, so nobody is paid twice for one post."""
    _refuse_claimed(store.claimed_posts(uow.session, team_id, int(context.deliverable.id)), url, context.creator.handle)


def _refuse_claimed(claimed: list[ClaimedPost], url: str, handle: str) -> None:
    key = post_key(url)
    if key is None:
        return
    for other in claimed:
        if post_key(other.post_url) == key:
            raise InvalidPostLink(
                f"That post is already recorded as @{other.handle}'s {other.what} on {other.campaign}: "
                f"paste the link of @{handle}'s own post."
            )


def check_post_unclaimed(uow: UnitOfWork, team_id: str, deliverable_id: int, url: str, *, handle: str) -> None:
    """Mark posted's form check, before Slack gets its answer: a link (as typed, not followed) already recorded for
    another deliverable of the campaign is refused with the form still open. One short read, no write."""
    with uow:
        claimed = store.claimed_posts(uow.session, team_id, deliverable_id)
    _refuse_claimed(claimed, url, handle)


# (handle, platform, post link) -> whether the platform says the post is that creator's; None: it cannot tell
OwnerCheck = Callable[[str, Platform, str], bool | None]


def _check_owner(context: DeliverableContext, url: str, owner_check: OwnerCheck) -> None:
    """Refuse a post its platform says is another account's; when the platform cannot answer now, the link's own
    checks stand (a network hiccup does not keep a post from going live)."""
    creator = context.creator
    link = check_post_link(url, creator.platform, creator.handle)
    try:
        owned = owner_check(creator.handle, creator.platform, link)
    except SourceError as error:
        logger.warning("could not ask %s whose post %s is: %s", creator.platform.value, link, error)
        return
    if owned is False:
        name = PLATFORM_NAMES.get(creator.platform, creator.platform.value)
        raise InvalidPostLink(
            f"{name} says that post is on another account, not @{creator.handle}'s: "
            f"paste the link of @{creator.handle}'s own post."
        )


def _followed(url: str, follow: Callable[[str], str]) -> str:
    """Where a short link leads, if that is a post's own link; InvalidPostLink saying what to paste otherwise."""
    try:
        target = follow(url)
    except LinkNotFollowed as why:
        raise InvalidPostLink(
            f"I could not follow that short link ({why}); open it and paste the post's full link."
        ) from None
    if read_post_link(target).needs_following:
        raise InvalidPostLink("That short link leads to another short link; open it and paste the post's full link.")
    return target


def _replan(
    uow: UnitOfWork, team_id: str, context: DeliverableContext, moved: domain.Deliverable, now: datetime
) -> None:
    """Cancel the deliverable's pending deadline reminders and plan `moved`'s (its version already bumped)."""
    deliverable_id = int(context.deliverable.id)
    store.cancel_reminders(uow.session, team_id, deliverable_id)
    store.plan_reminders(
        uow.session,
        team_id,
        campaign_id=int(context.campaign.id),
        deliverable_id=deliverable_id,
        version=moved.version,
        plan=reminder_rows(plan_for(moved, context.campaign, now=now), moved.version)
        + golive_rows(moved, context.campaign, now=now, version=moved.version),
    )


def _change_due(
    uow: UnitOfWork,
    team_id: str,
    context: DeliverableContext,
    due: LocalDue,
    now: datetime,
    phase: Phase = Phase.go_live,
) -> None:
    """Move the go-live date (or the draft due date) to `due`; the reminders follow."""
    read = context.deliverable
    try:
        moved = read.with_draft_due(due) if phase is Phase.draft else read.with_due(due)
        moved = domain.Deliverable.model_validate(dict(moved))  # the draft stays before the go-live date
    except ValidationError as error:
        raise CampaignError(friendly(error)) from None
    moved = moved.model_copy(update={"version": read.version + 1})
    column = "draft_due" if phase is Phase.draft else "due"
    values = {f"{column}_at": due.at_utc(), f"{column}_local": due.model_dump(mode="json"), "version": moved.version}
    _save(uow, team_id, read, values=values)
    _replan(uow, team_id, context, moved, now)


def _reschedule(
    uow: UnitOfWork,
    team_id: str,
    deliverable_id: int,
    new_due: Callable[[DeliverableContext], LocalDue],
    *,
    actor: str,
    now: datetime,
    where: str | None,
) -> DeliverableContext:
    """Move an open deadline to `new_due(context)`: the pending reminders are cancelled and planned again."""
    with uow:
        context = _load(uow, team_id, deliverable_id)
        _check_member(context, actor, where, "move its deadline")
        _still_open(context)
        phase = deadline_in_effect(context.deliverable).phase
        _change_due(uow, team_id, context, new_due(context), now, phase)
        changed = _load(uow, team_id, deliverable_id)
        uow.commit()
    return changed


def change_due(
    uow: UnitOfWork,
    team_id: str,
    deliverable_id: int,
    *,
    due: LocalDue | str,
    actor: str,
    now: datetime,
    where: str | None = None,
) -> DeliverableContext:
    """Move the deadline in effect (the draft due date while the draft is awaited, else the go-live date) to
    `due`; typed text is read in the creator's zone (the campaign's when they have none)."""

    def typed(context: DeliverableContext) -> LocalDue:
        tz = context.creator.zone_in(context.campaign)
        return due if isinstance(due, LocalDue) else parse_due(due, tz=tz, now=now)

    return _reschedule(uow, team_id, deliverable_id, typed, actor=actor, now=now, where=where)


def extend_to_date(
    uow: UnitOfWork,
    team_id: str,
    deliverable_id: int,
    new_date: date,
    *,
    actor: str,
    now: datetime,
    where: str | None = None,
) -> DeliverableContext:
    """The date picker on a reminder: the deadline in effect, same local time (or end of day) on the new date."""

    def same_time_on(context: DeliverableContext) -> LocalDue:
        current = deadline_in_effect(context.deliverable).due
        local_time = current.local_time if current else None
        tz = current.tz if current else context.creator.zone_in(context.campaign)
        due = LocalDue(local_date=new_date, local_time=local_time, tz=tz)
        if due.at_utc() <= now:
            raise CampaignError(f"{due.describe()} is already past; pick a later date.")
        return due

    return _reschedule(uow, team_id, deliverable_id, same_time_on, actor=actor, now=now, where=where)


@dataclass(frozen=True)
class DeliverableEdit:
    """What `/campaign edit` changes on one deliverable; None: as it is."""

    kind: str | None = None
    count: int | None = None  # more than 1: it becomes that many deliverables of one each, all tracked
    due_text: str | None = None  # the go-live date
    draft_due_text: str | None = None  # "none" removes the draft due date
    confirmed: bool = False  # the warnings (dates outside the campaign, a second of that kind) were seen


@dataclass(frozen=True)
class DeliverableEdited:
    deliverable: DeliverableContext
    added: list[DeliverableContext]  # the copies a count of more than 1 made
    changes: list[str]


NO_DRAFT_DATE = ("none", "no", "-")


def edit_deliverable(
    uow: UnitOfWork,
    team_id: str,
    deliverable_id: int,
    edit: DeliverableEdit,
    *,
    actor: str,
    now: datetime,
    dry_run: bool = False,
) -> DeliverableEdited:
    """Change an open deliverable's kind, dates or count (its managers only) in one transaction: the reminders follow
    the new dates; a count of N leaves this one and adds N-1 copies with the same kind, dates and state, so "3
    stories" are three items that each go through review and go live on their own. `dry_run`: every check and
    what would change, written nowhere (the form answers with it before Slack's ack)."""
    with uow:
        context = _load(uow, team_id, deliverable_id)
        campaign, creator, read = context.campaign, context.creator, context.deliverable
        check_manager(campaign, actor, doing=f"change deliverables on {campaign.name}")
        _still_open(context)
        tz = creator.zone_in(campaign)
        kind = _checked_kind(edit.kind, creator.platform.value) if edit.kind else read.kind.value
        due = parse_due(edit.due_text, tz=tz, now=now) if edit.due_text else read.due
        draft_text = (edit.draft_due_text or "").strip()
        draft_due = read.draft_due
        if draft_text:
            draft_due = None if draft_text.lower() in NO_DRAFT_DATE else parse_due(draft_text, tz=tz, now=now)
        count = edit.count or read.count  # a deliverable booked as "3 stories" before they were split: split now
        if not 1 <= count <= MAX_SPLIT:
            raise CampaignError(f"Give a count between 1 and {MAX_SPLIT}.")
        try:
            after = domain.Deliverable.model_validate(
                {
                    **dict(read),
                    "kind": kind,
                    "count": 1,
                    "due": due,
                    "due_at": due.at_utc() if due else read.due_at,
                    "draft_due": draft_due,
                    "draft_due_at": draft_due.at_utc() if draft_due else None,
                }
            )
        except ValidationError as error:
            raise CampaignError(friendly(error)) from None
        changes = _deliverable_changes(read, after, tz, count)
        if not changes:
            return DeliverableEdited(context, [], [])
        if not edit.confirmed:
            # Its siblings of the same kind were booked already: a second look only when the kind changes.
            changed_kind = after.kind is not read.kind
            booked = store.campaign_deliverables(uow.session, team_id, int(campaign.id)) if changed_kind else []
            warnings = booking_warnings(campaign, creator, after, booked, None, skip_id=read.id)
            if warnings:
                raise NeedsConfirmation(warnings)
        if dry_run:
            return DeliverableEdited(context, [], changes)
        after = after.model_copy(update={"version": read.version + 1})
        values: dict[str, object] = {
            "kind": after.kind.value,
            "count": 1,
            "due_at": after.due_at,
            "due_local": after.due.model_dump(mode="json") if after.due else None,
            "draft_due_at": after.draft_due_at,
            "draft_due_local": after.draft_due.model_dump(mode="json") if after.draft_due else None,
            "version": after.version,
        }
        _save(uow, team_id, read, values=values)
        _replan(uow, team_id, context, after, now)
        copies = [_book(uow, team_id, campaign, int(creator.id), after, now=now) for _ in range(count - 1)]
        edited = _load(uow, team_id, deliverable_id)
        uow.commit()
    return DeliverableEdited(edited, copies, changes)


def deliverable_to_edit(uow: UnitOfWork, team_id: str, deliverable_id: int, *, actor: str) -> DeliverableContext:
    """The open deliverable an *Edit* button is about, if `actor` may change it (edit_deliverable's checks)."""
    with uow:
        context = _load(uow, team_id, deliverable_id)
        check_manager(context.campaign, actor, doing=f"change deliverables on {context.campaign.name}")
        _still_open(context)
        return context


def _deliverable_changes(read: domain.Deliverable, after: domain.Deliverable, tz: str, count: int) -> list[str]:
    """What an edit changes, in words, as the channel is told."""
    changes = []
    if after.kind is not read.kind:
        changes.append(f"kind {read.kind.value} → {after.kind.value}")
    if after.due_at != read.due_at:
        changes.append(f"go-live {deadline_text(read.due_at, tz)} → {deadline_text(after.due_at, tz)}")
    if after.draft_due_at != read.draft_due_at:
        old = deadline_text(read.draft_due_at, tz) if read.draft_due_at else "none"
        new = deadline_text(after.draft_due_at, tz) if after.draft_due_at else "none"
        changes.append(f"draft due {old} → {new}")
    if count > 1:
        changes.append(f"{count} of them now, each tracked on its own")
    return changes


def _still_open(context: DeliverableContext) -> None:
    """Posted, finished or dropped: there is no deadline left to move or remind of."""
    if not context.is_open:
        state = context.deliverable.state.label.lower()
        raise CampaignError(f"It is {state}: its deadline no longer matters and no more reminders are coming for it.")


@dataclass(frozen=True)
class Snoozed:
    context: DeliverableContext
    until: datetime  # when its next reminder comes


def snooze(
    uow: UnitOfWork, team_id: str, deliverable_id: int, *, actor: str, now: datetime, where: str | None = None
) -> Snoozed:
    """No reminders for this deliverable for a day, then one in working hours (bot.campaigns.snooze): one that
    was planned for that day anyway is the one, not a second beside it."""
    with uow:
        context = _load(uow, team_id, deliverable_id)
        deliverable = context.deliverable
        _check_member(context, actor, where, "snooze its reminders")
        _still_open(context)
        planned = reminder_store.pending_deadline_reminders(uow.session, team_id, deliverable_id)
        upcoming = [Upcoming(ReminderKind(kind), at) for kind, at in planned]
        target = snooze_target(now, context.campaign.timezone, deadline_in_effect(deliverable).at, upcoming)
        key = f"{deliverable_id}{SNOOZE_MARK}{target.at:%Y%m%dT%H%MZ}:v{deliverable.version}"
        snooze_reminders(
            uow.session,
            team_id,
            campaign_id=int(context.campaign.id),
            deliverable_id=deliverable_id,
            deliverable_version=deliverable.version,
            until=target.at,
            replacement=PlannedRow(kind=target.kind.value, fire_at=target.at, idempotency_key=key),
        )
        uow.commit()
    return Snoozed(context, target.at)


# --- editing a campaign and a creator's terms ------------------------------------------------------------
@dataclass(frozen=True)
class CampaignEdit:
    """The edit form's values: the whole of what it edits, not only what changed."""

    budget: Decimal
    start_date: date
    end_date: date
    attribution_days: int
    approver_user_ids: tuple[str, ...]
    reminder_policy: ReminderPolicy
    digest: DigestSchedule
    currency: str | None = None  # None: as it is (the form shows it fixed once amounts are booked in it)
    review_sla_days: int | None = None  # None: as it is
    emv: str | None = None  # the EMV method's key; None: off
    required_tags: str | None = None
    legal_approver_user_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EditableCampaign:
    campaign: domain.Campaign
    currency_fixed: bool  # amounts are booked in its currency already: the form shows it, but cannot change it


@dataclass(frozen=True)
class CampaignEdited:
    campaign: domain.Campaign
    changes: list[Change]  # empty: the form was saved as it was, and nothing was written
    replanned: int = 0  # open deliverables whose reminders were planned again


def campaign_to_edit(uow: UnitOfWork, team_id: str, name: str, *, actor: str) -> EditableCampaign:
    """The campaign `/campaign edit <name>` opens, if `actor` may edit it (its owner or an approver)."""
    with uow:
        campaign = the_campaign(uow, team_id, name)
        check_manager(campaign, actor, doing=f"edit {campaign.name}")
        return EditableCampaign(campaign, currency_fixed=has_money(uow, team_id, campaign))


def edit_campaign(
    uow: UnitOfWork, team_id: str, campaign_id: int, edit: CampaignEdit, *, actor: str, now: datetime
) -> CampaignEdited:
    """Change a campaign's budget, dates, attribution window, approvers, reminder and digest schedules in one
    transaction; the open deliverables' pending reminders follow a new reminder schedule."""
    with uow:
        before = store.get_campaign(uow.session, team_id, campaign_id)
        if before is None:
            raise CampaignNotFound("That campaign no longer exists.")
        check_manager(before, actor, doing=f"edit {before.name}")
        currency = edit.currency or before.budget.currency
        if currency != before.budget.currency and has_money(uow, team_id, before):
            raise CampaignError(
                f"The budget stays in {before.budget.currency}: {before.name} has fees or payments in it already."
            )
        try:
            after = domain.Campaign.model_validate(
                {
                    **dict(before),
                    "budget": Money(amount=edit.budget, currency=currency),
                    "start_date": edit.start_date,
                    "end_date": edit.end_date,
                    "attribution_days": edit.attribution_days,
                    "approver_user_ids": edit.approver_user_ids,
                    "reminder_policy": edit.reminder_policy,
                    "digest": edit.digest,
                    "review_sla_days": edit.review_sla_days or before.review_sla_days,
                    "emv_method": emv_method(edit.emv),
                    "required_tags": edit.required_tags,
                    "legal_approver_user_ids": edit.legal_approver_user_ids,
                }
            )
        except ValidationError as error:
            raise CampaignError(friendly(error)) from None
        changes = campaign_changes(before, after)
        if not changes:
            return CampaignEdited(after, [])
        store.update_campaign(uow.session, team_id, after)
        replanned = (
            _replan_reminders(uow, team_id, after, now) if after.reminder_policy != before.reminder_policy else 0
        )
        if digest_timing_changed(before, after):
            plan_campaign_digests(uow, after, now=now)  # in this same transaction: none twice, none lost
        if after.review_sla_days != before.review_sla_days:
            replan_reviews(uow, team_id, after)
        uow.commit()
    return CampaignEdited(after, changes, replanned)


def set_review_sla(uow: UnitOfWork, team_id: str, name: str, days: int, *, actor: str) -> CampaignEdited:
    """Change only the review SLA of campaign `name` (`creatorops campaign edit --review-sla`), by its owner or an
    approver; the drafts in review get the nudges of the new SLA, in the same transaction."""
    with uow:
        before = the_campaign(uow, team_id, name)
        check_manager(before, actor, doing=f"edit {before.name}")
        try:
            after = domain.Campaign.model_validate({**dict(before), "review_sla_days": days})
        except ValidationError as error:
            raise CampaignError(friendly(error)) from None
        changes = campaign_changes(before, after)
        if changes:
            store.update_campaign(uow.session, team_id, after)
            replan_reviews(uow, team_id, after)
            uow.commit()
    return CampaignEdited(after, changes)


def _replan_reminders(uow: UnitOfWork, team_id: str, campaign: domain.Campaign, now: datetime) -> int:
    """Each open deliverable's pending reminders, planned again under the campaign's new schedule (see
    storage.reminder_replan: nothing sent or being sent is planned twice, nothing still due is lost)."""
    replanned = 0
    for context in store.campaign_deliverables(uow.session, team_id, int(campaign.id)):
        if not context.is_open:
            continue
        deliverable = context.deliverable
        replan_pending(
            uow.session,
            team_id,
            campaign_id=int(campaign.id),
            deliverable_id=int(deliverable.id),
            version=deliverable.version,
            planned=reminder_rows(plan_for(deliverable, campaign, now=now), deliverable.version)
            + golive_rows(deliverable, campaign, now=now, version=deliverable.version),
        )
        replanned += 1
    return replanned


@dataclass(frozen=True)
class CreatorTermsEdit:
    """The creator-terms form's values: the whole of what it edits."""

    fee: Decimal
    gift_value: Decimal | None
    extra_costs: Decimal | None
    discount_code: str | None
    tracking_link: str | None
    usage_rights: str | None
    exclusivity: bool
    max_revision_rounds: int


@dataclass(frozen=True)
class CreatorOnCampaign:
    campaign: domain.Campaign
    creator: domain.CampaignCreator


@dataclass(frozen=True)
class CreatorEdited:
    campaign: domain.Campaign
    creator: domain.CampaignCreator
    changes: list[Change]


def creator_to_edit(uow: UnitOfWork, team_id: str, name: str, handle: str, *, actor: str) -> CreatorOnCampaign:
    """The creator whose terms `/campaign edit <name> @handle` opens, if `actor` manages the campaign."""
    with uow:
        campaign = the_campaign(uow, team_id, name)
        check_manager(campaign, actor, doing=f"change creators' terms on {campaign.name}")
        return CreatorOnCampaign(campaign, the_creator(uow, team_id, campaign, handle))


def edit_creator_terms(
    uow: UnitOfWork, team_id: str, campaign_id: int, creator_id: int, edit: CreatorTermsEdit, *, actor: str
) -> CreatorEdited:
    """Change a creator's money and terms on a campaign (its managers only); a discount code stays one
    creator's, or orders could not tell whose they are."""
    with uow:
        campaign = store.get_campaign(uow.session, team_id, campaign_id)
        if campaign is None:
            raise CampaignNotFound("That campaign no longer exists.")
        check_manager(campaign, actor, doing=f"change creators' terms on {campaign.name}")
        creators = store.campaign_creators(uow.session, team_id, campaign)
        before = next((c for c in creators if c.id == str(creator_id)), None)
        if before is None:
            raise CampaignError(f"That creator is no longer on {campaign.name}.")
        currency = campaign.budget.currency
        try:
            after = domain.CampaignCreator.model_validate(
                {
                    **dict(before),
                    "fee": Money(amount=edit.fee, currency=currency),
                    "gift_value": money_or_none(edit.gift_value, currency),
                    "extra_costs": money_or_none(edit.extra_costs, currency),
                    "discount_code": edit.discount_code,
                    "tracking_link": edit.tracking_link,
                    "terms": domain.CreatorTerms(
                        exclusivity=edit.exclusivity,
                        usage_rights=edit.usage_rights or False,
                        max_revision_rounds=edit.max_revision_rounds,
                    ),
                }
            )
        except ValidationError as error:
            raise CampaignError(friendly(error)) from None
        _check_code_free(after, creators)
        changes = creator_changes(before, after)
        if changes:
            store.update_creator_terms(uow.session, team_id, after)
            uow.commit()
    return CreatorEdited(campaign, after, changes)


def _check_code_free(creator: domain.CampaignCreator, creators: list[domain.CampaignCreator]) -> None:
    if creator.discount_code is None:
        return
    taken = next((c for c in creators if c.id != creator.id and c.discount_code == creator.discount_code), None)
    if taken is not None:
        raise CampaignError(
            f"{creator.discount_code} is already @{taken.handle}'s discount code: give each creator their own."
        )
