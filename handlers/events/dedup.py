"""Skip Events API deliveries that were handled already.

Slack retries an event (X-Slack-Retry-Num) when our first answer was slow or failed. We deduplicate on
event_id, not on the retry header: the first delivery may have failed before it was recorded. The check
runs inside the listener, after Bolt's automatic ack, so no I/O happens before ack(). Bolt reads the
listener's parameter names through functools.wraps, so listeners keep plain (not keyword-only) parameters.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext

from bot.services import services_of, workspaces


def once_per_event(listener: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(listener)
    def wrapper(body: dict[str, Any], context: BoltContext, logger: logging.Logger, **kwargs: Any) -> None:
        event_id = body.get("event_id")
        team_id = context.team_id or body.get("team_id") or ""
        if event_id and not workspaces.first_delivery(services_of(context).uow(), team_id, event_id):
            logger.info("skipping event %s: already handled", event_id)
            return
        listener(body=body, context=context, logger=logger, **kwargs)

    return wrapper
