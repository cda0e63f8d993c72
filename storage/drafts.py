"""Draft versions, review decisions and review threads. Every function takes the caller's Session and team_id."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.campaigns.read_models import DeliverableContext
from bot.review.models import DraftCheck, DraftFile, DraftSource, DraftVersion, ReviewDecision
from storage.campaigns import _context, _with_campaign_and_creator
from storage.db import execute_dml
from storage.models import CampaignCreator, Deliverable, DraftThread, DraftVersionRow, ReviewDecisionRow


def _decision(row: ReviewDecisionRow) -> ReviewDecision:
    return ReviewDecision(
        id=str(row.id),
        version_id=str(row.draft_version_id),
        decision=row.decision,
        step=row.step,
        reasons=list(row.reasons or ()),
        note=row.note,
        actor=row.actor,
        at=row.at,
        confirmed_missing_disclosure=row.confirmed_missing_disclosure,
    )


def _version(row: DraftVersionRow, decisions: list[ReviewDecision]) -> DraftVersion:
    return DraftVersion(
        id=str(row.id),
        deliverable_id=str(row.deliverable_id),
        version=row.version,
        caption=row.caption,
        links=list(row.links or ()),
        files=[DraftFile.model_validate(f) for f in row.files or ()],
        platform=row.platform,
        format=row.format,
        submitted_by=row.submitted_by,
        submitted_at=row.submitted_at,
        source=DraftSource(row.source),
        check=DraftCheck.model_validate(row.check_result),
        card_channel=row.card_channel,
        card_ts=row.card_ts,
        decisions=decisions,
    )


def _decisions_of(session: Session, team_id: str, version_ids: list[int]) -> dict[int, list[ReviewDecision]]:
    found: dict[int, list[ReviewDecision]] = {version_id: [] for version_id in version_ids}
    if not version_ids:
        return found
    rows = session.scalars(
        select(ReviewDecisionRow)
        .where(ReviewDecisionRow.team_id == team_id, ReviewDecisionRow.draft_version_id.in_(version_ids))
        .order_by(ReviewDecisionRow.at, ReviewDecisionRow.id)
    )
    for row in rows:
        found[row.draft_version_id].append(_decision(row))
    return found


def draft_history(session: Session, team_id: str, deliverable_id: int) -> list[DraftVersion]:
    """Every version of a deliverable's draft, oldest first, each with its decisions (oldest first)."""
    return draft_histories(session, team_id, [deliverable_id]).get(deliverable_id, [])


def draft_histories(session: Session, team_id: str, deliverable_ids: list[int]) -> dict[int, list[DraftVersion]]:
    """draft_history of several deliverables in two queries (the evidence pack reads a whole campaign)."""
    if not deliverable_ids:
        return {}
    rows = list(
        session.scalars(
            select(DraftVersionRow)
            .where(DraftVersionRow.team_id == team_id, DraftVersionRow.deliverable_id.in_(deliverable_ids))
            .order_by(DraftVersionRow.deliverable_id, DraftVersionRow.version)
        )
    )
    decisions = _decisions_of(session, team_id, [row.id for row in rows])
    found: dict[int, list[DraftVersion]] = {}
    for row in rows:
        found.setdefault(row.deliverable_id, []).append(_version(row, decisions[row.id]))
    return found


def get_version(session: Session, team_id: str, version_id: int) -> DraftVersion | None:
    row = session.scalar(
        select(DraftVersionRow).where(DraftVersionRow.team_id == team_id, DraftVersionRow.id == version_id)
    )
    return _version(row, _decisions_of(session, team_id, [row.id])[row.id]) if row else None


def latest_version(session: Session, team_id: str, deliverable_id: int) -> DraftVersion | None:
    row = session.scalar(
        select(DraftVersionRow)
        .where(DraftVersionRow.team_id == team_id, DraftVersionRow.deliverable_id == deliverable_id)
        .order_by(DraftVersionRow.version.desc())
        .limit(1)
    )
    return _version(row, _decisions_of(session, team_id, [row.id])[row.id]) if row else None


