"""One /vet, the same for Slack and the CLI: merge our own follower observations, score the audience, vet."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from bot.sources.models import CreatorSnapshot, FollowerCountPoint, FollowerProfile
from bot.vetting.audience import ModelFileError, load_model, score_audience
from bot.vetting.audience.model import AudienceModel, model_path_for
from bot.vetting.audience_signals import FakeScorer, ScorerUnavailable
from bot.vetting.command import VetRequest
from bot.vetting.rates import PastFee
from bot.vetting.report import Deal, VetReport, vet


def model_note(model: AudienceModel) -> str:
    """Which model estimated the share and how far off it was on test audits: what the card says."""
    quantifier = model.quantifier
    note = f"Model: {model.label}"
    if quantifier.error is not None:
        note += (
            f"; its estimate was off by up to {_points(quantifier.error.points)} on"
            f" {quantifier.error.measured_on} (the interval includes that)"
        )
    elif quantifier.error_unreadable:
        note += (
            "; its measured error could not be read (the model file's share_error is damaged), so the interval"
            " covers sampling only"
        )
    else:
        note += "; its error on real audiences was never measured, so the interval covers sampling only"
    return note


def _points(points: float) -> str:
    """4.2 -> '4 points'; under 1.5 a decimal, so 0.7 is not read as '1 points'."""
    return "1 point" if f"{points:.1f}" == "1.0" else f"{points:.1f} points" if points < 1.5 else f"{points:.0f} points"


def audience_fake_scorer(
    profiles: Sequence[FollowerProfile], model_path: str | Path | None = None
) -> tuple[float, float, float, int, str]:
    """The audience classifier in the shape the fake-follower signal takes; the model at `model_path`, or the
    shipped one. A missing or broken model raises ScorerUnavailable with what to do."""
    try:
        model = load_model(model_path)
    except ModelFileError as exc:
        raise ScorerUnavailable(
            f"{exc}. Fix AUDIENCE_MODEL or run `creatorops model train --install`, then vet again."
        ) from exc
    result = score_audience(list(profiles), model)
    share = math.nan if result.fake_share is None else result.fake_share  # unknown, never 0 %
    return (share, result.ci_low, result.ci_high, result.n, model_note(model))


def fake_scorer_for(audience_model: str | None) -> FakeScorer:
    """The scorer for the AUDIENCE_MODEL setting (None: the installed model if there is one, else the shipped)."""
    path = model_path_for(audience_model)
    return lambda profiles: audience_fake_scorer(profiles, path)


def with_observations(snapshot: CreatorSnapshot, observed: Sequence[tuple[date, int]]) -> CreatorSnapshot:
    """The snapshot's follower history plus the counts we saw on days it does not cover."""
    history = {point.date: point.followers for point in snapshot.follower_history}
    for day, followers in observed:
        history.setdefault(day, followers)
    if snapshot.profile.followers is not None:
        history.setdefault(snapshot.fetched_at.date(), snapshot.profile.followers)
    points = [FollowerCountPoint(date=day, followers=count) for day, count in sorted(history.items())]
    return snapshot.model_copy(update={"follower_history": points})


def vet_snapshot(
    snapshot: CreatorSnapshot,
    request: VetRequest,
    *,
    now: datetime,
    observed: Sequence[tuple[date, int]] = (),
    past_fees: Sequence[PastFee] = (),
    jurisdiction: str = "US",
    audience_model: str | None = None,
) -> VetReport:
    """`jurisdiction` is the team's default: whose rules the sponsored posts' disclosures are checked against;
    `past_fees` the fees the team agreed with creators before, for the fair rate; `audience_model` the
    AUDIENCE_MODEL setting (which fake-follower model to use)."""
    return vet(
        with_observations(snapshot, observed),
        now=now,
        fake_scorer=fake_scorer_for(audience_model),
        deal=Deal(
            ask=request.ask,
            kind=request.kind,
            exclusivity=request.exclusivity,
            usage_rights=request.usage_rights,
            niche=request.niche,
        ),
        past_fees=past_fees,
        jurisdiction=jurisdiction,
    )
