"""Campaign, creator and deliverable queries. Every function takes team_id."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from storage.db import transaction
from storage.models import Campaign, CampaignCreator, Deliverable


@dataclass(frozen=True)
class DeliverableContext:
    campaign: Campaign
    creator: CampaignCreator
    deliverable: Deliverable


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


def get_campaign(engine: Engine, team_id: str, campaign_id: int) -> Campaign | None:
    with transaction(engine) as session:
        return session.scalar(select(Campaign).where(Campaign.team_id == team_id, Campaign.id == campaign_id))
