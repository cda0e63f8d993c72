"""/vet over real HTTP: cards, progress, decisions, errors."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest
import respx

from bot.localslack.standin import Fault
from bot.services import campaigns
from bot.services.campaigns import CampaignForm, DeliverableForm
from bot.services.vetting import decision_history
from bot.sources.snapshot import SAMPLES_DIR
from bot.vetting.audience.model import load_model, shipped_model_path
from storage.uow import UnitOfWork
from tests.harness import seen

SAMPLES = "@nina_nano_sample @bella_bought_sample"


def card_text(call) -> str:
    """The card as its reader sees it (a chat.update without blocks keeps the message's)."""
    return seen(call.params if call.params.get("blocks") else call.answer.get("message", {}))


def read(text: str) -> str:
    """Rendered text as one line, the way a reader reads on across the console's wrapped lines."""
    return " ".join(text.split())


def vet_and_decide(slack, text: str, action_id: str):
    """/vet one creator, then click a decision on its card as U0BOB: (the card, the card after the click)."""
    slack.command("/vet", text)
    [card] = slack.wait_for("chat.update")
    slack.click(slack.standin.messages[slack.channel_id][-1], action_id, user_id="U0BOB")
    return card, slack.wait_for("chat.update", count=2)[-1]


def test_usage_error_is_answered_in_the_ack_with_the_usage(slack):
    answer = slack.command("/vet", "").json()
    assert answer["response_type"] == "ephemeral"
    assert "Usage: /vet @handle [instagram|tiktok|youtube]" in answer["text"]
    assert slack.standin.calls_to("chat.postMessage") == []


def test_one_creator_gets_a_card_that_replaces_the_progress_message(slack):
    slack.command("/vet", "@bella_bought_sample")
    [progress] = slack.wait_for("chat.postMessage")
    assert "Vetting @bella_bought_sample" in progress.params["text"]
    [card] = slack.wait_for("chat.update")
    assert card.params["ts"] == progress.answer["ts"]
    text = card_text(card)
    lines = text.splitlines()
    assert lines[:3] == ["", "@BELLA_BOUGHT_SAMPLE · INSTAGRAM · MICRO", "=" * 40]
    assert lines[3].startswith("🔴 Avoid · ")
    assert "\n🔴 Follower growth: 2 unexplained spikes" in text
    assert "(+10,000 above the usual, a round number)" in read(text)
    assert "\n🔴 Fake followers: " in text
    assert "\n💰 Fair rate: " in text
    assert "  [1] Approve   [2] Shortlist   [3] Reject   [4] Needs a human" in lines


def test_several_creators_share_one_progress_message(slack):
    slack.command("/vet", f"{SAMPLES} @nobody_here")
    slack.wait_for(
        "chat.update",
        lambda c: (
            "done" in c.params.get("text", "")
            and "3 of 3" not in c.params["text"]
            and c.params["text"].count("\n") >= 3
        ),
        timeout=10,
    )
    posts = slack.standin.calls_to("chat.postMessage")
    progress, cards = posts[0], posts[1:]
    assert len(cards) == 2
    assert sorted(card_text(c).splitlines()[1] for c in cards) == [
        "@BELLA_BOUGHT_SAMPLE · INSTAGRAM · MICRO",
        "@NINA_NANO_SAMPLE · INSTAGRAM · NANO",
    ]
    final = slack.standin.calls_to("chat.update")[-1]
    assert final.params["ts"] == progress.answer["ts"]
    assert "nina_nano_sample: recommended" in final.params["text"]
    assert "bella_bought_sample: avoid" in final.params["text"]
    assert "We could not find @nobody_here on instagram" in final.params["text"]


def test_slash_command_is_acked_at_once_while_its_slow_work_continues(slack):
    slack.standin.inject("chat.postMessage", Fault(delay=4))
    started = time.monotonic()
    response = slack.command("/vet", "@nina_nano_sample")
    assert response.status_code == 200
    assert time.monotonic() - started < 3, "Slack gives up on a command that is not acked within 3 s"
    assert slack.standin.calls_to("chat.postMessage") == []  # the slow work had not finished at ack time
    slack.wait_for("chat.update", timeout=15)


def test_a_decision_is_recorded_updates_the_card_and_shows_on_the_next_vet(slack):
    card, updated = vet_and_decide(slack, "@nina_nano_sample", "vet_decision_shortlisted")
    assert updated.params["ts"] == card.params["ts"]
    assert " · Shortlisted by @U0BOB on " in card_text(updated)
    [decision] = decision_history(UnitOfWork(slack.services.engine), slack.team_id)
    assert (decision.handle, decision.decision, decision.user_id) == ("nina_nano_sample", "shortlisted", "U0BOB")

    slack.command("/vet", "@nina_nano_sample")
    slack.wait_for("chat.update", count=3)
    assert " · Shortlisted by @U0BOB on " in card_text(slack.standin.calls_to("chat.update")[-1])


def test_a_click_from_another_workspace_cannot_touch_the_card(slack):
    slack.command("/vet", "@nina_nano_sample")
    slack.wait_for("chat.update")
    message = slack.standin.messages[slack.channel_id][-1]
    slack.standin.add_workspace("T0OTHER", "xoxb-other")
    slack.team_id = "T0OTHER"
    slack.click(message, "vet_decision_approved")
    [reply] = slack.wait_for("response_url")
    assert "can't find this vetting card" in reply.params["text"]
    assert decision_history(UnitOfWork(slack.services.engine), "T0OTHER") == []


def test_when_the_bot_cannot_post_in_the_channel_the_user_gets_the_card_in_a_dm(slack):
    slack.standin.inject("chat.postMessage", Fault(error="not_in_channel"))
    slack.command("/vet", "@nina_nano_sample")
    notice, summary = slack.wait_for("response_url", count=2)
    assert notice.params["response_type"] == "ephemeral"
    assert "your cards come to you in a direct message from me; invite me here to share them" in read(
        notice.params["text"]
    )
    [card] = [c for c in slack.standin.calls_to("chat.postMessage") if c.status == 200 and c.answer["ok"]]
    assert card.params["channel"] == "D0ALICE"  # the user's DM with the app, opened by conversations.open
    assert "@NINA_NANO_SAMPLE · INSTAGRAM · NANO" in seen(card.params).splitlines()
    assert "The card for @nina_nano_sample is in your direct messages with me." in summary.params["text"]
    assert slack.standin.refused_response_urls() == []


def test_ten_creators_where_the_bot_cannot_post_all_reach_the_user_within_slacks_response_url_limit(
    sqlite_url, standin, tmp_path
):
    from storage.db import make_engine
    from tests.harness import serve_app, single_workspace_settings

    sample = json.loads((SAMPLES_DIR / "instagram_bella_bought_sample.json").read_text())
    handles = [f"twin{n:02d}_sample" for n in range(1, 11)]
    for handle in handles:
        twin = {**sample, "profile": {**sample["profile"], "handle": handle}}
        (tmp_path / f"instagram_{handle}.json").write_text(json.dumps(twin))
    engine = make_engine(sqlite_url)
    settings = single_workspace_settings(sqlite_url, snapshot_dir=str(tmp_path))
    with serve_app(settings, engine, standin) as slack:
        standin.inject("chat.postMessage", Fault(error="not_in_channel"))
        slack.command("/vet", " ".join(f"@{h}" for h in handles))
        slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "D0ALICE", count=10, timeout=30)
        [summary] = slack.wait_for("response_url", lambda c: ": done\n" in c.params["text"], timeout=10)

        cards = [c for c in standin.calls_to("chat.postMessage") if c.params["channel"] == "D0ALICE"]
        assert sorted(seen(c.params).splitlines()[1] for c in cards) == [
            f"@{h.upper()} · INSTAGRAM · MICRO" for h in handles
        ]
        assert all(c.answer["ok"] for c in cards)
        assert "The 10 cards are in your direct messages with me." in summary.params["text"]
        assert all(f"@{h}: avoid" in summary.params["text"] for h in handles)
        assert len(standin.calls_to("response_url")) <= 5
        assert standin.refused_response_urls() == []

        # a decision on a DM card updates that card where it is
        message = standin.messages["D0ALICE"][3]
        slack.channel_id = "D0ALICE"
        slack.click(message, "vet_decision_approved")
        [updated] = slack.wait_for("chat.update")
        assert (updated.params["channel"], updated.params["ts"]) == ("D0ALICE", message["ts"])
        assert " · Approved by @U0ALICE on " in card_text(updated)
    engine.dispose()


