"""The fake share of an audience as a quantity, not a count of flags: prior-shift correction and its interval.

Counting the profiles flagged at P >= threshold is biased by the mix: a real audience of 2 % fakes gets the
classifier's false alarms on 98 % real accounts added, and one of 40 % loses the fakes it misses. Two corrections
that hold when only the class mix changes between training and the audit (prior shift):

- adjusted classify-and-count (ACC): share = (flagged - fpr) / (tpr - fpr), tpr/fpr from cross-validation;
- Saerens-Latinne-Decaestecker EM (SLD): re-weight every P(fake) to a candidate prior and iterate until the mean
  re-weighted P equals the prior; P must be calibrated to the training prior (0.5: the recipe balances classes);
- HDy (Gonzalez-Castro, Alaiz-Rodriguez and Alegre 2013): the share q whose mix q * H_fake + (1 - q) * H_real of
  the training fakes' and reals' cross-validated P(fake) histograms is nearest, in Hellinger distance, to the
  audience's histogram. It matches the whole distribution of P rather than one threshold or the calibration.

The interval adds two parts: sampling (delta method on the estimator, a 95 % normal interval) and the model's
own error, measured on synthetic audits and stored in the model file (`share_error`: how far above and below the
truth the mean estimate was at worst). Real audits differ from any training set, so the second part is usually
the larger; leaving it out makes an interval that looks precise and misses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

Z_95 = 1.959963984540054
MAX_ITERATIONS = 200  # Newton steps in a bisection bracket: a few dozen at most in practice
TOLERANCE = 1e-8
_EPS = 1e-9

METHODS = ("hdy", "sld", "acc", "count")
MAX_MEASURED_ON = 200  # characters of the file's "measured_on" that the card quotes
HDY_BINS = 10  # equal-width bins of P(fake) over [0, 1], as in Gonzalez-Castro et al.
MAX_BINS = 100  # a stored histogram longer than this is not a histogram we wrote
HDY_GRID = np.linspace(0.0, 1.0, 2001)  # candidate shares, 0.05 points apart
BOOTSTRAP_DRAWS = 200  # resampled audiences for the HDy estimate's sampling error


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
        measured_on = " ".join(str(data.get("measured_on", "")).split())  # one line on the card
        return ShareError(over, under, measured_on[:MAX_MEASURED_ON])

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
    error_unreadable: bool = False  # the file has a share_error, but a damaged one: not "never measured"
    # Cross-validated P(fake) of the training fakes and reals over HDY_BINS bins, each summing to 1, for "hdy".
    fake_histogram: tuple[float, ...] | None = None
    real_histogram: tuple[float, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"method": self.method, "train_prior": self.train_prior}
        if self.tpr is not None and self.fpr is not None:
            out |= {"tpr": round(self.tpr, 6), "fpr": round(self.fpr, 6)}
        if self.fake_histogram is not None and self.real_histogram is not None:
            out["histograms"] = {
                "fake": [round(v, 6) for v in self.fake_histogram],
                "real": [round(v, 6) for v in self.real_histogram],
            }
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
        histograms = _histograms_from_json(data.get("histograms"))
        if (method == "acc" and not rates_ok) or (method == "hdy" and histograms is None):
            method = "count"
        prior = data.get("train_prior", 0.5)
        prior = float(prior) if isinstance(prior, int | float) and 0 < float(prior) < 1 else 0.5
        return Quantifier(
            method=method,
            train_prior=prior,
            tpr=float(tpr) if rates_ok else None,  # type: ignore[arg-type]
            fpr=float(fpr) if rates_ok else None,  # type: ignore[arg-type]
            error=(error := ShareError.from_json(data.get("share_error"))),
            error_unreadable=error is None and data.get("share_error") is not None,
            fake_histogram=histograms[0] if histograms else None,
            real_histogram=histograms[1] if histograms else None,
        )


def _histograms_from_json(data: Any) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """The stored fake and real histograms, normalised; None unless both are usable and of one length."""
    if not isinstance(data, Mapping):
        return None
    out = []
    for key in ("fake", "real"):
        values = data.get(key)
        if not isinstance(values, list) or not 2 <= len(values) <= MAX_BINS:
            return None
        if not all(isinstance(v, int | float) and math.isfinite(v) and v >= 0 for v in values):
            return None
        total = float(sum(values))
        if total <= 0:
            return None
        out.append(tuple(float(v) / total for v in values))
    if len(out[0]) != len(out[1]):
        return None
    return out[0], out[1]


def probability_histogram(probabilities: np.ndarray, bins: int = HDY_BINS) -> np.ndarray:
    """Share of the probabilities in each of `bins` equal-width bins of [0, 1] (1.0 falls in the last)."""
    p = np.clip(np.asarray(probabilities, dtype=float), 0.0, 1.0)
    counts = np.bincount(np.minimum((p * bins).astype(int), bins - 1), minlength=bins).astype(float)
    return counts / max(len(p), 1)


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


def _hellinger_nearest(audience: np.ndarray, fake: np.ndarray, real: np.ndarray) -> np.ndarray:
    """For each row of audience histograms, the grid share whose fake/real mix is nearest in Hellinger distance."""
    mixes = np.sqrt(np.outer(HDY_GRID, fake) + np.outer(1.0 - HDY_GRID, real))  # (grid, bins)
    # sum_b (sqrt(m_b) - sqrt(a_b))^2 = sum m + sum a - 2 sum sqrt(m a); the first two do not depend on the row.
    distance = (mixes**2).sum(axis=1)[None, :] - 2.0 * np.sqrt(audience) @ mixes.T  # (rows, grid)
    return np.asarray(HDY_GRID[np.argmin(distance, axis=1)])


def hdy_share(probabilities: np.ndarray, fake_histogram: Sequence[float], real_histogram: Sequence[float]) -> float:
    """The HDy estimate of the share of fakes among these profiles (NaN for none)."""
    if not len(probabilities):
        return float("nan")
    fake, real = np.asarray(fake_histogram, dtype=float), np.asarray(real_histogram, dtype=float)
    audience = probability_histogram(probabilities, len(fake))
    return float(_hellinger_nearest(audience[None, :], fake, real)[0])


def _hdy_se(
    probabilities: np.ndarray, fake_histogram: Sequence[float], real_histogram: Sequence[float], share: float
) -> float:
    """Sampling error of the HDy share: its spread over audiences drawn from the fitted mix (a fixed seed).

    Drawn from the mix at the estimate rather than from the audience's own histogram, so an audience of a few
    profiles does not look certain because its few bins happen to match.
    """
    fake, real = np.asarray(fake_histogram, dtype=float), np.asarray(real_histogram, dtype=float)
    n = len(probabilities)
    mix = share * fake + (1.0 - share) * real
    draws = np.random.default_rng(0).multinomial(n, mix / mix.sum(), size=BOOTSTRAP_DRAWS) / n
    return float(_hellinger_nearest(draws, fake, real).std())


def acc_share(flagged_share: float, tpr: float, fpr: float) -> float:
    return min(max((flagged_share - fpr) / (tpr - fpr), 0.0), 1.0)


def _rates(quantifier: Quantifier) -> tuple[float, float] | None:
    """tpr and fpr when the quantifier adjusts the flagged count with them."""
    if quantifier.method == "acc" and quantifier.tpr is not None and quantifier.fpr is not None:
        return quantifier.tpr, quantifier.fpr
    return None


def _histograms(quantifier: Quantifier) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """The fake and real histograms when the quantifier matches them (HDy)."""
    if quantifier.method == "hdy" and quantifier.fake_histogram and quantifier.real_histogram:
        return quantifier.fake_histogram, quantifier.real_histogram
    return None


def point_share(probabilities: np.ndarray, threshold: float, quantifier: Quantifier) -> float:
    """The fake share alone, without its interval (what the audits measure)."""
    p = np.asarray(probabilities, dtype=float)
    if quantifier.method == "sld":
        return sld_prior(p, quantifier.train_prior)
    if histograms := _histograms(quantifier):
        return hdy_share(p, *histograms)
    flagged = float((p >= threshold).mean())
    if rates := _rates(quantifier):
        return acc_share(flagged, *rates)
    return flagged


def _sampling_se(p: np.ndarray, threshold: float, quantifier: Quantifier, share: float) -> float:
    if quantifier.method == "sld":
        return _sld_se(p, share, quantifier.train_prior)
    if histograms := _histograms(quantifier):
        return _hdy_se(p, *histograms, share)
    n = len(p)
    flagged = float((p >= threshold).mean())
    se = math.sqrt(max(flagged * (1 - flagged), 1.0 / n) / n)
    if rates := _rates(quantifier):
        return se / (rates[0] - rates[1])
    return se


def estimate_share(probabilities: np.ndarray, threshold: float, quantifier: Quantifier) -> ShareEstimate:
    """The fake share with a 95 % interval covering sampling and the model's measured error."""
    p = np.asarray(probabilities, dtype=float)
    share = point_share(p, threshold, quantifier)
    se = _sampling_se(p, threshold, quantifier, share)
    over = quantifier.error.over if quantifier.error else 0.0
    under = quantifier.error.under if quantifier.error else 0.0
    # An estimate that reads high by up to `over` means the truth may be that much lower, and vice versa.
    low = max(0.0, share - over - Z_95 * se)
    high = min(1.0, share + under + Z_95 * se)
    return ShareEstimate(share=share, low=low, high=high, sampling_se=se)
