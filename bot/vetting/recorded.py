"""One creator vetted and remembered, the same for /vet and `creatorops vet`: the fetch is kept as a dated snapshot
(so follower history builds up from our own observations) and the run is stored for the decision buttons."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from bot.sources.registry import CreatorSources
from bot.vetting.command import VetRequest
from bot.vetting.report import VetReport
from bot.vetting.service import vet_snapshot
from bot.vocabulary import Platform
from storage.vetting import observed_followers, save_snapshot, save_vet_run


def vet_and_record(
    engine: Engine,
    sources: CreatorSources,
    team_id: str,
    target: tuple[str, Platform],
    request: VetRequest,
    *,
    now: datetime,
    requested_by: str,
    jurisdiction: str,
) -> tuple[VetReport, int]:
    """(report, stored run id); a SourceError from the fetch reaches the caller, which tells the user."""
    handle, platform = target
    snapshot = sources.fetch(handle, platform)
    profile = snapshot.profile
    save_snapshot(
        engine,
        team_id,
        platform=platform.value,
        handle=profile.handle,
        source=snapshot.source,
        fetched_at=snapshot.fetched_at,
        followers=profile.followers,
        payload=snapshot.model_dump(mode="json"),
    )
    observed = observed_followers(engine, team_id, platform.value, profile.handle)
    report = vet_snapshot(snapshot, request, now=now, observed=observed, jurisdiction=jurisdiction)
    run_id = save_vet_run(
        engine,
        team_id,
        platform=platform.value,
        handle=report.handle,
        requested_by=requested_by,
        score=report.score,
        verdict=report.verdict.value,
        report=report.model_dump(mode="json"),
    )
    return report, run_id