def test_a_platform_rate_limit_is_told_to_the_user(sqlite_url, standin):
    from storage.db import make_engine
    from tests.harness import serve_app, single_workspace_settings

    settings = single_workspace_settings(sqlite_url, youtube_api_key="test-key-not-real")
    engine = make_engine(sqlite_url)
    with respx.mock(assert_all_called=False) as platform, serve_app(settings, engine, standin) as slack:
        platform.route(host="127.0.0.1").pass_through()
        platform.get(url__startswith="https://www.googleapis.com/youtube/v3/channels").mock(
            return_value=httpx.Response(
                403,
                json={"error": {"code": 403, "message": "quota", "errors": [{"reason": "quotaExceeded"}]}},
            )
        )
        slack.command("/vet", "@somechannel youtube")
        update = slack.wait_for("chat.update")[0]
    assert "YouTube quota used up for today" in update.params["text"]
    engine.dispose()


def test_ad_disclosures_are_judged_by_the_workspaces_rules(slack):
    slack.command("/vet", "@penny_promo_sample")
    [card] = slack.wait_for("chat.update")
    text = read(card_text(card))
    assert "⚠️ Ad disclosure: 9 of 14 sponsored-looking posts clearly disclosed (64 %)" in text
    assert "carry a clear disclosure in the caption (US rules). Worst, a weak disclosure on " in text
    fields = [f["text"] for b in card.params["blocks"] for f in b.get("fields", [])]
    assert "*Ad disclosure*\n9 of 14 sponsored-looking posts clearly disclosed (64 %)" in fields

    slack.command("/disclosure", "jurisdiction UK")
    slack.wait_for("response_url")  # the new default is saved once it is confirmed
    slack.command("/vet", "@penny_promo_sample")
    uk_card = slack.wait_for("chat.update", count=2)[-1]
    assert "carry a clear disclosure in the caption (UK rules). Worst, a weak disclosure on " in read(
        card_text(uk_card)
    )


