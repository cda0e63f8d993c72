"""The creator's private link (/c/<token>): the web pages a creator without a Slack account uses."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from bot.services import Services
from bot.web.app import MOUNT, WebConfig, create_web

__all__ = ["MOUNT", "WebConfig", "create_web", "web_for"]

logger = logging.getLogger("creatorops.web")


def web_for(services: Services) -> Flask | None:
    """The creator's pages over these services, or None (with a warning) when CREATOROPS_LINK_KEY is not set."""
    settings = services.settings
    keys = settings.link_keys()
    if keys is None:
        logger.warning("CREATOROPS_LINK_KEY is not set: creators' private links (/c/...) are off")
        return None
    config = WebConfig(
        keys=keys, upload_dir=Path(settings.creatorops_upload_dir), trusted_proxy=settings.creatorops_trusted_proxy
    )
    return create_web(services, config)
