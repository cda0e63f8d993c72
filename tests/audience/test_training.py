"""`creatorops model train`: it reproduces the shipped model, and a team's own labels make a different one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.vetting.audience import load_model
from bot.vetting.audience.model import shipped_model_path
from tests.audience.conftest import OBVIOUS_REAL, write_csv

COLUMNS = (
    "username",
    "has_profile_pic",
    "is_private",
    "follower_count",
    "following_count",
    "media_count",
    "fake",
)


def test_training_on_the_shipped_data_reproduces_the_shipped_model(cli, tmp_path: Path) -> None:
    out = tmp_path / "model.json"

    run = cli("model", "train", "--out", str(out))

    assert run.code == 0
    assert "trained on 1165 accounts (200 fake) from InstaFake fake-v1.0" in run.out
    assert f"creatorops audience score FILE --model {out}" in run.out
    retrained = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(shipped_model_path().read_text(encoding="utf-8"))
    assert retrained["features"] == shipped["features"]
    for key in ("mean", "scale", "coef"):
        assert retrained[key] == pytest.approx(shipped[key], rel=1e-4, abs=1e-6)
    assert retrained["intercept"] == pytest.approx(shipped["intercept"], rel=1e-4)
    assert retrained["attribution"] == shipped["attribution"]


def team_labels(n: int = 30) -> list[dict]:
    """A team whose fakes are busy-looking private accounts with pictures: the opposite of InstaFake's."""
    rng = np.random.default_rng(7)
    rows = []
    for i in range(n):
        fake = i % 2 == 0
        rows.append(
            {
                "username": f"acct{i}",
                "has_profile_pic": True,
                "is_private": fake,
                "follower_count": int(rng.integers(200, 900)),
                "following_count": int(rng.integers(200, 900)),
                "media_count": int(rng.integers(20, 200)),
                "fake": fake,
            }
        )
    return rows


def test_retraining_on_a_team_csv_changes_the_model(cli, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "labels.csv", team_labels(), columns=COLUMNS)
    out = tmp_path / "team.json"
    busy_private = {**OBVIOUS_REAL, "is_private": True}

    run = cli("model", "train", "--data", str(data), "--out", str(out))

    assert run.code == 0
    assert "trained on 30 accounts (15 fake) from labels.csv" in run.out
    assert "5-fold cross-validation on this data: ROC-AUC" in run.out
    team, shipped = load_model(out), load_model()
    assert "attribution" not in team.metadata  # nothing of InstaFake's in it
    assert team.predict_proba([busy_private])[0] > 0.9 > 0.1 > shipped.predict_proba([busy_private])[0]
    scored = cli("audience", "score", str(data), "--model", str(out)).objects
    assert [row["fake"] for row in scored[:-1]] == [row["fake"] for row in team_labels()]


def test_a_team_csv_can_be_added_to_instafake(cli, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "labels.csv", team_labels(), columns=COLUMNS)
    out = tmp_path / "both.json"

    run = cli("model", "train", "--data", str(data), "--also-instafake", "--out", str(out))

    assert run.code == 0
    assert "trained on 1195 accounts (215 fake) from labels.csv, InstaFake fake-v1.0" in run.out
    assert "CC BY-NC 4.0" in load_model(out).metadata["attribution"]


def test_training_data_that_cannot_make_a_model_is_explained(cli, tmp_path: Path) -> None:
    only_real = write_csv(tmp_path / "real.csv", [r | {"fake": False} for r in team_labels()], columns=COLUMNS)
    unlabelled = write_csv(tmp_path / "plain.csv", team_labels(), columns=COLUMNS[:-1])

    one_class = cli("model", "train", "--data", str(only_real), "--out", str(tmp_path / "m.json"))
    no_label = cli("model", "train", "--data", str(unlabelled), "--out", str(tmp_path / "m.json"))
    bad_threshold = cli("model", "train", "--threshold", "1.5")

    assert one_class.code == 2
    assert "has 0 fake and 30 real accounts: training needs both" in one_class.err
    assert no_label.code == 2 and "has no column 'fake'" in no_label.err
    assert bad_threshold.code == 2 and "--threshold must be between 0 and 1" in bad_threshold.err
    assert not (tmp_path / "m.json").exists()
