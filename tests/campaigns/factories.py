"""Builders for campaign test data: valid defaults, override what a test is about."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from bot.campaigns.models import Campaign, CampaignCreator, Deliverable
from bot.vocabulary import DeliverableKind, Money, Platform

OWNER, APPROVER, MEMBER = "U0OWNER", "U0APPROVER", "U0MEMBER"


def make_campaign(**overrides: object) -> Campaign:
    fields: dict[str, object] = {
        "id": "camp1",
        "team_id": "T0TEAM",
        "name": "Summer Launch",
        "channel_id": "C0CAMPAIGN",
        "owner_user_id": OWNER,
        "approver_user_ids": (APPROVER,),
        "budget": Money(amount=Decimal("5000.00"), currency="GBP"),
        "timezone": "Europe/London",
        "start_date": date(2026, 11, 1),
        "end_date": date(2027, 12, 31),
        "jurisdiction": "UK",
    }
    fields.update(overrides)
    return Campaign(**fields)  # type: ignore[arg-type]


def make_creator(**overrides: object) -> CampaignCreator:
    fields: dict[str, object] = {
        "id": "cr1",
        "campaign_id": "camp1",
        "handle": "@maya.makes",
        "platform": Platform.instagram,
        "fee": Money(amount=Decimal("450"), currency="GBP"),
    }
    fields.update(overrides)
    return CampaignCreator(**fields)  # type: ignore[arg-type]


def make_deliverable(**overrides: object) -> Deliverable:
    fields: dict[str, object] = {
        "id": "d1",
        "campaign_id": "camp1",
        "creator_id": "cr1",
        "kind": DeliverableKind.reel,
        "due_at": datetime(2026, 12, 5, 17, 0, tzinfo=UTC),
    }
    fields.update(overrides)
    return Deliverable(**fields)  # type: ignore[arg-type]
