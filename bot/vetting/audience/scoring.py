"""An audience's fake share, with a 95 % interval, from its followers' P(fake).

fake_share is the share of profiles flagged fake (P >= threshold), so it matches the per-row `fake` flags a
person can count. The interval is the Wilson score interval on that count: it says how far a sample of n
followers can be from the whole audience, is never outside 0..1 and stays sensible at 0 or n flagged. It
does not widen for classifier error; bench/RESULTS.md shows how far the share is off across datasets (the
mean of P(fake) was the other candidate, and was further off there).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.vetting.audience.model import AudienceModel, Profiles, load_model

Z_95 = 1.959963984540054


def wilson_interval(flagged: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a binomial share; (0, 1) when n = 0 (nothing is known)."""
    if n <= 0:
        return 0.0, 1.0
    share = flagged / n
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    # Exact ends when nothing or everything was flagged (rounding would leave 1e-17 instead of 0).
    low = 0.0 if flagged == 0 else max(0.0, centre - half)
    high = 1.0 if flagged == n else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True, eq=False)
class AudienceResult:
    fake_share: float | None  # None when there were no profiles: unknown, not 0 %
    ci_low: float
    ci_high: float
    n: int
    flagged: int
    threshold: float
    probabilities: np.ndarray  # P(fake) per profile, in input order
    fake: np.ndarray  # bool per profile

    def summary(self) -> dict[str, Any]:
        """The last line of `creatorops audience score`."""
        return {
            "fake_share": None if self.fake_share is None else round(self.fake_share, 6),
            "ci_low": round(self.ci_low, 6),
            "ci_high": round(self.ci_high, 6),
            "n": self.n,
            "flagged": self.flagged,
            "threshold": self.threshold,
        }


def result_from_probabilities(probabilities: np.ndarray, threshold: float) -> AudienceResult:
    fake = probabilities >= threshold
    n = int(len(probabilities))
    flagged = int(fake.sum())
    low, high = wilson_interval(flagged, n)
    return AudienceResult(
        fake_share=flagged / n if n else None,
        ci_low=low,
        ci_high=high,
        n=n,
        flagged=flagged,
        threshold=threshold,
        probabilities=probabilities,
        fake=fake,
    )


def score_audience(profiles: Profiles, model: AudienceModel | None = None) -> AudienceResult:
    """P(fake) for each follower profile and the audience's fake share with its 95 % interval."""
    model = model or load_model()
    return result_from_probabilities(model.predict_proba(profiles), model.threshold)
