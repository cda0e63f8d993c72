"""The score adds up, unknowns are left out, and the verdict follows the rules in weights.py."""

from __future__ import annotations

import pytest

from bot.vetting.report import vet
from bot.vetting.score import Recommendation, score_signals
from bot.vetting.signal import Signal, Verdict
from bot.vetting.weights import WEIGHTS
from tests.vetting.builders import NOW, rule_fake_scorer, sample


def sig(key: str, verdict: Verdict) -> Signal:
    return Signal(key=key, label=key.replace("_", " ").capitalize(), display="-", verdict=verdict, evidence="-")


ALL_OK = [sig(key, Verdict.ok) for key in WEIGHTS]


def with_verdicts(**verdicts: Verdict) -> list[Signal]:
    return [sig(s.key, verdicts.get(s.key, Verdict.ok)) for s in ALL_OK]


def test_weights_of_the_scored_signals_add_up_to_100() -> None:
    assert sum(WEIGHTS.values()) == 100


def test_all_ok_is_recommended_with_100() -> None:
    score = score_signals(ALL_OK)

    assert (score.score, score.recommendation, score.coverage) == (100, Recommendation.recommended, 1.0)
    assert score.reason == "Score 100, no failing signal."


def test_contributions_explain_the_score() -> None:
    score = score_signals(with_verdicts(engagement_rate=Verdict.warn, fake_followers=Verdict.bad))
    lost = {c.key: c.lost for c in score.contributions if c.lost}

    assert lost == {"engagement_rate": 10.0, "fake_followers": 20.0}
    assert score.score == 70
    assert sum(c.earned for c in score.contributions) == pytest.approx(score.score)
    assert score.recommendation == Recommendation.caution
    assert score.reason == "One signal fails: fake followers."


def test_two_failing_signals_mean_avoid_whatever_the_score() -> None:
    score = score_signals(with_verdicts(reachability=Verdict.bad, sponsored_frequency=Verdict.bad))

    assert score.score == 90
    assert score.recommendation == Recommendation.avoid
    assert score.reason == "2 signals fail: reachability, sponsored frequency."


def test_low_score_means_avoid() -> None:
    verdicts = {key: Verdict.warn for key in WEIGHTS} | {"fake_followers": Verdict.bad}
    score = score_signals(with_verdicts(**verdicts))

    assert score.score == 40
    assert score.recommendation == Recommendation.avoid
    assert score.reason == "Score 40 is below 50."


def test_warnings_alone_can_still_be_recommended_or_caution() -> None:
    one = score_signals(with_verdicts(generic_comments=Verdict.warn))
    many = score_signals(
        with_verdicts(
            engagement_rate=Verdict.warn,
            follower_growth=Verdict.warn,
            generic_comments=Verdict.warn,
            fake_followers=Verdict.warn,
        )
    )

    assert one.recommendation == Recommendation.recommended
    assert one.reason == "Score 95, no failing signal; check: generic comments."
    assert many.recommendation == Recommendation.caution


def test_unknown_signals_are_left_out_and_lower_coverage() -> None:
    score = score_signals(with_verdicts(fake_followers=Verdict.unknown, reachability=Verdict.unknown))

    assert score.score == 100
    assert score.coverage == 0.75
    unknown = next(c for c in score.contributions if c.key == "fake_followers")
    assert (unknown.earned, unknown.lost) == (0, 0)


def test_nothing_known_gives_no_score() -> None:
    score = score_signals([sig(key, Verdict.unknown) for key in WEIGHTS])

    assert score.score is None
    assert score.recommendation == Recommendation.caution


def test_report_lists_a_contribution_for_every_scored_signal() -> None:
    report = vet(sample("bella_bought_sample"), now=NOW, fake_scorer=rule_fake_scorer)

    scored = {s.key for s in report.signals if WEIGHTS[s.key] > 0}
    assert {c.key for c in report.contributions} == scored
    assert 100 - sum(c.lost for c in report.contributions) == pytest.approx(report.score, abs=0.5)
