"""Housekeeping deletes, one workspace (one short transaction) at a time: every query takes a team_id, and no
purge holds locks across all workspaces at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from storage.uow import UnitOfWork


def purge_each_workspace(
    uow: UnitOfWork,
    team_ids: Callable[[Session], list[str]],
    purge: Callable[[Session, str, datetime], int],
    older_than: datetime,
) -> int:
    """`purge(session, team_id, older_than)` for each of `team_ids(session)`; how many rows went."""
    with uow:
        teams = team_ids(uow.session)
    removed = 0
    for team_id in teams:
        with uow:
            removed += purge(uow.session, team_id, older_than)
            uow.commit()
    return removed
