"""The campaign service layer: the domain (bot.campaigns) over storage, for Slack handlers and the CLI.

It maps stored rows to domain models, lets the domain decide (state machine, permissions, reminder plans),
and writes each change together with its reminders. Errors are CampaignError subclasses whose text is a
friendly sentence a Slack reply shows as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from pydantic import ValidationError
from sqlalchemy import Engine

from bot.campaigns import models as domain
from bot.campaigns.due import LocalDue
from bot.campaigns.due_input import parse_due
from bot.campaigns.errors import CampaignError
from bot.campaigns.reminder_plan import PlannedReminder, ReminderKind, plan_for
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.states import DeliverableState, needs_reminders
from bot.campaigns.workflow import apply_transition
from storage import campaigns as store
from storage.campaigns import DeliverableContext
from storage.models import Campaign, CampaignCreator, Deliverable
from storage.reminders import PlannedRow
from storage.reminders import snooze as snooze_reminders

SNOOZE = timedelta(days=1)


class CampaignNotFound(CampaignError):
    pass


def friendly(error: ValidationError) -> str:
    """A pydantic error as one sentence: the first problem, in words."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "value"
    return f"{field.replace('_', ' ')}: {first['msg'].removeprefix('Value error, ')}"


# --- rows -> domain -----------------------------------------------------------------------------------
def to_campaign(row: Campaign) -> domain.Campaign:
    start = row.start_date or row.created_at.date()
    return domain.Campaign(
        id=str(row.id),
        team_id=row.team_id,
        name=row.name,
        channel_id=row.channel_id,
        owner_user_id=row.owner_user_id,
        approver_user_ids=tuple(row.approver_user_ids or ()),
        budget=domain.Money(amount=row.budget or Decimal(0), currency=row.currency),
        timezone=row.timezone,
        start_date=start,
        end_date=row.end_date or start,
        jurisdiction=row.jurisdiction,
        reminder_policy=ReminderPolicy(**(row.reminder_policy or {})),
    )


def to_creator(row: CampaignCreator, currency: str) -> domain.CampaignCreator:
    return domain.CampaignCreator(
        id=str(row.id),
        campaign_id=str(row.campaign_id),
        handle=row.handle,
        platform=row.platform,
        fee=domain.Money(amount=row.fee or Decimal(0), currency=currency),
        terms=domain.CreatorTerms(
            exclusivity=row.exclusivity,
            usage_rights=row.usage_rights or False,
            max_revision_rounds=row.max_revision_rounds,
        ),
    )


def to_deliverable(row: Deliverable) -> domain.Deliverable:
    return domain.Deliverable(
        id=str(row.id),
        campaign_id=str(row.campaign_id),
        creator_id=str(row.creator_id),
        kind=row.kind,
        count=row.count,
        due_at=row.due_at,
        due=LocalDue.model_validate(row.due_local) if row.due_local else None,
        state=row.state,
        revision_rounds=row.revision_rounds,
        posted_at=row.posted_at,
    )


@dataclass(frozen=True)
class DomainView:
    campaign: domain.Campaign
    creator: domain.CampaignCreator
    deliverable: domain.Deliverable


def domain_view(context: DeliverableContext) -> DomainView:
    return DomainView(
        campaign=to_campaign(context.campaign),
        creator=to_creator(context.creator, context.campaign.currency),
        deliverable=to_deliverable(context.deliverable),
    )


def reminder_rows(planned: Sequence[PlannedReminder], version: int) -> list[PlannedRow]:
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
    reminder_policy: dict | None = None


def create_campaign(engine: Engine, team_id: str, form: CampaignForm, *, created_by: str) -> Campaign:
    try:
        checked = domain.Campaign(
            team_id=team_id,
            name=form.name.strip(),
            channel_id=form.channel_id,
            owner_user_id=form.owner_user_id,
            approver_user_ids=form.approver_user_ids,
            budget=domain.Money(amount=form.budget, currency=form.currency),
            timezone=form.timezone,
            start_date=form.start_date,
            end_date=form.end_date,
            jurisdiction=form.jurisdiction,
            reminder_policy=ReminderPolicy(**(form.reminder_policy or {})),
        )
    except ValidationError as error:
        raise CampaignError(friendly(error)) from None
    try:
        return store.create_campaign(
            engine,
            team_id,
            name=checked.name,
            channel_id=checked.channel_id,
            owner_user_id=checked.owner_user_id,
            approver_user_ids=list(checked.approver_user_ids),
            budget=checked.budget.amount,
            currency=checked.budget.currency,
            timezone=checked.timezone,
            start_date=checked.start_date,
            end_date=checked.end_date,
            jurisdiction=checked.jurisdiction,
            reminder_policy=form.reminder_policy,
            created_by=created_by,
        )
    except store.DuplicateName:
        raise CampaignError(f"There is already a campaign called {checked.name}; pick another name.") from None


