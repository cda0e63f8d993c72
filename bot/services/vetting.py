"""/vet and `creatorops vet`: fetch a creator, vet it against our own follower history, remember the run, and
record the team's decisions on it."""

from __future__ import annotations

from datetime import datetime

from bot.sources.registry import CreatorSources
from bot.vetting.command import VetRequest
from bot.vetting.history import Decision, DecisionRecord, LatestDecision, StoredVetRun
from bot.vetting.report import VetReport
from bot.vetting.service import vet_snapshot
from bot.vocabulary import Platform
from storage import vetting as store
from storage.uow import UnitOfWork


class VetRunNotFound(LookupError):
    """The card's run is gone (or belongs to another workspace)."""


def vet_and_record(
    uow: UnitOfWork,
    sources: CreatorSources,
    team_id: str,
    target: tuple[str, Platform],
    request: VetRequest,
    *,
    now: datetime,
    requested_by: str,
    jurisdiction: str,
    audience_model: str | None = None,
) -> tuple[VetReport, int]:
    """(report, stored run id). The fetch is kept as a dated snapshot, so follower history builds up from our
    own observations; a SourceError from the fetch reaches the caller, which tells the user."""
    handle, platform = target
    snapshot = sources.fetch(handle, platform)  # network I/O: before the transaction opens
    profile = snapshot.profile
    with uow:
        store.save_snapshot(
            uow.session,
            team_id,
            platform=platform.value,
            handle=profile.handle,
            source=snapshot.source,
            fetched_at=snapshot.fetched_at,
            followers=profile.followers,
            payload=snapshot.model_dump(mode="json"),
        )
        observed = store.observed_followers(uow.session, team_id, platform.value, profile.handle)
        fees = store.past_fees(uow.session, team_id, platform.value)
        report = vet_snapshot(
            snapshot,
            request,
            now=now,
            observed=observed,
            past_fees=fees,
            jurisdiction=jurisdiction,
            audience_model=audience_model,
        )
        run_id = store.save_vet_run(uow.session, team_id, report, requested_by=requested_by)
        uow.commit()
    return report, run_id


def latest_decision(uow: UnitOfWork, team_id: str, report: VetReport) -> LatestDecision | None:
    with uow:
        return store.latest_decision(uow.session, team_id, report.platform.value, report.handle)


def remember_message(uow: UnitOfWork, team_id: str, run_id: int, *, channel_id: str, message_ts: str) -> None:
    """Where the run's card was posted."""
    with uow:
        store.set_vet_run_message(uow.session, team_id, run_id, channel_id=channel_id, message_ts=message_ts)
        uow.commit()


def decide(uow: UnitOfWork, team_id: str, run_id: int, decision: str, *, user_id: str, at: datetime) -> StoredVetRun:
    """Record a decision on a run of this workspace; returns the run, to show the card again with it."""
    with uow:
        run = store.get_vet_run(uow.session, team_id, run_id)  # scoped to the workspace that clicked
        if decision not in tuple(Decision) or run is None:
            raise VetRunNotFound(run_id)
        # A double click (or a replayed request) repeats the user's last decision on this card: keep one row.
        if store.latest_decision_on_run(uow.session, team_id, run_id, user_id) != decision:
            store.record_decision(uow.session, team_id, run, decision=decision, user_id=user_id, at=at)
            uow.commit()
    return run


def decision_history(
    uow: UnitOfWork, team_id: str, *, platform: str | None = None, handle: str | None = None, limit: int = 50
) -> list[DecisionRecord]:
    """The team's decisions, newest first, with the verdict and score each was made on."""
    with uow:
        return store.decisions_with_runs(uow.session, team_id, platform=platform, handle=handle, limit=limit)
