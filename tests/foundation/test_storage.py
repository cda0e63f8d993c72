"""Storage on SQLite and PostgreSQL: migrations, the workspace table, the processed-event log."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, inspect, select

from bot.campaigns.models import Campaign as CampaignModel
from bot.vocabulary import Money
from storage.campaigns import add_campaign, campaigns_named_like
from storage.db import make_engine, normalise_url, transaction
from storage.migrate import current_revision, downgrade, upgrade
from storage.models import Workspace
from storage.workspaces import (
    claim_event,
    ensure_workspace,
    get_workspace,
    purge_processed_events,
    remove_workspace,
    update_workspace,
)
from tests.databases import stored


def test_migrations_create_our_tables_and_slack_sdk_store_tables(engine, database_url):
    tables = set(inspect(engine).get_table_names())
    assert {
        "workspace",
        "processed_event",
        "slack_installations",
        "slack_bots",
        "slack_oauth_states",
    } <= tables
    assert current_revision(database_url) is not None


def test_migrations_go_down_and_up_again(database_url):
    downgrade(database_url, "base")
    engine = make_engine(database_url)
    assert "workspace" not in inspect(engine).get_table_names()
    upgrade(database_url)
    assert "workspace" in inspect(engine).get_table_names()
    engine.dispose()


def test_workspace_is_created_once_with_defaults_and_can_change_them(engine):
    created = stored(
        engine, ensure_workspace, "T1", name="One", default_jurisdiction="UK", default_timezone="Europe/London"
    )
    again = stored(engine, ensure_workspace, "T1", default_jurisdiction="US")
    assert again.default_jurisdiction == "UK"  # not overwritten by a later sighting
    assert created.name == "One"
    stored(engine, update_workspace, "T1", default_jurisdiction="DE")
    assert stored(engine, get_workspace, "T1").default_jurisdiction == "DE"


def test_requests_creating_the_same_workspace_at_once_all_get_the_one_row(engine):
    """A new workspace's first commands often arrive together: every one gets the row, none crashes."""
    start = threading.Barrier(6)

    def first_command(n: int) -> str:
        start.wait()
        return stored(engine, ensure_workspace, "T9", name="Rival", default_jurisdiction="UK").default_jurisdiction

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(first_command, range(6)))
    assert answers == ["UK"] * 6
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Workspace)) == 1
    assert stored(engine, update_workspace, "T9", default_platform="tiktok").default_platform == "tiktok"


def test_one_workspace_never_sees_or_removes_another(engine):
    stored(engine, ensure_workspace, "T1", name="One")
    stored(engine, ensure_workspace, "T2", name="Two")
    assert stored(engine, remove_workspace, "T1") is True
    assert stored(engine, get_workspace, "T1") is None
    assert stored(engine, get_workspace, "T2").name == "Two"
    assert stored(engine, remove_workspace, "T1") is False


def test_an_event_id_is_claimed_once(engine):
    assert stored(engine, claim_event, "T1", "Ev1") is True
    assert stored(engine, claim_event, "T1", "Ev1") is False
    assert stored(engine, claim_event, "T1", "Ev2") is True


def test_old_processed_events_are_purged_per_workspace(engine):
    stored(engine, claim_event, "T1", "Ev1")
    stored(engine, claim_event, "T2", "Ev2")
    later = datetime.now(UTC) + timedelta(days=1)
    assert stored(engine, purge_processed_events, "T1", later) == 1
    assert stored(engine, claim_event, "T1", "Ev1") is True
    assert stored(engine, claim_event, "T2", "Ev2") is False


def test_hosting_platform_urls_get_the_psycopg_driver():
    assert normalise_url("postgres://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
    assert normalise_url("postgresql://h/db") == "postgresql+psycopg://h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_migrations_match_the_models(engine):
    """A model changed without a migration shows up here (run: alembic revision --autogenerate)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import MetaData

    from storage.models import Base
    from storage.slack_stores import slack_store_metadata

    everything = MetaData()
    for metadata in (Base.metadata, slack_store_metadata()):
        for table in metadata.tables.values():
            table.to_metadata(everything)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), everything)
    assert diff == []


def test_campaigns_are_found_by_part_of_their_name_newest_first_on_each_database(engine):
    def campaign(name: str, team: str = "T1", ends: date = date(2030, 3, 1)) -> CampaignModel:
        return CampaignModel(
            team_id=team,
            name=name,
            channel_id="C1",
            owner_user_id="U1",
            budget=Money(amount=Decimal(0), currency="USD"),
            start_date=date(2020, 1, 1),
            end_date=ends,
        )

    for made in (
        campaign("Été Glow"),
        campaign("100% Glow"),
        campaign("Glow", "T2"),
        campaign("Old glow", ends=date(2021, 1, 1)),
    ):
        stored(engine, add_campaign, made, created_by="U1")

    def named(text: str) -> list[str]:
        return [
            c.name
            for c in stored(engine, lambda s: list(campaigns_named_like(s, "T1", text, ending_from=date(2025, 1, 1))))
        ]

    assert named("GLOW") == ["100% Glow", "Été Glow"]
    assert named("été") == ["Été Glow"]
    assert named("0%") == ["100% Glow"]
    assert named("%") == ["100% Glow"]
    assert named("_") == []
