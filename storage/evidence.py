"""What the evidence pack reads that no other screen does: a creator's last /vet run with the team's latest
decision, and the deliverables' audit trail. Every function takes the caller's Session and team_id."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.campaigns.evidence import TransitionEvidence, VetEvidence
from bot.vetting.report import VetReport
from storage.models import DeliverableTransition, VetDecision, VetRun

RED_FLAGS_SHOWN = 10  # the card shows the worst few; the pack keeps more, but not an unbounded list


def transitions(session: Session, team_id: str, deliverable_ids: list[int]) -> dict[int, list[TransitionEvidence]]:
    """Each deliverable's moves, oldest first, in one query."""
    found: dict[int, list[TransitionEvidence]] = {}
    if not deliverable_ids:
        return found
    rows = session.scalars(
        select(DeliverableTransition)
        .where(DeliverableTransition.team_id == team_id, DeliverableTransition.deliverable_id.in_(deliverable_ids))
        .order_by(DeliverableTransition.at, DeliverableTransition.id)
    )
    for row in rows:
        found.setdefault(row.deliverable_id, []).append(
            TransitionEvidence(
                from_state=row.from_state, to_state=row.to_state, actor=row.actor_user_id, at=row.at, note=row.note
            )
        )
    return found


def vet_evidence(session: Session, team_id: str, platform: str, handle: str) -> VetEvidence | None:
    """The creator's latest /vet run (handles compared without case, as platforms do) and the team's latest
    decision on them, with the verdict of the run that decision was made on."""
    run = session.scalar(
        select(VetRun)
        .where(VetRun.team_id == team_id, VetRun.platform == platform, func.lower(VetRun.handle) == handle.lower())
        .order_by(VetRun.created_at.desc(), VetRun.id.desc())
        .limit(1)
    )
    if run is None:
        return None
    decided = session.execute(
        select(VetDecision, VetRun.verdict)
        .join(VetRun, (VetRun.id == VetDecision.vet_run_id) & (VetRun.team_id == VetDecision.team_id))
        .where(
            VetDecision.team_id == team_id,
            VetDecision.platform == platform,
            func.lower(VetDecision.handle) == handle.lower(),
        )
        .order_by(VetDecision.decided_at.desc(), VetDecision.id.desc())
        .limit(1)
    ).first()
    report = VetReport.model_validate(run.report)
    decision, decided_on = decided if decided else (None, None)
    return VetEvidence(
        vetted_at=run.created_at,
        requested_by=run.requested_by,
        verdict=report.verdict.value,
        verdict_reason=report.verdict_reason,
        score=report.score,
        tier=report.tier.value if report.tier else None,
        followers=report.key_numbers.followers,
        source=report.source,
        red_flags=tuple(f"{flag.label}: {flag.evidence}" for flag in report.red_flags[:RED_FLAGS_SHOWN]),
        rate=_rate(report),
        decision=decision.decision if decision else None,
        decided_by=decision.user_id if decision else None,
        decided_at=decision.decided_at if decision else None,
        decided_on_verdict=decided_on,
    )


def _rate(report: VetReport) -> str | None:
    return report.rate.display() if report.rate is not None else report.rate_note
