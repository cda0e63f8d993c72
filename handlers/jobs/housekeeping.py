"""Time-triggered housekeeping."""

from __future__ import annotations

import logging

from bot.services import Services, reminders, workspaces

logger = logging.getLogger(__name__)


def purge_old_event_ids(services: Services) -> int:
    removed = workspaces.purge_old_event_ids(services.uow(), services.clock())
    logger.info("purged %d processed event ids older than %s", removed, workspaces.EVENT_ID_RETENTION)
    return removed


def purge_expired_install_states(services: Services) -> int:
    removed = workspaces.purge_expired_install_states(services.uow(), services.clock())
    logger.info("purged %d expired OAuth install states", removed)
    return removed


def purge_old_channel_reads(services: Services) -> int:
    removed = reminders.purge_old_reads(services.uow(), services.clock())
    logger.info("purged %d channel history pages read more than %s ago", removed, reminders.READ_RETENTION)
    return removed
