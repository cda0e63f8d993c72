"""A workspace's settings as every screen reads them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class WorkspaceSettings(BaseModel):
    """The defaults a workspace starts from (the configured ones) and may change."""

    model_config = ConfigDict(frozen=True)

    team_id: str
    name: str | None = None
    enterprise_id: str | None = None  # an Enterprise Grid org: its installations are stored under it
    default_timezone: str = "UTC"
    default_jurisdiction: str = "US"
    default_platform: str = "instagram"
