"""Campaign, creator and deliverable queries, and the row <-> domain mappers. Every function takes the caller's
Session (one unit of work) and team_id.

A deliverable change and its reminder rows are written in the same transaction (a transactional outbox): the
dispatcher can never see a deliverable without its reminders, or reminders of a change that rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.campaigns import models as domain
from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.dispatch_kinds import BEFORE_LIVE_KINDS, LIVE_ALERT, LIVE_RECHECK, METRICS_REFRESH
from bot.campaigns.due import LocalDue
from bot.campaigns.read_models import CampaignSummary, ClaimedPost, DeliverableContext
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.states import DeliverableState, needs_reminders
from bot.campaigns.workflow import Transition
from bot.vocabulary import DeliverableKind, Money, money_or_none
from storage.db import execute_dml
from storage.models import Campaign, CampaignCreator, Deliverable, DeliverableTransition, DraftVersionRow
from storage.reminders import PlannedRow, cancel_pending, insert_planned

# States that need no deadline reminders, as the domain defines them, for the queries below.
_CLOSED = tuple(state.value for state in DeliverableState if not needs_reminders(state))


class DuplicateName(Exception):
    """A campaign of that name already exists in the workspace."""


class StateChanged(Exception):
    """The deliverable moved on since it was read (someone else clicked first)."""


# --- rows -> domain -------------------------------------------------------------------------------------
def to_campaign(row: Campaign) -> domain.Campaign:
    start = row.start_date or row.created_at.date()
    return domain.Campaign(
        id=str(row.id),
        team_id=row.team_id,
        name=row.name,
        channel_id=row.channel_id,
        owner_user_id=row.owner_user_id,
        approver_user_ids=tuple(row.approver_user_ids or ()),
        budget=Money(amount=row.budget or Decimal(0), currency=row.currency),
        timezone=row.timezone,
        start_date=start,
        end_date=row.end_date or start,
        jurisdiction=row.jurisdiction,
        reminder_policy=ReminderPolicy(**(row.reminder_policy or {})),
        # A row built in memory (not flushed yet) has no column default applied: the domain's default then.
        **({"attribution_days": row.attribution_days} if row.attribution_days is not None else {}),
        **({"review_sla_days": row.review_sla_days} if row.review_sla_days is not None else {}),
        digest=DigestSchedule(**(row.digest_schedule or {})),
        emv_method=row.emv_method,
        required_tags=(row.review_settings or {}).get("required_tags"),
        legal_approver_user_ids=tuple((row.review_settings or {}).get("legal_approvers") or ()),
    )


def to_creator(row: CampaignCreator, currency: str) -> domain.CampaignCreator:
    return domain.CampaignCreator(
        id=str(row.id),
        campaign_id=str(row.campaign_id),
        handle=row.handle,
        platform=row.platform,
        fee=Money(amount=row.fee or Decimal(0), currency=currency),
        terms=domain.CreatorTerms(
            exclusivity=row.exclusivity,
            usage_rights=row.usage_rights or False,
            max_revision_rounds=row.max_revision_rounds,
        ),
        gift_value=money_or_none(row.gift_value, currency),
        extra_costs=money_or_none(row.extra_costs, currency),
        discount_code=row.discount_code,
        tracking_link=row.tracking_link,
        timezone=row.timezone,
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
        draft_due_at=row.draft_due_at,
        draft_due=LocalDue.model_validate(row.draft_due_local) if row.draft_due_local else None,
        state=row.state,
        revision_rounds=row.revision_rounds,
        posted_at=row.posted_at,
        post_url=row.post_url,
        version=row.version,
    )


def _context(
    deliverable: Deliverable,
    creator: CampaignCreator,
    campaign: Campaign,
    review_since: datetime | None = None,
    draft_version: int | None = None,
) -> DeliverableContext:
    return DeliverableContext(
        campaign=to_campaign(campaign),
        creator=to_creator(creator, campaign.currency),
        deliverable=to_deliverable(deliverable),
        review_since=review_since,
        draft_version=draft_version,
    )


_IN_REVIEW = DeliverableState.draft_submitted.value


def review_started(team_id: str) -> ColumnElement[datetime]:
    """When the deliverable of the row last entered review (its latest transition into draft_submitted)."""
    return (
        select(func.max(DeliverableTransition.at))
        .where(
            DeliverableTransition.team_id == team_id,
            DeliverableTransition.deliverable_id == Deliverable.id,
            DeliverableTransition.to_state == _IN_REVIEW,
        )
        .correlate(Deliverable)
        .scalar_subquery()
    )


def latest_draft_version(team_id: str) -> ColumnElement[int]:
    """The number of the row's deliverable's latest draft version (None before any draft came in as content)."""
    return (
        select(func.max(DraftVersionRow.version))
        .where(DraftVersionRow.team_id == team_id, DraftVersionRow.deliverable_id == Deliverable.id)
        .correlate(Deliverable)
        .scalar_subquery()
    )


def _with_campaign_and_creator(team_id: str) -> Select[Deliverable, CampaignCreator, Campaign, datetime, int]:
    """Deliverables with their creator and campaign, when each one in review entered it, and its latest draft."""
    in_review = case((Deliverable.state == _IN_REVIEW, review_started(team_id)), else_=None)
    return (
        select(Deliverable, CampaignCreator, Campaign, in_review, latest_draft_version(team_id))
        .join(CampaignCreator, CampaignCreator.id == Deliverable.creator_id)
        .join(Campaign, Campaign.id == Deliverable.campaign_id)
        .where(Deliverable.team_id == team_id, Campaign.team_id == team_id, CampaignCreator.team_id == team_id)
    )


def review_settings(campaign: domain.Campaign) -> dict[str, Any] | None:
    """How a campaign's drafts are reviewed, as stored: None when it asks for nothing beyond one review."""
    settings: dict[str, Any] = {}
    if campaign.required_tags:
        settings["required_tags"] = campaign.required_tags
    if campaign.legal_approver_user_ids:
        settings["legal_approvers"] = list(campaign.legal_approver_user_ids)
    return settings or None


