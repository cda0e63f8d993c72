"""The schema, for `creatorops db …`: Alembic migrations up and down."""

from __future__ import annotations

from storage.migrate import current_revision, downgrade, upgrade

__all__ = ["current_revision", "downgrade", "upgrade"]
