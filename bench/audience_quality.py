"""How well the audience classifier separates fake from real followers, in-dataset and across datasets.

    .venv/bin/python bench/audience_quality.py --purba PATH/user_fake_authentic_4class.csv [--instafake DIR]

InstaFake (fake-v1.0: fakeAccountData.json + realAccountData.json) defaults to the package's shipped copy.
Purba et al. 2020 (43,307 accounts, licence not stated) is read from the path given and never copied into the
project. Prints Markdown for bench/RESULTS.md: 5-fold CV on each dataset, train-on-one/test-on-the-other both
ways, the threshold scan the shipped threshold comes from, fake-share error on resampled audiences, and what
a missing optional field does.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.vetting.audience.columns import ProfileColumns, columns_from_fields  # noqa: E402
from bot.vetting.audience.features import feature_matrix  # noqa: E402
from bot.vetting.audience.scoring import wilson_interval  # noqa: E402
from bot.vetting.audience.training import (  # noqa: E402
    ROBUST_THRESHOLD,
    LabelledSet,
    cross_validated_proba,
    load_instafake,
    train,
)

THRESHOLDS = np.round(np.arange(0.30, 0.801, 0.05), 2)
TRUE_SHARES = (0.05, 0.15, 0.30, 0.50)
AUDIENCE_SIZE = 500  # followers sampled per audit
RESAMPLES = 200


def load_purba(path: Path) -> tuple[LabelledSet, np.ndarray]:
    """Purba's columns onto the profile fields; class r = authentic, a/i/s = fake. Also returns the classes.

    It has no username and no privacy flag (left unknown); bl is the biography length, lin the external link.
    """
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    classes = np.array([r["class"] for r in rows])
    columns = columns_from_fields(
        follower_count=[float(r["flw"]) for r in rows],
        following_count=[float(r["flg"]) for r in rows],
        media_count=[float(r["pos"]) for r in rows],
        has_profile_pic=[float(r["pic"]) for r in rows],
        is_private=[None] * len(rows),
        biography_length=[float(r["bl"]) for r in rows],
        has_external_url=[float(r["lin"]) for r in rows],
    )
    return LabelledSet("Purba 2020", columns, (classes != "r").astype(float)), classes


@dataclass(frozen=True)
class Setting:
    name: str
    labels: np.ndarray
    proba: np.ndarray


def at_threshold(labels: np.ndarray, proba: np.ndarray, threshold: float) -> tuple[float, float, float]:
    flagged = proba >= threshold
    return (
        precision_score(labels, flagged, zero_division=0),
        recall_score(labels, flagged, zero_division=0),
        f1_score(labels, flagged, zero_division=0),
    )


def quality_table(settings: list[Setting], threshold: float) -> list[str]:
    lines = [
        f"| setting | n (fake) | ROC-AUC | precision | recall | F1 (at {threshold}) |",
        "|---|---|---|---|---|---|",
    ]
    for s in settings:
        p, r, f = at_threshold(s.labels, s.proba, threshold)
        auc = roc_auc_score(s.labels, s.proba)
        n = f"{len(s.labels)} ({int(s.labels.sum())})"
        lines.append(f"| {s.name} | {n} | {auc:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return lines


def threshold_scan(settings: list[Setting]) -> tuple[list[str], float]:
    """F1 per setting for each threshold, and the minimax-regret choice.

    The worst setting (InstaFake -> Purba: active fakes look real) is nearly flat in the threshold, so
    maximising the worst F1 would tune to that one dataset. Instead each setting's F1 is divided by the best
    F1 any threshold reaches there, and the threshold whose lowest such ratio is highest wins: no dataset is
    far from what a threshold tuned on it alone would give.
    """
    f1 = np.array([[at_threshold(s.labels, s.proba, float(t))[2] for s in settings] for t in THRESHOLDS])
    ratio = f1 / f1.max(axis=0)
    head = "| threshold | " + " | ".join(s.name for s in settings) + " | lowest F1 / best F1 |"
    lines = [head, "|---" * (len(settings) + 2) + "|"]
    for t, row, r in zip(THRESHOLDS, f1, ratio, strict=True):
        lines.append(f"| {t:.2f} | " + " | ".join(f"{f:.3f}" for f in row) + f" | {r.min():.3f} |")
    return lines, float(THRESHOLDS[int(np.argmax(ratio.min(axis=1)))])


def share_errors(settings: list[Setting], threshold: float, seed: int = 0) -> list[str]:
    """Audits of AUDIENCE_SIZE followers at known fake shares: flagged share vs mean P(fake), and coverage."""
    rng = np.random.default_rng(seed)
    lines = [
        "| setting | true share | flagged share (mean) | Wilson 95 % covers truth | mean P(fake) |",
        "|---|---|---|---|---|",
    ]
    for s in settings:
        fakes, reals = np.flatnonzero(s.labels == 1), np.flatnonzero(s.labels == 0)
        for share in TRUE_SHARES:
            k = round(share * AUDIENCE_SIZE)
            flagged_shares, mean_ps, covered = [], [], 0
            for _ in range(RESAMPLES):
                rows = np.concatenate([rng.choice(fakes, k), rng.choice(reals, AUDIENCE_SIZE - k)])
                flagged = int((s.proba[rows] >= threshold).sum())
                low, high = wilson_interval(flagged, AUDIENCE_SIZE)
                covered += low <= share <= high
                flagged_shares.append(flagged / AUDIENCE_SIZE)
                mean_ps.append(float(s.proba[rows].mean()))
            lines.append(
                f"| {s.name} | {share:.2f} | {np.mean(flagged_shares):.3f} | {covered / RESAMPLES:.0%} |"
                f" {np.mean(mean_ps):.3f} |"
            )
    return lines


def without(columns: ProfileColumns, **unknown: bool) -> ProfileColumns:
    """The same profiles with some optional fields made unknown."""
    return replace(columns, **{name: np.full(len(columns), np.nan) for name in unknown})


def missing_field_table(instafake: LabelledSet) -> list[str]:
    model = train([instafake])
    base = model.predict_proba(instafake.columns)
    lines = [
        "| unknown field(s) | ROC-AUC | mean P(fake) | mean abs change in P |",
        "|---|---|---|---|",
        f"| none | {roc_auc_score(instafake.labels, base):.3f} | {base.mean():.3f} | - |",
    ]
    cases: dict[str, Callable[[], ProfileColumns]] = {
        "biography": lambda: without(instafake.columns, biography_length=True),
        "username": lambda: without(instafake.columns, username_length=True, username_digits=True),
        "biography + username": lambda: without(
            instafake.columns, biography_length=True, username_length=True, username_digits=True
        ),
    }
    for name, make in cases.items():
        proba = model.predict_proba(make())
        lines.append(
            f"| {name} | {roc_auc_score(instafake.labels, proba):.3f} | {proba.mean():.3f} |"
            f" {np.abs(proba - base).mean():.3f} |"
        )
    return lines


FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "counts, ratio, picture": (
        "log_followers",
        "log_following",
        "log_media",
        "log_following_per_follower",
        "has_profile_pic",
    ),
    "+ red-flag lines (>= 1,500 following, 0 posts, <= 5 posts)": (
        "mass_following",
        "no_media",
        "few_media",
    ),
    "+ biography, privacy, username, link (shipped)": (
        "is_private",
        "has_biography",
        "log_biography_length",
        "username_digit_share",
        "username_length",
        "has_external_url",
    ),
}


def feature_ablation(instafake: LabelledSet, purba: LabelledSet) -> list[str]:
    """ROC-AUC as feature groups are added: kept only if they help across datasets, not just in one."""
    lines = [
        "| features | InstaFake CV | Purba CV | InstaFake -> Purba | Purba -> InstaFake |",
        "|---|---|---|---|---|",
    ]
    features: tuple[str, ...] = ()
    for name, group in FEATURE_SETS.items():
        features += group
        aucs = [
            roc_auc_score(s.labels, cross_validated_proba(s.columns, s.labels, features=features))
            for s in (instafake, purba)
        ]
        for source, target in ((instafake, purba), (purba, instafake)):
            model = train([source], features=features)
            aucs.append(roc_auc_score(target.labels, model.predict_proba(target.columns)))
        lines.append(f"| {name} | " + " | ".join(f"{a:.3f}" for a in aucs) + " |")
    return lines


def gradient_boosting_reference(a: LabelledSet, b: LabelledSet) -> list[str]:
    """A small gradient-boosted model on the same features (not shipped): is the linear model enough?"""

    def fit_predict(train_set: LabelledSet, test_set: LabelledSet) -> np.ndarray:
        x_train, x_test = feature_matrix(train_set.columns), feature_matrix(test_set.columns)
        seen = ~np.isnan(x_train).all(axis=0)  # a field the training set lacks cannot be binned
        gb = HistGradientBoostingClassifier(max_depth=3, max_iter=100, class_weight="balanced", random_state=0)
        gb.fit(x_train[:, seen], train_set.labels)
        return gb.predict_proba(x_test[:, seen])[:, 1]

    return [
        "| model | " + f"{a.name} -> {b.name}" + " | " + f"{b.name} -> {a.name}" + " |",
        "|---|---|---|",
        f"| gradient boosting, depth 3 (reference) | {roc_auc_score(b.labels, fit_predict(a, b)):.3f} |"
        f" {roc_auc_score(a.labels, fit_predict(b, a)):.3f} |",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--purba", type=Path, help="Purba 2020 user_fake_authentic_4class.csv (dev/eval only)")
    parser.add_argument("--instafake", type=Path, help="folder with InstaFake's fake-v1.0 JSON files")
    args = parser.parse_args(argv)

    instafake = load_instafake(args.instafake)
    instafake_cv = cross_validated_proba(instafake.columns, instafake.labels)
    settings = [Setting("InstaFake 5-fold CV", instafake.labels, instafake_cv)]
    if args.purba is None:
        print(
            "No --purba given: showing InstaFake cross-validation only. For the cross-dataset figures pass\n"
            "  --purba PATH/user_fake_authentic_4class.csv (Purba et al. 2020, Kaggle\n"
            "  krpurba/fakeauthentic-user-instagram; licence not stated: evaluation only, not shipped)\n",
            file=sys.stderr,
        )
        print("\n".join(quality_table(settings, ROBUST_THRESHOLD)))
        return 0

    purba, classes = load_purba(args.purba)
    shipped = train([instafake])
    on_purba = shipped.predict_proba(purba.columns)
    from_purba = train([purba]).predict_proba(instafake.columns)
    settings += [
        Setting("Purba 5-fold CV", purba.labels, cross_validated_proba(purba.columns, purba.labels)),
        Setting("InstaFake -> Purba", purba.labels, on_purba),
        Setting("Purba -> InstaFake", instafake.labels, from_purba),
    ]
    scan, robust = threshold_scan(settings)
    out = [
        f"### Quality at the shipped threshold {ROBUST_THRESHOLD}",
        "",
        *quality_table(settings, ROBUST_THRESHOLD),
    ]
    out += ["", "### Threshold scan (F1; robust = highest lowest ratio to each setting's best F1)", "", *scan]
    out += ["", f"Robust threshold by this scan: {robust} (shipped: {ROBUST_THRESHOLD})"]
    out += ["", "### InstaFake-trained (shipped) model on Purba, by fake class", ""]
    out += ["| Purba class | n | share flagged fake |", "|---|---|---|"]
    names = {"r": "r authentic", "a": "a active fake", "i": "i inactive fake", "s": "s spammer"}
    for cls, name in names.items():
        rows = classes == cls
        out.append(f"| {name} | {int(rows.sum())} | {(on_purba[rows] >= ROBUST_THRESHOLD).mean():.3f} |")
    out += ["", f"### Fake share of {AUDIENCE_SIZE}-follower audits ({RESAMPLES} resamples per row)", ""]
    out += share_errors(settings, ROBUST_THRESHOLD)
    out += ["", "### Missing optional fields (shipped recipe, scored on InstaFake)", ""]
    out += missing_field_table(instafake)
    out += ["", "### Feature groups (ROC-AUC)", "", *feature_ablation(instafake, purba)]
    out += ["", "### Reference: gradient boosting on the same features (ROC-AUC)", ""]
    out += gradient_boosting_reference(instafake, purba)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
