"""Creator snapshots, /vet runs and the team's decisions. Every function takes team_id."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, Select, select

from storage.db import transaction
from storage.models import CreatorSnapshotRow, VetDecision, VetRun


def _add(engine: Engine, row: CreatorSnapshotRow | VetRun) -> int:
    """Insert one row; returns its new id."""
    with transaction(engine) as session:
        session.add(row)
        session.flush()
        return row.id


def save_snapshot(
    engine: Engine,
    team_id: str,
    *,
    platform: str,
    handle: str,
    source: str,
    fetched_at: datetime,
    followers: int | None,
    payload: dict[str, Any],
) -> int:
    return _add(
        engine,
        CreatorSnapshotRow(
            team_id=team_id,
            platform=platform,
            handle=handle,
            source=source,
            fetched_at=fetched_at,
            followers=followers,
            payload=payload,
        ),
    )


def observed_followers(engine: Engine, team_id: str, platform: str, handle: str) -> list[tuple[date, int]]:
    """Follower counts we saw ourselves, one per day (the last of that day), oldest first."""
    with transaction(engine) as session:
        rows = session.execute(
            select(CreatorSnapshotRow.fetched_at, CreatorSnapshotRow.followers)
            .where(
                CreatorSnapshotRow.team_id == team_id,
                CreatorSnapshotRow.platform == platform,
                CreatorSnapshotRow.handle == handle,
                CreatorSnapshotRow.followers.is_not(None),
            )
            .order_by(CreatorSnapshotRow.fetched_at)
        ).all()
    by_day = {fetched_at.date(): followers for fetched_at, followers in rows}
    return sorted(by_day.items())


def save_vet_run(
    engine: Engine,
    team_id: str,
    *,
    platform: str,
    handle: str,
    requested_by: str,
    score: int | None,
    verdict: str,
    report: dict[str, Any],
) -> int:
    return _add(
        engine,
        VetRun(
            team_id=team_id,
            platform=platform,
            handle=handle,
            requested_by=requested_by,
            score=score,
            verdict=verdict,
            report=report,
        ),
    )


def set_vet_run_message(engine: Engine, team_id: str, run_id: int, *, channel_id: str, message_ts: str) -> None:
    with transaction(engine) as session:
        run = session.scalar(select(VetRun).where(VetRun.team_id == team_id, VetRun.id == run_id))
        if run is not None:
            run.channel_id, run.message_ts = channel_id, message_ts


def get_vet_run(engine: Engine, team_id: str, run_id: int) -> VetRun | None:
    with transaction(engine) as session:
        return session.scalar(select(VetRun).where(VetRun.team_id == team_id, VetRun.id == run_id))


def record_decision(
    engine: Engine, team_id: str, run: VetRun, *, decision: str, user_id: str, at: datetime
) -> VetDecision:
    with transaction(engine) as session:
        row = VetDecision(
            team_id=team_id,
            vet_run_id=run.id,
            platform=run.platform,
            handle=run.handle,
            decision=decision,
            user_id=user_id,
            decided_at=at,
        )
        session.add(row)
    return row


def latest_decision(engine: Engine, team_id: str, platform: str, handle: str) -> tuple[str, str, datetime] | None:
    """(decision, user id, when) of the team's latest decision on this creator, as the card shows it."""
    with transaction(engine) as session:
        row = session.scalar(_decisions_newest_first(select(VetDecision), team_id, platform, handle).limit(1))
        return (row.decision, row.user_id, row.decided_at) if row else None


def _decisions_newest_first(query: Select[Any], team_id: str, platform: str | None, handle: str | None) -> Select[Any]:
    query = query.where(VetDecision.team_id == team_id)
    if platform:
        query = query.where(VetDecision.platform == platform)
    if handle:
        query = query.where(VetDecision.handle == handle)
    return query.order_by(VetDecision.decided_at.desc(), VetDecision.id.desc())


def decision_history(
    engine: Engine, team_id: str, *, platform: str | None = None, handle: str | None = None, limit: int = 50
) -> list[VetDecision]:
    with transaction(engine) as session:
        query = _decisions_newest_first(select(VetDecision), team_id, platform, handle)
        return list(session.scalars(query.limit(limit)))


def decisions_with_runs(
    engine: Engine, team_id: str, *, platform: str | None = None, handle: str | None = None, limit: int = 50
) -> list[tuple[VetDecision, VetRun]]:
    """The team's decisions, newest first, each with the /vet run it was made on (its verdict and score)."""
    with transaction(engine) as session:
        query = select(VetDecision, VetRun).join(
            VetRun, (VetRun.id == VetDecision.vet_run_id) & (VetRun.team_id == VetDecision.team_id)
        )
        rows = session.execute(_decisions_newest_first(query, team_id, platform, handle).limit(limit)).all()
        return [(decision, run) for decision, run in rows]
