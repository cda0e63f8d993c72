"""The /vet ad-disclosure signal: how many sponsored-looking posts say clearly that they are ads, under the team's
rules, with the worst caption quoted as evidence."""

from __future__ import annotations

import pytest

from bot.vetting.disclosure_signal import quote
from bot.vetting.report import vet
from bot.vetting.signal import Signal, Verdict
from bot.vocabulary import Platform
from tests.vetting.builders import NOW, post, snapshot


def disclosure(posts, *, jurisdiction: str = "US", platform: Platform = Platform.instagram, **kwargs) -> Signal:
    report = vet(snapshot(posts=posts, platform=platform), now=NOW, jurisdiction=jurisdiction, **kwargs)
    return next(s for s in report.signals if s.key == "disclosure")


def organic(n: int, start: int = 0) -> list:
    return [post(start + i, caption=f"Morning walk number {i}") for i in range(n)]


def test_every_ad_clearly_disclosed_is_ok() -> None:
    ads = [post(i, caption=f"#ad My new serum from Acme, day {i}") for i in range(3)]

    signal = disclosure(ads + organic(6, start=3))

    assert signal.verdict == Verdict.ok
    assert signal.display == "3 of 3 sponsored-looking posts clearly disclosed (100 %)"
    assert signal.evidence.startswith("3 of 3 sponsored-looking posts carry a clear disclosure in the caption (US")
    assert "Worst" not in signal.evidence


def test_no_ads_is_ok_and_says_there_was_nothing_to_disclose() -> None:
    signal = disclosure(organic(9))

    assert signal.verdict == Verdict.ok
    assert signal.evidence == "No sponsored-looking posts among the 9 recent posts, so nothing to disclose"


def test_no_posts_is_unknown() -> None:
    assert disclosure([]).verdict == Verdict.unknown


def test_a_missing_disclosure_is_quoted_before_a_weak_one() -> None:
    posts = [
        post(0, caption="#sp Loving the Acme serum"),  # weak, and the newest
        post(1, caption="Use code ANNA10 for 20% off at Acme"),  # no disclosure at all
        post(2, caption="#ad Acme serum, week two"),
        post(3, caption="#ad Acme serum, week one"),
    ]

    signal = disclosure(posts)

    assert signal.verdict == Verdict.warn  # 2 of 4 clear: 50 %
    assert signal.display == "2 of 4 sponsored-looking posts clearly disclosed (50 %)"
    assert "Worst, no disclosure on 2026-02-26: “Use code ANNA10 for 20% off at Acme”" in signal.evidence
    assert signal.innocent_cause and "paid-partnership label" in signal.innocent_cause


def test_mostly_undisclosed_ads_fail_and_cost_points() -> None:
    hidden = [post(i, caption=f"Use code ANNA{i} for 20% off at Acme") for i in range(4)]
    clear = [post(4, caption="#ad Acme serum")]
    honest = [post(i, caption=f"#ad Use code ANNA{i} for 20% off at Acme") for i in range(4)] + clear

    failing = vet(snapshot(posts=hidden + clear), now=NOW)
    passing = vet(snapshot(posts=honest), now=NOW)

    signal = next(s for s in failing.signals if s.key == "disclosure")
    assert signal.verdict == Verdict.bad
    assert signal.display == "1 of 5 sponsored-looking posts clearly disclosed (20 %)"
    assert "disclosure" in {flag.key for flag in failing.red_flags}
    assert "disclosure" not in {flag.key for flag in passing.red_flags}
    lost = {c.key: c.lost for c in failing.contributions}
    assert lost["disclosure"] > 0
    assert {c.key: c.lost for c in passing.contributions}["disclosure"] == 0


def test_one_post_reads_as_singular() -> None:
    signal = disclosure([post(0, caption="#ad Acme serum")] + organic(3, start=1))

    assert signal.evidence.startswith("1 of 1 sponsored-looking post carries a clear disclosure")


@pytest.mark.parametrize(
    ("caption", "jurisdiction", "verdict"),
    [
        ("Anzeige: mein neues Serum von Acme", "DE", Verdict.ok),
        ("Anzeige: my new serum from Acme", "US", Verdict.bad),  # a German word in an English caption
        ("#ad my new serum from Acme", "US", Verdict.ok),
        ("#ad my new serum from Acme", "DE", Verdict.bad),  # German rules want Werbung or Anzeige
        ("Sponsored by Acme: my new serum", "UK", Verdict.bad),  # the ASA wants #ad, not "sponsored"
    ],
)
def test_the_teams_rules_decide_what_is_clear(caption: str, jurisdiction: str, verdict: Verdict) -> None:
    signal = disclosure([post(0, caption=caption)] + organic(3, start=1), jurisdiction=jurisdiction)

    assert signal.verdict == verdict
    assert f"({jurisdiction} rules)" in signal.evidence


def test_a_video_with_a_clear_caption_counts_and_says_the_video_was_not_seen() -> None:
    reels = [post(i, caption="#ad Acme serum routine", kind="reel") for i in range(2)]

    signal = disclosure(reels + organic(3, start=2))

    assert signal.verdict == Verdict.ok
    assert "for the 2 videos only the caption was checked" in signal.evidence
    one = disclosure(reels[:1] + organic(3, start=2))
    assert "for the video only the caption was checked" in one.evidence


def test_youtube_posts_without_a_kind_are_checked_as_videos() -> None:
    videos = [post(i, caption="#ad Acme mic review", kind="post") for i in range(2)]

    signal = disclosure(videos + organic(3, start=2), platform=Platform.youtube)

    assert "for the 2 videos only the caption was checked" in signal.evidence


def test_posts_the_injected_detector_calls_sponsored_are_the_ones_checked() -> None:
    posts = [post(0, caption="Thanks to Acme for this trip")] + organic(3, start=1)

    signal = disclosure(posts, sponsored_detector=lambda p: "Acme" in p.caption)

    assert signal.display == "0 of 1 sponsored-looking post clearly disclosed (0 %)"
    assert "“Thanks to Acme for this trip”" in signal.evidence


def test_an_unknown_jurisdiction_is_refused_up_front() -> None:
    with pytest.raises(ValueError, match="jurisdiction"):
        vet(snapshot(posts=organic(3)), now=NOW, jurisdiction="Narnia")


def test_long_captions_are_quoted_on_one_line_cut_at_a_word() -> None:
    caption = "Loving this serum from Acme\n\n" + "so much glow " * 30

    quoted = quote(caption)

    assert "\n" not in quoted
    assert quoted.endswith("…")
    assert len(quoted) <= 140
    assert quoted.startswith("Loving this serum from Acme so much glow")
    assert quote("") == "(no caption)"
    assert quote("x" * 300).startswith("x" * 100)  # one long word is cut, not lost
