"""Queries on the workspace table and the processed-event log. Every function takes team_id."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError

from storage.db import transaction
from storage.models import ProcessedEvent, Workspace


def get_workspace(engine: Engine, team_id: str) -> Workspace | None:
    with transaction(engine) as session:
        return session.get(Workspace, team_id)


def _first_writer_wins(write: Callable[[], Workspace]) -> Workspace:
    """Run `write` again when another request created the same workspace row at the same moment: the second
    attempt finds that row (a new workspace's first commands often arrive together)."""
    try:
        return write()
    except IntegrityError:
        return write()


def ensure_workspace(
    engine: Engine,
    team_id: str,
    *,
    name: str | None = None,
    enterprise_id: str | None = None,
    default_timezone: str = "UTC",
    default_jurisdiction: str = "US",
    default_platform: str = "instagram",
) -> Workspace:
    """The workspace row, created with the given defaults the first time a workspace is seen."""

    def write() -> Workspace:
        with transaction(engine) as session:
            workspace = session.get(Workspace, team_id)
            if workspace is None:
                workspace = Workspace(
                    team_id=team_id,
                    name=name,
                    enterprise_id=enterprise_id,
                    default_timezone=default_timezone,
                    default_jurisdiction=default_jurisdiction,
                    default_platform=default_platform,
                )
                session.add(workspace)
            elif name and workspace.name != name:
                workspace.name = name
        return workspace

    return _first_writer_wins(write)


def update_workspace_defaults(engine: Engine, team_id: str, **defaults: str) -> Workspace:
    """Change settings of a workspace that ensure_workspace created (so it started from the configured defaults)."""
    allowed = {"default_timezone", "default_jurisdiction", "default_platform", "name"}
    unknown = set(defaults) - allowed
    if unknown:
        raise ValueError(f"not a workspace setting: {', '.join(sorted(unknown))}")
    with transaction(engine) as session:
        workspace = session.get(Workspace, team_id)
        if workspace is None:
            raise LookupError(f"no workspace {team_id}: create it with ensure_workspace first")
        for key, value in defaults.items():
            setattr(workspace, key, value)
    return workspace


def remove_workspace(engine: Engine, team_id: str) -> bool:
    """Forget a workspace that uninstalled the app; True when there was one."""
    with transaction(engine) as session:
        result = session.execute(delete(Workspace).where(Workspace.team_id == team_id))
    return bool(result.rowcount)


def claim_event(engine: Engine, team_id: str, event_id: str) -> bool:
    """Record an Events API delivery; False when this event_id was handled already (a Slack retry)."""
    try:
        with transaction(engine) as session:
            session.add(ProcessedEvent(event_id=event_id, team_id=team_id))
    except IntegrityError:
        return False
    return True


def processed_event_team_ids(engine: Engine) -> list[str]:
    """Workspaces with processed-event rows (the purge job walks them one workspace at a time)."""
    with transaction(engine) as session:
        return list(session.scalars(select(ProcessedEvent.team_id).distinct()))


def purge_processed_events(engine: Engine, team_id: str, older_than: datetime) -> int:
    """Slack stops retrying an event after hours, so older ids can go."""
    with transaction(engine) as session:
        result = session.execute(
            delete(ProcessedEvent).where(ProcessedEvent.team_id == team_id, ProcessedEvent.received_at < older_than)
        )
    return int(result.rowcount or 0)