def test_a_replayed_vet_request_makes_one_card(slack):
    body = slack.command_body("/vet", "@nina_nano_sample")
    assert slack.sender.post(body).status_code == 200
    slack.wait_for("chat.update")
    assert slack.sender.post(body).status_code == 200  # the same signed request again, within Slack's 5 minutes
    assert slack.command("/vet", "@nina_nano_sample").status_code == 200  # a new invocation is vetted again
    slack.wait_for("chat.update", count=2)
    assert len(slack.standin.calls_to("chat.postMessage")) == 2  # two progress messages, not three


def test_the_cards_key_number_and_its_signal_show_the_same_engagement_rate(slack):
    """@bella_bought_sample's median engagement is 0.45499… %: one rounding, so both places on the card agree."""
    slack.command("/vet", "@bella_bought_sample")
    [card] = slack.wait_for("chat.update")
    text = read(card_text(card))
    assert "Engagement per follower (median) 0.46 %" in text
    assert "Engagement rate (per follower): 0.46 % median" in text
    assert "Median 0.46 %" in text


@pytest.mark.parametrize(
    ("text", "key_number", "rate_line"),
    [
        (
            "@yara_youtube_sample youtube",
            "Engagement per follower (median) 2.17 %",
            "• engagement +12 %: 4.47 % per view is above the 2-4 % benchmark",
        ),
        (
            "@tariq_tiktok_sample tiktok",
            "Engagement per follower (median) 5.77 %",
            "• engagement +27 %: 8.98 % per view is above the 3.55-7.1 % benchmark",
        ),
    ],
)
def test_on_video_platforms_the_card_names_the_base_of_each_engagement_figure(slack, text, key_number, rate_line):
    """The key number is per follower, the fair rate's is per view: each says so, so they don't look contradictory."""
    slack.command("/vet", text)
    [card] = slack.wait_for("chat.update")
    said = read(card_text(card))
    assert key_number in said
    assert rate_line in said


def test_the_card_shows_the_fair_point_its_band_the_factors_and_where_the_ask_sits(slack):
    slack.command("/vet", "@bella_bought_sample ask:$800 reel exclusive usage niche:beauty")
    [card] = slack.wait_for("chat.update")
    text = read(card_text(card))

    # 52,310 followers, engagement 0.46 % (below the micro band), a reel, both premiums
    assert "💰 Fair rate: $1,120 per reel (band $745-$1,670), the middle half of fees" in text
    assert "• base $224: the middle of $100-$500 per post, the Influencer Marketing Hub rule of thumb" in text
    assert "• followers +31 %: 52,310, the upper part of the micro tier" in text
    assert (
        "• engagement -16 %: 0.46 % per follower is below the 0.54-3.07 % benchmark; a fee follows impressions" in text
    )
    assert "• niche beauty +10 %: sponsorrate's niche multiplier, one estimator, not payment data" in text
    assert "• reel +45 %: video posts cost 40-50 % more than photos (HypeAuditor)" in text
    assert "• exclusivity +34 %: +20-50 % (stackmatix 2026), middle taken" in text
    assert "• usage rights +112 %: +50-200 % (stackmatix 2026), middle taken" in text
    assert "Their ask: $800 is 29 % below the fair point $1,120, inside the band $745-$1,670" in text
    assert "your team's fees" not in text  # none recorded yet