def find_campaign(engine: Engine, team_id: str, name: str) -> Campaign:
    campaign = store.find_campaign(engine, team_id, name)
    if campaign is None:
        names = ", ".join(c.name for c in store.list_campaigns(engine, team_id)) or "none yet"
        raise CampaignNotFound(f"No campaign matches '{name}'. Campaigns: {names}. Create one with /campaign new.")
    return campaign


# --- creators and deliverables --------------------------------------------------------------------------
@dataclass(frozen=True)
class DeliverableForm:
    campaign_id: int
    handle: str
    platform: str
    kind: str
    due_text: str
    count: int = 1
    fee: Decimal | None = None
    exclusivity: bool = False
    usage_rights: str | None = None
    max_revision_rounds: int = 2


def add_deliverable(engine: Engine, team_id: str, form: DeliverableForm, *, now: datetime) -> DeliverableContext:
    campaign_row = store.get_campaign(engine, team_id, form.campaign_id)
    if campaign_row is None:
        raise CampaignNotFound("That campaign no longer exists; pick another one.")
    campaign = to_campaign(campaign_row)
    due = parse_due(form.due_text, tz=campaign.timezone, now=now)
    try:
        creator = domain.CampaignCreator(
            campaign_id=campaign.id,
            handle=form.handle,
            platform=form.platform,
            fee=domain.Money(amount=form.fee or Decimal(0), currency=campaign.budget.currency),
            terms=domain.CreatorTerms(
                exclusivity=form.exclusivity,
                usage_rights=form.usage_rights or False,
                max_revision_rounds=form.max_revision_rounds,
            ),
        )
        draft = domain.Deliverable.due_from(
            due, campaign_id=campaign.id, creator_id="new", kind=form.kind, count=form.count
        )
    except ValidationError as error:
        raise CampaignError(friendly(error)) from None
    creator_row = store.add_creator(
        engine,
        team_id,
        form.campaign_id,
        handle=creator.handle.lower(),
        platform=creator.platform.value,
        fee=form.fee,
        exclusivity=form.exclusivity,
        usage_rights=form.usage_rights,
        max_revision_rounds=form.max_revision_rounds,
    )

    def plan(row: Deliverable) -> list[PlannedRow]:
        return reminder_rows(plan_for(draft.model_copy(update={"id": str(row.id)}), campaign, now=now), row.version)

    row = store.add_deliverable(
        engine,
        team_id,
        campaign_id=form.campaign_id,
        creator_id=creator_row.id,
        fields={
            "kind": draft.kind.value,
            "count": draft.count,
            "due_at": draft.due_at,
            "due_local": due.model_dump(mode="json"),
            "state": draft.state.value,
        },
        plan=plan,
    )
    return store.deliverable_context(engine, team_id, row.id)


def _save(engine: Engine, team_id: str, context: DeliverableContext, **change: object) -> None:
    """Write a change only if the deliverable is as we read it; else say someone beat us to it."""
    try:
        store.update_deliverable(
            engine,
            team_id,
            context.deliverable.id,
            expected_state=context.deliverable.state,
            expected_version=context.deliverable.version,
            **change,  # type: ignore[arg-type]
        )
    except store.StateChanged:
        raise CampaignError(
            "Someone else changed this deliverable a moment ago; here is where it stands now."
        ) from None


def _load(engine: Engine, team_id: str, deliverable_id: int) -> DeliverableContext:
    context = store.deliverable_context(engine, team_id, deliverable_id)
    if context is None:
        raise CampaignNotFound("I can't find that deliverable any more; it may have been removed.")
    return context


