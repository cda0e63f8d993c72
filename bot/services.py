"""What listeners need besides Bolt's own arguments, built once by the app factory.

A global middleware puts it in the Bolt context (no I/O: it only attaches an object), so every listener
reads it with `services_of(context)` instead of importing globals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from bot.config import Settings
from storage.models import Workspace
from storage.workspaces import ensure_workspace


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = _utcnow
    installation_store: Any = None  # slack_sdk InstallationStore in OAuth mode
    sources: Any = None  # bot.sources.registry.CreatorSources

    def workspace(self, team_id: str) -> Workspace:
        """The workspace's row, created with the configured defaults the first time it is seen."""
        return ensure_workspace(self.engine, team_id, **self.settings.workspace_defaults)


CONTEXT_KEY = "creatorops_services"


def services_of(context: Any) -> Services:
    return context[CONTEXT_KEY]
