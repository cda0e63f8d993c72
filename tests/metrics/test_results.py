"""Every number of the fixture campaign (tests/metrics/builders.py), worked out by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.metrics.contract import results_json
from bot.metrics.errors import TermsError
from bot.metrics.inputs import CreatorTerms, DeliverableCounts
from bot.metrics.metric import Metric
from bot.metrics.posts import latest_observations, merge_observations
from bot.metrics.results import CampaignResults, CreatorResult, CurrencyTotal, campaign_results
from bot.metrics.samples import usd
from bot.vocabulary import Money, Platform
from tests.metrics.builders import ANA, CAMPAIGN, CREATORS, CY, OBSERVATIONS, ORDERS


@pytest.fixture
def results() -> CampaignResults:
    return campaign_results(CAMPAIGN, CREATORS, OBSERVATIONS, ORDERS, DeliverableCounts(planned=5, live=3))


def by_handle(results: CampaignResults) -> dict[str, CreatorResult]:
    return {c.handle: c for c in results.creators}


def test_spend_is_fee_gift_and_extras_of_every_creator_with_results_or_not(results: CampaignResults) -> None:
    # ana 500 + 100 + 50 = 650; ben 300; cy (no results) 200 -> 1,150. Paid: ana's one payment of 250.
    assert results.figures.spend == Decimal("1150")
    assert results.figures.paid == Decimal("250")
    assert results.budget_left == Metric.of(Decimal("1850"))  # 3,000 - 1,150


def test_a_post_counts_its_latest_observation_not_the_sum(results: CampaignResults) -> None:
    ana = by_handle(results)["ana"]
    # post 1 latest: views 2,000 (not 1,000 + 2,000); post 2: 500 -> 2,500
    assert ana.figures.views == Metric.of(2500)
    # impressions 3,000 + 700; reach: post 1's 1,600 (post 2 has none); clicks: post 1's 40
    assert (ana.figures.impressions, ana.figures.reach, ana.figures.clicks) == (
        Metric.of(3700),
        Metric.of(1600),
        Metric.of(40),
    )
    # engagements: post 1 = 150 + 20 + 10 + 20 = 200; post 2 = 40 + 10 (shares, saves unknown) = 50 -> 250
    assert ana.figures.engagements == Metric.of(250)


def test_campaign_totals(results: CampaignResults) -> None:
    f = results.figures
    assert f.views == Metric.of(6500)  # 2,500 + ben's 4,000
    assert f.engagements == Metric.of(650)  # 250 + ben's 300 + 50 + 50
    assert f.impressions == Metric.of(3700)  # ben reports none: the total is what is known
    assert f.reach == Metric.of(1600)
    assert f.clicks == Metric.of(50)  # 40 + 10
    assert (f.conversions_code, f.conversions_link, f.conversions) == (Metric.of(2), Metric.of(2), Metric.of(4))
    assert f.revenue == Metric.of(Decimal("200.00"))  # ana 100 + 30, ben 50 + 20


def test_attribution_of_the_fixture_orders(results: CampaignResults) -> None:
    ana, ben, cy = (by_handle(results)[h] for h in ("ana", "ben", "cy"))
    # o1 ' ana10 ' and o3 (code and link: counted once, by code) -> 2 code conversions, 100 + 30
    assert (ana.figures.conversions_code, ana.figures.conversions_link) == (Metric.of(2), Metric.of(0))
    assert ana.figures.revenue == Metric.of(Decimal("130.00"))
    # o2 utm 'Ben' and o8 '@ben' one second before the window ends -> 2 link conversions, 50 + 20
    assert (ben.figures.conversions_code, ben.figures.conversions_link) == (Metric.of(0), Metric.of(2))
    assert ben.figures.revenue == Metric.of(Decimal("70.00"))
    assert cy.figures.conversions == Metric.of(0)
    assert cy.figures.revenue == Metric.of(Decimal("0"))
    # o4 after the window, o9 one second before it opens; o5 cancelled; o6 in EUR; o7 nobody's code
    assert results.outside_window == 2
    assert results.cancelled == 1
    assert results.other_currency == (CurrencyTotal("EUR", 1, Decimal("40.00")),)
    assert ana.other_currency == (CurrencyTotal("EUR", 1, Decimal("40.00")),)
    assert (results.unattributed.orders, results.unattributed.revenue) == (1, Decimal("70.00"))


def test_campaign_rates(results: CampaignResults) -> None:
    r = results.rates
    spend = Decimal(1150)
    assert r.cpe == Metric.of(spend / 650)
    assert r.cpm == Metric.of(1000 * spend / 3700)
    assert r.cpv == Metric.of(spend / 6500)
    assert r.cpc == Metric.of(spend / 50)  # 23
    assert r.cpa == Metric.of(Decimal("287.5"))  # 1,150 / 4
    assert r.roas == Metric.of(Decimal(200) / spend)
    assert r.roi == Metric.of((Decimal(200) - spend) / spend)  # (200 - 1,150) / 1,150
    # per view and per reach only over posts that report both: (200 + 50 + 400) / (2,000 + 500 + 4,000) = 0.1;
    # reach: post 1 only, 200 / 1,600 = 0.125
    assert r.er_views == Metric.of(Decimal("0.1"))
    assert r.er_reach == Metric.of(Decimal("0.125"))
    # ben has engagements but no known followers: no campaign er_followers rather than a diluted one
    assert r.er_followers == Metric.missing("followers unknown for @ben: vet them to get it")


def test_creator_rates_use_that_creators_spend(results: CampaignResults) -> None:
    ana, ben, cy = (by_handle(results)[h] for h in ("ana", "ben", "cy"))
    assert ana.rates.cpe == Metric.of(Decimal("2.6"))  # 650 / 250
    assert ana.rates.er_followers == Metric.of(Decimal("0.025"))  # 250 / 10,000
    assert ana.rates.cpa == Metric.of(Decimal("325"))  # 650 / 2
    assert ana.rates.roas == Metric.of(Decimal(130) / 650)  # 0.2
    assert ben.rates.cpe == Metric.of(Decimal("0.75"))  # 300 / 400
    assert ben.rates.cpm == Metric.missing("no impressions reported yet")
    assert ben.rates.er_reach == Metric.missing("no post reports both engagements and reach yet")
    assert cy.rates.cpe == Metric.missing("no engagements reported yet")
    assert cy.rates.cpa == Metric.missing("no conversions yet")  # 0 conversions: no cost per one
    assert cy.rates.roi == Metric.of(Decimal(-1))  # (0 - 200) / 200


def test_creators_are_ordered_best_first(results: CampaignResults) -> None:
    # ben's cpe 0.75 beats ana's 2.6; cy has no cpe yet and comes last
    assert [c.handle for c in results.creators] == ["ben", "ana", "cy"]


def test_json_contract(results: CampaignResults) -> None:
    data = results_json(results)
    assert data["currency"] == "USD"
    assert (data["budget"], data["spend"], data["paid"], data["budget_left"]) == (
        "3000.00",
        "1150.00",
        "250.00",
        "1850.00",
    )
    assert (data["posts_live"], data["posts_planned"]) == (3, 5)
    assert (data["views"], data["engagements"], data["clicks"], data["conversions"]) == (6500, 650, 50, 4)
    assert data["revenue"] == "200.00"
    assert data["cpe"] == "1.7692"  # 1,150 / 650 = 1.769230…
    assert data["cpm"] == "310.8108"  # 1,150,000 / 3,700 = 310.810810…
    assert data["cpv"] == "0.1769"  # 1,150 / 6,500 = 0.176923…
    assert data["cpa"] == "287.5000"
    assert data["roas"] == "0.1739"  # 200 / 1,150 = 0.173913…
    assert data["roi"] == "-0.8261"  # -950 / 1,150 = -0.826086…
    assert data["er_followers"] is None
    assert data["why_null"]["er_followers"] == "followers unknown for @ben: vet them to get it"
    assert data["orders"]["window_start"] == "2026-03-01T05:00:00Z"
    assert data["orders"]["window_end"] == "2026-03-18T04:00:00Z"
    assert data["orders"]["other_currency"] == [{"currency": "EUR", "orders": 1, "revenue": "40.00"}]
    assert [c["handle"] for c in data["creators"]] == ["ben", "ana", "cy"]
    cy = data["creators"][2]
    assert (cy["spend"], cy["views"], cy["cpe"], cy["roas"]) == ("200.00", None, None, "0.0000")
    assert cy["why_null"]["views"] == "no views reported yet"


def test_without_orders_conversions_and_revenue_are_unknown_not_zero() -> None:
    results = campaign_results(CAMPAIGN, CREATORS, OBSERVATIONS, None)
    assert results.figures.conversions == Metric.missing("no orders imported yet")
    assert results.figures.revenue == Metric.missing("no orders imported yet")
    assert results.rates.roas == Metric.missing("no orders imported yet")
    data = results_json(results)
    assert (data["conversions"], data["revenue"], data["roi"]) == (None, None, None)
    assert data["posts_live"] == 3  # without deliverable counts: the posts with results
    assert data["posts_planned"] is None


def test_a_campaign_with_no_results_has_reasons_not_zeros() -> None:
    results = campaign_results(CAMPAIGN, (CY,), (), ())
    assert results.figures.views == Metric.missing("no views reported yet")
    assert results.rates.cpm == Metric.missing("no impressions reported yet")
    assert results.rates.cpe == Metric.missing("no engagements reported yet")


def test_zero_spend_gives_no_roas_rather_than_infinity() -> None:
    gifted = CreatorTerms(creator_id="g", handle="gift", platform=Platform.instagram, fee=usd("0"))
    results = campaign_results(CAMPAIGN, (gifted,), (), ())
    assert results.rates.roas == Metric.missing("spend is 0")
    assert results.rates.roi == Metric.missing("spend is 0")


def test_two_creators_with_one_code_are_refused() -> None:
    twin = ANA.model_copy(update={"creator_id": "c-twin", "handle": "twin", "discount_code": "ana10"})
    with pytest.raises(TermsError, match="@ana and @twin have the same discount code 'ana10'"):
        campaign_results(CAMPAIGN, (ANA, twin), (), ORDERS)


def test_a_cost_in_another_currency_is_refused_not_added() -> None:
    euro = ANA.model_copy(update={"gift_value": Money(amount=Decimal(100), currency="EUR")})
    with pytest.raises(TermsError, match="@ana's cost is in EUR but the campaign is in USD"):
        campaign_results(CAMPAIGN, (euro,), (), ())


def test_posts_of_someone_not_on_the_campaign_are_reported_apart() -> None:
    results = campaign_results(CAMPAIGN, (CY,), OBSERVATIONS, ())
    assert results.unmatched_posts == (
        "https://instagram.com/p/1",
        "https://instagram.com/p/2",
        "https://tiktok.com/@ben/video/3",
    )
    assert results.figures.views == Metric.missing("no views reported yet")


def test_importing_an_observation_again_replaces_it() -> None:
    first = OBSERVATIONS[1]
    corrected = first.model_copy(update={"likes": 151})
    merged = merge_observations(OBSERVATIONS, [corrected])
    assert len(merged) == len(OBSERVATIONS)
    results = campaign_results(CAMPAIGN, CREATORS, merged, ORDERS)
    # ana's engagements 250 -> 251: the corrected likes replace the old ones instead of adding 151 more
    assert next(c for c in results.creators if c.handle == "ana").figures.engagements == Metric.of(251)


def test_each_count_is_the_latest_reading_that_measured_it() -> None:
    """The creator's insights (reach, saves) then an API refresh that reads only likes: neither wipes the other;
    a count both measured is the later one's."""
    creator = OBSERVATIONS[1].model_copy(
        update={"views": None, "likes": 250, "comments": None, "shares": None, "saves": 40, "reach": 5000}
    )
    later = creator.observed_at.replace(day=creator.observed_at.day + 1)
    api = creator.model_copy(update={"observed_at": later, "likes": 300, "saves": None, "reach": None})
    [post] = latest_observations([api, creator]).values()
    assert (post.likes, post.saves, post.reach, post.observed_at) == (300, 40, 5000, later)
    assert latest_observations([creator, api]) == latest_observations([api, creator])
