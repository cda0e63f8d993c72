"""Each sample creator shows exactly the red flags it was made to show, and gets the verdict a person expects."""

from __future__ import annotations

import json

import pytest

from bot.sources.samples.make_samples import SPECS, build
from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource, snapshot_filename
from bot.vetting.report import VetReport, vet
from bot.vetting.score import Recommendation
from bot.vetting.signal import Verdict
from bot.vocabulary import Platform
from tests.vetting.builders import NOW, rule_fake_scorer, sample


def vetted(handle: str, platform: Platform = Platform.instagram) -> VetReport:
    return vet(sample(handle, platform), now=NOW, fake_scorer=rule_fake_scorer)


def flags(report: VetReport) -> dict[str, Verdict]:
    return {flag.key: flag.verdict for flag in report.red_flags}


def signal(report: VetReport, key: str):
    return next(s for s in report.signals if s.key == key)


@pytest.mark.parametrize(
    ("handle", "platform"),
    [
        ("nina_nano_sample", Platform.instagram),
        ("marco_micro_sample", Platform.instagram),
        ("yara_youtube_sample", Platform.youtube),
        ("tariq_tiktok_sample", Platform.tiktok),
    ],
)
def test_clean_creators_have_no_red_flags_and_are_recommended(handle: str, platform: Platform) -> None:
    report = vetted(handle, platform)

    assert report.red_flags == []
    assert report.verdict == Recommendation.recommended
    assert report.score == 100


def test_bought_followers_flag_the_round_spikes_the_fake_share_and_no_innocent_cause() -> None:
    report = vetted("bella_bought_sample")

    assert flags(report) == {
        "follower_growth": Verdict.bad,
        "fake_followers": Verdict.bad,
        "reachability": Verdict.bad,
        "engagement_rate": Verdict.warn,
    }
    growth = signal(report, "follower_growth")
    assert "+10,014 on 2026-01-20" in growth.evidence
    assert "a round number" in growth.evidence
    assert "no viral post within 2 days" in growth.evidence
    assert "explained by" not in growth.evidence
    assert "ask the creator what happened on 2026-01-20, 2026-02-13" in (growth.innocent_cause or "")
    assert signal(report, "fake_followers").display.startswith("45 %")
    assert report.verdict == Recommendation.avoid


def test_viral_spike_is_explained_by_the_viral_video_not_flagged() -> None:
    report = vetted("tariq_tiktok_sample", Platform.tiktok)

    growth = signal(report, "follower_growth")
    assert growth.verdict == Verdict.ok
    assert growth.display == "3 explained spikes"
    assert "+6,4" in growth.evidence and "explained by a post on 2026-02-09" in growth.evidence


def test_pod_shows_generic_comments_high_comment_density_and_the_same_commenters() -> None:
    report = vetted("pete_pod_sample")

    assert flags(report) == {
        "comments_per_100_likes": Verdict.bad,
        "generic_comments": Verdict.bad,
        "repeat_commenters": Verdict.bad,
    }
    assert signal(report, "comments_per_100_likes").value > 20
    assert "engagement pods" in signal(report, "generic_comments").evidence
    assert report.verdict == Recommendation.avoid


def test_promoter_flags_promotes_everything_and_weak_sponsored_engagement() -> None:
    report = vetted("penny_promo_sample")

    assert flags(report) == {
        "sponsored_frequency": Verdict.bad,
        "sponsored_engagement": Verdict.warn,
        "disclosure": Verdict.warn,
    }
    disclosure = signal(report, "disclosure")
    assert disclosure.display == "9 of 14 sponsored-looking posts clearly disclosed (64 %)"
    assert "“Use my code PENNY at Orbit! amzn.to/3xYz affiliate link”" in disclosure.evidence
    frequency = signal(report, "sponsored_frequency")
    assert "promotes everything" in frequency.evidence
    assert frequency.display == "7.2 per 30 days"
    assert report.verdict == Recommendation.caution


def test_missing_data_gives_unknowns_and_caution_not_a_crash() -> None:
    report = vetted("hana_hidden_sample")

    # the one flag is about a caption we could read: "In partnership with" is ambiguous under the FTC's rules
    assert flags(report) == {"disclosure": Verdict.bad}
    assert "“In partnership with Fernhill" in signal(report, "disclosure").evidence
    unknown = {s.key for s in report.signals if s.verdict == Verdict.unknown}
    assert unknown == {
        "engagement_rate",
        "comments_per_100_likes",
        "repeat_commenters",
        "follower_growth",
        "fake_followers",
        "reachability",
        "sponsored_engagement",
    }
    assert "hidden or not available" in signal(report, "engagement_rate").evidence
    assert report.score is None
    assert report.verdict == Recommendation.caution
    assert "not enough to score or recommend" in report.verdict_reason


def test_private_account_is_all_unknown_except_its_size() -> None:
    report = vetted("priya_private_sample")

    assert report.is_private
    assert {s.key for s in report.signals if s.verdict != Verdict.unknown} == {"tier", "data_age"}
    assert signal(report, "engagement_rate").evidence == "Posts hidden: the account is private"
    assert report.score is None
    assert report.verdict == Recommendation.caution


def test_every_sample_report_is_json_serialisable() -> None:
    source = SnapshotSource(SAMPLES_DIR)
    for handle, platform in source.available():
        report = vet(source.fetch(handle, platform), now=NOW, fake_scorer=rule_fake_scorer)
        assert json.loads(json.dumps(report.model_dump(mode="json")))["handle"] == handle


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.handle)
def test_committed_samples_are_what_make_samples_generates(spec) -> None:
    committed = json.loads((SAMPLES_DIR / snapshot_filename(spec.handle, spec.platform)).read_text())

    assert build(spec).model_dump(mode="json", exclude_none=True) == committed