# --- campaigns --------------------------------------------------------------------------------------------
def add_campaign(session: Session, campaign: domain.Campaign, *, created_by: str) -> domain.Campaign:
    """Store a checked campaign; DuplicateName when the workspace already has one of that name."""
    row = Campaign(
        team_id=campaign.team_id,
        name=campaign.name,
        name_key=campaign.name.casefold(),
        channel_id=campaign.channel_id,
        owner_user_id=campaign.owner_user_id,
        approver_user_ids=list(campaign.approver_user_ids),
        budget=campaign.budget.amount,
        currency=campaign.budget.currency,
        timezone=campaign.timezone,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        jurisdiction=str(campaign.jurisdiction),
        reminder_policy=campaign.reminder_policy.model_dump(mode="json"),
        attribution_days=campaign.attribution_days,
        review_sla_days=campaign.review_sla_days,
        digest_schedule=campaign.digest.model_dump(mode="json"),
        emv_method=campaign.emv_method,
        created_by=created_by,
        # Left out when empty, so a campaign is stored the same way on a schema from before review settings.
        **({"review_settings": settings} if (settings := review_settings(campaign)) else {}),
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # the unit of work rolls back: nothing else of this use case is kept
        raise DuplicateName(campaign.name) from None
    return to_campaign(row)


def update_campaign(session: Session, team_id: str, campaign: domain.Campaign) -> None:
    """Write an edited campaign's terms (its name, channel, owner and zone are not edited here)."""
    execute_dml(
        session,
        update(Campaign)
        .where(Campaign.team_id == team_id, Campaign.id == int(campaign.id))
        .values(
            approver_user_ids=list(campaign.approver_user_ids),
            budget=campaign.budget.amount,
            currency=campaign.budget.currency,
            start_date=campaign.start_date,
            end_date=campaign.end_date,
            reminder_policy=campaign.reminder_policy.model_dump(mode="json"),
            attribution_days=campaign.attribution_days,
            review_sla_days=campaign.review_sla_days,
            digest_schedule=campaign.digest.model_dump(mode="json"),
            emv_method=campaign.emv_method,
            review_settings=review_settings(campaign),
        )
        .execution_options(synchronize_session=False),
    )


def set_digest_schedule(session: Session, team_id: str, campaign_id: int, schedule: DigestSchedule) -> None:
    execute_dml(
        session,
        update(Campaign)
        .where(Campaign.team_id == team_id, Campaign.id == campaign_id)
        .values(digest_schedule=schedule.model_dump(mode="json"))
        .execution_options(synchronize_session=False),
    )


def get_campaign(session: Session, team_id: str, campaign_id: int) -> domain.Campaign | None:
    row = session.scalar(select(Campaign).where(Campaign.team_id == team_id, Campaign.id == campaign_id))
    return to_campaign(row) if row else None


def matching_campaigns(session: Session, team_id: str, name: str) -> list[domain.Campaign]:
    """The campaign of that name (ignoring case), else every campaign whose name starts with it, by name."""
    key = name.strip().casefold()
    if not key:
        return []
    exact = session.scalar(select(Campaign).where(Campaign.team_id == team_id, Campaign.name_key == key))
    if exact is not None:
        return [to_campaign(exact)]
    rows = session.scalars(
        select(Campaign)
        .where(Campaign.team_id == team_id, Campaign.name_key.startswith(key, autoescape=True))
        .order_by(Campaign.name_key)
    )
    return [to_campaign(row) for row in rows]


def find_campaign(session: Session, team_id: str, name: str) -> domain.Campaign | None:
    """By name, ignoring case; a unique prefix also matches ("spring" finds "Spring Glow 2027")."""
    matches = matching_campaigns(session, team_id, name)
    return matches[0] if len(matches) == 1 else None


def list_campaigns(session: Session, team_id: str) -> list[domain.Campaign]:
    rows = session.scalars(select(Campaign).where(Campaign.team_id == team_id).order_by(Campaign.name_key))
    return [to_campaign(row) for row in rows]


def campaigns_named_like(session: Session, team_id: str, text: str, *, ending_from: date) -> Iterator[domain.Campaign]:
    """Campaigns whose name contains `text` (ignoring case) and that end on or after `ending_from`, newest first;
    read as the caller iterates, so taking the first few reads no more rows than that."""
    query = (
        select(Campaign)
        .where(Campaign.team_id == team_id, or_(Campaign.end_date.is_(None), Campaign.end_date >= ending_from))
        .order_by(Campaign.created_at.desc(), Campaign.id.desc())
    )
    key = text.strip().casefold()
    if key:
        query = query.where(Campaign.name_key.contains(key, autoescape=True))
    for row in session.scalars(query.execution_options(yield_per=100)):
        yield to_campaign(row)


def campaign_summaries(session: Session, team_id: str, now: datetime) -> list[CampaignSummary]:
    """Every campaign with its open and overdue deliverable counts, by name."""
    counts = {
        campaign_id: (int(total), int(overdue or 0))
        for campaign_id, total, overdue in session.execute(
            select(
                Deliverable.campaign_id,
                func.count(),
                func.sum(case((Deliverable.due_at < now, 1), else_=0)),
            )
            .where(Deliverable.team_id == team_id, Deliverable.state.not_in(_CLOSED))
            .group_by(Deliverable.campaign_id)
        ).all()
    }
    return [
        CampaignSummary(campaign, *counts.get(int(campaign.id), (0, 0)))
        for campaign in list_campaigns(session, team_id)
    ]


# --- creators and deliverables ------------------------------------------------------------------------------
def add_creator(session: Session, team_id: str, campaign_id: int, **fields: Any) -> int:
    """The creator on the campaign: added once, then found again (and updated) by platform and handle."""
    creator = session.scalar(
        select(CampaignCreator).where(
            CampaignCreator.team_id == team_id,
            CampaignCreator.campaign_id == campaign_id,
            CampaignCreator.platform == fields["platform"],
            CampaignCreator.handle == fields["handle"],
        )
    )
    if creator is None:
        creator = CampaignCreator(team_id=team_id, campaign_id=campaign_id, **fields)
        session.add(creator)
    else:
        for key, value in fields.items():
            setattr(creator, key, value)
    session.flush()
    return creator.id


def campaign_creators(session: Session, team_id: str, campaign: domain.Campaign) -> list[domain.CampaignCreator]:
    """The campaign's creators in the order they were added."""
    rows = session.scalars(
        select(CampaignCreator)
        .where(CampaignCreator.team_id == team_id, CampaignCreator.campaign_id == int(campaign.id))
        .order_by(CampaignCreator.id)
    )
    return [to_creator(row, campaign.budget.currency) for row in rows]


def creators_of(
    session: Session, team_id: str, campaigns: Sequence[domain.Campaign]
) -> dict[str, list[domain.CampaignCreator]]:
    """The creators of each of these campaigns (by campaign id), in the order they were added: one query."""
    currency = {int(c.id): c.budget.currency for c in campaigns}
    found: dict[str, list[domain.CampaignCreator]] = {c.id: [] for c in campaigns}
    if not currency:
        return found
    rows = session.scalars(
        select(CampaignCreator)
        .where(CampaignCreator.team_id == team_id, CampaignCreator.campaign_id.in_(currency))
        .order_by(CampaignCreator.id)
    )
    for row in rows:
        found[str(row.campaign_id)].append(to_creator(row, currency[row.campaign_id]))
    return found


def update_creator_terms(session: Session, team_id: str, creator: domain.CampaignCreator) -> None:
    """Write a creator's edited terms: fee, gift, extra costs, code, link, usage rights, exclusivity, rounds."""
    usage = creator.terms.usage_rights
    execute_dml(
        session,
        update(CampaignCreator)
        .where(CampaignCreator.team_id == team_id, CampaignCreator.id == int(creator.id))
        .values(
            fee=creator.fee.amount,
            gift_value=creator.gift_value.amount if creator.gift_value else None,
            extra_costs=creator.extra_costs.amount if creator.extra_costs else None,
            discount_code=creator.discount_code,
            tracking_link=creator.tracking_link,
            usage_rights=usage if isinstance(usage, str) else None,
            exclusivity=creator.terms.exclusivity,
            max_revision_rounds=creator.terms.max_revision_rounds,
        )
        .execution_options(synchronize_session=False),
    )


def add_deliverable(session: Session, team_id: str, *, campaign_id: int, creator_id: int, **fields: Any) -> int:
    """A new deliverable row; returns its id (its reminders are planned by the caller, in the same transaction)."""
    deliverable = Deliverable(team_id=team_id, campaign_id=campaign_id, creator_id=creator_id, **fields)
    session.add(deliverable)
    session.flush()
    return deliverable.id


def plan_reminders(
    session: Session, team_id: str, *, campaign_id: int, deliverable_id: int, version: int, plan: Sequence[PlannedRow]
) -> int:
    return insert_planned(
        session,
        team_id=team_id,
        campaign_id=campaign_id,
        deliverable_id=deliverable_id,
        deliverable_version=version,
        planned=plan,
    )


def deliverable_context(session: Session, team_id: str, deliverable_id: int) -> DeliverableContext | None:
    row = session.execute(_with_campaign_and_creator(team_id).where(Deliverable.id == deliverable_id)).first()
    return _context(*row) if row else None


def campaign_deliverables(session: Session, team_id: str, campaign_id: int) -> list[DeliverableContext]:
    rows = session.execute(
        _with_campaign_and_creator(team_id)
        .where(Deliverable.campaign_id == campaign_id)
        .order_by(Deliverable.due_at, Deliverable.id)
    ).all()
    return [_context(*row) for row in rows]


def claimed_posts(session: Session, team_id: str, deliverable_id: int) -> list[ClaimedPost]:
    """The post links recorded for the other deliverables of `deliverable_id`'s campaign: one query, four columns."""
    mine = select(Deliverable.campaign_id).where(Deliverable.team_id == team_id, Deliverable.id == deliverable_id)
    rows = session.execute(
        select(Deliverable.id, CampaignCreator.handle, Deliverable.kind, Deliverable.count, Campaign.name)
        .add_columns(Deliverable.post_url)
        .join(CampaignCreator, CampaignCreator.id == Deliverable.creator_id)
        .join(Campaign, Campaign.id == Deliverable.campaign_id)
        .where(
            Deliverable.team_id == team_id,
            CampaignCreator.team_id == team_id,
            Campaign.team_id == team_id,
            Deliverable.campaign_id.in_(mine.scalar_subquery()),
            Deliverable.id != deliverable_id,
            Deliverable.post_url.is_not(None),
        )
    ).all()
    return [
        ClaimedPost(
            deliverable_id=row_id,
            handle=handle,
            what=domain.describe_kind(DeliverableKind(kind), count).removeprefix("a "),
            campaign=name,
            post_url=str(url),
        )
        for row_id, handle, kind, count, name, url in rows
    ]


def upcoming_deadlines(session: Session, team_id: str, *, limit: int = 10) -> list[DeliverableContext]:
    """Open deliverables, soonest (or most overdue) first."""
    rows = session.execute(
        _with_campaign_and_creator(team_id)
        .where(Deliverable.state.not_in(_CLOSED))
        .order_by(Deliverable.due_at, Deliverable.id)
        .limit(limit)
    ).all()
    return [_context(*row) for row in rows]


def update_deliverable(
    session: Session,
    team_id: str,
    read: domain.Deliverable,
    *,
    values: dict[str, Any],
    transition: Transition | None = None,
    note: str | None = None,
) -> None:
    """Change a deliverable only if it is still as `read` (state and version); else StateChanged."""
    result = execute_dml(
        session,
        update(Deliverable)
        .where(
            Deliverable.team_id == team_id,
            Deliverable.id == int(read.id),
            Deliverable.state == read.state.value,
            Deliverable.version == read.version,
        )
        .values(**values)
        .execution_options(synchronize_session=False),
    )
    if not result.rowcount:
        raise StateChanged(read.id)
    if transition is not None:
        session.add(
            DeliverableTransition(
                team_id=team_id,
                deliverable_id=int(read.id),
                from_state=transition.from_state.value,
                to_state=transition.to_state.value,
                actor_user_id=transition.actor_user_id,
                at=transition.at,
                note=note,
            )
        )
        session.flush()


def cancel_reminders(session: Session, team_id: str, deliverable_id: int) -> int:
    """The deliverable's pending deadline and go-live reminders (its post-metrics refreshes go on once it is live)."""
    return cancel_pending(session, team_id, deliverable_id=deliverable_id, kinds=BEFORE_LIVE_KINDS)


def cancel_refreshes(session: Session, team_id: str, deliverable_id: int) -> int:
    """The deliverable's pending post-metrics refreshes and caption checks (it was dropped: its numbers no longer
    count, and its caption is no one's concern)."""
    return cancel_pending(
        session, team_id, deliverable_id=deliverable_id, kinds=(METRICS_REFRESH, LIVE_RECHECK, LIVE_ALERT)
    )


def transitions(session: Session, team_id: str, deliverable_id: int) -> list[DeliverableTransition]:
    return list(
        session.scalars(
            select(DeliverableTransition)
            .where(DeliverableTransition.team_id == team_id, DeliverableTransition.deliverable_id == deliverable_id)
            .order_by(DeliverableTransition.at, DeliverableTransition.id)
        )
    )
