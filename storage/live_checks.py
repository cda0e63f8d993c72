"""Live checks of posts' captions: kept one row per reading, read back as bot.campaigns.live_check.LiveCheck."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bot.campaigns.live_check import CheckStatus, LiveCheck
from bot.disclosure import Verdict
from storage.drafts import draft_history
from storage.models import LiveCheck as LiveCheckRow


def _domain(row: LiveCheckRow) -> LiveCheck:
    return LiveCheck(
        id=str(row.id),
        deliverable_id=str(row.deliverable_id),
        checked_at=row.checked_at,
        source=row.source,
        status=CheckStatus(row.status),
        verdict=Verdict(row.verdict) if row.verdict else None,
        caption=row.caption,
        caption_hash=row.caption_hash,
        findings=tuple(row.findings or ()),
        fixed_caption=row.fixed_caption,
        note=row.note,
    )


def add_check(
    session: Session, team_id: str, campaign_id: int, check: LiveCheck, *, alert: str | None = None
) -> LiveCheck:
    """Keep one check; `alert`: what changed, when the check is alerted on. Returns it with its id."""
    row = LiveCheckRow(
        team_id=team_id,
        campaign_id=campaign_id,
        deliverable_id=int(check.deliverable_id),
        checked_at=check.checked_at,
        source=check.source,
        status=check.status.value,
        verdict=check.verdict.value if check.verdict else None,
        caption=check.caption,
        caption_hash=check.caption_hash,
        findings=list(check.findings),
        fixed_caption=check.fixed_caption,
        note=check.note,
        alert=alert,
    )
    session.add(row)
    session.flush()
    return _domain(row)


def _of_deliverable(team_id: str, deliverable_id: int) -> Select[LiveCheckRow]:
    return select(LiveCheckRow).where(LiveCheckRow.team_id == team_id, LiveCheckRow.deliverable_id == deliverable_id)


def latest_check(session: Session, team_id: str, deliverable_id: int) -> LiveCheck | None:
    row = session.scalars(
        _of_deliverable(team_id, deliverable_id).order_by(LiveCheckRow.checked_at.desc(), LiveCheckRow.id.desc())
    ).first()
    return _domain(row) if row else None


def latest_read(session: Session, team_id: str, deliverable_id: int) -> LiveCheck | None:
    """The newest check that read the caption (a later failed read does not hide what the post said)."""
    row = session.scalars(
        _of_deliverable(team_id, deliverable_id)
        .where(LiveCheckRow.status == CheckStatus.checked.value)
        .order_by(LiveCheckRow.checked_at.desc(), LiveCheckRow.id.desc())
    ).first()
    return _domain(row) if row else None


def first_read(session: Session, team_id: str, deliverable_id: int) -> LiveCheck | None:
    """The first caption seen live."""
    row = session.scalars(
        _of_deliverable(team_id, deliverable_id)
        .where(LiveCheckRow.status == CheckStatus.checked.value)
        .order_by(LiveCheckRow.checked_at, LiveCheckRow.id)
    ).first()
    return _domain(row) if row else None


def latest_alert(session: Session, team_id: str, deliverable_id: int) -> tuple[LiveCheck, str] | None:
    """The newest check that found a change worth telling the channel, with what changed."""
    row = session.scalars(
        _of_deliverable(team_id, deliverable_id)
        .where(LiveCheckRow.alert.is_not(None))
        .order_by(LiveCheckRow.checked_at.desc(), LiveCheckRow.id.desc())
    ).first()
    return (_domain(row), row.alert or "") if row else None


def latest_checks(session: Session, team_id: str, campaign_id: int) -> dict[str, LiveCheck]:
    """The newest check of each of the campaign's deliverables that has one, by deliverable id."""
    newest = (
        select(LiveCheckRow.deliverable_id, func.max(LiveCheckRow.id).label("id"))
        .where(LiveCheckRow.team_id == team_id, LiveCheckRow.campaign_id == campaign_id)
        .group_by(LiveCheckRow.deliverable_id)
        .subquery()
    )
    rows = session.scalars(select(LiveCheckRow).join(newest, LiveCheckRow.id == newest.c.id))
    return {str(row.deliverable_id): _domain(row) for row in rows}


def approved_caption(session: Session, team_id: str, deliverable_id: int) -> str | None:
    """The caption of the newest draft version an approver approved (with or without corrections), which the live
    post is compared with; None when no version was approved (a deliverable approved before drafts were kept)."""
    approved = [
        version
        for version in draft_history(session, team_id, deliverable_id)
        if any(decision.decision.approves for decision in version.decisions)
    ]
    return approved[-1].caption if approved else None


def checks_of(
    session: Session, team_id: str, deliverable_ids: list[int]
) -> dict[int, list[tuple[LiveCheck, str | None]]]:
    """Every check of these deliverables, oldest first, each with the alert it raised (None when it raised none)."""
    found: dict[int, list[tuple[LiveCheck, str | None]]] = {}
    if not deliverable_ids:
        return found
    rows = session.scalars(
        select(LiveCheckRow)
        .where(LiveCheckRow.team_id == team_id, LiveCheckRow.deliverable_id.in_(deliverable_ids))
        .order_by(LiveCheckRow.checked_at, LiveCheckRow.id)
    )
    for row in rows:
        found.setdefault(row.deliverable_id, []).append((_domain(row), row.alert))
    return found
