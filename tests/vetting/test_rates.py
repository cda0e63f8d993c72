"""The fair rate: a point and its band per platform, tier and kind, each factor's effect, the team's own fees, and
where an ask sits. Expected figures are worked from the sourced ranges by hand (see bot.vetting.rates)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from bot.vetting.benchmarks import follower_band
from bot.vetting.rates import (
    AskPosition,
    ComparableFee,
    PastFee,
    RateRange,
    comparable_fees,
    compare_ask,
    engagement_factor,
    fair_rate,
    parse_ask,
)
from bot.vetting.report import Deal, vet
from bot.vetting.tiers import Tier
from bot.vocabulary import DeliverableKind, Money, Platform
from tests.vetting.builders import NOW, post, snapshot

IG_MICRO = follower_band(Platform.instagram, Tier.micro)  # 0.54-3.07 %
K = DeliverableKind
# A range read as the 10th-90th percentile: sigma = ln(high/low) / 2.563; the band is point x exp(+-0.6745 sigma).
MICRO_SIGMA = math.log(5) / (2 * 1.2816)


@pytest.mark.parametrize(
    ("platform", "tier", "options", "point", "band"),
    [
        # sqrt(100 * 500) = 223.6 -> $225; x exp(+-0.6745 * 0.628) = 146-342
        (Platform.instagram, Tier.micro, {}, 225, (145, 340)),
        (Platform.tiktok, Tier.micro, {}, 56, (37, 85)),  # sqrt(25 * 125) = 55.9
        (Platform.youtube, Tier.mid, {}, 3_160, (1_730, 5_800)),  # sqrt(1,000 * 10,000) = 3,162
        # open-ended mega: $10,000 to 4.95x (Tagger's $49.5k mega photo); sqrt(10,000 * 49,500) = 22,249
        (Platform.instagram, Tier.mega, {}, 22_250, (14_610, 33_890)),
        # at the bottom of micro (z = -sqrt 3): x exp(0.56 * 0.628 * -1.732) = x0.544; the spread left is
        # sqrt(1 - 0.56^2) = 0.83 of the tier's
        (Platform.instagram, Tier.micro, {"followers": 10_000}, 120, (86, 175)),
        (Platform.instagram, Tier.micro, {"followers": 100_000}, 410, (290, 585)),  # the top: x1.839
        (Platform.instagram, Tier.emerging, {"followers": 500}, 13, (8, 22)),  # the bottom of nano: 31.6 x 0.42
        (Platform.instagram, Tier.micro, {"kind": K.reel}, 325, (210, 495)),  # video +40-50 %: x sqrt(1.4 * 1.5)
        (Platform.instagram, Tier.micro, {"kind": K.story}, 98, (64, 150)),  # Tagger's micro Story $99 / $224
        (Platform.youtube, Tier.micro, {"kind": K.short}, 56, (37, 85)),  # a Short as a TikTok video of the tier
        # exclusivity x sqrt(1.2 * 1.5) = 1.342, usage x sqrt(1.5 * 3) = 2.121: 223.6 x 2.846 = 636
        (Platform.instagram, Tier.micro, {"exclusivity": True, "usage_rights": True}, 635, (400, 1_010)),
        # engagement far below the band: the x0.7 floor
        (Platform.instagram, Tier.micro, {"engagement_pct": 0.1, "band": IG_MICRO}, 155, (100, 240)),
    ],
)
def test_point_and_band(
    platform: Platform, tier: Tier, options: dict[str, object], point: float, band: tuple[float, float]
) -> None:
    rate = fair_rate(platform, tier, **options)  # type: ignore[arg-type]

    assert rate.point == point
    assert (rate.low, rate.high) == band
    assert rate.low < rate.point < rate.high  # type: ignore[operator]


def test_the_band_is_the_middle_half_not_the_whole_range() -> None:
    rate = fair_rate(Platform.instagram, Tier.micro)

    assert rate.sigma == pytest.approx(MICRO_SIGMA, abs=1e-4)
    assert rate.width_pct() == pytest.approx((340 - 145) / 225 * 100)  # 87 %: the old $100-$500 was 133 % of $300
    assert rate.basis() == (
        "base $224: the middle of $100-$500 per post, the Influencer Marketing Hub rule of thumb, USD, as "
        "reproduced 2021-2023, read as the 10th-90th percentile of fees"
    )


@pytest.mark.parametrize(
    ("platform", "kind", "says"),
    [
        (Platform.instagram, K.reel, "base $224: the middle of $100-$500 per post, "),
        (Platform.tiktok, K.video, "base $56: the middle of $25-$125 per video, "),
        (Platform.youtube, K.short, "base $447: the middle of $200-$1,000 per video, "),
    ],
)
def test_the_basis_names_what_the_sourced_range_prices(platform: Platform, kind: DeliverableKind, says: str) -> None:
    basis = fair_rate(platform, Tier.micro, kind=kind).basis()

    assert basis is not None and basis.startswith(says)


@pytest.mark.parametrize(
    ("tier", "followers", "says"),
    [
        (Tier.emerging, 500, "500, under the nano tier's 1,000: priced as its bottom"),
        (Tier.nano, 1_200, "1,200, the lower part of the nano tier"),
        (Tier.mega, 25_000_000, "25,000,000, over 10,000,000: priced as the top of the mega tier"),
    ],
)
def test_followers_outside_the_tiers_bounds_say_so(tier: Tier, followers: int, says: str) -> None:
    rate = fair_rate(Platform.instagram, tier, followers=followers)

    assert rate.adjustments[0].startswith(f"followers {round((rate.factors[0].multiplier - 1) * 100):+d} %: {says}")


def test_the_issue_example_is_narrower_and_says_where_the_ask_sits() -> None:
    """`ask:$800 exclusive usage` was "$195-$2,250" (168 % of its middle)."""
    rate = fair_rate(Platform.instagram, Tier.micro, followers=25_000, exclusivity=True, usage_rights=True)

    # 25,000 followers: z = (log10 2.5 - 0.5) sqrt 12 = -0.354, x0.883; 223.6 x 0.883 x 1.342 x 2.121 = 562
    assert rate.display() == "$560 per post (band $375-$840)"
    assert rate.width_pct() is not None and rate.width_pct() < 100  # type: ignore[operator]
    comparison = compare_ask(Money(amount=800), rate)
    assert comparison is not None
    assert comparison.text == "$800 is 43 % above the fair point $560, inside the band $375-$840"
    assert comparison.position == AskPosition.within
    assert comparison.difference_pct == pytest.approx(42.9)


def test_each_factor_says_what_it_did_and_why() -> None:
    rate = fair_rate(
        Platform.instagram,
        Tier.micro,
        followers=52_310,
        engagement_pct=0.4,
        band=IG_MICRO,
        kind=K.reel,
        niche="finance",
        exclusivity=True,
        usage_rights=True,
    )

    assert rate.adjustments == [
        "followers +31 %: 52,310, the upper part of the micro tier (Lumanu: followers correlate 0.56 with pay)",
        "engagement -26 %: 0.40 % per follower is below the 0.54-3.07 % benchmark; a fee follows impressions",
        "niche finance +50 %: sponsorrate's niche multiplier, one estimator, not payment data",
        "reel +45 %: video posts cost 40-50 % more than photos (HypeAuditor)",
        "exclusivity +34 %: +20-50 % (stackmatix 2026), middle taken",
        "usage rights +112 %: +50-200 % (stackmatix 2026), middle taken",
    ]
    assert rate.point == pytest.approx(_round(223.6 * math.prod(f.multiplier for f in rate.factors)))


def _round(amount: float) -> float:
    step = 1 if amount < 100 else 5 if amount < 1_000 else 10
    return float(round(amount / step) * step)


@pytest.mark.parametrize(
    ("fees", "count", "median", "point"),
    [
        ((), None, None, 225),
        ((300.0,), 1, 300, 240),  # weight 1 / (1 + 3): exp(ln 223.6 + 0.25 ln(300 / 223.6)) = 240
        ((300.0, 300.0, 300.0), 3, 300, 260),  # half and half: sqrt(223.6 * 300) = 259
        ((300.0,) * 30, 30, 300, 290),  # 30 fees: 10/11 of the way to $300
        ((100.0, 150.0, 2_000.0), 3, 150, 185),  # the median, not the mean: one big deal does not drag it
    ],
)
def test_the_teams_own_fees_pull_the_point_toward_their_median(
    fees: tuple[float, ...], count: int | None, median: float | None, point: float
) -> None:
    rate = fair_rate(Platform.instagram, Tier.micro, team_fees=[ComparableFee(paid=f, typical=f) for f in fees])

    assert rate.point == point
    if count is None:
        assert rate.team is None
    else:
        assert rate.team is not None and (rate.team.count, rate.team.median) == (count, median)
        assert rate.adjustments[-1].startswith("your team's fees ")
        noun = "post" if count == 1 else "posts"
        assert rate.adjustments[-1].endswith(
            f": {count} comparable micro instagram {noun}, {'agreed fee' if count == 1 else 'median agreed fee'}"
            f" ${median:,.0f} per post;"
            f" for the middle of the tier without premiums ${median:,.0f} against the market's $224"
        )


@pytest.mark.parametrize(
    ("fees", "sigma"),
    [
        ((300.0,), MICRO_SIGMA),  # one fee has no spread of its own
        ((300.0,) * 4, MICRO_SIGMA * math.sqrt(3 / 6)),  # a team that always pays the same: 3 df of 0.628, 3 of 0
        ((100.0, 900.0), math.sqrt((3 * MICRO_SIGMA**2 + 2 * math.log(9) ** 2 / 4) / 4)),  # variance of the logs
    ],
)
def test_the_teams_own_spread_is_pooled_with_the_markets(fees: tuple[float, ...], sigma: float) -> None:
    rate = fair_rate(Platform.instagram, Tier.micro, team_fees=[ComparableFee(paid=f, typical=f) for f in fees])

    assert rate.sigma == pytest.approx(sigma, abs=1e-4)


def _fee(**changes: object) -> PastFee:
    base: dict[str, object] = {
        "platform": Platform.instagram,
        "followers": 31_623,  # the middle of the micro tier: its place takes nothing out
        "fee": Money(amount=Decimal(600)),
        "posts": 2,
        "kind": K.reel,
        "exclusivity": False,
        "usage_rights": False,
    }
    return PastFee(**(base | changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fee", "expected"),
    [
        (_fee(), [300.0]),  # $600 for two reels
        (_fee(fee=Money(amount=Decimal(600), currency="EUR")), [330.0]),  # at about $1.10 a euro
        (_fee(usage_rights=True), [300 / math.sqrt(1.5 * 3)]),  # the usage premium taken out
        (_fee(exclusivity=True), [300 / math.sqrt(1.2 * 1.5)]),
        # near the top of the tier: its place, exp(0.56 sigma z) = x1.83, taken out
        (_fee(followers=99_000), [300 / math.exp(0.56 * MICRO_SIGMA * (math.log10(9.9) - 0.5) * math.sqrt(12))]),
        (_fee(kind=K.post), []),  # another kind
        (_fee(platform=Platform.tiktok), []),  # another platform
        (_fee(followers=5_000), []),  # another tier
        (_fee(fee=Money(amount=Decimal(600), currency="JPY")), []),  # no conversion
        (_fee(posts=0), []),
    ],
)
def test_comparable_fees(fee: PastFee, expected: list[float]) -> None:
    found = comparable_fees([fee], Platform.instagram, Tier.micro, K.reel)
    assert [f.typical for f in found] == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    ("engagement", "factor"),
    [(None, 1.0), (1.5, 1.0), (0.54, 1.0), (0.45, 0.45 / 0.54), (0.1, 0.7), (3.5, 3.5 / 3.07), (9.0, 1.3)],
)
def test_engagement_moves_the_point_within_the_clamp(engagement: float | None, factor: float) -> None:
    assert engagement_factor(engagement, IG_MICRO) == pytest.approx(factor)


@pytest.mark.parametrize(
    ("ask", "position", "diff", "text"),
    [
        (Money(amount=50), AskPosition.below, -77.8, "$50 is 78 % below the fair point $225, below the band $145-$340"),
        (Money(amount=225), AskPosition.within, 0.0, "$225 is at the fair point $225, inside the band $145-$340"),
        (
            Money(amount=300),
            AskPosition.within,
            33.3,
            "$300 is 33 % above the fair point $225, inside the band $145-$340",
        ),
        (
            Money(amount=800),
            AskPosition.above,
            255.6,
            "$800 is 256 % above the fair point $225, above the band $145-$340",
        ),
        (
            Money(amount=650, currency="EUR"),
            AskPosition.above,
            217.8,
            "€650 (about $715) is 218 % above the fair point $225, above the band $145-$340",
        ),
    ],
)
def test_ask_comparison(ask: Money, position: AskPosition, diff: float, text: str) -> None:
    comparison = compare_ask(ask, fair_rate(Platform.instagram, Tier.micro))

    assert comparison is not None
    assert comparison.position == position
    assert comparison.difference_pct == diff
    assert comparison.text == text


def test_a_run_stored_before_the_point_still_reads() -> None:
    old = RateRange.model_validate(
        {
            "low": 195,
            "high": 2250,
            "currency": "USD",
            "base_low": 100,
            "base_high": 500,
            "engagement_factor": 1.0,
            "adjustments": ["+30%-50% for exclusivity", "+50%-200% for paid usage rights"],
            "source": "Influencer Marketing Hub rule of thumb per post, USD (as reproduced 2021-2023)",
        }
    )

    assert old.display() == "$195-$2,250"
    assert old.basis() is None
    comparison = compare_ask(Money(amount=800), old)
    assert comparison is not None and comparison.text.startswith("$800 is 35 % below the fair point $1,222")


def test_ask_in_an_unknown_currency_is_not_compared() -> None:
    report = vet(snapshot(followers=20_000), now=NOW, deal=Deal(ask=Money(amount=5_000, currency="JPY")))

    assert report.ask is None
    assert report.ask_note == "Cannot compare the ask 5,000 JPY: no conversion from JPY to USD."


@pytest.mark.parametrize("text", ["$800", "800", "€650", "1.2k", "650 EUR", "ask:$1,200"])
def test_parse_ask_reads_prices(text: str) -> None:
    assert parse_ask(text).amount > 0


@pytest.mark.parametrize("text", ["$", "eight hundred", "$0", "$800 EUR", "1" * 50, "$" + " " * 10_000 + "x"])
def test_parse_ask_refuses_what_is_not_a_price_briefly(text: str) -> None:
    with pytest.raises(ValueError, match="price") as error:
        parse_ask(text)
    assert len(str(error.value)) < 200


def test_vet_report_carries_rate_and_ask() -> None:
    snap = snapshot(followers=20_000, posts=[post(i, likes=300, comments=10) for i in range(12)])  # 1.55 %
    report = vet(snap, now=NOW, deal=Deal(ask=parse_ask("ask:$800"), kind=K.reel, exclusivity=True))

    assert report.rate is not None
    assert report.rate.kind == "reel"
    assert report.rate.display() == "$340 per reel (band $240-$485)"
    assert report.ask is not None
    assert report.ask.text == "$800 is 135 % above the fair point $340, above the band $240-$485"


@pytest.mark.parametrize(
    ("handles", "says"),
    [
        (("a", "b"), None),
        (("someone", "b"), "; one of them this creator's"),
        (("Someone", "someone"), "; 2 of them this creator's"),
        (("someone",), "; the one fee is this creator's"),
    ],
)
def test_the_card_says_when_a_past_fee_is_the_creators_own(handles: tuple[str, ...], says: str | None) -> None:
    snap = snapshot(followers=20_000)  # handle "someone"
    past = [_fee(kind=K.post, handle=handle) for handle in handles]

    report = vet(snap, now=NOW, past_fees=past)

    assert report.rate is not None
    team = report.rate.adjustments[-1]
    assert team.startswith("your team's fees ")
    assert team.endswith(says) if says else "this creator's" not in team


@pytest.mark.parametrize(
    ("handles", "says"),
    [
        (("a",), "1 comparable micro instagram post, agreed fee $"),
        (("a", "b"), "2 comparable micro instagram posts, median agreed fee $"),
    ],
)
def test_one_past_fee_is_what_was_agreed_not_a_median(handles: tuple[str, ...], says: str) -> None:
    report = vet(snapshot(followers=20_000), now=NOW, past_fees=[_fee(kind=K.post, handle=h) for h in handles])

    assert report.rate is not None
    assert says in report.rate.adjustments[-1]


def test_vet_blends_the_comparable_past_fees() -> None:
    snap = snapshot(followers=20_000, posts=[post(i, likes=300, comments=10) for i in range(12)])
    past = [_fee(kind=K.post, fee=Money(amount=Decimal(900)), posts=1)] * 3 + [_fee()]

    report = vet(snap, now=NOW, deal=Deal(kind=K.post), past_fees=past)

    assert report.rate is not None and report.rate.team is not None
    assert (report.rate.team.count, report.rate.team.median) == (3, 900)  # the reel fee is not comparable


def test_video_platforms_adjust_the_rate_by_engagement_per_view() -> None:
    posts = [post(i, likes=2_000, comments=30, views=20_000, kind="video") for i in range(10)]  # 10.2 % per view
    report = vet(snapshot(platform=Platform.tiktok, followers=40_000, posts=posts), now=NOW)

    assert report.rate is not None
    assert report.rate.engagement_factor == pytest.approx(1.3)  # 10.2 % is above the 3.55-7.1 % band
    assert "engagement +30 %: 10.15 % per view is above the 3.55-7.1 % benchmark" in report.rate.adjustments[1]


@pytest.mark.parametrize(
    ("niche", "change", "says"),
    [
        ("finance", "+50 %", "sponsorrate's niche multiplier, one estimator, not payment data"),
        ("Tech", "+30 %", "sponsorrate's niche multiplier for technology, one estimator, not payment data"),
        ("skincare", "+10 %", "sponsorrate's niche multiplier for beauty, one estimator, not payment data"),
        ("pets", "-20 %", "sponsorrate's niche multiplier, one estimator, not payment data"),
        ("fitness", "no change", "sponsorrate's niche multiplier, one estimator, not payment data"),
        ("knitting", "no change", "no sourced figure for it (there is one for finance, tech, beauty, fashion, gaming"),
    ],
)
def test_a_niche_moves_the_point_by_its_sourced_multiplier_and_widens_the_band(
    niche: str, change: str, says: str
) -> None:
    plain = fair_rate(Platform.instagram, Tier.micro, followers=25_000)
    rate = fair_rate(Platform.instagram, Tier.micro, followers=25_000, niche=niche)

    [line] = [line for line in rate.adjustments if line.startswith("niche")]
    assert line.startswith(f"niche {niche} {change}: {says}")
    factor = rate.factors[1].multiplier
    assert rate.point == _round(plain.factors[0].multiplier * 223.6 * factor)
    if factor != 1.0:  # one estimator's figure: uncertain by half its size, so the band is relatively wider
        assert rate.sigma > plain.sigma
    else:
        assert (rate.sigma, rate.low, rate.high) == (plain.sigma, plain.low, plain.high)


def test_an_ask_ten_times_the_point_or_more_is_said_as_a_multiple() -> None:
    rate = fair_rate(Platform.instagram, Tier.micro, followers=25_000)
    comparison = compare_ask(Money(amount=800_000), rate)

    assert comparison is not None
    assert comparison.text == "$800,000 is 4,103 times the fair point $195, above the band $140-$280"
    assert comparison.position == AskPosition.above