def add_version(session: Session, team_id: str, version: DraftVersion) -> DraftVersion:
    """Store a new version; its number is the next after the deliverable's last (`version.version` is ignored)."""
    deliverable_id = int(version.deliverable_id)
    last = session.scalar(
        select(func.max(DraftVersionRow.version)).where(
            DraftVersionRow.team_id == team_id, DraftVersionRow.deliverable_id == deliverable_id
        )
    )
    row = DraftVersionRow(
        team_id=team_id,
        deliverable_id=deliverable_id,
        version=(last or 0) + 1,
        caption=version.caption,
        links=list(version.links),
        files=[f.model_dump(mode="json") for f in version.files],
        platform=version.platform.value,
        format=version.format.value,
        submitted_by=version.submitted_by,
        submitted_at=version.submitted_at,
        source=version.source.value,
        check_result=version.check.model_dump(mode="json"),
    )
    session.add(row)
    session.flush()  # two submissions at once: the unique number refuses the second one
    return _version(row, [])


def add_decision(session: Session, team_id: str, decision: ReviewDecision) -> None:
    session.add(
        ReviewDecisionRow(
            team_id=team_id,
            draft_version_id=int(decision.version_id),
            decision=decision.decision.value,
            step=decision.step.value,
            reasons=[r.value for r in decision.reasons],
            note=decision.note,
            actor=decision.actor,
            at=decision.at,
            confirmed_missing_disclosure=decision.confirmed_missing_disclosure,
        )
    )
    session.flush()


def set_card(session: Session, team_id: str, version_id: int, *, channel: str, ts: str) -> None:
    execute_dml(
        session,
        update(DraftVersionRow)
        .where(DraftVersionRow.team_id == team_id, DraftVersionRow.id == version_id)
        .values(card_channel=channel, card_ts=ts)
        .execution_options(synchronize_session=False),
    )


def _thread(session: Session, team_id: str, deliverable_id: int) -> DraftThread | None:
    return session.scalar(
        select(DraftThread).where(DraftThread.team_id == team_id, DraftThread.deliverable_id == deliverable_id)
    )


def thread_of(session: Session, team_id: str, deliverable_id: int) -> tuple[str | None, str | None, int]:
    """(channel, thread ts, extra revision rounds allowed) of a deliverable's review; (None, None, 0) before any."""
    row = _thread(session, team_id, deliverable_id)
    return (row.channel_id, row.thread_ts, row.extra_rounds) if row else (None, None, 0)


def _thread_row(session: Session, team_id: str, deliverable_id: int) -> DraftThread:
    row = _thread(session, team_id, deliverable_id)
    if row is None:
        row = DraftThread(team_id=team_id, deliverable_id=deliverable_id, extra_rounds=0)
        session.add(row)
        session.flush()
    return row


def keep_thread(session: Session, team_id: str, deliverable_id: int, *, channel: str, ts: str) -> None:
    """The first card's message is the thread every later version replies in; a thread once kept stays."""
    row = _thread_row(session, team_id, deliverable_id)
    if row.thread_ts is None:
        row.channel_id, row.thread_ts = channel, ts
        session.flush()


def allow_extra_round(session: Session, team_id: str, deliverable_id: int) -> int:
    """One more revision round beyond the terms; the number of extra rounds allowed now."""
    row = _thread_row(session, team_id, deliverable_id)
    row.extra_rounds += 1
    session.flush()
    return row.extra_rounds


def awaiting_draft(
    session: Session, team_id: str, states: tuple[str, ...], *, handle: str | None = None, limit: int = 100
) -> list[DeliverableContext]:
    """Deliverables in `states` (of creators whose handle is `handle` or starts with it, ignoring case, when
    given; the exact handle only when there is one), soonest due first."""
    query = _with_campaign_and_creator(team_id).where(Deliverable.state.in_(states))
    if handle:
        wanted = handle.lower()  # handles are stored in lower case
        query = query.where(CampaignCreator.handle.startswith(wanted, autoescape=True))
    rows = session.execute(query.order_by(Deliverable.due_at, Deliverable.id).limit(limit))
    found = [_context(*row) for row in rows]
    exact = [c for c in found if c.creator.handle == (handle or "").lower()]
    return exact or found
