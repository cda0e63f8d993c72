"""Every signal on its own: the verdicts at its thresholds, and the edge cases (zero followers, no posts,
private account, hidden counts) that must give a clear `unknown`, never a crash."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.vetting.comments import is_generic_comment
from bot.vetting.report import vet
from bot.vetting.signal import Signal, Verdict
from bot.vetting.sponsored import looks_sponsored
from bot.vetting.tiers import Tier, tier_for
from bot.vocabulary import Platform
from tests.vetting.builders import FETCHED_AT, NOW, history, post, profile, rule_fake_scorer, snapshot


def signals_of(snap, **kwargs) -> dict[str, Signal]:
    return {s.key: s for s in vet(snap, now=kwargs.pop("now", NOW), **kwargs).signals}


# --- tier -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (0, Tier.emerging),
        (999, Tier.emerging),
        (1_000, Tier.nano),
        (9_999, Tier.nano),
        (10_000, Tier.micro),
        (99_999, Tier.micro),
        (100_000, Tier.mid),
        (500_000, Tier.macro),
        (1_000_000, Tier.mega),
    ],
)
def test_tier_boundaries(followers: int, tier: Tier) -> None:
    assert tier_for(followers) == tier


def test_hidden_follower_count_makes_tier_engagement_and_rate_unknown() -> None:
    report = vet(snapshot(followers=None), now=NOW)
    signals = {s.key: s for s in report.signals}

    assert signals["tier"].verdict == Verdict.unknown
    assert signals["engagement_rate"].evidence == "Follower count hidden or not available"
    assert report.rate is None
    assert report.rate_note == "No fair rate: the follower count is hidden, so the tier is unknown."


def test_emerging_creator_is_held_to_the_nano_band() -> None:
    signals = signals_of(snapshot(followers=800))

    assert signals["tier"].display == "emerging (800 followers)"
    assert "nano benchmarks apply" in signals["tier"].evidence
    assert signals["engagement_rate"].benchmark.startswith("instagram nano (1K-10K) per follower: 1.78-6.84 %")


# --- engagement rate --------------------------------------------------------------------------------------------


def test_zero_followers_gives_unknown_engagement_not_a_division_by_zero() -> None:
    signals = signals_of(snapshot(followers=0))

    assert signals["engagement_rate"].verdict == Verdict.unknown
    assert signals["engagement_rate"].evidence == "No followers yet, so there is no engagement rate"


def test_no_posts_gives_unknown_post_signals() -> None:
    signals = signals_of(snapshot(posts=[]))

    for key in (
        "engagement_rate",
        "comments_per_100_likes",
        "generic_comments",
        "sponsored_frequency",
        "sponsored_engagement",
    ):
        assert signals[key].verdict == Verdict.unknown, key
    assert signals["engagement_rate"].evidence == "No recent posts to measure"


def test_private_account_says_why_data_is_hidden() -> None:
    signals = signals_of(snapshot(is_private=True, posts=[]))

    assert signals["engagement_rate"].evidence == "Posts hidden: the account is private"
    assert signals["fake_followers"].evidence == "Follower sample hidden: the account is private"


def test_hidden_likes_on_every_post_gives_unknown() -> None:
    signals = signals_of(snapshot(posts=[post(i, likes=None) for i in range(10)]))

    assert signals["engagement_rate"].verdict == Verdict.unknown
    assert signals["engagement_rate"].evidence == "Likes or comments hidden or not available on every recent post"


def test_posts_with_hidden_counts_are_skipped_and_said_so() -> None:
    posts = [post(i, likes=150) for i in range(8)] + [post(8, likes=None), post(9, comments=None)]
    signals = signals_of(snapshot(posts=posts))

    assert signals["engagement_rate"].verdict == Verdict.ok
    assert "2 posts with hidden counts skipped" in signals["engagement_rate"].evidence


def test_negative_counts_are_treated_as_unknown() -> None:
    signals = signals_of(snapshot(followers=-5, posts=[post(i, likes=-1) for i in range(5)]))

    assert signals["tier"].verdict == Verdict.unknown
    assert signals["comments_per_100_likes"].verdict == Verdict.unknown


@pytest.mark.parametrize(
    ("likes", "verdict", "where"),
    [
        (200, Verdict.ok, "within the band"),  # (200 + 4) / 5,000 = 4.1 %
        (70, Verdict.warn, "below the band"),  # 1.5 %
        (30, Verdict.bad, "far below the band"),  # 0.7 %
        (1_200, Verdict.warn, "unusually high"),  # 24 %: more than 3x the top of the nano Instagram band
    ],
)
def test_instagram_engagement_against_the_nano_band(likes: int, verdict: Verdict, where: str) -> None:
    signals = signals_of(snapshot(posts=[post(i, likes=likes, comments=4) for i in range(12)]))

    assert signals["engagement_rate"].verdict == verdict
    assert where in signals["engagement_rate"].evidence


def test_high_per_follower_engagement_is_normal_on_tiktok() -> None:
    posts = [post(i, likes=1_200, comments=20, views=15_000, kind="video") for i in range(12)]
    signals = signals_of(snapshot(platform=Platform.tiktok, posts=posts))

    assert signals["engagement_rate"].verdict == Verdict.ok
    assert signals["engagement_per_view"].verdict == Verdict.ok
    assert signals["engagement_per_view"].display == "8.13 % median"


def test_engagement_per_view_only_for_video_platforms_and_needs_views() -> None:
    assert "engagement_per_view" not in signals_of(snapshot())

    no_views = [post(i, views=None) for i in range(6)] + [post(6, views=0)]
    signals = signals_of(snapshot(platform=Platform.youtube, posts=no_views))
    assert signals["engagement_per_view"].verdict == Verdict.unknown
    assert "Views, likes or comments hidden" in signals["engagement_per_view"].evidence


def test_low_engagement_per_view_on_youtube() -> None:
    posts = [post(i, likes=200, comments=10, views=30_000) for i in range(8)]  # 0.7 % of viewers
    signals = signals_of(snapshot(platform=Platform.youtube, followers=50_000, posts=posts))

    assert signals["engagement_per_view"].verdict == Verdict.bad
    assert signals["engagement_per_view"].innocent_cause


def test_engagement_per_view_without_follower_count_has_no_benchmark() -> None:
    posts = [post(i, likes=200, comments=10, views=3_000) for i in range(8)]
    signals = signals_of(snapshot(platform=Platform.tiktok, followers=None, posts=posts))

    assert signals["engagement_per_view"].verdict == Verdict.ok
    assert "no benchmark without the follower count" in signals["engagement_per_view"].evidence


# --- comments per 100 likes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comments", "verdict", "phrase"),
    [
        ([6, 3, 5, 2, 7, 4, 3, 6], Verdict.ok, "comments per 100 likes"),
        ([1, 0, 1, 1, 0, 1, 1, 1], Verdict.warn, "bought likes"),  # 0.6 per 100
        ([0, 0, 0, 1, 0, 0, 0, 0], Verdict.bad, "bought likes"),
        ([15, 11, 14, 13, 9, 16, 12, 10], Verdict.warn, "engagement pods"),
        ([40, 30, 35, 25, 45, 38, 33, 29], Verdict.bad, "engagement pods"),
    ],
)
def test_comment_density(comments: list[int], verdict: Verdict, phrase: str) -> None:
    signals = signals_of(snapshot(posts=[post(i, likes=100, comments=c) for i, c in enumerate(comments)]))

    assert signals["comments_per_100_likes"].verdict == verdict
    assert phrase in signals["comments_per_100_likes"].evidence


def test_comments_that_are_too_even_look_scheduled() -> None:
    signals = signals_of(snapshot(posts=[post(i, likes=100 + i * 30, comments=5) for i in range(8)]))

    assert signals["comments_per_100_likes"].verdict == Verdict.warn
    assert "about the same number of comments" in signals["comments_per_100_likes"].evidence


def test_zero_likes_gives_unknown_comment_density() -> None:
    signals = signals_of(snapshot(posts=[post(i, likes=0, comments=0) for i in range(5)]))

    assert signals["comments_per_100_likes"].verdict == Verdict.unknown


# --- comment quality --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "nice",
        "great pic 🔥",
        "😍😍",
        "love this",
        "Niceeee!!",
        "WOW",
        "@friend @other",
        "🔥🔥🔥",
        "so cool",
        "Love it ❤️",
        "follow back",
        "",
    ],
)
def test_generic_comments(text: str) -> None:
    assert is_generic_comment(text)


@pytest.mark.parametrize(
    "text",
    [
        "Did you use brown butter?",
        "What lens was this?",
        "Love the colours on the left one",
        "nice, but the crust looks burnt",
        "3 eggs or 4?",
        "@anna we should make this",
    ],
)
def test_specific_comments(text: str) -> None:
    assert not is_generic_comment(text)


def _posts_with_comments(texts_per_post: list[list[str]], users_per_post: list[list[str]] | None = None):
    users = users_per_post or [None] * len(texts_per_post)
    return [post(i, texts=texts, users=u) for i, (texts, u) in enumerate(zip(texts_per_post, users, strict=True))]


def test_generic_comment_share_verdicts() -> None:
    specific = "How long did it bake?"
    ok = _posts_with_comments([[specific, specific, specific, "nice"]] * 4)
    warn = _posts_with_comments([[specific, specific, "😍"]] * 4)
    bad = _posts_with_comments([[specific, "nice", "😍", "wow"]] * 4)

    assert signals_of(snapshot(posts=ok))["generic_comments"].verdict == Verdict.ok
    assert signals_of(snapshot(posts=warn))["generic_comments"].verdict == Verdict.warn
    flagged = signals_of(snapshot(posts=bad))["generic_comments"]
    assert flagged.verdict == Verdict.bad
    assert '"nice"' in flagged.evidence and flagged.innocent_cause


def test_too_few_sample_comments_gives_unknown() -> None:
    signals = signals_of(snapshot(posts=_posts_with_comments([["nice"], ["wow"], ["😍"]])))

    assert signals["generic_comments"].verdict == Verdict.unknown
    assert signals["generic_comments"].evidence.startswith("Only 3 sample comments available (need 10)")


def test_the_same_commenters_on_every_post() -> None:
    texts = ["Great form", "How many sets?", "Which gym?"]
    regulars = _posts_with_comments([texts] * 8, [["pod1", "pod2", f"fan{i}"] for i in range(8)])
    varied = _posts_with_comments([texts] * 8, [[f"a{i}", f"b{i}", f"c{i}"] for i in range(8)])

    flagged = signals_of(snapshot(posts=regulars))["repeat_commenters"]
    assert flagged.verdict == Verdict.bad  # 2 of 3 comments come from the two regulars
    assert flagged.evidence.startswith("2 accounts comment on at least half of 8 posts")
    assert signals_of(snapshot(posts=varied))["repeat_commenters"].verdict == Verdict.ok
    few = _posts_with_comments([texts] * 3, [["x", "y", "z"]] * 3)
    assert signals_of(snapshot(posts=few))["repeat_commenters"].verdict == Verdict.unknown


# --- follower growth --------------------------------------------------------------------------------------------


STEADY = [10, 12, 9, 11, 10, 13, 8, 10, 11, 12, 9, 10, 11, 10, 12, 9, 10, 11, 10, 12]


def growth(deltas: list[int], posts=None, end: int = 20_000) -> Signal:
    snap = snapshot(followers=end, follower_history=history(deltas, end), posts=posts)
    return signals_of(snap)["follower_growth"]


def test_too_little_history_gives_unknown() -> None:
    signal = growth([10, 10, 10, 10, 10])

    assert signal.verdict == Verdict.unknown
    assert signal.evidence == "Follower history not available: 6 daily counts, needs at least 7"


def test_steady_growth_is_ok() -> None:
    signal = growth(STEADY)

    assert signal.verdict == Verdict.ok
    assert signal.evidence == "No unexplained spikes; usual growth +10 a day over 20 days"


def test_flat_history_does_not_divide_by_zero() -> None:
    assert growth([0] * 20).verdict == Verdict.ok
    assert growth([50] * 20).verdict == Verdict.ok


def test_unexplained_spike_warns_and_round_spike_fails() -> None:
    odd = growth(STEADY[:10] + [3_217] + STEADY[11:])
    round_ = growth(STEADY[:10] + [5_010] + STEADY[11:])

    assert odd.verdict == Verdict.warn
    assert "a round number" not in odd.evidence
    assert odd.display.startswith("1 unexplained spike, biggest +3,217")  # one spike, not "1 … spike(s)"
    assert odd.evidence.startswith("1 spike with no viral post within")
    assert signal_for_one_explained_spike().display == "1 explained spike"
    assert round_.verdict == Verdict.bad
    assert "+5,010 on 2026-02-21 (+5,000 above the usual, a round number)" in round_.evidence
    assert "ask the creator what happened on 2026-02-21" in round_.innocent_cause


def signal_for_one_explained_spike() -> Signal:
    posts = [post(i, likes=300, days_ago=1 + 5 * i) for i in range(6)]
    viral = post(99, likes=4_000, days_ago=9.7)  # 2026-02-20 16:12, the evening before the spike on 02-21
    return growth(STEADY[:10] + [5_010] + STEADY[11:], posts=[*posts, viral])


def test_spike_is_explained_by_a_viral_post_within_two_days() -> None:
    posts = [post(i, likes=300, days_ago=1 + 5 * i) for i in range(6)]
    viral = post(99, likes=4_000, days_ago=9.7)  # 2026-02-20 16:12, the evening before the spike on 02-21
    signal = growth(STEADY[:10] + [5_010] + STEADY[11:], posts=[*posts, viral])

    assert signal.verdict == Verdict.ok
    assert "explained by a post on 2026-02-20 with 13x the median engagement" in signal.evidence


def test_a_viral_post_three_days_away_does_not_explain_a_spike() -> None:
    viral = post(99, likes=4_000, days_ago=12.2)  # 2026-02-18, three days before the spike
    posts = [post(i, likes=300, days_ago=1 + 5 * i) for i in range(6)] + [viral]
    signal = growth(STEADY[:10] + [5_010] + STEADY[11:], posts=posts)

    assert signal.verdict == Verdict.bad


def test_small_jumps_on_a_nano_account_are_not_spikes() -> None:
    assert growth([2, 3, 1, 2, 60, 2, 3, 2, 1, 2], end=3_000).verdict == Verdict.ok


def test_gaps_in_history_are_spread_over_the_days() -> None:
    points = history(STEADY, 20_000)
    del points[5:9]  # four days without a count
    snap = snapshot(followers=20_000, follower_history=points)

    assert signals_of(snap)["follower_growth"].verdict == Verdict.ok


# --- audience sample --------------------------------------------------------------------------------------------


def audience(sample, scorer=rule_fake_scorer, platform=Platform.instagram) -> dict[str, Signal]:
    return signals_of(snapshot(follower_sample=sample, platform=platform), fake_scorer=scorer)


def test_fake_share_and_reachability_verdicts() -> None:
    clean = audience([profile(fake=i < 10) for i in range(200)])  # 5 % fake, all fakes follow 4,000
    some = audience([profile(fake=i < 40) for i in range(200)])  # 20 %
    bought = audience([profile(fake=i < 100) for i in range(200)])  # 50 %

    assert clean["fake_followers"].verdict == Verdict.ok
    assert clean["fake_followers"].display == "5 % (95 % CI 3 %-9 %, n=200)"
    assert clean["reachability"].display == "95 % reachable"
    assert some["fake_followers"].verdict == Verdict.warn
    assert bought["fake_followers"].verdict == Verdict.bad
    assert bought["reachability"].verdict == Verdict.bad
    assert bought["fake_followers"].innocent_cause


def test_mass_followers_lower_reachability_even_when_real() -> None:
    signals = audience([profile(following=2_000 if i < 70 else 300) for i in range(200)])

    assert signals["reachability"].verdict == Verdict.warn  # 35 % follow more than 1,500
    assert signals["fake_followers"].verdict == Verdict.ok


def test_audience_unknowns() -> None:
    no_sample = audience(None)
    tiny = audience([profile() for _ in range(10)])
    no_scorer = audience([profile() for _ in range(50)], scorer=None)
    empty_score = audience([profile() for _ in range(50)], scorer=lambda profiles: (float("nan"), 0.0, 1.0, 0))
    youtube = audience(None, platform=Platform.youtube)

    assert no_sample["fake_followers"].evidence == "Follower sample hidden or not available"
    assert tiny["reachability"].evidence.startswith("Only 10 follower profiles sampled (need 30)")
    assert no_scorer["fake_followers"].evidence.startswith("No audience classifier configured")
    assert no_scorer["reachability"].verdict == Verdict.ok  # reachability needs no classifier
    assert empty_score["fake_followers"].verdict == Verdict.unknown
    assert youtube["fake_followers"].evidence == "No follower sample: YouTube does not list a channel's subscribers"


# --- sponsored posts --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Loving this #ad",
        "#Sponsored by Acme",
        "Paid partnership with Acme",
        "Use code NINA10 at checkout",
        "discount code in bio",
        "Get it here: amzn.to/abc",
        "Affiliate link below",
        "code SAVE for 20% off",
        "In partnership with Lumen",
    ],
)
def test_sponsored_captions(caption: str) -> None:
    assert looks_sponsored(post(0, caption=caption))


@pytest.mark.parametrize("caption", ["#adventure time", "Had a bad day", "Load more", "my favourite code editor", ""])
def test_organic_captions(caption: str) -> None:
    assert not looks_sponsored(post(0, caption=caption))


def test_sponsored_frequency_per_30_days() -> None:
    # 12 posts over 34 days, every third one an ad: 4 sponsored -> 3.5 per 30 days
    some = [post(i, caption="#ad" if i % 3 == 0 else "hi") for i in range(12)]
    many = [post(i, caption="#ad" if i % 2 == 0 else "hi") for i in range(12)]  # 6 -> 5.3 per 30 days
    all_ads = [post(i, caption="#ad") for i in range(12)]

    assert signals_of(snapshot(posts=some))["sponsored_frequency"].verdict == Verdict.ok
    warned = signals_of(snapshot(posts=many))["sponsored_frequency"]
    assert warned.verdict == Verdict.warn
    assert warned.display == "5.3 per 30 days"
    assert "promotes everything" in warned.evidence
    assert signals_of(snapshot(posts=all_ads))["sponsored_frequency"].verdict == Verdict.bad


def test_a_burst_of_posts_is_rated_over_at_least_two_weeks() -> None:
    burst = [post(i, caption="#ad", days_ago=0.1 * i + 0.1) for i in range(3)]  # 3 ads in one day

    assert signals_of(snapshot(posts=burst))["sponsored_frequency"].value == pytest.approx(6.43, abs=0.01)


def test_injected_sponsored_detector_replaces_the_local_one() -> None:
    posts = [post(i, caption="hi") for i in range(12)]
    signals = signals_of(snapshot(posts=posts), sponsored_detector=lambda p: True)

    assert signals["sponsored_frequency"].verdict == Verdict.bad


def test_sponsored_versus_organic_engagement() -> None:
    weak = [post(i, caption="#ad", likes=60) for i in range(3)] + [post(i + 3, likes=300) for i in range(6)]
    fine = [post(i, caption="#ad", likes=250) for i in range(3)] + [post(i + 3, likes=300) for i in range(6)]
    zero = [post(i, caption="#ad", likes=5) for i in range(3)] + [post(i + 3, likes=0, comments=0) for i in range(3)]

    flagged = signals_of(snapshot(posts=weak))["sponsored_engagement"]
    assert flagged.verdict == Verdict.warn
    assert flagged.display == "0.21x organic"
    assert signals_of(snapshot(posts=fine))["sponsored_engagement"].verdict == Verdict.ok
    assert signals_of(snapshot(posts=zero))["sponsored_engagement"].verdict == Verdict.unknown


# --- data age and times -----------------------------------------------------------------------------------------


def test_stale_data_is_flagged_and_future_fetch_times_are_age_zero() -> None:
    stale = vet(snapshot(), now=FETCHED_AT + timedelta(days=40))
    future = vet(snapshot(), now=FETCHED_AT - timedelta(hours=3))

    age = next(s for s in stale.signals if s.key == "data_age")
    assert age.verdict == Verdict.warn
    assert age.display == "40 days ago"
    assert "fetch again before you decide" in age.evidence
    assert future.data_age_days == 0


@pytest.mark.parametrize(("hours", "shown"), [(0.5, "less than an hour ago"), (1.2, "1 hour ago"), (5, "5 hours ago")])
def test_an_hour_old_fetch_is_one_hour_not_one_hours(hours: float, shown: str) -> None:
    report = vet(snapshot(), now=FETCHED_AT + timedelta(hours=hours))

    assert next(s for s in report.signals if s.key == "data_age").display == shown


def test_one_regular_commenter_is_one_account_that_comments() -> None:
    texts = ["Great form", "How many sets?", "Which gym?"]
    one = _posts_with_comments([texts] * 8, [["pod1", f"a{i}", f"b{i}"] for i in range(8)])

    evidence = signals_of(snapshot(posts=one))["repeat_commenters"].evidence

    assert evidence.startswith("1 account comments on at least half of 8 posts")


def test_naive_and_aware_times_mix_without_crashing() -> None:
    naive = [post(i).model_copy(update={"posted_at": datetime(2026, 2, 20 - i, 12)}) for i in range(5)]
    report = vet(snapshot(posts=naive), now=datetime(2026, 3, 3, 9))

    assert report.data_age_days == 1.0
