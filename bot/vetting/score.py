"""One 0-100 score and a recommendation from the signals, with each signal's share of it spelled out.

Each weighted signal earns its weight times the points for its verdict (weights.POINTS). Unknown signals are
left out and the rest rescaled to 100, so hidden data neither helps nor hurts, but `coverage` (the share of
the weight that was known) must reach MIN_COVERAGE before anybody is recommended.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel

from bot.vetting import weights as w
from bot.vetting.numbers import pct
from bot.vetting.signal import Signal, Verdict


class Recommendation(StrEnum):
    recommended = "recommended"
    caution = "caution"
    avoid = "avoid"


class Contribution(BaseModel):
    key: str
    label: str
    weight: float
    verdict: Verdict
    earned: float  # points of the 100 this signal gave
    lost: float  # points of the 100 it cost (0 for unknown signals: they are left out)


class Score(BaseModel):
    score: int | None  # None when too little of the weight could be read (coverage below MIN_COVERAGE)
    recommendation: Recommendation
    reason: str
    coverage: float  # 0-1
    contributions: list[Contribution]


def _names(signals: Sequence[Signal]) -> str:
    return ", ".join(s.label.lower() for s in signals)


def score_signals(signals: Sequence[Signal]) -> Score:
    weighted = [s for s in signals if w.WEIGHTS.get(s.key, 0) > 0]
    known = [s for s in weighted if s.verdict != Verdict.unknown]
    total_weight = sum(w.WEIGHTS[s.key] for s in weighted)
    known_weight = sum(w.WEIGHTS[s.key] for s in known)
    coverage = known_weight / total_weight if total_weight else 0.0

    contributions = []
    for s in weighted:
        weight = w.WEIGHTS[s.key]
        points = w.POINTS.get(s.verdict.value)
        if points is None or not known_weight:
            earned = lost = 0.0
        else:
            earned = round(100 * weight * points / known_weight, 1)
            lost = round(100 * weight * (1 - points) / known_weight, 1)
        contributions.append(
            Contribution(key=s.key, label=s.label, weight=weight, verdict=s.verdict, earned=earned, lost=lost)
        )

    if not known_weight:
        return Score(
            score=None,
            recommendation=Recommendation.caution,
            coverage=0.0,
            contributions=contributions,
            reason="Not enough public data to score this creator: every scored signal is hidden or missing.",
        )
    score = round(100 * sum(w.WEIGHTS[s.key] * w.POINTS[s.verdict.value] for s in known) / known_weight)
    failing = [s for s in known if s.verdict == Verdict.bad]
    warnings = [s for s in known if s.verdict == Verdict.warn]
    if len(failing) >= w.AVOID_MIN_BAD_SIGNALS:
        recommendation, reason = Recommendation.avoid, f"{len(failing)} signals fail: {_names(failing)}."
    elif coverage < w.MIN_COVERAGE:
        recommendation = Recommendation.caution
        reason = f"Only {pct(coverage, 0)} of the signals could be read: not enough to score or recommend."
    elif score < w.AVOID_BELOW_SCORE:
        recommendation, reason = Recommendation.avoid, f"Score {score} is below {w.AVOID_BELOW_SCORE}."
    elif failing:
        recommendation, reason = Recommendation.caution, f"One signal fails: {_names(failing)}."
    elif score < w.RECOMMENDED_MIN_SCORE:
        recommendation, reason = Recommendation.caution, f"Score {score} with warnings: {_names(warnings)}."
    else:
        recommendation = Recommendation.recommended
        reason = f"Score {score}, no failing signal" + (f"; check: {_names(warnings)}." if warnings else ".")
    return Score(
        score=score if coverage >= w.MIN_COVERAGE else None,  # a score from a sliver of the data misleads
        recommendation=recommendation,
        reason=reason,
        coverage=round(coverage, 3),
        contributions=contributions,
    )
