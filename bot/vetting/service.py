"""One /vet, the same for Slack and the CLI: merge our own follower observations, score the audience, vet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.sources.models import CreatorSnapshot, FollowerCountPoint, FollowerProfile
from bot.vetting.audience import score_audience
from bot.vetting.command import VetRequest
from bot.vetting.rates import PastFee
from bot.vetting.report import Deal, VetReport, vet


def audience_fake_scorer(profiles: Sequence[FollowerProfile]) -> tuple[float, float, float, int]:
    """The audience classifier in the shape the fake-follower signal takes."""
    result = score_audience(list(profiles))
    return (result.fake_share or 0.0, result.ci_low, result.ci_high, result.n)


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
) -> VetReport:
    """`jurisdiction` is the team's default: whose rules the sponsored posts' disclosures are checked against;
    `past_fees` the fees the team agreed with creators before, for the fair rate."""
    return vet(
        with_observations(snapshot, observed),
        now=now,
        fake_scorer=audience_fake_scorer,
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
