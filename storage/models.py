"""SQLAlchemy 2 typed models. Every row that belongs to a workspace carries team_id."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so Alembic migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Workspace(Base):
    """One Slack workspace that uses CreatorOps, with its defaults."""

    __tablename__ = "workspace"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(200))
    installed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    default_timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    default_jurisdiction: Mapped[str] = mapped_column(String(8), default="US")
    default_platform: Mapped[str] = mapped_column(String(16), default="instagram")


class ProcessedEvent(Base):
    """Events API deliveries already handled, keyed by event_id, so Slack's retries are skipped."""

    __tablename__ = "processed_event"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
