"""Workspaces: their settings, an uninstall, and the deliveries already handled (events, replayed requests)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.services.purging import purge_each_workspace
from bot.workspace import WorkspaceSettings
from storage import reminders as reminder_store
from storage import workspaces as store
from storage.slack_stores import purge_expired_oauth_states
from storage.uow import UnitOfWork

# Slack retries an event for at most a few hours (longer only with delayed events, up to 24 h).
EVENT_ID_RETENTION = timedelta(days=2)


def ensure(
    uow: UnitOfWork,
    team_id: str,
    defaults: Mapping[str, str],
    *,
    name: str | None = None,
    enterprise_id: str | None = None,
) -> WorkspaceSettings:
    """The workspace's settings, created from `defaults` (the configured ones) the first time it is seen."""
    with uow:
        settings = store.ensure_workspace(uow.session, team_id, name=name, enterprise_id=enterprise_id, **defaults)
        uow.commit()
    return settings


def find(uow: UnitOfWork, team_id: str) -> WorkspaceSettings | None:
    """The workspace's settings, if it was ever seen."""
    with uow:
        return store.get_workspace(uow.session, team_id)


def change(uow: UnitOfWork, team_id: str, defaults: Mapping[str, str], **changes: str) -> WorkspaceSettings:
    """Change a workspace's settings; a workspace seen for the first time starts from `defaults`."""
    with uow:
        store.ensure_workspace(uow.session, team_id, **defaults)
        settings = store.update_workspace(uow.session, team_id, **changes)
        uow.commit()
    return settings


def forget(uow: UnitOfWork, team_id: str) -> int:
    """A workspace that uninstalled the app: its row goes and its pending reminders are cancelled, together.
    Returns how many reminders were cancelled."""
    with uow:
        store.remove_workspace(uow.session, team_id)
        cancelled = reminder_store.cancel_pending(uow.session, team_id)
        uow.commit()
    return cancelled


def first_delivery(uow: UnitOfWork, team_id: str, event_id: str) -> bool:
    """Record an Events API delivery, or a request's identity (handlers.replay); False when it was handled
    already (a Slack retry, a replayed request)."""
    with uow:
        first = store.claim_event(uow.session, team_id, event_id)
        uow.commit()
    return first


def purge_old_event_ids(uow: UnitOfWork, now: datetime) -> int:
    """Forget event ids older than Slack's retry window, one workspace at a time."""
    return purge_each_workspace(
        uow, store.processed_event_team_ids, store.purge_processed_events, now - EVENT_ID_RETENTION
    )


def purge_expired_install_states(uow: UnitOfWork, now: datetime) -> int:
    """Forget OAuth states of install attempts that expired unused (anyone can open the install page)."""
    with uow:
        removed = purge_expired_oauth_states(uow.session, now)
        uow.commit()
    return removed
