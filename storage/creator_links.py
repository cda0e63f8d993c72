"""Creators' private links and what came in through them. Every function takes the caller's Session and team_id,
except find_by_hashes: a link's keyed hash is unique across workspaces, and it is how a page learns its workspace."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.campaigns.dispatch_kinds import LINK_CARD, LINK_LIVE, LINK_MEDIA
from bot.review.creator_link import StoredLink
from storage.db import dialect_insert, execute_dml
from storage.models import CreatorLink, CreatorLinkEvent, Reminder
from storage.reminders import PlannedRow, _pending


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


def rehash_link(session: Session, team_id: str, link_id: int, token_hash: str) -> None:
    """Keep the link under a new hash of its token (the link key changed; the token did not)."""
    session.execute(
        update(CreatorLink)
        .where(CreatorLink.team_id == team_id, CreatorLink.id == link_id)
        .values(token_hash=token_hash)
    )


def find_by_hashes(session: Session, hashes: list[str]) -> tuple[StoredLink, str] | None:
    """The link stored under one of these hashes of its token (one per link key), and that hash."""
    row = session.scalars(select(CreatorLink).where(CreatorLink.token_hash.in_(hashes))).first()
    return (_link(row), row.token_hash) if row else None


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


def campaign_links(
    session: Session, team_id: str, campaign_id: int
) -> tuple[list[StoredLink], list[tuple[int, datetime, str, str, int | None, str | None]]]:
    """Every link of the campaign's creators, revoked and expired too, oldest first, and everything that came in
    through them: (creator id, at, action, ip, deliverable id, detail), oldest first. For the evidence pack."""
    links = session.scalars(
        select(CreatorLink)
        .where(CreatorLink.team_id == team_id, CreatorLink.campaign_id == campaign_id)
        .order_by(CreatorLink.created_at, CreatorLink.id)
    )
    rows = session.execute(
        select(CreatorLink.creator_id, CreatorLinkEvent)
        .join(CreatorLink, CreatorLink.id == CreatorLinkEvent.link_id)
        .where(
            CreatorLinkEvent.team_id == team_id,
            CreatorLink.team_id == team_id,
            CreatorLink.campaign_id == campaign_id,
        )
        .order_by(CreatorLinkEvent.at, CreatorLinkEvent.id)
    ).all()
    events = [(creator_id, e.at, e.action, e.ip, e.deliverable_id, e.detail) for creator_id, e in rows]
    return [_link(row) for row in links], events


def events(session: Session, team_id: str, link_id: int) -> list[tuple[datetime, str, str, int | None, str | None]]:
    """(at, action, ip, deliverable id, detail), oldest first."""
    rows = session.scalars(
        select(CreatorLinkEvent)
        .where(CreatorLinkEvent.team_id == team_id, CreatorLinkEvent.link_id == link_id)
        .order_by(CreatorLinkEvent.at, CreatorLinkEvent.id)
    )
    return [(r.at, r.action, r.ip, r.deliverable_id, r.detail) for r in rows]


def delivery_key(kind: str, version_id: int) -> str:
    """One card and one sharing of files per draft version, however often the planning runs."""
    return f"{kind}:{version_id}"


def plan_delivery(
    session: Session,
    team_id: str,
    *,
    campaign_id: int,
    deliverable_id: int,
    version_id: int,
    with_files: bool,
    now: datetime,
) -> None:
    """The dispatcher's rows for a draft that came in through a link: its review card, and its files when it has
    any; due at once, in the transaction that stores the draft (an outbox: nothing is lost, nothing waits)."""
    kinds = (LINK_CARD, LINK_MEDIA) if with_files else (LINK_CARD,)
    planned = [PlannedRow(kind, now, delivery_key(kind, version_id)) for kind in kinds]
    _plan(session, team_id, campaign_id, deliverable_id, planned, version_id=version_id)


def plan_live_post(session: Session, team_id: str, *, campaign_id: int, deliverable_id: int, now: datetime) -> None:
    """The dispatcher's row that says in the channel that the creator gave the live link (in the transaction
    that records it)."""
    key = f"{LINK_LIVE}:{deliverable_id}:{now.isoformat()}"
    _plan(session, team_id, campaign_id, deliverable_id, [PlannedRow(LINK_LIVE, now, key)], version_id=None)


def _plan(
    session: Session,
    team_id: str,
    campaign_id: int,
    deliverable_id: int,
    planned: list[PlannedRow],
    *,
    version_id: int | None,
) -> None:
    rows = [
        _pending(team_id, campaign_id, deliverable_id, 1, row) | {"draft_version_id": version_id} for row in planned
    ]
    session.execute(
        dialect_insert(session)(Reminder)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["team_id", "idempotency_key"])
    )


def card_delivery(session: Session, team_id: str, version_id: int) -> tuple[str, str | None, str | None] | None:
    """The status of a draft version's card row, and where it was posted once sent: (status, channel, ts)."""
    row = session.execute(
        select(Reminder.status, Reminder.channel_id, Reminder.slack_ts).where(
            Reminder.team_id == team_id, Reminder.idempotency_key == delivery_key(LINK_CARD, version_id)
        )
    ).first()
    return (row.status, row.channel_id, row.slack_ts) if row else None
