from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest

from bot.localslack.standin import SlackStandIn
from bot.review.creator_link import LinkKeys
from bot.services import creator_links
from storage.db import make_engine
from tests.harness import USER, SlackHarness, serve_app, single_workspace_settings
from tests.slack.test_campaign_flow import add_creator, create_campaign

APPROVER = "U0APPROVER"


@dataclass
class CreatorSite:
    slack: SlackHarness
    keys: LinkKeys
    browser: httpx.Client

    @property
    def url(self) -> str:
        return self.slack.server.url

    def link(self, handle: str = "glowwithmia", *, rotate: bool = False, days: int = 30, now=None) -> str:
        issued = creator_links.issue_link(
            self.slack.services.uow(),
            self.slack.team_id,
            "spring",
            handle,
            keys=self.keys,
            actor=USER,
            now=now or datetime.now(UTC),
            days=days,
            rotate=rotate,
        )
        return f"/c/{issued.token}"


@pytest.fixture
def site(database_url: str, standin: SlackStandIn, tmp_path) -> Iterator[CreatorSite]:
    """The real app with the creator's pages, single workspace, on SQLite and on PostgreSQL, over HTTP; a campaign
    with two creators (each with a reel), added through Slack like a team would."""
    key = secrets.token_urlsafe(32)
    settings = single_workspace_settings(
        database_url, creatorops_link_key=key, creatorops_upload_dir=str(tmp_path / "uploads")
    )
    engine = make_engine(database_url)
    with serve_app(settings, engine, standin) as slack:
        create_campaign(slack, approvers=[APPROVER])
        add_creator(slack, "glowwithmia")
        add_creator(slack, "otherone", due="2030-02-20 12:00")
        with httpx.Client(base_url=slack.server.url, timeout=10, follow_redirects=False) as browser:
            yield CreatorSite(slack, LinkKeys((key.encode(),)), browser)
    engine.dispose()
