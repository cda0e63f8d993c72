"""`creatorops audience score FILE`: the contract an evaluation on labelled audits relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.vetting.audience import load_model, score_audience
from tests.audience.conftest import OBVIOUS_FAKE, OBVIOUS_REAL, write_csv, write_jsonl

AUDIENCE = [OBVIOUS_FAKE, OBVIOUS_REAL, {**OBVIOUS_REAL, "username": "ben_k"}, OBVIOUS_FAKE, OBVIOUS_REAL]


def test_one_object_per_row_in_input_order_then_the_share(cli, tmp_path: Path) -> None:
    run = cli("audience", "score", str(write_csv(tmp_path / "followers.csv", AUDIENCE)))

    assert run.code == 0
    *rows, summary = run.objects
    assert len(rows) == len(AUDIENCE)
    assert all(set(row) == {"fake_probability", "fake"} for row in rows)
    assert [row["fake"] for row in rows] == [True, False, False, True, False]
    expected = load_model().predict_proba(AUDIENCE)
    assert [row["fake_probability"] for row in rows] == pytest.approx(expected.tolist(), abs=1e-6)
    assert all(0.0 <= row["fake_probability"] <= 1.0 for row in rows)
    assert {"fake_share", "ci_low", "ci_high", "n"} <= set(summary)
    assert summary["n"] == 5
    assert summary["flagged"] == 2  # the per-row flags, counted
    # The share is the prior-shift-corrected estimate (the same /vet shows), close to the count here.
    assert summary["fake_share"] == pytest.approx(score_audience(AUDIENCE).fake_share, abs=1e-6)
    assert summary["fake_share"] == pytest.approx(2 / 5, abs=0.02)
    assert 0.0 <= summary["ci_low"] < 2 / 5 < summary["ci_high"] <= 1.0


def test_jsonl_gives_the_same_answer_as_csv(cli, tmp_path: Path) -> None:
    from_csv = cli("audience", "score", str(write_csv(tmp_path / "f.csv", AUDIENCE))).objects
    from_jsonl = cli("audience", "score", str(write_jsonl(tmp_path / "f.jsonl", AUDIENCE))).objects

    assert from_jsonl == from_csv


def test_an_empty_audience_reports_no_share_rather_than_zero(cli, tmp_path: Path) -> None:
    run = cli("audience", "score", str(write_csv(tmp_path / "none.csv", [])))

    assert run.code == 0
    assert run.objects == [{"fake_share": None, "ci_low": 0.0, "ci_high": 1.0, "n": 0, "flagged": 0, "threshold": 0.5}]


def test_a_retrained_model_is_used_when_given(cli, tmp_path: Path) -> None:
    model = load_model()
    flipped = model.to_json() | {"coef": [-c for c in model.coef], "intercept": -model.intercept}
    path = tmp_path / "flipped.json"
    path.write_text(json.dumps(flipped), encoding="utf-8")

    rows = cli("audience", "score", str(write_jsonl(tmp_path / "a.jsonl", AUDIENCE)), "--model", str(path)).objects

    assert [row["fake"] for row in rows[:-1]] == [False, True, True, False, True]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "username,has_profile_pic,is_private,following_count,media_count\nanna,1,0,10,3\n",
            "has no column 'follower_count'",
        ),
        (
            "username,has_profile_pic,is_private,follower_count,following_count,media_count\n"
            "anna,1,0,120,80,3\nbob,1,0,lots,80,3\n",
            "line 3, column 'follower_count': expected a whole number >= 0, got 'lots'",
        ),
        (
            "username,has_profile_pic,is_private,follower_count,following_count,media_count\nanna,maybe,0,120,80,3\n",
            "line 2, column 'has_profile_pic': expected true/false (or 1/0), got 'maybe'",
        ),
        (
            "username,has_profile_pic,is_private,follower_count,following_count,media_count\nanna,1,,120,80,3\n",
            "line 2, column 'is_private' is empty (it is required)",
        ),
        (
            "username,has_profile_pic,is_private,follower_count,following_count,media_count\nanna,1,0,inf,80,3\n"
            "bob,1,0,1e400,80,3\n",
            "line 2, column 'follower_count': expected a whole number >= 0, got 'inf'",
        ),
        (
            "username,has_profile_pic,is_private,follower_count,following_count,media_count\n"
            f"anna,1,0,{'9' * 200_000},80,3\n",
            "line 2: field larger than field limit (131072); is it a CSV of follower profiles?",
        ),
        (
            "username,has_profile_pic,is_private,follower_count,following_count,media_count\n"
            f"anna,1,0,{'x' * 100_000},80,3\n",
            "line 2, column 'follower_count': expected a whole number >= 0, got 'xxxxxxxxxxx",
        ),
    ],
)
def test_bad_csv_says_which_line_and_column(cli, tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")

    run = cli("audience", "score", str(path))

    assert run.code == 2
    assert run.out == ""
    assert expected in run.err
    assert str(path) in run.err
    assert "Traceback" not in run.err
    assert len(run.err) < 1_000  # a huge cell is not echoed back


def test_bad_jsonl_says_which_line(cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"username": "a", "has_profile_pic": true, "is_private": false, "follower_count": 5,'
        ' "following_count": 9, "media_count": 1}\n{"username": "b", \n',
        encoding="utf-8",
    )

    run = cli("audience", "score", str(path))

    assert run.code == 2
    assert f"{path} line 2: not valid JSON" in run.err


def test_a_jsonl_number_too_long_to_read_is_a_one_line_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"username": "a", "follower_count": ' + "9" * 5_000 + "}\n", encoding="utf-8")

    run = cli("audience", "score", str(path))

    assert run.code == 2
    assert f"{path} line 1: not valid JSON (Exceeds the limit (4300 digits)" in run.err


def test_missing_file_and_bad_model_are_one_line_errors(cli, tmp_path: Path) -> None:
    missing = cli("audience", "score", str(tmp_path / "nope.csv"))
    not_a_model = tmp_path / "model.json"
    not_a_model.write_text('{"weights": [1, 2]}', encoding="utf-8")
    wrong_model = cli("audience", "score", str(write_csv(tmp_path / "f.csv", AUDIENCE)), "--model", str(not_a_model))

    assert (missing.code, missing.err.strip()) == (2, f"creatorops: {tmp_path / 'nope.csv'}: no such file")
    assert wrong_model.code == 2
    assert "is not an audience model" in wrong_model.err
    assert "creatorops model train" in wrong_model.err
