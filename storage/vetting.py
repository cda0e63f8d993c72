"""Creator snapshots, /vet runs and the team's decisions. Every function takes the caller's Session and team_id."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVarTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bot.campaigns.booking_checks import LastVet
from bot.vetting.history import DecisionRecord, LatestDecision, StoredVetRun
from bot.vetting.rates import PastFee
from bot.vetting.report import VetReport
from bot.vocabulary import DeliverableKind, Money, Platform
from storage.models import Campaign, CampaignCreator, CreatorSnapshotRow, Deliverable, VetDecision, VetRun


def save_snapshot(
    session: Session,
    team_id: str,
    *,
    platform: str,
    handle: str,
    source: str,
    fetched_at: datetime,
    followers: int | None,
    payload: dict[str, Any],
) -> int:
    row = CreatorSnapshotRow(
        team_id=team_id,
        platform=platform,
        handle=handle,
        source=source,
        fetched_at=fetched_at,
        followers=followers,
        payload=payload,
    )
    session.add(row)
    session.flush()
    return row.id


def observed_followers(session: Session, team_id: str, platform: str, handle: str) -> list[tuple[date, int]]:
    """Follower counts we saw ourselves, one per day (the last of that day), oldest first."""
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
    # The query already leaves out NULL counts; the `is not None` tells the type checker so.
    by_day = {fetched_at.date(): followers for fetched_at, followers in rows if followers is not None}
    return sorted(by_day.items())


def save_vet_run(session: Session, team_id: str, report: VetReport, *, requested_by: str) -> int:
    row = VetRun(
        team_id=team_id,
        platform=report.platform.value,
        handle=report.handle,
        requested_by=requested_by,
        score=report.score,
        verdict=report.verdict.value,
        report=report.model_dump(mode="json"),
    )
    session.add(row)
    session.flush()
    return row.id


def _run(session: Session, team_id: str, run_id: int) -> VetRun | None:
    return session.scalar(select(VetRun).where(VetRun.team_id == team_id, VetRun.id == run_id))


def set_vet_run_message(session: Session, team_id: str, run_id: int, *, channel_id: str, message_ts: str) -> None:
    run = _run(session, team_id, run_id)
    if run is not None:
        run.channel_id, run.message_ts = channel_id, message_ts
        session.flush()


def get_vet_run(session: Session, team_id: str, run_id: int) -> StoredVetRun | None:
    run = _run(session, team_id, run_id)
    if run is None:
        return None
    return StoredVetRun(
        id=run.id, platform=run.platform, handle=run.handle, report=VetReport.model_validate(run.report)
    )


def record_decision(
    session: Session, team_id: str, run: StoredVetRun, *, decision: str, user_id: str, at: datetime
) -> None:
    session.add(
        VetDecision(
            team_id=team_id,
            vet_run_id=run.id,
            platform=run.platform,
            handle=run.handle,
            decision=decision,
            user_id=user_id,
            decided_at=at,
        )
    )
    session.flush()


def latest_decision(session: Session, team_id: str, platform: str, handle: str) -> LatestDecision | None:
    """(decision, user id, when) of the team's latest decision on this creator, as the card shows it."""
    row = session.scalar(_decisions_newest_first(select(VetDecision), team_id, platform, handle).limit(1))
    return (row.decision, row.user_id, row.decided_at) if row else None


Columns = TypeVarTuple("Columns")


def _decisions_newest_first(
    query: Select[*Columns], team_id: str, platform: str | None, handle: str | None
) -> Select[*Columns]:
    query = query.where(VetDecision.team_id == team_id)
    if platform:
        query = query.where(VetDecision.platform == platform)
    if handle:
        query = query.where(VetDecision.handle == handle)
    return query.order_by(VetDecision.decided_at.desc(), VetDecision.id.desc())


def decisions_with_runs(
    session: Session, team_id: str, *, platform: str | None = None, handle: str | None = None, limit: int = 50
) -> list[DecisionRecord]:
    """The team's decisions, newest first, each with the verdict and score of the /vet run it was made on."""
    query = select(VetDecision, VetRun).join(
        VetRun, (VetRun.id == VetDecision.vet_run_id) & (VetRun.team_id == VetDecision.team_id)
    )
    rows = session.execute(_decisions_newest_first(query, team_id, platform, handle).limit(limit)).all()
    return [
        DecisionRecord(
            decided_at=decision.decided_at,
            user_id=decision.user_id,
            decision=decision.decision,
            handle=decision.handle,
            platform=decision.platform,
            verdict=run.verdict,
            score=run.score,
            vet_run_id=run.id,
        )
        for decision, run in rows
    ]


