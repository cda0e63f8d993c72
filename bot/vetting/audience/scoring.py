"""An audience's fake share, with a 95 % interval, from its followers' P(fake).

fake_share is an estimate of the share of fakes, not the count of flags: the model's quantifier (quantify.py)
corrects for the mix of the audience (prior shift), and the interval covers the model's measured error as well
as sampling. `flagged` still counts the per-row `fake` flags, so a person can compare the two. A model file
without a quantifier (made before it existed) gives the flagged share with its Wilson interval, as it did.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.vetting.audience.model import AudienceModel, Profiles, load_model
from bot.vetting.audience.quantify import Quantifier, estimate_share

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


def result_from_probabilities(
    probabilities: np.ndarray, threshold: float, quantifier: Quantifier | None = None
) -> AudienceResult:
    fake = probabilities >= threshold
    n = int(len(probabilities))
    flagged = int(fake.sum())
    share: float | None = flagged / n if n else None
    low, high = wilson_interval(flagged, n)
    if n and quantifier is not None and quantifier.method != "count":
        estimate = estimate_share(probabilities, threshold, quantifier)
        share, low, high = estimate.share, estimate.low, estimate.high
    elif n and quantifier is not None and quantifier.error is not None:
        share = flagged / n
        low, high = max(0.0, low - quantifier.error.over), min(1.0, high + quantifier.error.under)
    return AudienceResult(
        fake_share=share,
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
    return result_from_probabilities(model.predict_proba(profiles), model.threshold, model.quantifier)
