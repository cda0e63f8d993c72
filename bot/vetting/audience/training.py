"""Fitting the audience model with scikit-learn (training only; scoring needs numpy alone).

The recipe: logistic regression on the standardised features, L2 (C=1), classes weighted to balance. The
class weights make P(fake) prior-neutral - the same threshold means the same evidence whether the training
set was 17 % fake (InstaFake) or 76 % fake (Purba 2020) - which is what lets one threshold hold across
datasets (bench/audience_quality.py measures it; bench/RESULTS.md has the figures and the choice).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from bot.vetting.audience.columns import ProfileColumns, columns_from_fields
from bot.vetting.audience.features import FEATURE_NAMES, feature_matrix
from bot.vetting.audience.model import AudienceModel

# Chosen in bench/audience_quality.py by minimax regret over in-dataset CV on InstaFake and Purba and both
# cross-dataset directions: no setting's F1 falls more than 10 % below what a threshold tuned on it would
# give. On the recipe's prior-neutral scale it also means "the profile looks more fake than real".
ROBUST_THRESHOLD = 0.5
REGULARISATION_C = 1.0
MIN_OBSERVED = 10  # a feature seen fewer times than this in training is left out of the model

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
    features: Sequence[str] = FEATURE_NAMES,
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
    fitted = LogisticRegression(C=c, class_weight="balanced", max_iter=10_000, tol=1e-10).fit(z, labels)
    recipe = {
        "recipe": (
            f"scikit-learn {sklearn_version} LogisticRegression(lbfgs, L2, C={c}, class_weight='balanced') on"
            " standardised features; unknown values imputed with the training mean"
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


def train(
    sets: Sequence[LabelledSet],
    *,
    threshold: float = ROBUST_THRESHOLD,
    features: Sequence[str] = FEATURE_NAMES,
) -> AudienceModel:
    """Fit on one or more labelled sets, recording what was used and whose work to credit."""
    if not sets:
        raise TrainingError("no training data given")
    columns = ProfileColumns.concat([s.columns for s in sets])
    labels = np.concatenate([s.labels for s in sets])
    metadata: dict[str, Any] = {
        "training_data": [{"name": s.name, "rows": len(s.labels), "fake": int(s.labels.sum())} for s in sets],
    }
    attributions = [s.attribution for s in sets if s.attribution]
    if attributions:
        metadata["attribution"] = " ".join(attributions)
    return fit(columns, labels, threshold=threshold, features=features, metadata=metadata)


def cross_validated_proba(
    columns: ProfileColumns,
    labels: np.ndarray,
    *,
    folds: int = 5,
    seed: int = 0,
    features: Sequence[str] = FEATURE_NAMES,
) -> np.ndarray:
    """Out-of-fold P(fake) for every row: each row scored by a model that never saw it."""
    from sklearn.model_selection import StratifiedKFold

    _check_labels(labels, "the training data")
    proba = np.empty(len(labels))
    for train_rows, test_rows in StratifiedKFold(folds, shuffle=True, random_state=seed).split(
        np.zeros(len(labels)), labels
    ):
        model = fit(columns.take(train_rows), labels[train_rows], features=features)
        proba[test_rows] = model.predict_proba(columns.take(test_rows))
    return proba