def latest_decision_on_run(session: Session, team_id: str, run_id: int, user_id: str) -> str | None:
    """What `user_id` last decided on this very run, if anything (a double click repeats it)."""
    return session.scalar(
        select(VetDecision.decision)
        .where(VetDecision.team_id == team_id, VetDecision.vet_run_id == run_id, VetDecision.user_id == user_id)
        .order_by(VetDecision.decided_at.desc(), VetDecision.id.desc())
        .limit(1)
    )


def latest_followers(session: Session, team_id: str, creators: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Each (platform, handle)'s follower count from its latest snapshot that had one, in one query; creators
    never seen are left out."""
    if not creators:
        return {}
    platforms = {platform for platform, _ in creators}
    handles = {handle for _, handle in creators}
    rows = session.execute(
        select(CreatorSnapshotRow.platform, CreatorSnapshotRow.handle, CreatorSnapshotRow.followers)
        .where(
            CreatorSnapshotRow.team_id == team_id,
            CreatorSnapshotRow.platform.in_(platforms),
            CreatorSnapshotRow.handle.in_(handles),
            CreatorSnapshotRow.followers.is_not(None),
        )
        .order_by(CreatorSnapshotRow.fetched_at, CreatorSnapshotRow.id)
    )
    wanted = set(creators)
    # Oldest first: the latest reading of each creator is the one left in the dict.
    return {(p, h): f for p, h, f in rows if (p, h) in wanted and f is not None}


def last_vet(session: Session, team_id: str, platform: str, handle: str) -> LastVet | None:
    """The team's latest /vet run of this creator: its verdict, when, and the reason the card gave."""
    row = session.scalar(
        select(VetRun)
        .where(VetRun.team_id == team_id, VetRun.platform == platform, func.lower(VetRun.handle) == handle.lower())
        .order_by(VetRun.created_at.desc(), VetRun.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    reason = str((row.report or {}).get("verdict_reason") or "")[:300]
    return LastVet(verdict=row.verdict, at=row.created_at, reason=reason)


MAX_PAST_FEES = 500  # the newest agreed fees read for a fair rate: enough for a median, bounded for a big team
NO_USAGE = frozenset({"", "none", "no", "organic", "organic only"})


def past_fees(session: Session, team_id: str, platform: str) -> list[PastFee]:
    """The fees this workspace agreed with creators on `platform`, newest first: each creator booked for one
    kind of deliverable, with its latest follower count. Creators with mixed kinds or never fetched are left
    out (their fee per deliverable or their tier is unknown). Three queries, however many creators."""
    creators = session.execute(
        select(CampaignCreator, Campaign.currency)
        .join(Campaign, Campaign.id == CampaignCreator.campaign_id)
        .where(
            CampaignCreator.team_id == team_id,
            Campaign.team_id == team_id,
            CampaignCreator.platform == platform,
            CampaignCreator.fee.is_not(None),
            CampaignCreator.fee > 0,
        )
        .order_by(CampaignCreator.added_at.desc(), CampaignCreator.id.desc())
        .limit(MAX_PAST_FEES)
    ).all()
    if not creators:
        return []
    kinds: dict[int, dict[str, int]] = {}
    for creator_id, kind, count in session.execute(
        select(Deliverable.creator_id, Deliverable.kind, Deliverable.count).where(
            Deliverable.team_id == team_id, Deliverable.creator_id.in_([c.id for c, _ in creators])
        )
    ):
        booked = kinds.setdefault(creator_id, {})
        booked[kind] = booked.get(kind, 0) + max(count or 1, 1)
    followers = latest_followers(session, team_id, [(platform, c.handle) for c, _ in creators])
    fees = []
    for creator, currency in creators:
        booked = kinds.get(creator.id, {})
        seen = followers.get((platform, creator.handle))
        if len(booked) != 1 or seen is None or creator.fee is None:
            continue
        [(kind, posts)] = booked.items()
        fees.append(
            PastFee(
                platform=Platform(platform),
                followers=seen,
                fee=Money(amount=creator.fee, currency=currency),
                posts=posts,
                kind=DeliverableKind(kind),
                exclusivity=bool(creator.exclusivity),
                usage_rights=(creator.usage_rights or "").strip().lower() not in NO_USAGE,
                handle=creator.handle,
            )
        )
    return fees
