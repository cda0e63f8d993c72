"""The budget planner learns from the team's finished campaigns once it has three past creators of a tier."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from bot.metrics import PostObservation
from bot.services import Services, campaigns, results
from bot.vocabulary import Money, Platform
from storage import results as result_store
from storage import vetting as vetting_store
from tests.databases import stored

TEAM = "T0PLAN"
NOW = datetime(2026, 12, 20, 12, tzinfo=UTC)


def finished_campaign_with_nano_creators(services: Services, creators: int) -> None:
    form = campaigns.CampaignForm(
        name="Autumn",
        channel_id="C0AUTUMN",
        owner_user_id="U0OWNER",
        start_date=date(2026, 10, 1),
        end_date=date(2026, 10, 31),
        budget=Decimal(2000),
    )
    campaign = campaigns.create_campaign(
        services.uow(), TEAM, form, created_by="U0OWNER", now=datetime(2026, 9, 1, tzinfo=UTC)
    )
    readings = []
    for n in range(creators):
        handle = f"nano{n}"
        added = campaigns.add_deliverable(
            services.uow(),
            TEAM,
            campaigns.DeliverableForm(
                campaign_id=int(campaign.id),
                handle=handle,
                platform="instagram",
                kind="reel",
                due_text="2026-10-20",
                fee=Decimal(300),
            ),  # fmt: skip
            now=datetime(2026, 9, 1, tzinfo=UTC),
        )
        stored(
            services.engine,
            vetting_store.save_snapshot,
            TEAM,
            platform="instagram",
            handle=handle,
            source="snapshot",
            fetched_at=datetime(2026, 9, 1, tzinfo=UTC),
            followers=5000,
            payload={},
        )
        observation = PostObservation(
            post_url=f"https://www.instagram.com/reel/N{n}/",
            handle=handle,
            platform=Platform.instagram,
            observed_at=datetime(2026, 10, 25, tzinfo=UTC),
            likes=400 + 50 * n,  # 8-11 % of 5,000 followers: far above the published nano band
            comments=20,
        )
        readings.append((int(added.creator.id), observation))
    stored(services.engine, result_store.save_observations, TEAM, int(campaign.id), readings)


def test_three_past_nano_creators_replace_the_benchmark_for_their_tier(engine) -> None:
    services = Services(settings=None, engine=engine)  # type: ignore[arg-type]
    finished_campaign_with_nano_creators(services, 3)
    budget = Money(amount=Decimal(5000), currency="USD")
    learned = results.budget_plan(services.uow(), TEAM, budget, Platform.instagram, now=NOW)
    benchmark = results.budget_plan(services.uow(), None, budget, Platform.instagram, now=NOW)
    assert learned.nano.basis == "your 3 past nano creators on instagram"
    assert learned.nano.expected_engagements > benchmark.nano.expected_engagements
    assert learned.micro.basis == benchmark.micro.basis  # no past micro creators: still the benchmark


def test_two_past_creators_are_not_enough(engine) -> None:
    services = Services(settings=None, engine=engine)  # type: ignore[arg-type]
    finished_campaign_with_nano_creators(services, 2)
    plan = results.budget_plan(services.uow(), TEAM, Money(amount=Decimal(5000)), Platform.instagram, now=NOW)
    assert plan.nano.basis.startswith("published benchmarks")


def test_a_campaign_still_running_teaches_nothing(engine) -> None:
    services = Services(settings=None, engine=engine)  # type: ignore[arg-type]
    finished_campaign_with_nano_creators(services, 3)
    still_running = datetime(2026, 10, 30, tzinfo=UTC)
    plan = results.budget_plan(services.uow(), TEAM, Money(amount=Decimal(5000)), Platform.instagram, now=still_running)
    assert plan.nano.basis.startswith("published benchmarks")
