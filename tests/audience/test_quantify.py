"""The fake share as a quantity: prior-shift correction recovers a known share, and the interval covers it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from bot.vetting.audience.quantify import (
    Quantifier,
    ShareError,
    estimate_share,
    probability_histogram,
    sld_prior,
)

SEPARATION = 1.5  # class means at +-1.5 standard deviations: a decent, imperfect classifier (ROC-AUC about 0.98)


def calibrated_scores(prevalence: float, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Labels with the given share of fakes, and P(fake) calibrated to a 0.5 prior, as the recipe's are.

    A score x ~ N(+-SEPARATION, 1) has the log likelihood ratio 2 * SEPARATION * x, so the P a balanced-trained
    classifier gives is the logistic of that.
    """
    labels = rng.random(n) < prevalence
    x = rng.normal(np.where(labels, SEPARATION, -SEPARATION), 1.0)
    return labels, 1.0 / (1.0 + np.exp(-2 * SEPARATION * x))


def flagged_rates(rng: np.random.Generator) -> tuple[float, float]:
    """tpr and fpr at 0.5, measured on a labelled sample as cross-validation would."""
    labels, p = calibrated_scores(0.5, 200_000, rng)
    return float((p[labels] >= 0.5).mean()), float((p[~labels] >= 0.5).mean())


def sharpened(p: np.ndarray) -> np.ndarray:
    """An overconfident classifier's P: the same ranking, the log-odds tripled."""
    return 1.0 / (1.0 + ((1.0 - p) / p) ** 3)


def unchanged(p: np.ndarray) -> np.ndarray:
    return p


def hdy_quantifier(rng: np.random.Generator, transform: Callable[[np.ndarray], np.ndarray] = unchanged) -> Quantifier:
    """HDy with the fake and real histograms of P measured on a labelled sample, as cross-validation would."""
    labels, p = calibrated_scores(0.5, 200_000, rng)
    p = transform(p)
    return Quantifier(
        method="hdy",
        fake_histogram=tuple(probability_histogram(p[labels])),
        real_histogram=tuple(probability_histogram(p[~labels])),
    )


@pytest.mark.parametrize("prevalence", [0.02, 0.05, 0.10, 0.20, 0.40])
def test_em_and_adjusted_count_recover_the_share_where_counting_flags_does_not(prevalence: float) -> None:
    rng = np.random.default_rng(int(prevalence * 1000))
    tpr, fpr = flagged_rates(rng)
    labels, p = calibrated_scores(prevalence, 50_000, rng)
    truth = labels.mean()

    em = estimate_share(p, 0.5, Quantifier(method="sld")).share
    acc = estimate_share(p, 0.5, Quantifier(method="acc", tpr=tpr, fpr=fpr)).share
    hdy = estimate_share(p, 0.5, hdy_quantifier(rng)).share
    counted = estimate_share(p, 0.5, Quantifier(method="count")).share

    assert em == pytest.approx(truth, abs=0.005)
    assert acc == pytest.approx(truth, abs=0.005)
    assert hdy == pytest.approx(truth, abs=0.005)
    # Counting flags misses fakes and adds false alarms: off by more than a point at the ends.
    if prevalence in (0.02, 0.40):
        assert abs(counted - truth) > 0.01


def test_hdy_needs_no_calibrated_probabilities_where_em_does() -> None:
    rng = np.random.default_rng(11)
    quantifier = hdy_quantifier(rng, sharpened)
    labels, p = calibrated_scores(0.05, 50_000, rng)
    truth = labels.mean()

    hdy = estimate_share(sharpened(p), 0.5, quantifier).share
    em = estimate_share(sharpened(p), 0.5, Quantifier(method="sld")).share

    assert hdy == pytest.approx(truth, abs=0.005)
    assert abs(em - truth) > 0.01


def test_sld_stays_inside_zero_and_one_on_one_sided_audiences() -> None:
    assert sld_prior(np.full(500, 0.001)) < 0.01
    assert sld_prior(np.full(500, 0.999)) > 0.99
    assert np.isnan(sld_prior(np.array([])))


@pytest.mark.parametrize("method", ["sld", "hdy"])
def test_the_interval_covers_the_truth_across_audits_of_a_thousand(method: str) -> None:
    rng = np.random.default_rng(3)
    quantifier = hdy_quantifier(rng) if method == "hdy" else Quantifier(method="sld")
    covered, widths = 0, []
    audits = 300
    for i in range(audits):
        labels, p = calibrated_scores((0.02, 0.1, 0.3)[i % 3], 1_000, rng)
        estimate = estimate_share(p, 0.5, quantifier)
        covered += estimate.low <= labels.mean() <= estimate.high
        widths.append(estimate.high - estimate.low)

    assert covered / audits >= 0.92  # a 95 % interval, sampling only (no model error here)
    assert np.mean(widths) < 0.08  # and not trivially wide


def test_the_measured_model_error_widens_the_interval_on_each_side() -> None:
    rng = np.random.default_rng(5)
    _, p = calibrated_scores(0.1, 1_000, rng)
    plain = estimate_share(p, 0.5, Quantifier(method="sld"))
    error = ShareError(over=0.03, under=0.07, measured_on="test audits")

    wide = estimate_share(p, 0.5, Quantifier(method="sld", error=error))

    assert wide.share == plain.share
    assert wide.low == pytest.approx(max(0.0, plain.low - 0.03))
    assert wide.high == pytest.approx(plain.high + 0.07)
    assert error.points == pytest.approx(7.0)


def test_a_model_file_without_a_quantifier_counts_flags_and_bad_entries_are_ignored() -> None:
    assert Quantifier.from_json(None).method == "count"
    assert Quantifier.from_json({"method": "magic"}).method == "count"
    assert Quantifier.from_json({"method": "acc", "tpr": 0.5, "fpr": 0.5}).method == "count"  # would divide by 0
    broken_error = Quantifier.from_json({"method": "sld", "share_error": {"over": -1, "under": "x"}})
    assert (broken_error.method, broken_error.error) == ("sld", None)
    stored = Quantifier(method="acc", tpr=0.9, fpr=0.05, error=ShareError(0.01, 0.02, "audits"))
    assert Quantifier.from_json(stored.to_json()) == stored


def test_hdy_reads_its_histograms_back_and_counts_flags_without_usable_ones() -> None:
    stored = Quantifier(method="hdy", fake_histogram=(0.0, 0.25, 0.75), real_histogram=(0.5, 0.5, 0.0))
    assert Quantifier.from_json(stored.to_json()) == stored
    assert Quantifier.from_json({"method": "hdy"}).method == "count"
    for broken in (
        {"fake": [0.5, 0.5], "real": [0.2, 0.3, 0.5]},  # two lengths
        {"fake": [0.0, 0.0], "real": [0.5, 0.5]},  # no fakes at all
        {"fake": [0.5, -0.1], "real": [0.5, 0.5]},
        {"fake": ["x", 1], "real": [0.5, 0.5]},
        {"fake": [1.0] * 1_000, "real": [1.0] * 1_000},
    ):
        assert Quantifier.from_json({"method": "hdy", "histograms": broken}).method == "count"
    # stored counts instead of shares are read as shares
    counts = Quantifier.from_json({"method": "hdy", "histograms": {"fake": [1, 3], "real": [3, 1]}})
    assert counts.fake_histogram == (0.25, 0.75)
