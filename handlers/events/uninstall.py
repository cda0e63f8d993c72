"""app_uninstalled and tokens_revoked: forget the workspace's tokens and its workspace row."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners

from bot.services import Services, services_of, workspaces
from handlers.context import team_of
from handlers.events.dedup import once_per_event


def _forget_workspace(services: Services, context: BoltContext) -> int:
    """Delete its installation (tokens) and workspace row; returns how many pending reminders were cancelled."""
    if services.installation_store is not None:
        TokenRevocationListeners(services.installation_store).handle_app_uninstalled_events(context)
    return workspaces.forget(services.uow(), team_of(context))


@once_per_event
def handle_app_uninstalled(body: dict[str, Any], context: BoltContext, logger: logging.Logger) -> None:
    cancelled = _forget_workspace(services_of(context), context)
    logger.info(
        "workspace %s uninstalled CreatorOps: installation removed, %d reminders cancelled", context.team_id, cancelled
    )


@once_per_event
def handle_tokens_revoked(
    body: dict[str, Any], event: dict[str, Any], context: BoltContext, logger: logging.Logger
) -> None:
    services = services_of(context)
    if event.get("tokens", {}).get("bot"):
        # Without its bot token the app can do nothing here; slack_sdk's handler would keep the
        # installation row (and its dead token), so forget everything, as for an uninstall.
        _forget_workspace(services, context)
    elif services.installation_store is not None:
        TokenRevocationListeners(services.installation_store).handle_tokens_revoked_events(event, context)
    logger.info("tokens revoked in workspace %s", context.team_id)
