"""`creatorops draft NAME @handle --caption … [--link …] [--json]`: a version submitted from the terminal, its
check printed in words or as the JSON contract."""

from __future__ import annotations

import json

from bot.cli.local import LOCAL_TEAM
from bot.localslack.standin import SlackStandIn
from tests.harness import seen
from tests.results.test_campaign_setup_cli import run


def booked(capsys) -> None:
    for argv in (
        ("campaign", "new", "Glow Week", "--budget", "5000", "--start", "2026-12-01", "--end", "2030-12-31"),
        ("campaign", "add", "glow", "@nina.nano", "--platform", "tiktok", "--kind", "video", "--due", "2030-12-10",
         "--fee", "400"),
    ):  # fmt: skip
        code, _, err = run(capsys, *argv)
        assert code == 0, err


def test_draft_json_is_the_contract_and_a_second_version_is_v2(capsys, offline_cli):
    booked(capsys)
    code, out, err = run(capsys, "draft", "glow", "@Nina.Nano", "--caption", "Obsessed with this serum", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert list(answer) == ["version", "verdict", "findings", "fixed_caption", "label_to_enable"]
    assert (answer["version"], answer["verdict"], answer["label_to_enable"]) == (1, "missing", "Content disclosure")
    assert answer["fixed_caption"] == "#ad Obsessed with this serum"
    assert {"rule_id", "severity", "message"} <= set(answer["findings"][0])

    code, out, err = run(
        capsys, "draft", "glow", "@nina.nano", "--caption", "#ad Obsessed with this serum",
        "--link", "https://drive.example.com/v2.mp4",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[0] == "Draft v2 of @nina.nano's video (#1) for Glow Week: disclosure needs work."
    assert (
        "Switch on the Content disclosure setting (choose Branded content: the post then shows Paid partnership)"
        " when posting."
    ) in out


def test_draft_mistakes_say_what_to_type(capsys, offline_cli):
    booked(capsys)
    code, _, err = run(capsys, "draft", "glow", "@nina.nano", "--caption", "hi", "--link", "http://insecure.example")
    assert code == 2 and "The draft's link must be one https:// address" in err
    code, _, err = run(capsys, "draft", "glow", "@mia", "--caption", "hi")
    assert code == 2 and "@mia is not on Glow Week. Creators: @nina.nano (tiktok)." in err
    code, _, err = run(capsys, "draft", "glow", "@nina.nano", "--caption", "x" * 10_001)
    assert code == 2 and "That caption is 10,001 characters; I check up to 10,000" in err


def test_a_handle_is_found_by_a_unique_start_with_or_without_the_at(capsys, offline_cli):
    booked(capsys)
    code, _, err = run(capsys, "campaign", "add", "glow", "@nina.naturals", "--platform", "instagram", "--kind",
                       "reel", "--due", "2030-12-10")  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, "draft", "glow", "nina.nan", "--caption", "#ad Obsessed")
    assert code == 0, err
    assert out.startswith("Draft v1 of @nina.nano's video (#1) for Glow Week")
    code, _, err = run(capsys, "draft", "glow", "@nina", "--caption", "#ad Obsessed")
    assert code == 2
    assert "@nina could be @nina.nano, @nina.naturals on Glow Week: type more of the handle." in err
    code, out, err = run(capsys, "evidence", "glow", "nina.natu", "--out", "pack")
    assert code == 0, err
    assert out.startswith("wrote pack/evidence-glow-week-nina.naturals-instagram.md")


def test_without_a_bot_token_the_draft_says_its_card_was_not_posted(capsys, offline_cli):
    booked(capsys)
    code, out, err = run(capsys, "draft", "glow", "@nina.nano", "--caption", "#ad Obsessed", "--json")
    assert code == 0 and json.loads(out)["version"] == 1
    assert "Not posted to Slack: SLACK_BOT_TOKEN is not set here, so the review card did not go to channel" in err


def test_with_the_bot_token_the_cli_posts_the_review_card_in_the_campaigns_channel(capsys, offline_cli, monkeypatch):
    with SlackStandIn() as slack:
        slack.add_workspace(LOCAL_TEAM, "xoxb-cli-test", name="local")
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-cli-test")
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "cli-test-secret")
        monkeypatch.setenv("SLACK_API_URL", slack.api_url)
        booked(capsys)
        code, out, err = run(capsys, "draft", "glow", "@nina.nano", "--caption", "Obsessed with this serum")
        assert code == 0, err
        assert "Review card posted in channel C0LOCAL, starting the deliverable's review thread." in out
        [card] = slack.calls_to("chat.postMessage")
        assert card.params["channel"] == "C0LOCAL"
        shown = seen(card.params["blocks"])
        assert "DRAFT V1: @NINA.NANO" in shown and "❌ Disclosure: missing" in shown
        assert "Fixed caption\n#ad Obsessed with this serum" in shown
        assert "Submitted by @U0LOCAL from the terminal (creatorops draft)" in " ".join(shown.split())

        code, out, err = run(capsys, "draft", "glow", "@nina.nano", "--caption", "#ad Obsessed with this serum")
        assert code == 0 and "Review card posted in channel C0LOCAL, in the deliverable's thread." in out
        v2 = slack.calls_to("chat.postMessage")[-1]
        assert v2.params["thread_ts"] == card.answer["ts"]  # v2 under v1, as from Slack
