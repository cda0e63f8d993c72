"""/vet walked in the console as a new marketing team would: finding a creator to try, asking for help, a deal
with an ask, a decision, and the mistakes people type."""

from __future__ import annotations

from tests.slack.test_console_campaign import console
from tests.slack.test_console_reviewwalk import button

__all__ = ["console"]  # the fixture


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_help_names_the_sample_creators_and_vet_help_shows_how(console):
    listed = console.run("help")
    assert "Sample creators to try with /vet (e.g. /vet @nina_nano_sample ask:$90 reel):" in listed
    assert "@bella_bought_sample, " in listed and "@tariq_tiktok_sample tiktok" in listed
    assert "@yara_youtube_sample youtube" in listed

    helped = one_line(console.run("/vet help"))
    assert "How to use /vet: Usage: /vet @handle [instagram|tiktok|youtube] [ask:$800]" in helped
    assert "@help" not in helped  # not vetted as a creator called help


def test_the_card_keeps_the_rate_the_ask_and_the_model_after_a_decision(console):
    card = console.run("/vet @yara_youtube_sample youtube short ask:€300 usage")
    decided = console.run(f"click {button(card, 'Shortlist')}")

    for shown in (one_line(card), one_line(decided.split("(message updated)")[-1])):
        assert "💰 Fair rate: $225 per short (band $150-$335), the middle half of fees" in shown
        assert "• base $447: the middle of $200-$1,000 per video," in shown
        assert "Their ask: €300 (about $330) is 47 % above the fair point $225, inside the band $150-$335" in shown
        assert "Fake followers" in shown  # YouTube lists no subscribers: said, not hidden
    assert "Shortlisted by @U0LOCAL on " in decided


def test_mistakes_say_what_to_type_instead(console):
    assert "@bélla is not a handle: a handle has only the letters a-z" in one_line(console.run("/vet @bélla"))
    assert "is less than one unit of money; write the price like ask:$800" in one_line(
        console.run("/vet @nina_nano_sample ask:$0.001")
    )
    assert "Give one niche per command (finance and beauty given)." in one_line(
        console.run("/vet @nina_nano_sample niche:finance niche:beauty")
    )
