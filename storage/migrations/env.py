"""Alembic environment: our models plus slack_sdk's installation and OAuth state tables."""

from __future__ import annotations

from alembic import context
from sqlalchemy import MetaData, pool

from storage.db import make_engine
from storage.models import Base
from storage.slack_stores import slack_store_metadata
from storage.types import UTCDateTime


def _target_metadata() -> list[MetaData]:
    return [Base.metadata, slack_store_metadata()]


def _render_item(type_: str, obj: object, autogen_context) -> str | bool:  # type: ignore[no-untyped-def]
    """Write our UTCDateTime columns as plain DateTime(timezone=True): migrations must not import app code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=_target_metadata(), literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table to drop a column; with foreign keys on, dropping the old copy of a
            # table others refer to (campaign) fails or cascades. SQLite's advice: off for the change, then check.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=_target_metadata(),
            render_as_batch=sqlite,  # SQLite cannot ALTER most things in place
            render_item=_render_item,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise RuntimeError("the migration left rows whose foreign keys point nowhere; nothing was changed")
    engine.dispose()


run_migrations()
