"""slack_sdk's own SQLAlchemy installation and OAuth state stores, in our database.

Their tables are created by our Alembic migrations (never by `create_tables()`), so the schema has one owner.
"""

from __future__ import annotations

from datetime import datetime

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, delete
from sqlalchemy.orm import Session

from storage.db import execute_dml

OAUTH_STATE_EXPIRY_SECONDS = 600


def installation_store(client_id: str, engine: Engine) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(client_id=client_id, engine=engine)


def oauth_state_store(engine: Engine) -> SQLAlchemyOAuthStateStore:
    return SQLAlchemyOAuthStateStore(expiration_seconds=OAUTH_STATE_EXPIRY_SECONDS, engine=engine)


def slack_store_metadata() -> MetaData:
    """The store tables as slack_sdk defines them, for Alembic's comparison with our migrations."""
    metadata = MetaData()
    SQLAlchemyInstallationStore.build_installations_table(
        metadata, SQLAlchemyInstallationStore.default_installations_table_name
    )
    SQLAlchemyInstallationStore.build_bots_table(metadata, SQLAlchemyInstallationStore.default_bots_table_name)
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, SQLAlchemyOAuthStateStore.default_table_name)
    return metadata


def purge_expired_oauth_states(session: Session, now: datetime) -> int:
    """slack_sdk deletes a state when an install uses it, never when it expires unused: every visit to the install
    page that stops short of installing leaves a row. Not workspace data (no team yet), so no team_id."""
    states = SQLAlchemyOAuthStateStore.build_oauth_states_table(
        MetaData(), SQLAlchemyOAuthStateStore.default_table_name
    )
    result = execute_dml(session, delete(states).where(states.c.expire_at < normalize_datetime_for_db(now)))
    return int(result.rowcount or 0)
