"""The conversations.history pages kept while checking reminders (bot.campaigns.channel_reads says what they
prove). Written once, never changed; purged when no check can need them any more."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.campaigns.channel_reads import HistoryPage
from storage.db import execute_dml
from storage.models import ChannelRead

PAGES_PER_LOOKUP = 500  # a check spans minutes, and a workspace reads about one page a minute


def add_page(session: Session, team_id: str, channel_id: str, page: HistoryPage) -> None:
    session.add(
        ChannelRead(
            team_id=team_id,
            channel_id=channel_id,
            since=page.since,
            until=page.until,
            read_at=page.read_at,
            found={str(reminder_id): ts for reminder_id, ts in page.found.items()},
        )
    )
    session.flush()


def pages_within(
    session: Session, team_id: str, channel_id: str, since: datetime, until: datetime
) -> list[HistoryPage]:
    """The pages of the channel that overlap since..until, newest first (at most PAGES_PER_LOOKUP: one not
    returned only means reading again)."""
    rows = session.scalars(
        select(ChannelRead)
        .where(
            ChannelRead.team_id == team_id,
            ChannelRead.channel_id == channel_id,
            ChannelRead.until >= since,
            ChannelRead.since <= until,
        )
        .order_by(ChannelRead.until.desc(), ChannelRead.id.desc())
        .limit(PAGES_PER_LOOKUP)
    )
    return [
        HistoryPage(
            since=row.since,
            until=row.until,
            read_at=row.read_at,
            found={int(reminder_id): str(ts) for reminder_id, ts in row.found.items() if reminder_id.isdigit()},
        )
        for row in rows
    ]


def teams_with_pages(session: Session) -> list[str]:
    return list(session.scalars(select(ChannelRead.team_id).distinct()))


def purge_pages(session: Session, team_id: str, read_before: datetime) -> int:
    result = execute_dml(
        session, delete(ChannelRead).where(ChannelRead.team_id == team_id, ChannelRead.read_at < read_before)
    )
    return int(result.rowcount or 0)
