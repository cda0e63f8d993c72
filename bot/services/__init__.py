"""Use cases, one module per feature; each public function is one unit of work.

`Services` is what listeners, jobs and the CLI need besides Bolt's own arguments, built once by the app factory.
A global middleware puts it in the Bolt context (no I/O: it only attaches an object), so every listener reads
it with `services_of(context)` instead of importing globals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from bot.config import Settings
from bot.services import health
from bot.services.workspaces import ensure
from bot.workspace import WorkspaceSettings
from storage.db import database_unavailable
from storage.uow import UnitOfWork

__all__ = ["CONTEXT_KEY", "Services", "database_unavailable", "services_of"]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = _utcnow
    installation_store: Any = None  # slack_sdk InstallationStore in OAuth mode
    sources: Any = None  # bot.sources.registry.CreatorSources

    def uow(self) -> UnitOfWork:
        """A new unit of work for one use case."""
        return UnitOfWork(self.engine)

    def health(self) -> dict[str, str]:
        """Each dependency and whether it answers, for /healthz."""
        return health.check(self.uow())

    def workspace(self, team_id: str) -> WorkspaceSettings:
        """The workspace's settings, created from the configured defaults the first time it is seen."""
        return ensure(self.uow(), team_id, self.settings.workspace_defaults)


CONTEXT_KEY = "creatorops_services"


def services_of(context: Any) -> Services:
    return context[CONTEXT_KEY]
