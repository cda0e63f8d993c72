"""Storage on SQLite and PostgreSQL: migrations, the workspace table, the processed-event log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from storage.db import make_engine, normalise_url
from storage.migrate import current_revision, downgrade, upgrade
from storage.models import Workspace
from storage.workspaces import (
    claim_event,
    ensure_workspace,
    get_workspace,
    purge_processed_events,
    remove_workspace,
    update_workspace_defaults,
)


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
    created = ensure_workspace(engine, "T1", name="One", default_jurisdiction="UK", default_timezone="Europe/London")
    again = ensure_workspace(engine, "T1", default_jurisdiction="US")
    assert again.default_jurisdiction == "UK"  # not overwritten by a later sighting
    assert created.installed_at is not None
    update_workspace_defaults(engine, "T1", default_jurisdiction="DE")
    assert get_workspace(engine, "T1").default_jurisdiction == "DE"


def test_two_requests_creating_the_same_workspace_at_once_both_get_it(engine, monkeypatch):
    """A new workspace's first commands often arrive together: the one that loses the insert reads the row."""
    real_get = Session.get
    raced = []

    def get_after_a_rival_inserted(session, entity, key, **kwargs):
        found = real_get(session, entity, key, **kwargs)
        if entity is Workspace and not raced:  # the rival commits between our read and our insert
            raced.append(key)
            with engine.begin() as rival:
                rival.execute(insert(Workspace).values(team_id=key, name="Rival", default_jurisdiction="UK"))
        return found

    monkeypatch.setattr(Session, "get", get_after_a_rival_inserted)
    workspace = ensure_workspace(engine, "T9", name="Rival", default_jurisdiction="US")
    assert raced == ["T9"]
    assert workspace.default_jurisdiction == "UK"  # the rival's row, not a crash and not a second row
    assert update_workspace_defaults(engine, "T9", default_platform="tiktok").default_platform == "tiktok"


def test_one_workspace_never_sees_or_removes_another(engine):
    ensure_workspace(engine, "T1", name="One")
    ensure_workspace(engine, "T2", name="Two")
    assert remove_workspace(engine, "T1") is True
    assert get_workspace(engine, "T1") is None
    assert get_workspace(engine, "T2").name == "Two"
    assert remove_workspace(engine, "T1") is False


def test_an_event_id_is_claimed_once(engine):
    assert claim_event(engine, "T1", "Ev1") is True
    assert claim_event(engine, "T1", "Ev1") is False
    assert claim_event(engine, "T1", "Ev2") is True


def test_old_processed_events_are_purged_per_workspace(engine):
    claim_event(engine, "T1", "Ev1")
    claim_event(engine, "T2", "Ev2")
    later = datetime.now(UTC) + timedelta(days=1)
    assert purge_processed_events(engine, "T1", later) == 1
    assert claim_event(engine, "T1", "Ev1") is True
    assert claim_event(engine, "T2", "Ev2") is False


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
