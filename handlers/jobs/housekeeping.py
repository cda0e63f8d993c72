"""Time-triggered housekeeping."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.services import Services
from storage.workspaces import processed_event_team_ids, purge_processed_events

# Slack retries an event for at most a few hours (longer only with delayed events, up to 24 h).
EVENT_ID_RETENTION = timedelta(days=2)

logger = logging.getLogger(__name__)


def purge_old_event_ids(services: Services) -> int:
    cutoff = services.clock() - EVENT_ID_RETENTION
    removed = sum(
        purge_processed_events(services.engine, team_id, cutoff)
        for team_id in processed_event_team_ids(services.engine)
    )
    logger.info("purged %d processed event ids older than %s", removed, cutoff)
    return removed
