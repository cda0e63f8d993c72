"""Fitting the audience model with scikit-learn (training only; scoring needs numpy alone).

The recipe: logistic regression on the standardised features, L2 (C=1), classes weighted to balance, and within
the real accounts the lurkers (features.lurker_mask) weighted LURKER_WEIGHT times: inactive-but-real accounts
are a large part of a real audience and must not read as fake. The balanced weights make P(fake) calibrated to a
prior of 0.5 whatever the training mix (what the SLD estimator needs). The shipped estimator, HDy (quantify.py),
matches the audience's histogram of P(fake) to the cross-validated histograms of the training fakes and reals,
which `train` stores in the model file with the cross-validated tpr/fpr and the fake-share error on audits
drawn from the training data (the interval uses it). DEFAULT_FEATURES, LURKER_WEIGHT and SHARE_METHOD were
chosen on synthetic audits built from a second dataset (bench/audience_audits.py; bench/RESULTS.md has the
figures).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from bot.vetting.audience.audits import AUDIT_SIZE, errors_by_prevalence, make_audits, share_error
from bot.vetting.audience.columns import ProfileColumns, columns_from_fields
from bot.vetting.audience.features import FEATURE_NAMES, feature_matrix, lurker_mask
from bot.vetting.audience.model import AudienceModel
from bot.vetting.audience.quantify import Quantifier, point_share, probability_histogram

# Chosen in bench/audience_quality.py by minimax regret over in-dataset CV on InstaFake and Purba and both
# cross-dataset directions: no setting's F1 falls more than 10 % below what a threshold tuned on it would
# give. On the recipe's prior-neutral scale it also means "the profile looks more fake than real".
ROBUST_THRESHOLD = 0.5
REGULARISATION_C = 1.0
MIN_OBSERVED = 10  # a feature seen fewer times than this in training is left out of the model
# Chosen on synthetic audits (bench/audience_audits.py): what "following many, followed by few" means is the same in
# InstaFake and Purba 2020; post counts and followers are not (Purba's fakes post and are followed), and privacy
# and the username exist in one dataset only. The other features stay computable for a team's own recipe.
DEFAULT_FEATURES: tuple[str, ...] = ("log_following", "mass_following", "log_following_per_follower", "has_profile_pic")
LURKER_WEIGHT = 2.0
SHARE_METHOD = "hdy"
CV_FOLDS = 5

INSTAFAKE_FILES = ("fakeAccountData.json", "realAccountData.json")
INSTAFAKE_ATTRIBUTION = (
    "Trained on the InstaFake dataset: F. C. Akyon and M. E. Kalfaoglu, 'Instagram Fake and Automated Account"
    " Detection', arXiv:1910.03090 (2019), github.com/fcakyon/instafake-dataset. Licence: CC BY-NC 4.0"
    " (creativecommons.org/licenses/by-nc/4.0). These parameters are derived from it: credit the authors and"
    " use them non-commercially, or retrain on your own labelled data (creatorops model train --data FILE)."
)


class TrainingError(ValueError):
    """The training data cannot make a model; the message says why."""


@dataclass(frozen=True)
class LabelledSet:
    name: str
    columns: ProfileColumns
    labels: np.ndarray  # 1.0 = fake
    attribution: str | None = None


def shipped_data_dir() -> Path:
    return Path(str(resources.files("bot.vetting.audience") / "data"))


def load_instafake(folder: str | Path | None = None) -> LabelledSet:
    """InstaFake's fake-v1.0 files (the package's copy by default), exact duplicate rows dropped.

    InstaFake keeps the username's length and digit count, not the username, and has no external-URL field.
    """
    folder = Path(folder) if folder is not None else shipped_data_dir()
    rows: list[dict[str, Any]] = []
    for name in INSTAFAKE_FILES:
        path = folder / name
        try:
            rows.extend(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError as exc:
            raise TrainingError(
                f"{path} not found: the InstaFake folder needs {' and '.join(INSTAFAKE_FILES)}"
            ) from exc
    # 29 real rows appear twice in the published files; keep one of each so CV folds do not share rows.
    unique = list({json.dumps(r, sort_keys=True): r for r in rows}.values())
    columns = columns_from_fields(
        follower_count=[r["userFollowerCount"] for r in unique],
        following_count=[r["userFollowingCount"] for r in unique],
        media_count=[r["userMediaCount"] for r in unique],
        has_profile_pic=[r["userHasProfilPic"] for r in unique],
        is_private=[r["userIsPrivate"] for r in unique],
        biography_length=[r["userBiographyLength"] for r in unique],
        username_length=[r["usernameLength"] for r in unique],
        username_digits=[r["usernameDigitCount"] for r in unique],
    )
    labels = np.array([float(r["isFake"]) for r in unique])
    return LabelledSet("InstaFake fake-v1.0", columns, labels, INSTAFAKE_ATTRIBUTION)


def _check_labels(labels: np.ndarray, what: str) -> None:
    fakes = int(labels.sum())
    if fakes == 0 or fakes == len(labels):
        raise TrainingError(
            f"{what} has {fakes} fake and {len(labels) - fakes} real accounts: training needs both"
            " (a 'fake' column with 1/true for fake accounts and 0/false for real ones)"
        )


def fit(
    columns: ProfileColumns,
    labels: np.ndarray,
    *,
    threshold: float = ROBUST_THRESHOLD,
    c: float = REGULARISATION_C,
    features: Sequence[str] = DEFAULT_FEATURES,
    lurker_weight: float = LURKER_WEIGHT,
    metadata: dict[str, Any] | None = None,
) -> AudienceModel:
    """Fit the recipe on labelled columns; features the data never shows are left out (not guessed).

    `features` narrows the set (the bench's ablation); the shipped model uses them all.
    """
    from sklearn import __version__ as sklearn_version
    from sklearn.linear_model import LogisticRegression

    _check_labels(labels, "the training data")
    x = feature_matrix(columns)
    observed = ~np.isnan(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a feature the data never shows: all-NaN column
        mean = np.nanmean(x, axis=0)
        scale = np.nanstd(x, axis=0)
    usable = (observed.sum(axis=0) >= MIN_OBSERVED) & (np.nan_to_num(scale) > 0)
    usable &= np.isin(FEATURE_NAMES, list(features))
    keep = np.flatnonzero(usable)
    z = (x[:, keep] - mean[keep]) / scale[keep]
    z[np.isnan(z)] = 0.0  # the same imputation scoring uses
    weights = sample_weights(labels, lurker_mask(columns), lurker_weight)
    fitted = LogisticRegression(C=c, max_iter=10_000, tol=1e-10).fit(z, labels, sample_weight=weights)
    recipe = {
        "recipe": (
            f"scikit-learn {sklearn_version} LogisticRegression(lbfgs, L2, C={c}) on standardised features,"
            f" classes weighted to balance, real lurkers weighted x{lurker_weight:g} within the real class;"
            " unknown values imputed with the training mean"
        ),
        "features_left_out": [FEATURE_NAMES[i] for i in np.flatnonzero(~usable) if FEATURE_NAMES[i] in features],
    }
    return AudienceModel(
        features=tuple(FEATURE_NAMES[i] for i in keep),
        mean=mean[keep],
        scale=scale[keep],
        coef=fitted.coef_[0].astype(float),
        intercept=float(fitted.intercept_[0]),
        threshold=threshold,
        metadata={**recipe, **(metadata or {})},
    )


def sample_weights(labels: np.ndarray, lurkers: np.ndarray, lurker_weight: float) -> np.ndarray:
    """Each class weighs half of the total; within the real class a lurker counts `lurker_weight` times."""
    weights = np.where((labels == 0) & lurkers, lurker_weight, 1.0)
    n = len(labels)
    for value in (0.0, 1.0):
        members = labels == value
        total = weights[members].sum()
        if total > 0:
            weights[members] *= (n / 2) / total
    return weights


def train(
    sets: Sequence[LabelledSet],
    *,
    threshold: float = ROBUST_THRESHOLD,
    features: Sequence[str] = DEFAULT_FEATURES,
    lurker_weight: float = LURKER_WEIGHT,
    method: str = SHARE_METHOD,
    name: str | None = None,
    seed: int = 0,
) -> AudienceModel:
    """Fit on one or more labelled sets, recording what was used and whose work to credit.

    With at least CV_FOLDS fake and real accounts, also measures the model on its own data by cross-validation
    (tpr/fpr at the threshold, and the fake-share error on synthetic audits) and stores that in the model.
    """
    if not sets:
        raise TrainingError("no training data given")
    columns = ProfileColumns.concat([s.columns for s in sets])
    labels = np.concatenate([s.labels for s in sets])
    metadata: dict[str, Any] = {
        "training_data": [{"name": s.name, "rows": len(s.labels), "fake": int(s.labels.sum())} for s in sets],
    }
    if name:
        metadata["name"] = name
    attributions = [s.attribution for s in sets if s.attribution]
    if attributions:
        metadata["attribution"] = " ".join(attributions)
    _check_labels(labels, "the training data")
    fakes = int(labels.sum())
    if min(fakes, len(labels) - fakes) >= CV_FOLDS:
        metadata["quantification"] = measure_quantifier(
            columns,
            labels,
            threshold=threshold,
            features=features,
            lurker_weight=lurker_weight,
            method=method,
            seed=seed,
        ).to_json()
    return fit(columns, labels, threshold=threshold, features=features, lurker_weight=lurker_weight, metadata=metadata)


def measure_quantifier(
    columns: ProfileColumns,
    labels: np.ndarray,
    *,
    threshold: float = ROBUST_THRESHOLD,
    features: Sequence[str] = DEFAULT_FEATURES,
    lurker_weight: float = LURKER_WEIGHT,
    method: str = SHARE_METHOD,
    seed: int = 0,
) -> Quantifier:
    """The quantifier with cross-validated tpr/fpr and its fake-share error on audits of the training data.

    Audits drawn from the data the model was trained on flatter it: a real audience differs more. The bench
    measures the error across datasets; a team that has a second labelled set should measure it there.
    """
    proba = cross_validated_proba(
        columns, labels, folds=CV_FOLDS, seed=seed, features=features, lurker_weight=lurker_weight
    )
    rates = quantifier_from_cv(proba, labels, threshold=threshold, method=method)
    audits = make_audits(labels, lurker_mask(columns), np.random.default_rng(seed), per_prevalence=10)
    errors = errors_by_prevalence(audits, lambda rows: point_share(proba[rows], threshold, rates))
    return replace(
        rates,
        error=share_error(
            errors, f"audits of {len(audits)} x {AUDIT_SIZE:,} drawn from the training data (cross-validated)"
        ),
    )


def quantifier_from_cv(
    proba: np.ndarray, labels: np.ndarray, *, threshold: float = ROBUST_THRESHOLD, method: str = SHARE_METHOD
) -> Quantifier:
    """What every estimator needs from out-of-fold P(fake): tpr/fpr at the threshold and each class's histogram."""
    flagged = proba >= threshold
    fake, real = proba[labels == 1], proba[labels == 0]
    return Quantifier(
        method=method,
        tpr=float(flagged[labels == 1].mean()),
        fpr=float(flagged[labels == 0].mean()),
        fake_histogram=tuple(float(v) for v in probability_histogram(fake)),
        real_histogram=tuple(float(v) for v in probability_histogram(real)),
    )


def cross_validated_proba(
    columns: ProfileColumns,
    labels: np.ndarray,
    *,
    folds: int = 5,
    seed: int = 0,
    features: Sequence[str] = DEFAULT_FEATURES,
    lurker_weight: float = LURKER_WEIGHT,
) -> np.ndarray:
    """Out-of-fold P(fake) for every row: each row scored by a model that never saw it."""
    from sklearn.model_selection import StratifiedKFold

    _check_labels(labels, "the training data")
    proba = np.empty(len(labels))
    for train_rows, test_rows in StratifiedKFold(folds, shuffle=True, random_state=seed).split(
        np.zeros(len(labels)), labels
    ):
        model = fit(columns.take(train_rows), labels[train_rows], features=features, lurker_weight=lurker_weight)
        proba[test_rows] = model.predict_proba(columns.take(test_rows))
    return proba
