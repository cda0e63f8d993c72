"""Creators' private links and what came in through them. Every function takes the caller's Session and team_id,
except find_by_hash: a link's keyed hash is unique across workspaces, and it is how a page learns its workspace."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.review.creator_link import StoredLink
from storage.db import execute_dml
from storage.models import CreatorLink, CreatorLinkEvent


def _link(row: CreatorLink) -> StoredLink:
    return StoredLink(
        id=row.id,
        team_id=row.team_id,
        campaign_id=row.campaign_id,
        creator_id=row.creator_id,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
        created_by=row.created_by,
    )


def add_link(
    session: Session,
    team_id: str,
    *,
    campaign_id: int,
    creator_id: int,
    token_hash: str,
    now: datetime,
    expires_at: datetime,
    created_by: str,
) -> StoredLink:
    row = CreatorLink(
        team_id=team_id,
        campaign_id=campaign_id,
        creator_id=creator_id,
        token_hash=token_hash,
        created_at=now,
        expires_at=expires_at,
        created_by=created_by[:32],
    )
    session.add(row)
    session.flush()
    return _link(row)


def revoke_links(session: Session, team_id: str, *, campaign_id: int, creator_id: int, now: datetime) -> int:
    """Revoke every link of this creator on this campaign that is not revoked yet; how many were."""
    return execute_dml(
        session,
        update(CreatorLink)
        .where(
            CreatorLink.team_id == team_id,
            CreatorLink.campaign_id == campaign_id,
            CreatorLink.creator_id == creator_id,
            CreatorLink.revoked_at.is_(None),
        )
        .values(revoked_at=now),
    ).rowcount


def live_links(session: Session, team_id: str, *, campaign_id: int, creator_id: int, now: datetime) -> list[StoredLink]:
    rows = session.scalars(
        select(CreatorLink).where(
            CreatorLink.team_id == team_id,
            CreatorLink.campaign_id == campaign_id,
            CreatorLink.creator_id == creator_id,
            CreatorLink.revoked_at.is_(None),
            CreatorLink.expires_at > now,
        )
    )
    return [_link(row) for row in rows]


def find_by_hash(session: Session, token_hash: str) -> StoredLink | None:
    row = session.scalars(select(CreatorLink).where(CreatorLink.token_hash == token_hash)).first()
    return _link(row) if row else None


def record_event(
    session: Session,
    team_id: str,
    link_id: int,
    *,
    action: str,
    at: datetime,
    ip: str,
    deliverable_id: int | None = None,
    detail: str | None = None,
) -> None:
    session.add(
        CreatorLinkEvent(
            team_id=team_id,
            link_id=link_id,
            deliverable_id=deliverable_id,
            action=action[:16],
            at=at,
            ip=ip[:64],
            detail=(detail or "")[:200] or None,
        )
    )
    session.flush()


def creator_events(
    session: Session, team_id: str, *, campaign_id: int, creator_id: int
) -> list[tuple[datetime, str, str, int | None, str | None]]:
    """What came in through every link of this creator on this campaign: (at, action, ip, deliverable, detail)."""
    rows = session.scalars(
        select(CreatorLinkEvent)
        .join(CreatorLink, CreatorLink.id == CreatorLinkEvent.link_id)
        .where(
            CreatorLinkEvent.team_id == team_id,
            CreatorLink.team_id == team_id,
            CreatorLink.campaign_id == campaign_id,
            CreatorLink.creator_id == creator_id,
        )
        .order_by(CreatorLinkEvent.at, CreatorLinkEvent.id)
    )
    return [(r.at, r.action, r.ip, r.deliverable_id, r.detail) for r in rows]


def events(session: Session, team_id: str, link_id: int) -> list[tuple[datetime, str, str, int | None, str | None]]:
    """(at, action, ip, deliverable id, detail), oldest first."""
    rows = session.scalars(
        select(CreatorLinkEvent)
        .where(CreatorLinkEvent.team_id == team_id, CreatorLinkEvent.link_id == link_id)
        .order_by(CreatorLinkEvent.at, CreatorLinkEvent.id)
    )
    return [(r.at, r.action, r.ip, r.deliverable_id, r.detail) for r in rows]
