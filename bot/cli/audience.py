"""`creatorops audience score FILE` and `creatorops model train`: the classifier from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.vetting.audience.features import FEATURE_NAMES
from bot.vetting.audience.model import (
    INSTALLED_MODEL,
    AudienceModel,
    ModelFileError,
    install_path_for,
    load_model,
    model_path_for,
)
from bot.vetting.audience.records import RecordError, read_records
from bot.vetting.audience.scoring import result_from_probabilities
from bot.vetting.audience.training import (
    DEFAULT_FEATURES,
    ROBUST_THRESHOLD,
    LabelledSet,
    TrainingError,
    cross_validated_proba,
    load_instafake,
    train,
)

DEFAULT_OUT = "audience_model.json"


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audience = subparsers.add_parser("audience", help="fake-follower share of an audience sample")
    audience.set_defaults(func=_help(audience))
    audience_sub = audience.add_subparsers(metavar="ACTION")
    score = audience_sub.add_parser(
        "score",
        help="P(fake) per follower profile (one JSON line each, in input order), then the fake share",
        description="Reads a CSV or JSONL file ('-' = standard input) with the columns username,"
        " has_profile_pic, is_private, follower_count, following_count, media_count and optionally"
        " full_name, biography, has_external_url.",
    )
    score.add_argument("file", metavar="FILE")
    score.add_argument(
        "--model",
        metavar="PATH",
        help="a model from `creatorops model train` (default: AUDIENCE_MODEL, else the installed, else the shipped)",
    )
    score.set_defaults(func=run_score)

    model = subparsers.add_parser("model", help="train the audience (fake-follower) model")
    model.set_defaults(func=_help(model))
    model_sub = model.add_subparsers(metavar="ACTION")
    fit = model_sub.add_parser(
        "train",
        help="fit the model: on the shipped InstaFake data, or on your own labelled CSV/JSONL",
        description="Without --data this reproduces the shipped model from the InstaFake copy in the package."
        " With --data, each file has the scoring columns plus `fake` (1/0/true/false).",
    )
    fit.add_argument("--data", nargs="+", metavar="FILE", help="your labelled CSV or JSONL file(s)")
    fit.add_argument("--also-instafake", action="store_true", help="train on your files plus InstaFake")
    fit.add_argument("--out", metavar="PATH", default=None, help=f"where to write (default: {DEFAULT_OUT})")
    fit.add_argument(
        "--install",
        action="store_true",
        help=f"write it where /vet reads it: AUDIENCE_MODEL if set, else {INSTALLED_MODEL}",
    )
    fit.add_argument("--name", metavar="TEXT", help="what the /vet card calls this model (default: its training data)")
    fit.add_argument("--threshold", type=float, default=ROBUST_THRESHOLD, help="P(fake) at or above = fake")
    fit.set_defaults(func=run_train)


def _help(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """`creatorops audience` without an action: show its actions rather than nothing."""

    def show(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return show


def _fail(message: str) -> int:
    print(f"creatorops: {message}", file=sys.stderr)
    return 2


def _audience_model_setting() -> str | None:
    from bot.config import SettingsError, load_settings

    try:
        return load_settings().audience_model
    except SettingsError:
        return None  # an unrelated setting is wrong: the model choice falls back to the installed or shipped one


def run_score(args: argparse.Namespace) -> int:
    try:
        model = load_model(args.model if args.model else model_path_for(_audience_model_setting()))
        records = read_records(args.file)
    except (ModelFileError, RecordError) as exc:
        return _fail(str(exc))
    result = result_from_probabilities(model.predict_proba(records.columns()), model.threshold, model.quantifier)
    # Formatted by hand: 100,000 json.dumps calls would cost more than the scoring itself.
    flags = np.where(result.fake, "true", "false")
    lines = [
        f'{{"fake_probability": {p:.6f}, "fake": {f}}}'
        for p, f in zip(result.probabilities.tolist(), flags.tolist(), strict=True)
    ]
    lines.append(json.dumps(result.summary()))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _labelled_set(path: str) -> LabelledSet:
    records = read_records(path, labelled=True)
    assert records.labels is not None
    return LabelledSet(Path(path).name, records.columns(), records.labels)


def run_train(args: argparse.Namespace) -> int:
    if not 0.0 < args.threshold < 1.0:
        return _fail(f"--threshold must be between 0 and 1, got {args.threshold}")
    if args.install and args.out:
        return _fail("give --install (where /vet reads the model) or --out PATH, not both")
    target = install_path_for(_audience_model_setting()) if args.install else Path(args.out or DEFAULT_OUT)
    try:
        sets = [_labelled_set(path) for path in args.data or []]
        own_only = bool(sets) and not args.also_instafake
        if not own_only:
            sets.append(load_instafake())
        # A team's own labelled followers come from audiences like the ones it scores, so every feature helps;
        # with InstaFake in, only the features that carry over to other audiences (bench/audience_audits.py).
        features = FEATURE_NAMES if own_only else DEFAULT_FEATURES
        model = train(sets, threshold=args.threshold, features=features, name=args.name)
    except (RecordError, TrainingError) as exc:
        return _fail(str(exc))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        out = model.save(target)
    except OSError as exc:
        return _fail(f"cannot write {target}: {exc.strerror or exc}")
    rows = sum(len(s.labels) for s in sets)
    fakes = sum(int(s.labels.sum()) for s in sets)
    print(f"trained on {rows} accounts ({fakes} fake) from {', '.join(s.name for s in sets)}")
    print(f"features: {', '.join(model.features)}")
    _print_cross_validation(sets, args.threshold, features)
    _print_share_error(model)
    if args.install:
        print(f"installed {out}: /vet and `creatorops audience score` now use it")
    else:
        print(f"wrote {out}; use it with: creatorops audience score FILE --model {out}")
        print(f"(or make /vet use it: set AUDIENCE_MODEL={out}, or train again with --install)")
    return 0


def _print_share_error(model: AudienceModel) -> None:
    error = model.quantifier.error
    if error is not None:
        print(
            f"fake-share error on {error.measured_on}: up to {100 * error.over:.1f} points over and"
            f" {100 * error.under:.1f} under (the interval includes it; expect more on audiences unlike these)"
        )


def _print_cross_validation(sets: list[LabelledSet], threshold: float, features: Sequence[str]) -> None:
    """5-fold figures on the training data, so a team sees whether its own labels make a usable model."""
    from sklearn.metrics import f1_score, roc_auc_score

    from bot.vetting.audience.columns import ProfileColumns

    labels = np.concatenate([s.labels for s in sets])
    fakes = int(labels.sum())
    if min(fakes, len(labels) - fakes) < 5:
        print("too few fake or real accounts for 5-fold cross-validation (need 5 of each)")
        return
    columns = ProfileColumns.concat([s.columns for s in sets])
    proba = cross_validated_proba(columns, labels, features=features)
    auc = roc_auc_score(labels, proba)
    f1 = f1_score(labels, proba >= threshold)
    print(f"5-fold cross-validation on this data: ROC-AUC {auc:.3f}, F1 {f1:.3f} at threshold {threshold}")
    print("(figures on the training data itself: expect lower ones on real audiences)")
