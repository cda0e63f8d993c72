"""The shipped model: obvious cases, the inputs it takes, missing fields, and scoring without scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.sources.models import FollowerProfile
from bot.vetting.audience import load_model, records_from_dicts, score_audience, wilson_interval
from bot.vetting.audience.model import shipped_model_path
from bot.vetting.audience.training import load_instafake
from tests.audience.conftest import OBVIOUS_FAKE, OBVIOUS_REAL


def test_obvious_fakes_score_high_and_obvious_real_accounts_low() -> None:
    model = load_model()
    fakes = [
        OBVIOUS_FAKE,
        {
            **OBVIOUS_FAKE,
            "username": "mark.w",
            "follower_count": 40,
            "following_count": 3500,
            "media_count": 1,
        },
        {**OBVIOUS_FAKE, "has_profile_pic": True, "follower_count": 8, "following_count": 5200},
    ]
    reals = [
        OBVIOUS_REAL,
        {
            **OBVIOUS_REAL,
            "is_private": False,
            "follower_count": 950,
            "following_count": 610,
            "media_count": 88,
        },
        {
            **OBVIOUS_REAL,
            "biography": None,
            "follower_count": 2300,
            "following_count": 400,
            "media_count": 540,
        },
    ]

    assert model.predict_proba(fakes).min() > 0.9
    assert model.predict_proba(reals).max() < 0.1
    assert model.predict(fakes).all() and not model.predict(reals).any()


def test_profiles_records_and_columns_score_alike() -> None:
    model = load_model()
    records = [OBVIOUS_FAKE, OBVIOUS_REAL]
    profiles = [FollowerProfile(**r) for r in records]

    from_records = model.predict_proba(records)

    assert model.predict_proba(profiles) == pytest.approx(from_records)
    assert model.predict_proba(records_from_dicts(records).columns()) == pytest.approx(from_records)


def test_a_missing_optional_field_gives_the_average_over_its_values() -> None:
    """Unknown must pull neither way: the answer sits at the mean over the values the field takes."""
    model = load_model()
    training = load_instafake()
    base = {k: v for k, v in OBVIOUS_REAL.items() if k not in ("biography", "has_external_url")}
    bio_lengths = training.columns.biography_length
    with_each_bio = [{**base, "biography": "x" * int(n)} for n in bio_lengths]

    unknown_logit = model.logit([base])[0]
    average_logit = model.logit(with_each_bio).mean()
    unknown_p = model.predict_proba([base])[0]

    assert unknown_logit == pytest.approx(average_logit, abs=1e-9)  # exact for a linear model
    assert unknown_p == pytest.approx(model.predict_proba(with_each_bio).mean(), abs=0.02)


def test_leaving_out_optional_fields_barely_moves_an_audience() -> None:
    audience = [OBVIOUS_FAKE, OBVIOUS_REAL] * 3 + [
        {**OBVIOUS_REAL, "biography": "", "follower_count": 80, "following_count": 900, "media_count": 4}
    ]
    bare = [{k: v for k, v in r.items() if k not in ("full_name", "biography", "has_external_url")} for r in audience]

    full, without = score_audience(audience), score_audience(bare)

    assert np.abs(full.probabilities - without.probabilities).max() < 0.15
    assert without.fake_share == full.fake_share


def test_the_share_and_its_interval() -> None:
    result = score_audience([OBVIOUS_FAKE] * 3 + [OBVIOUS_REAL] * 7)
    empty = score_audience([])

    error = load_model().quantifier.error
    assert error is not None  # the shipped model carries its measured cross-dataset error

    assert (result.n, result.flagged) == (10, 3)
    assert result.fake_share == pytest.approx(0.3, abs=0.02)  # the estimate, not the count: close here
    # The interval covers sampling (10 followers: wide) and the model's measured error on top.
    assert result.ci_low <= result.fake_share - error.over
    assert result.ci_high >= result.fake_share + error.under
    assert 0.0 <= result.ci_low < 0.3 < result.ci_high <= 1.0
    assert result.fake.tolist() == [True] * 3 + [False] * 7
    assert (empty.n, empty.fake_share, empty.ci_low, empty.ci_high) == (0, None, 0.0, 1.0)
    assert len(empty.probabilities) == 0


def test_wilson_interval_at_the_edges() -> None:
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson_interval(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_the_shipped_model_is_plain_json_with_its_attribution() -> None:
    data = json.loads(shipped_model_path().read_text(encoding="utf-8"))

    assert data["format"] == "creatorops.audience.logistic/1"
    assert "CC BY-NC 4.0" in data["attribution"] and "Akyon" in data["attribution"]
    assert data["threshold"] == 0.5
    assert len(data["coef"]) == len(data["features"])


def test_scoring_needs_numpy_but_not_scikit_learn() -> None:
    code = (
        "import sys; from bot.vetting.audience import load_model, score_audience;"
        " r = score_audience([{'username': 'a', 'has_profile_pic': 0, 'is_private': 0,"
        " 'follower_count': 12, 'following_count': 7000, 'media_count': 0}]);"
        " print(r.flagged, 'sklearn' in sys.modules)"
    )
    project = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=project)

    assert run.stdout.split() == ["1", "False"]


def _lurkers(n: int, rng: np.random.Generator) -> list[dict]:
    """Real people who rarely post: a picture, tens to hundreds of followers, a few hundred followed, 0-20 posts."""
    return [
        {
            "username": f"reader{i}",
            "has_profile_pic": True,
            "is_private": bool(rng.random() < 0.6),
            "follower_count": int(rng.integers(20, 900)),
            "following_count": int(rng.integers(80, 1200)),
            "media_count": int(rng.integers(0, 21)),
        }
        for i in range(n)
    ]


def _bots(n: int, rng: np.random.Generator) -> list[dict]:
    """Bought or automated: mass-following (1,500+), barely followed, next to no posts."""
    return [
        {
            "username": f"user{i:08d}",
            "has_profile_pic": bool(rng.random() < 0.5),
            "is_private": False,
            "follower_count": int(rng.integers(0, 150)),
            "following_count": int(rng.integers(1500, 7500)),
            "media_count": int(rng.integers(0, 5)),
        }
        for i in range(n)
    ]


def test_lurkers_read_as_real_and_bots_as_fake() -> None:
    rng = np.random.default_rng(11)
    lurkers, bots = _lurkers(500, rng), _bots(100, rng)
    model = load_model()

    lurker_flags = model.predict(lurkers)
    only_lurkers = score_audience(lurkers)
    one_in_ten = score_audience(lurkers[:450] + bots[:50])

    assert lurker_flags.mean() < 0.10  # the model before issue 13 flagged about one lurker in five
    assert model.predict(bots).mean() > 0.95
    assert only_lurkers.fake_share is not None and only_lurkers.fake_share < 0.03
    assert one_in_ten.fake_share == pytest.approx(0.10, abs=0.05)
    assert one_in_ten.ci_low <= 0.10 <= one_in_ten.ci_high
