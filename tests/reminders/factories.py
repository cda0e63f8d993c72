"""Rows for reminder tests: a campaign with creators and deliverables, written straight to storage."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, insert

from storage.db import transaction
from storage.models import Campaign, CampaignCreator, Deliverable
from storage.reminders import PlannedRow, insert_planned


def make_campaign(engine: Engine, team_id: str = "T1", name: str = "Spring Glow", channel: str = "C1") -> int:
    with transaction(engine) as session:
        campaign = Campaign(
            team_id=team_id,
            name=name,
            name_key=name.casefold(),
            channel_id=channel,
            owner_user_id="U0OWNER",
            approver_user_ids=["U0OWNER"],
            timezone="Europe/London",
            created_by="U0OWNER",
        )
        session.add(campaign)
        session.flush()
        return campaign.id


def make_deliverables(engine: Engine, campaign_id: int, due: datetime, n: int, team_id: str = "T1") -> list[int]:
    # Core inserts name only these columns, so the rows can be written under an older schema too (a migration test).
    with transaction(engine) as session:
        creator_id = session.execute(
            insert(CampaignCreator)
            .values(team_id=team_id, campaign_id=campaign_id, handle="glowwithmia", platform="instagram")
            .returning(CampaignCreator.id)
        ).scalar_one()
        return [
            session.execute(
                insert(Deliverable)
                .values(
                    team_id=team_id,
                    campaign_id=campaign_id,
                    creator_id=creator_id,
                    kind="reel",
                    count=1,
                    due_at=due,
                    state="invited",
                    revision_rounds=0,
                    version=1,
                )
                .returning(Deliverable.id)
            ).scalar_one()
            for _ in range(n)
        ]


def plan(engine: Engine, campaign_id: int, deliverable_id: int, fire_ats: list[datetime], team_id: str = "T1") -> int:
    with transaction(engine) as session:
        return insert_planned(
            session,
            team_id=team_id,
            campaign_id=campaign_id,
            deliverable_id=deliverable_id,
            deliverable_version=1,
            planned=[PlannedRow("due", at, f"{deliverable_id}:due:{at:%Y%m%dT%H%MZ}") for at in fire_ats],
        )


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)
