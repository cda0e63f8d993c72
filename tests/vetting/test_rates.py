"""Fair rate range per platform and tier, the engagement adjustment, the premiums, and the ask comparison."""

from __future__ import annotations

import pytest

from bot.vetting.benchmarks import follower_band
from bot.vetting.rates import AskPosition, compare_ask, engagement_factor, fair_rate, parse_ask
from bot.vetting.report import vet
from bot.vetting.tiers import Tier
from bot.vocabulary import Money, Platform
from tests.vetting.builders import NOW, post, snapshot

IG_MICRO = follower_band(Platform.instagram, Tier.micro)  # 0.54-3.07 %


@pytest.mark.parametrize(
    ("platform", "tier", "low", "high"),
    [
        (Platform.instagram, Tier.nano, 10, 100),
        (Platform.instagram, Tier.micro, 100, 500),
        (Platform.tiktok, Tier.micro, 25, 125),
        (Platform.youtube, Tier.mid, 1_000, 10_000),
        (Platform.youtube, Tier.mega, 20_000, None),
        (Platform.instagram, Tier.emerging, 10, 100),
    ],
)
def test_base_range_from_the_table(platform: Platform, tier: Tier, low: float, high: float | None) -> None:
    rate = fair_rate(platform, tier)

    assert (rate.low, rate.high) == (low, high)
    assert "Influencer Marketing Hub" in rate.source


def test_open_ended_range_reads_and_up() -> None:
    assert fair_rate(Platform.instagram, Tier.mega).display() == "$10,000 and up"


@pytest.mark.parametrize(
    ("engagement", "factor"),
    [(None, 1.0), (1.5, 1.0), (0.54, 1.0), (0.45, 0.45 / 0.54), (0.1, 0.7), (3.5, 3.5 / 3.07), (9.0, 1.3)],
)
def test_engagement_moves_the_range_within_the_clamp(engagement: float | None, factor: float) -> None:
    assert engagement_factor(engagement, IG_MICRO) == pytest.approx(factor)


def test_premiums_for_exclusivity_and_usage_rights() -> None:
    plain = fair_rate(Platform.instagram, Tier.micro)
    exclusive = fair_rate(Platform.instagram, Tier.micro, exclusivity=True)
    both = fair_rate(Platform.instagram, Tier.micro, exclusivity=True, usage_rights=True)

    assert (plain.low, plain.high) == (100, 500)
    assert (exclusive.low, exclusive.high) == (130, 750)  # +30-50 %
    assert (both.low, both.high) == (195, 2_250)  # then +50-200 %
    assert both.adjustments == ["+30%-50% for exclusivity", "+50%-200% for paid usage rights"]


def test_low_engagement_lowers_the_range_and_says_why() -> None:
    rate = fair_rate(Platform.instagram, Tier.micro, engagement_pct=0.1, band=IG_MICRO)

    assert (rate.low, rate.high) == (70, 350)
    assert rate.adjustments == ["x0.70: engagement below the micro instagram band"]


@pytest.mark.parametrize(
    ("ask", "position", "diff", "text"),
    [
        (Money(amount=50), AskPosition.below, 50.0, "$50 is 50 % below the fair range $100-$500"),
        (Money(amount=300), AskPosition.within, 0.0, "$300 is within the fair range $100-$500"),
        (Money(amount=800), AskPosition.above, 60.0, "$800 is 60 % above the fair range $100-$500"),
        (
            Money(amount=650, currency="EUR"),
            AskPosition.above,
            43.0,
            "€650 (about $715) is 43 % above the fair range $100-$500",
        ),
    ],
)
def test_ask_comparison(ask: Money, position: AskPosition, diff: float, text: str) -> None:
    comparison = compare_ask(ask, fair_rate(Platform.instagram, Tier.micro))

    assert comparison is not None
    assert comparison.position == position
    assert comparison.difference_pct == diff
    assert comparison.text == text


def test_ask_in_an_unknown_currency_is_not_compared() -> None:
    report = vet(snapshot(followers=20_000), now=NOW, ask=Money(amount=5_000, currency="JPY"))

    assert report.ask is None
    assert report.ask_note == "Cannot compare the ask 5,000 JPY: no conversion from JPY to USD."


def test_any_ask_is_within_an_open_ended_range_above_its_floor() -> None:
    comparison = compare_ask(Money(amount=1_000_000), fair_rate(Platform.youtube, Tier.mega))

    assert comparison is not None and comparison.position == AskPosition.within


def test_vet_report_carries_rate_and_ask() -> None:
    snap = snapshot(followers=20_000, posts=[post(i, likes=300, comments=10) for i in range(12)])  # 1.55 %
    report = vet(snap, now=NOW, ask=parse_ask("ask:$800"), exclusivity=True)

    assert report.rate is not None
    assert report.rate.display() == "$130-$750"
    assert report.ask is not None
    assert report.ask.text == "$800 is 7 % above the fair range $130-$750"


def test_video_platforms_adjust_the_rate_by_engagement_per_view() -> None:
    posts = [post(i, likes=2_000, comments=30, views=20_000, kind="video") for i in range(10)]  # 10.2 % per view
    report = vet(snapshot(platform=Platform.tiktok, followers=40_000, posts=posts), now=NOW)

    assert report.rate is not None
    assert report.rate.engagement_factor == pytest.approx(1.3)  # 10.2 % is above the 3.55-7.1 % band
    assert report.rate.display() == "$32-$162"