def test_the_teams_own_fees_for_comparable_creators_blend_into_the_card(slack):
    slack.command("/vet", "@marco_micro_sample @pete_pod_sample @nina_nano_sample")  # their follower counts
    slack.wait_for("chat.update", lambda c: ": done\n" in c.params.get("text", ""))  # all three, not "1 of 3 done"
    uow = UnitOfWork(slack.services.engine)
    now = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
    form = CampaignForm(
        name="Spring", channel_id=slack.channel_id, owner_user_id=slack.user_id,
        start_date=date(2030, 1, 1), end_date=date(2030, 3, 1),
    )  # fmt: skip
    spring = campaigns.create_campaign(uow, slack.team_id, form, created_by=slack.user_id, now=now)
    for handle, kind, count, fee in (
        ("marco_micro_sample", "reel", 2, "800"),  # $400 a reel
        ("pete_pod_sample", "reel", 1, "600"),
        ("nina_nano_sample", "reel", 1, "5000"),  # a nano creator: not comparable with a micro one
    ):
        booking = DeliverableForm(
            campaign_id=int(spring.id), handle=handle, platform="instagram", kind=kind,
            due_text="2030-02-01 17:00", count=count, fee=Decimal(fee), confirmed=True,
        )  # fmt: skip
        campaigns.add_deliverables(uow, slack.team_id, booking, now=now)

    slack.command("/vet", "@bella_bought_sample ask:$800 reel")
    card = slack.wait_for("chat.update", lambda c: "BELLA" in card_text(c))[-1]
    text = read(card_text(card))

    # agreed $400 (marco, 38,420 followers) and $600 (pete, 15,640) a reel: as for the middle of the tier,
    # $400 / 1.11 and $600 / 0.69 (their places in it taken out), median $616 against the market's $324 for a
    # reel; two fees weigh 2 / 5: x exp(0.4 ln(616 / 324)) = +29 %
    assert (
        "• your team's fees +29 %: 2 comparable micro instagram reels, median agreed fee $500 per reel; for the middle"
        " of the tier without premiums $616 against the market's $324"
    ) in text
    # their spread (log sd 0.63) is pooled with the market's (0.52): the band widens a little
    assert "💰 Fair rate: $460 per reel (band $320-$665), the middle half of fees" in text
    assert "Their ask: $800 is 74 % above the fair point $460, above the band $320-$665" in text


def shipped_error_points() -> str:
    error = load_model(shipped_model_path()).quantifier.error
    assert error is not None
    return f"{error.points:.0f} points"


def test_after_a_decision_the_card_keeps_the_rate_the_ask_and_the_model_and_counts_flags_in_words(slack):
    card, updated = vet_and_decide(slack, "@nina_nano_sample ask:£90 story", "vet_decision_approved")

    before, after = read(card_text(card)), read(card_text(updated))
    for line in (
        "💰 Fair rate: $17 per story (band $10-$29), the middle half of fees",
        "• story -56 %: Tagger/Sprout's micro Story $99 against the micro post's $224",
        "Their ask: £90 (about $117) is 588 % above the fair point $17, above the band $10-$29",
        f"Model: shipped model (InstaFake, CC BY-NC 4.0); its estimate was off by up to {shipped_error_points()}",
    ):
        assert line in before and line in after
    assert " · Approved by @U0BOB on " in after
    # one warning (the sample's data is old), in words: not "1 red flag(s)"
    assert card.params["text"] == "@nina_nano_sample on instagram: recommended (100/100), 1 red flag"
    assert updated.params["text"] == f"{card.params['text']} · Approved by <@U0BOB>"
    assert "(s)" not in card.params["text"]


def test_words_the_command_cannot_read_are_quoted_briefly_escaped_and_say_what_to_type(slack):
    cases = {
        "@bélla": "`@bélla` is not a handle: a handle has only the letters a-z, digits, dots, underscores and hyphens",
        "@nina_nano_sample niche:<!channel>": "Write the niche as one word after niche:, like niche:finance",
        "@nina_nano_sample ask:$1e309": "is not a price; write it like ask:$800, ask:800 or ask:€650",
        "@nina_nano_sample ask:$99999999999999999999": "is more than 10,000,000 for one deliverable",
        "@nina_nano_sample <!channel>": "is a Slack user or channel; type the creator's handle instead.",
        "@nina_nano_sample " + "<b>" * 3_000: "I do not understand `&lt;b&gt;&lt;b&gt;",
    }
    for text, says in cases.items():
        answer = slack.command("/vet", text).json()
        assert answer["response_type"] == "ephemeral"
        assert says in answer["text"], answer["text"]
        assert "<!channel>" not in answer["text"] and "<b>" not in answer["text"]
        assert len(answer["text"]) < 1_000
    assert slack.standin.calls_to("chat.postMessage") == []


def test_a_creator_on_another_platform_is_named_with_what_to_type(slack):
    slack.command("/vet", "@yara_youtube_sample")  # the workspace's default platform is Instagram
    [answer] = slack.wait_for("chat.update")

    assert answer.params["text"] == (
        ":x: @yara_youtube_sample (instagram): We could not find @yara_youtube_sample on instagram, but"
        " @yara_youtube_sample is on youtube: type /vet @yara_youtube_sample youtube"
    )