def move(
    engine: Engine,
    team_id: str,
    deliverable_id: int,
    target: str,
    *,
    actor: str,
    now: datetime,
    post_url: str | None = None,
    loaded: DeliverableContext | None = None,
) -> DeliverableContext:
    """Move a deliverable to `target` (checked by the state machine and the campaign's approvers).

    `loaded`: the deliverable as the caller just read it, so it is not read again (the write still checks
    that nobody changed it since)."""
    context = loaded if loaded is not None else _load(engine, team_id, deliverable_id)
    view = domain_view(context)
    updated, record = apply_transition(
        view.deliverable,
        DeliverableState(target),
        actor_user_id=actor,
        at=now,
        max_revision_rounds=view.creator.terms.max_revision_rounds,
        campaign=view.campaign,
    )
    values: dict[str, object] = {
        "state": updated.state.value,
        "revision_rounds": updated.revision_rounds,
        "posted_at": updated.posted_at,
    }
    if post_url:
        values["post_url"] = post_url
    _save(
        engine,
        team_id,
        context,
        values=values,
        transition={
            "from_state": record.from_state.value,
            "to_state": record.to_state.value,
            "actor_user_id": actor,
            "at": now,
            "note": post_url,
        },
        cancel_all_pending=not needs_reminders(updated.state),
    )
    return _load(engine, team_id, deliverable_id)


POSTABLE = ("approved", "scheduled")


def check_postable(context: DeliverableContext) -> None:
    """A post goes live after its draft is approved; say what is missing otherwise."""
    state = context.deliverable.state
    if state not in POSTABLE:
        label = DeliverableState(state).label.lower()
        raise CampaignError(
            f"It is {label}, not approved yet: approve the draft first (/campaign show {context.campaign.name}), "
            "then mark it posted."
        )


def mark_posted(
    engine: Engine, team_id: str, deliverable_id: int, *, url: str, actor: str, now: datetime
) -> DeliverableContext:
    """Approved (or scheduled) -> live with its link, through `scheduled` so the audit trail has every step."""
    context = _load(engine, team_id, deliverable_id)
    check_postable(context)
    if context.deliverable.state == "approved":
        context = move(engine, team_id, deliverable_id, "scheduled", actor=actor, now=now, loaded=context)
    return move(engine, team_id, deliverable_id, "live", actor=actor, now=now, post_url=url, loaded=context)


def change_due(
    engine: Engine, team_id: str, deliverable_id: int, *, due: LocalDue | str, actor: str, now: datetime
) -> DeliverableContext:
    """Move the deadline: the pending reminders are cancelled and planned again for the new one."""
    context = _load(engine, team_id, deliverable_id)
    view = domain_view(context)
    if isinstance(due, str):
        due = parse_due(due, tz=view.campaign.timezone, now=now)
    moved = view.deliverable.with_due(due)
    version = context.deliverable.version + 1
    _save(
        engine,
        team_id,
        context,
        values={"due_at": moved.due_at, "due_local": due.model_dump(mode="json"), "version": version},
        transition=None,
        cancel_all_pending=True,
        plan=reminder_rows(plan_for(moved, view.campaign, now=now), version),
    )
    return _load(engine, team_id, deliverable_id)


def extend_to_date(
    engine: Engine, team_id: str, deliverable_id: int, new_date: date, *, actor: str, now: datetime
) -> DeliverableContext:
    """The date picker on a reminder: same local time (or end of day) on the new date."""
    context = _load(engine, team_id, deliverable_id)
    current = to_deliverable(context.deliverable).due
    local_time = current.local_time if current else None
    due = LocalDue(local_date=new_date, local_time=local_time, tz=context.campaign.timezone)
    if due.at_utc() <= now:
        raise CampaignError(f"{due.describe()} is already past; pick a later date.")
    return change_due(engine, team_id, deliverable_id, due=due, actor=actor, now=now)


def snooze(engine: Engine, team_id: str, deliverable_id: int, *, now: datetime) -> datetime:
    """No reminders for this deliverable for a day, then one."""
    context = _load(engine, team_id, deliverable_id)
    until = now + SNOOZE
    kind = ReminderKind.overdue if context.deliverable.due_at <= until else ReminderKind.before
    key = f"{deliverable_id}:snooze:{until:%Y%m%dT%H%MZ}:v{context.deliverable.version}"
    snooze_reminders(
        engine,
        team_id,
        campaign_id=context.campaign.id,
        deliverable_id=deliverable_id,
        deliverable_version=context.deliverable.version,
        until=until,
        replacement=PlannedRow(kind=kind.value, fire_at=until, idempotency_key=key),
    )
    return until
