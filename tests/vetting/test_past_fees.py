"""The fees a workspace agreed with creators, as the fair rate reads them: only its own, one kind per creator,
with the creator's latest follower count; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from bot.services import campaigns
from bot.services.campaigns import CampaignForm, DeliverableForm
from bot.vetting.rates import PastFee
from bot.vocabulary import DeliverableKind, Money, Platform
from storage import vetting as store
from storage.db import make_engine
from storage.uow import UnitOfWork

NOW = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
TEAM, OTHER = "T0TEAMONE", "T0OTHER"


def _book(uow: UnitOfWork, team: str, handle: str, kinds: list[tuple[str, int]], **terms: object) -> None:
    form = CampaignForm(
        name=f"{handle} deal", channel_id="C0CHAN", owner_user_id="U0OWNER",
        start_date=date(2030, 1, 1), end_date=date(2030, 3, 1), currency="EUR",
    )  # fmt: skip
    campaign = campaigns.create_campaign(uow, team, form, created_by="U0OWNER", now=NOW)
    for kind, count in kinds:
        booking = DeliverableForm(
            campaign_id=int(campaign.id), handle=handle, platform="instagram", kind=kind,
            due_text="2030-02-01 17:00", count=count, confirmed=True, **terms,  # type: ignore[arg-type]
        )  # fmt: skip
        campaigns.add_deliverables(uow, team, booking, now=NOW)


def _seen(uow: UnitOfWork, team: str, handle: str, followers: int, day: int) -> None:
    with uow:
        store.save_snapshot(
            uow.session, team, platform="instagram", handle=handle, source="test",
            fetched_at=datetime(2030, 1, day, tzinfo=UTC), followers=followers, payload={},
        )  # fmt: skip
        uow.commit()


def test_past_fees_are_the_workspaces_own_with_one_kind_and_the_latest_followers(database_url: str) -> None:
    engine = make_engine(database_url)
    uow = UnitOfWork(engine)
    _book(uow, TEAM, "ana", [("reel", 2)], fee=Decimal("900"), exclusivity=True, usage_rights="12 months paid")
    _book(uow, TEAM, "ben", [("reel", 1), ("story", 3)], fee=Decimal("700"))  # mixed kinds: per reel unknown
    _book(uow, TEAM, "cy", [("post", 1)], fee=Decimal("300"))  # never fetched: tier unknown
    _book(uow, TEAM, "dee", [("post", 1)])  # no fee
    _book(uow, OTHER, "ana", [("reel", 1)], fee=Decimal("50000"))  # another workspace's deal
    for team, handle, followers, day in ((TEAM, "ana", 20_000, 1), (TEAM, "ana", 24_000, 2), (TEAM, "ben", 30_000, 1)):
        _seen(uow, team, handle, followers, day)
    _seen(uow, OTHER, "cy", 30_000, 1)  # another workspace's reading does not give cy a tier here

    with uow:
        fees = store.past_fees(uow.session, TEAM, "instagram")

    assert fees == [
        PastFee(
            platform=Platform.instagram,
            followers=24_000,
            fee=Money(amount=Decimal("900.00"), currency="EUR"),
            posts=2,
            kind=DeliverableKind.reel,
            exclusivity=True,
            usage_rights=True,
            handle="ana",
        )
    ]
    with uow:
        assert store.past_fees(uow.session, TEAM, "tiktok") == []
    engine.dispose()
