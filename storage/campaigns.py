"""Campaign, creator and deliverable queries. Every function takes team_id.

A deliverable change and its reminder rows are written in one transaction (a transactional outbox): the
dispatcher can never see a deliverable without its reminders, or reminders of a change that rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, func, select, update
from sqlalchemy.exc import IntegrityError

from storage.db import transaction
from storage.models import Campaign, CampaignCreator, Deliverable, DeliverableTransition
from storage.reminders import PlannedRow, cancel_pending, insert_planned

# Deliverable states that need no deadline reminders: finished (complete, dropped) or already posted (live on).
# The same states as bot.campaigns.states.needs_reminders() rejects; storage does not import the domain.
CLOSED_STATES: tuple[str, ...] = ("complete", "dropped", "live", "verified", "paid")


class DuplicateName(Exception):
    """A campaign of that name already exists in the workspace."""


class StateChanged(Exception):
    """The deliverable moved on since it was read (someone else clicked first)."""


@dataclass(frozen=True)
class DeliverableContext:
    campaign: Campaign
    creator: CampaignCreator
    deliverable: Deliverable


def create_campaign(engine: Engine, team_id: str, **fields: Any) -> Campaign:
    try:
        with transaction(engine) as session:
            campaign = Campaign(team_id=team_id, name_key=fields["name"].casefold(), **fields)
            session.add(campaign)
            session.flush()
    except IntegrityError:
        raise DuplicateName(fields["name"]) from None
    return campaign


def get_campaign(engine: Engine, team_id: str, campaign_id: int) -> Campaign | None:
    with transaction(engine) as session:
        return session.scalar(select(Campaign).where(Campaign.team_id == team_id, Campaign.id == campaign_id))


def find_campaign(engine: Engine, team_id: str, name: str) -> Campaign | None:
    """By name, ignoring case; a unique prefix also matches ("spring" finds "Spring Glow 2027")."""
    key = name.strip().casefold()
    with transaction(engine) as session:
        exact = session.scalar(select(Campaign).where(Campaign.team_id == team_id, Campaign.name_key == key))
        if exact is not None or not key:
            return exact
        matches = list(
            session.scalars(
                select(Campaign).where(Campaign.team_id == team_id, Campaign.name_key.startswith(key, autoescape=True))
            )
        )
    return matches[0] if len(matches) == 1 else None


def list_campaigns(engine: Engine, team_id: str) -> list[Campaign]:
    with transaction(engine) as session:
        return list(session.scalars(select(Campaign).where(Campaign.team_id == team_id).order_by(Campaign.name_key)))


def campaign_counts(engine: Engine, team_id: str, now: datetime) -> dict[int, tuple[int, int]]:
    """campaign id -> (open deliverables, overdue deliverables)."""
    with transaction(engine) as session:
        rows = session.execute(
            select(
                Deliverable.campaign_id,
                func.count(),
                func.sum(case((Deliverable.due_at < now, 1), else_=0)),
            )
            .where(Deliverable.team_id == team_id, Deliverable.state.not_in(CLOSED_STATES))
            .group_by(Deliverable.campaign_id)
        ).all()
    return {campaign_id: (int(total), int(overdue or 0)) for campaign_id, total, overdue in rows}


def add_creator(engine: Engine, team_id: str, campaign_id: int, **fields: Any) -> CampaignCreator:
    """The creator on the campaign: added once, then found again by platform and handle."""
    with transaction(engine) as session:
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
    return creator


def add_deliverable(
    engine: Engine,
    team_id: str,
    *,
    campaign_id: int,
    creator_id: int,
    fields: dict[str, Any],
    plan: Callable[[Deliverable], Sequence[PlannedRow]],
) -> Deliverable:
    """The deliverable and its planned reminders (planned once its id is known), together."""
    with transaction(engine) as session:
        deliverable = Deliverable(team_id=team_id, campaign_id=campaign_id, creator_id=creator_id, **fields)
        session.add(deliverable)
        session.flush()
        insert_planned(
            session,
            team_id=team_id,
            campaign_id=campaign_id,
            deliverable_id=deliverable.id,
            deliverable_version=deliverable.version,
            planned=plan(deliverable),
        )
    return deliverable


def deliverable_context(engine: Engine, team_id: str, deliverable_id: int) -> DeliverableContext | None:
    with transaction(engine) as session:
        row = session.execute(
            select(Deliverable, CampaignCreator, Campaign)
            .join(CampaignCreator, CampaignCreator.id == Deliverable.creator_id)
            .join(Campaign, Campaign.id == Deliverable.campaign_id)
            .where(Deliverable.team_id == team_id, Deliverable.id == deliverable_id, Campaign.team_id == team_id)
        ).first()
    if row is None:
        return None
    deliverable, creator, campaign = row
    return DeliverableContext(campaign=campaign, creator=creator, deliverable=deliverable)


def campaign_deliverables(engine: Engine, team_id: str, campaign_id: int) -> list[DeliverableContext]:
    with transaction(engine) as session:
        rows = session.execute(
            select(Deliverable, CampaignCreator, Campaign)
            .join(CampaignCreator, CampaignCreator.id == Deliverable.creator_id)
            .join(Campaign, Campaign.id == Deliverable.campaign_id)
            .where(Deliverable.team_id == team_id, Deliverable.campaign_id == campaign_id)
            .order_by(Deliverable.due_at, Deliverable.id)
        ).all()
    return [DeliverableContext(campaign=c, creator=cr, deliverable=d) for d, cr, c in rows]


def upcoming_deadlines(engine: Engine, team_id: str, *, limit: int = 10) -> list[DeliverableContext]:
    """Open deliverables, soonest (or most overdue) first."""
    with transaction(engine) as session:
        rows = session.execute(
            select(Deliverable, CampaignCreator, Campaign)
            .join(CampaignCreator, CampaignCreator.id == Deliverable.creator_id)
            .join(Campaign, Campaign.id == Deliverable.campaign_id)
            .where(Deliverable.team_id == team_id, Deliverable.state.not_in(CLOSED_STATES))
            .order_by(Deliverable.due_at, Deliverable.id)
            .limit(limit)
        ).all()
    return [DeliverableContext(campaign=c, creator=cr, deliverable=d) for d, cr, c in rows]


def update_deliverable(
    engine: Engine,
    team_id: str,
    deliverable_id: int,
    *,
    expected_state: str,
    expected_version: int,
    values: dict[str, Any],
    transition: dict[str, Any] | None,
    cancel_all_pending: bool,
    plan: Sequence[PlannedRow] = (),
) -> None:
    """Change a deliverable only if nobody changed it since it was read; its reminders change with it."""
    with transaction(engine) as session:
        result = session.execute(
            update(Deliverable)
            .where(
                Deliverable.team_id == team_id,
                Deliverable.id == deliverable_id,
                Deliverable.state == expected_state,
                Deliverable.version == expected_version,
            )
            .values(**values)
        )
        if not result.rowcount:
            raise StateChanged(deliverable_id)
        if transition is not None:
            session.add(DeliverableTransition(team_id=team_id, deliverable_id=deliverable_id, **transition))
        if cancel_all_pending:
            cancel_pending(session, team_id, deliverable_id=deliverable_id)
        if plan:
            deliverable = session.scalar(
                select(Deliverable).where(Deliverable.team_id == team_id, Deliverable.id == deliverable_id)
            )
            insert_planned(
                session,
                team_id=team_id,
                campaign_id=deliverable.campaign_id,
                deliverable_id=deliverable_id,
                deliverable_version=deliverable.version,
                planned=plan,
            )


def transitions(engine: Engine, team_id: str, deliverable_id: int) -> list[DeliverableTransition]:
    with transaction(engine) as session:
        return list(
            session.scalars(
                select(DeliverableTransition)
                .where(DeliverableTransition.team_id == team_id, DeliverableTransition.deliverable_id == deliverable_id)
                .order_by(DeliverableTransition.at, DeliverableTransition.id)
            )
        )
