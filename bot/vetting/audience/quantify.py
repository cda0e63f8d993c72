"""The fake share of an audience as a quantity, not a count of flags: prior-shift correction and its interval.

Counting the profiles flagged at P >= threshold is biased by the mix: a real audience of 2 % fakes gets the
classifier's false alarms on 98 % real accounts added, and one of 40 % loses the fakes it misses. Two corrections
that hold when only the class mix changes between training and the audit (prior shift):

- adjusted classify-and-count (ACC): share = (flagged - fpr) / (tpr - fpr), tpr/fpr from cross-validation;
- Saerens-Latinne-Decaestecker EM (SLD): re-weight every P(fake) to a candidate prior and iterate until the mean
  re-weighted P equals the prior; P must be calibrated to the training prior (0.5: the recipe balances classes).

The interval adds two parts: sampling (delta method on the estimator, a 95 % normal interval) and the model's
own error, measured on synthetic audits and stored in the model file (`share_error`: how far above and below the
truth the mean estimate was at worst). Real audits differ from any training set, so the second part is usually
the larger; leaving it out makes an interval that looks precise and misses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

Z_95 = 1.959963984540054
MAX_ITERATIONS = 200  # Newton steps in a bisection bracket: a few dozen at most in practice
TOLERANCE = 1e-8
_EPS = 1e-9

METHODS = ("sld", "acc", "count")
MAX_MEASURED_ON = 200  # characters of the file's "measured_on" that the card quotes


@dataclass(frozen=True)
class ShareError:
    """How far the model's mean estimate was from the truth on synthetic audits, as shares (0.03 = 3 points).

    `over` is the largest overestimate, `under` the largest underestimate (both >= 0).
    """

    over: float
    under: float
    measured_on: str

    def to_json(self) -> dict[str, Any]:
        return {"over": round(self.over, 4), "under": round(self.under, 4), "measured_on": self.measured_on}

    @staticmethod
    def from_json(data: Any) -> ShareError | None:
        if not isinstance(data, Mapping):
            return None
        try:
            over, under = float(data["over"]), float(data["under"])
        except (KeyError, TypeError, ValueError):
            return None
        if not (math.isfinite(over) and math.isfinite(under) and over >= 0 and under >= 0):
            return None
        return ShareError(over, under, str(data.get("measured_on", ""))[:MAX_MEASURED_ON])

    @property
    def points(self) -> float:
        """The larger of the two, in percentage points: what the card quotes."""
        return 100 * max(self.over, self.under)


@dataclass(frozen=True)
class Quantifier:
    """How to turn P(fake) into a share: the method and what it needs, as stored in the model file."""

    method: str = "sld"
    train_prior: float = 0.5  # the prior P(fake) is calibrated to
    tpr: float | None = None  # cross-validated rates at the threshold, for "acc"
    fpr: float | None = None
    error: ShareError | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"method": self.method, "train_prior": self.train_prior}
        if self.tpr is not None and self.fpr is not None:
            out |= {"tpr": round(self.tpr, 6), "fpr": round(self.fpr, 6)}
        if self.error is not None:
            out["share_error"] = self.error.to_json()
        return out

    @staticmethod
    def from_json(data: Any) -> Quantifier:
        """The stored quantifier; a model file without one (an older model) counts flags, as it always did."""
        if not isinstance(data, Mapping) or data.get("method") not in METHODS:
            return Quantifier(method="count")
        tpr, fpr = data.get("tpr"), data.get("fpr")
        rates_ok = isinstance(tpr, int | float) and isinstance(fpr, int | float) and float(tpr) - float(fpr) > 0.05
        method = str(data["method"])
        if method == "acc" and not rates_ok:
            method = "count"
        prior = data.get("train_prior", 0.5)
        prior = float(prior) if isinstance(prior, int | float) and 0 < float(prior) < 1 else 0.5
        return Quantifier(
            method=method,
            train_prior=prior,
            tpr=float(tpr) if rates_ok else None,  # type: ignore[arg-type]
            fpr=float(fpr) if rates_ok else None,  # type: ignore[arg-type]
            error=ShareError.from_json(data.get("share_error")),
        )


@dataclass(frozen=True)
class ShareEstimate:
    share: float
    low: float
    high: float
    sampling_se: float


def _likelihood_ratios(probabilities: np.ndarray, train_prior: float) -> np.ndarray:
    """p(x | fake) / p(x | real) per profile, from P(fake) calibrated to `train_prior`."""
    p = np.clip(np.asarray(probabilities, dtype=float), _EPS, 1 - _EPS)
    return p / (1 - p) * (1 - train_prior) / train_prior


def sld_prior(probabilities: np.ndarray, train_prior: float = 0.5) -> float:
    """The Saerens-Latinne-Decaestecker EM estimate of the share of fakes among these profiles.

    EM converges to the maximum-likelihood mixing share q, the root of g(q) = mean((r - 1) / (1 + (r - 1) q))
    with r the likelihood ratios; g falls monotonically, so Newton steps inside a bisection bracket find it in a
    few dozen array passes where EM's fixed-point iteration can take hundreds.
    """
    if not len(probabilities):
        return float("nan")
    d = _likelihood_ratios(probabilities, train_prior) - 1.0
    if d.mean() <= 0:
        return 0.0  # the likelihood is highest with no fakes at all
    if (d / (1.0 + d)).mean() >= 0:
        return 1.0
    low, high, q = 0.0, 1.0, 0.5
    for _ in range(MAX_ITERATIONS):
        denominator = 1.0 + d * q
        g = float((d / denominator).mean())
        slope = -float((d * d / (denominator * denominator)).mean())
        if g > 0:
            low = q
        else:
            high = q
        step = q - g / slope if slope < 0 else (low + high) / 2
        new = step if low < step < high else (low + high) / 2
        if abs(new - q) < TOLERANCE:
            return new
        q = new
    return q


def _sld_se(probabilities: np.ndarray, q: float, train_prior: float) -> float:
    """Standard error of the maximum-likelihood share: 1 / sqrt(Fisher information) at the estimate."""
    d = _likelihood_ratios(probabilities, train_prior) - 1.0
    information = float((d * d / (1.0 + d * q) ** 2).sum())
    return 1.0 / math.sqrt(information) if information > 0 else 0.5


def acc_share(flagged_share: float, tpr: float, fpr: float) -> float:
    return min(max((flagged_share - fpr) / (tpr - fpr), 0.0), 1.0)


def estimate_share(probabilities: np.ndarray, threshold: float, quantifier: Quantifier) -> ShareEstimate:
    """The fake share with a 95 % interval covering sampling and the model's measured error."""
    p = np.asarray(probabilities, dtype=float)
    n = len(p)
    flagged = float((p >= threshold).mean())
    if quantifier.method == "sld":
        share = sld_prior(p, quantifier.train_prior)
        se = _sld_se(p, share, quantifier.train_prior)
    elif quantifier.method == "acc" and quantifier.tpr is not None and quantifier.fpr is not None:
        share = acc_share(flagged, quantifier.tpr, quantifier.fpr)
        se = math.sqrt(max(flagged * (1 - flagged), 1.0 / n) / n) / (quantifier.tpr - quantifier.fpr)
    else:
        share = flagged
        se = math.sqrt(max(flagged * (1 - flagged), 1.0 / n) / n)
    over = quantifier.error.over if quantifier.error else 0.0
    under = quantifier.error.under if quantifier.error else 0.0
    # An estimate that reads high by up to `over` means the truth may be that much lower, and vice versa.
    low = max(0.0, share - over - Z_95 * se)
    high = min(1.0, share + under + Z_95 * se)
    return ShareEstimate(share=share, low=low, high=high, sampling_se=se)
