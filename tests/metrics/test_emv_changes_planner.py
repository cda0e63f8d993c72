"""EMV by one labelled method, the changes between two snapshots, and the budget planner's model."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from bot.metrics.changes import changes
from bot.metrics.contract import results_json
from bot.metrics.emv import ASPIRE, EmvMethod, campaign_emv, emv_json
from bot.metrics.errors import TermsError
from bot.metrics.inputs import DeliverableCounts
from bot.metrics.metric import Metric
from bot.metrics.planner import PastCreator, past_creators, plan, plan_json, under_half_probability
from bot.metrics.results import campaign_results
from bot.metrics.samples import usd
from bot.vetting.rates import PastFee
from bot.vetting.tiers import Tier
from bot.vocabulary import DeliverableKind, Money, Platform
from tests.metrics.builders import CAMPAIGN, CREATORS, OBSERVATIONS, ORDERS


def test_emv_by_aspires_unit_values_with_its_label() -> None:
    report = campaign_emv(campaign_results(CAMPAIGN, CREATORS, OBSERVATIONS, ORDERS))
    by_handle = {c.handle: c.value for c in report.creators}
    # ana, post 1 (latest): 3,000 impressions × 0.003 = 9; likes 150 × 0.15 = 22.5; comments 20 × 1 = 20;
    # saves 20 × 3 = 60; clicks 40 × 3 = 120 -> 231.5. Post 2: 700 × 0.003 = 2.1; 40 × 0.15 = 6; 10 × 1 = 10
    # -> 18.1. Ana: 249.6
    assert by_handle["ana"] == Metric.of(Decimal("249.600"))
    # ben: no impressions or reach, so views: 4,000 × 0.007 = 28; 300 × 0.15 = 45; 50 × 1 = 50; shares
    # have no value; 10 clicks × 3 = 30 -> 153
    assert by_handle["ben"] == Metric.of(Decimal("153.000"))
    assert by_handle["cy"] == Metric.missing("no posts with results yet")
    data = emv_json(report)
    assert data["value"] == "402.60"
    assert data["label"] == "EMV by Aspire's published unit values (an estimate of media value, not revenue)"
    assert data["method"] == "aspire"


def test_emv_is_not_converted_nor_mixed() -> None:
    euros = campaign_results(CAMPAIGN.model_copy(update={"currency": "EUR", "budget": None}), (), (), None)
    assert campaign_emv(euros).total == Metric.missing(
        "Aspire's published unit values are in USD and the campaign is in EUR; not converted"
    )
    results = campaign_results(CAMPAIGN, CREATORS, OBSERVATIONS, ORDERS)
    other = EmvMethod("other", "another index", "USD", "https://example.com", Decimal(1), Decimal(1), {})
    with pytest.raises(TermsError, match="cannot be added"):
        campaign_emv(results, ASPIRE).plus(campaign_emv(results, other))
    assert campaign_emv(results).plus(campaign_emv(results)) == Metric.of(Decimal("805.200"))


def test_changes_since_the_last_snapshot() -> None:
    before = campaign_results(CAMPAIGN, CREATORS, OBSERVATIONS[:1], ORDERS[:1], DeliverableCounts(planned=5, live=1))
    after = campaign_results(CAMPAIGN, CREATORS, OBSERVATIONS, ORDERS, DeliverableCounts(planned=5, live=3))
    found = changes(results_json(before), after)  # a stored snapshot against today's results
    assert found.new_posts_live == 2
    # views: post 1's first look (1,000) -> 6,500; conversions 1 (o1) -> 4; revenue 100 -> 200
    assert (found.deltas["views"].before, found.deltas["views"].change) == (1000, 5500)
    assert found.deltas["conversions"].change == 3
    assert found.deltas["revenue"].change == Decimal("100.00")
    assert found.deltas["spend"].change == Decimal("0")
    ben = next(c for c in found.creators if c.handle == "ben")
    # ben had no views before: unknown, so there is no "+4,000" to claim
    assert (ben.deltas["views"].before, ben.deltas["views"].after, ben.deltas["views"].change) == (None, 4000, None)
    assert not found.nothing_changed
    assert changes(after, after).nothing_changed


def test_a_first_digest_counts_every_live_post_as_new() -> None:
    after = campaign_results(CAMPAIGN, CREATORS, OBSERVATIONS, ORDERS)
    found = changes(None, after)
    assert found.new_posts_live == 3
    assert all(c.new for c in found.creators)


def test_one_micro_against_ten_nano_on_instagram() -> None:
    budget_plan = plan(usd("5000"), Platform.instagram)
    micro, nano = budget_plan.micro, budget_plan.nano
    assert (micro.label, nano.label) == ("1 micro creator at $5,000", "10 nano creators at $500")
    # typical followers: √(10,000 × 100,000) = 31,623 and √(1,000 × 10,000) = 3,162
    assert (micro.followers_each, nano.followers_each) == (31_623, 3_162)
    assert (micro.potential_reach, nano.potential_reach) == (31_623, 31_620)
    # micro band 0.54-3.07 %: median √(0.0054 × 0.0307), σ = ln(3.07 / 0.54) / (2 × 1.2816)
    sigma = math.log(3.07 / 0.54) / (2 * 1.2815516)
    expected = 31_623 * math.sqrt(0.0054 * 0.0307) * math.exp(sigma**2 / 2)
    assert micro.expected_engagements == round(expected)  # 512
    assert micro.expected_cpe == (Decimal(5000) / round(expected)).quantize(Decimal("0.0001"))
    # one creator: P(under half) = Φ((ln ½ + σ²/2) / σ) ≈ 0.247; ten nano creators almost never all fall short
    assert micro.p_under_half == pytest.approx(0.2472, abs=1e-3)
    assert nano.p_under_half < 0.001 < nano.p_one_under_half
    assert nano.expected_engagements > micro.expected_engagements
    # the fair rate of a creator in the middle of its tier: the middle of the sourced range, sqrt(100 x 500)
    assert micro.rate_check == "$5,000 is 22 times the fair point $225, above the band $155-$320 per post"
    assert nano.rate_check == "$500 is 16 times the fair point $32, above the band $19-$52 per post"
    assert plan_json(budget_plan)["options"][0]["p_under_half"] == round(micro.p_under_half, 4)
    assert not micro.below_fair_band and not nano.below_fair_band


def test_a_fee_below_the_tiers_fair_band_is_marked_as_likely_to_book_nobody() -> None:
    budget_plan = plan(usd(50), Platform.instagram)
    assert budget_plan.micro.below_fair_band and budget_plan.nano.below_fair_band
    assert [o["below_fair_band"] for o in plan_json(budget_plan)["options"]] == [True, True]  # type: ignore[index]


def test_the_sum_of_more_creators_is_less_likely_to_fall_short() -> None:
    # Fenton-Wilkinson for N = 1 is exact: P(LN(μ, σ²) < ½ e^(μ + σ²/2)) = Φ((ln ½ + σ²/2) / σ)
    # σ = 0.5: (−0.6931 + 0.125) / 0.5 = −1.1363, Φ(−1.1363) = 0.1279
    assert under_half_probability(0.5, 1) == pytest.approx(0.1279, abs=1e-4)
    assert [under_half_probability(0.8, n) < under_half_probability(0.8, n - 1) for n in (2, 5, 10)] == [True] * 3


def test_the_teams_own_results_replace_the_benchmark() -> None:
    history = [
        PastCreator(Platform.instagram, 20_000, 2, 800, Decimal(400)),  # 800 / 2 / 20,000 = 2 % per post
        PastCreator(Platform.instagram, 40_000, 1, 800, Decimal(600)),  # 2 %
        PastCreator(Platform.instagram, 30_000, 1, 600, Decimal(500)),  # 2 %
        PastCreator(Platform.tiktok, 30_000, 1, 30, Decimal(500)),  # another platform: not used
    ]
    micro = plan(usd("5000"), Platform.instagram, history).micro
    assert micro.basis == "your 3 past micro creators on instagram"
    assert micro.followers_each == 30_000  # their median
    # all at 2 %: the spread is the floor (0.05), so expected = 30,000 × 0.02 × e^(0.05²/2)
    assert micro.expected_engagements == round(30_000 * 0.02 * math.exp(0.05**2 / 2))
    # two past nano creators are too few: the benchmark stays
    assert plan(usd("5000"), Platform.instagram, history).nano.basis.startswith("published benchmarks")


def test_past_creators_come_from_results() -> None:
    results = campaign_results(CAMPAIGN, CREATORS, OBSERVATIONS, ORDERS)
    # ana only: ben's followers are unknown and cy has no posts
    assert past_creators(results) == [PastCreator(Platform.instagram, 10_000, 2, 250, Decimal(650))]


def test_other_currencies_are_planned_without_a_rate_check() -> None:
    option = plan(Money(amount=Decimal(5000), currency="JPY"), Platform.youtube).micro
    assert option.rate_check == "no conversion for JPY: not held against the fair rate"
    assert option.tier is Tier.micro


def test_the_fee_check_uses_the_teams_own_fees_like_the_vet_card() -> None:
    """Three micro Instagram posts paid $300 each, by creators in the middle of the tier: half and half with
    the market's $224, sqrt(223.6 x 300) = $259, shown as $260; the nano fee check has no comparable fee and stays."""
    paid = PastFee(
        platform=Platform.instagram,
        followers=31_623,
        fee=Money(amount=Decimal(300)),
        posts=1,
        kind=DeliverableKind.post,
        exclusivity=False,
        usage_rights=False,
    )
    budget_plan = plan(Money(amount=Decimal(5000)), Platform.instagram, past_fees=[paid] * 3)

    assert budget_plan.micro.rate_check.startswith("$5,000 is 19 times the fair point $260")
    assert budget_plan.nano.rate_check.startswith("$500 is 16 times the fair point $32,")
