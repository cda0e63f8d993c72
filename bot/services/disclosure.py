"""Disclosure checks under the workspace's rules, and the workspace's choice of rules."""

from __future__ import annotations

from collections.abc import Mapping

from bot.disclosure import CheckOptions, CheckResult, Jurisdiction, check_caption
from bot.services.workspaces import change, ensure
from storage.uow import UnitOfWork


def workspace_jurisdiction(uow: UnitOfWork, team_id: str, defaults: Mapping[str, str]) -> Jurisdiction:
    return Jurisdiction(ensure(uow, team_id, defaults).default_jurisdiction)


def check_for_workspace(
    uow: UnitOfWork, team_id: str, defaults: Mapping[str, str], caption: str, options: CheckOptions
) -> CheckResult:
    """The caption checked under the options given, and the workspace's rules where none were named."""
    jurisdiction = workspace_jurisdiction(uow, team_id, defaults)
    return check_caption(options.request(caption, default_jurisdiction=jurisdiction))


def set_jurisdiction(
    uow: UnitOfWork, team_id: str, defaults: Mapping[str, str], jurisdiction: Jurisdiction
) -> Jurisdiction:
    """The rules this workspace checks against when a check names none."""
    return Jurisdiction(change(uow, team_id, defaults, default_jurisdiction=jurisdiction.value).default_jurisdiction)
