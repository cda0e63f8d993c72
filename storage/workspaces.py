"""Queries on the workspace table and the processed-event log. Every function takes the caller's Session and
team_id."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.workspace import WorkspaceSettings
from storage.db import execute_dml
from storage.models import Base, ProcessedEvent, Workspace, utcnow


def _insert(session: Session) -> Callable[[type[Base]], postgresql.Insert | sqlite.Insert]:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def to_settings(row: Workspace) -> WorkspaceSettings:
    return WorkspaceSettings(
        team_id=row.team_id,
        name=row.name,
        enterprise_id=row.enterprise_id,
        default_timezone=row.default_timezone,
        default_jurisdiction=row.default_jurisdiction,
        default_platform=row.default_platform,
    )


def get_workspace(session: Session, team_id: str) -> WorkspaceSettings | None:
    row = session.get(Workspace, team_id)
    return to_settings(row) if row else None


def ensure_workspace(
    session: Session,
    team_id: str,
    *,
    name: str | None = None,
    enterprise_id: str | None = None,
    default_timezone: str = "UTC",
    default_jurisdiction: str = "US",
    default_platform: str = "instagram",
) -> WorkspaceSettings:
    """The workspace row, created with the given defaults the first time a workspace is seen. A new workspace's
    first commands often arrive together: the insert yields to a row another request just created."""
    session.execute(
        _insert(session)(Workspace)
        .values(
            team_id=team_id,
            name=name,
            enterprise_id=enterprise_id,
            installed_at=utcnow(),
            default_timezone=default_timezone,
            default_jurisdiction=default_jurisdiction,
            default_platform=default_platform,
        )
        .on_conflict_do_nothing(index_elements=["team_id"])
    )
    workspace = session.get(Workspace, team_id, populate_existing=True)
    assert workspace is not None  # inserted above, or already there
    changed = False
    if name and workspace.name != name:
        workspace.name, changed = name, True
    if enterprise_id and workspace.enterprise_id != enterprise_id:  # a reinstall, or a workspace joining an org
        workspace.enterprise_id, changed = enterprise_id, True
    if changed:
        session.flush()
    return to_settings(workspace)


WORKSPACE_SETTINGS = frozenset({"default_timezone", "default_jurisdiction", "default_platform", "name"})


def update_workspace(session: Session, team_id: str, **settings: str) -> WorkspaceSettings:
    """Change settings of a workspace that ensure_workspace created (so it started from the configured defaults)."""
    unknown = set(settings) - WORKSPACE_SETTINGS
    if unknown:
        raise ValueError(f"not a workspace setting: {', '.join(sorted(unknown))}")
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        raise LookupError(f"no workspace {team_id}: create it with ensure_workspace first")
    for key, value in settings.items():
        setattr(workspace, key, value)
    session.flush()
    return to_settings(workspace)


def remove_workspace(session: Session, team_id: str) -> bool:
    """Forget a workspace that uninstalled the app; True when there was one."""
    result = execute_dml(session, delete(Workspace).where(Workspace.team_id == team_id))
    return bool(result.rowcount)


def claim_event(session: Session, team_id: str, event_id: str) -> bool:
    """Record an Events API delivery; False when this event_id was handled already (a Slack retry)."""
    inserted = session.execute(
        _insert(session)(ProcessedEvent)
        .values(event_id=event_id, team_id=team_id, received_at=utcnow())
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(ProcessedEvent.event_id)
    ).first()
    return inserted is not None


def processed_event_team_ids(session: Session) -> list[str]:
    """Workspaces with processed-event rows (the purge job walks them one workspace at a time)."""
    return list(session.scalars(select(ProcessedEvent.team_id).distinct()))


def purge_processed_events(session: Session, team_id: str, older_than: datetime) -> int:
    """Slack stops retrying an event after hours, so older ids can go."""
    result = execute_dml(
        session,
        delete(ProcessedEvent).where(ProcessedEvent.team_id == team_id, ProcessedEvent.received_at < older_than),
    )
    return int(result.rowcount or 0)
