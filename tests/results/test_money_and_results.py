"""Money where the team looks (the board, the list, the App Home) is the report's own spend and paid, and a live
post's *Add results* button stores the creator's numbers, which the report then counts."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.cli import main
from bot.services.sample_campaign import seed_sample_campaign
from storage.campaigns import find_campaign
from storage.results import latest_readings
from tests.databases import stored
from tests.harness import seen

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
SPEND_LINE = "Spend $3,730 of $5,000 budget · paid $2,300 · $1,270 left"
STRANGER = "U0STRANGER"


@pytest.fixture
def sample(slack):
    seed_sample_campaign(
        slack.services.uow(), slack.team_id, channel_id=slack.channel_id, owner_user_id=slack.user_id, now=NOW
    )
    return slack


@pytest.fixture
def report_json(sample, sqlite_url, monkeypatch, capsys):
    """`creatorops report glow --json` on the app's database, as the terminal prints it."""

    def run() -> dict:
        monkeypatch.setenv("DATABASE_URL", sqlite_url)
        for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID"):
            monkeypatch.delenv(name, raising=False)
        assert main(["report", "glow", "--json", "--team", sample.team_id]) == 0
        return json.loads(capsys.readouterr().out)

    return run


def board(slack) -> str:
    slack.command("/campaign", "show glow")
    return seen(slack.wait_for("response_url")[-1].params)


def test_spend_and_paid_read_the_same_on_the_board_the_list_the_home_and_in_the_report(sample, report_json):
    report = report_json()
    assert (report["spend"], report["paid"], report["budget_left"]) == ("3730.00", "2300.00", "1270.00")
    shown = board(sample)
    assert f"Money · {SPEND_LINE}" in shown.splitlines()
    assert "@marco_micro_sample (instagram): fee $1,500 · paid $1,500" in shown.splitlines()
    sample.command("/campaign", "list")
    assert SPEND_LINE in seen(sample.wait_for("response_url", count=2)[-1].params).splitlines()
    sample.event({"type": "app_home_opened", "user": sample.user_id, "channel": "D0HOME", "tab": "home"})
    [home] = sample.wait_for("views.publish")
    assert f"│ {SPEND_LINE}" in seen(home.params["view"]).splitlines()


def test_a_campaign_over_budget_says_so(sample, report_json):
    sample.command("/campaign", "edit glow")
    view = sample.wait_for("views.open")[-1].answer["view"]
    sample.submit(view, {"budget": "3000"})
    sample.wait_for("chat.postMessage", lambda c: "changed *Glow Sample*: budget $5,000 → $3,000" in c.params["text"])
    assert report_json()["budget_left"] == "-730.00"
    over = "⚠️ Over budget · Spend $3,730 of $3,000 budget · paid $2,300 · over budget by $730"
    assert f"Money · {over}" in board(sample).splitlines()


def add_results_button(slack) -> tuple[dict, str]:
    """The board as posted, and the value of its first *Add results* button (a live post)."""
    slack.command("/campaign", "show glow")
    shown = slack.wait_for("response_url")[-1]
    message = {"blocks": shown.params["blocks"], "is_ephemeral": True}
    values = [
        e["value"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "deliverable_add_results"
    ]
    assert len(values) == 3  # the three live posts, and only them
    return message, values[0]


def test_add_results_stores_the_creators_numbers_and_the_report_counts_them(sample, report_json):
    before = report_json()
    message, value = add_results_button(sample)
    sample.click(message, "deliverable_add_results", value=value)
    modal = sample.wait_for("views.open")[-1].answer["view"]
    assert "Add results" in seen(modal) and "empty is unknown, not 0" in seen(modal)
    answer = sample.submit(modal, {"views": "1.5", "likes": "-3", "proof": "http://example.com/shot.png"}).json()
    assert answer["errors"] == {
        "views": "Type the views as a whole number.",
        "likes": "The likes must be from 0 to 1,000,000,000,000.",
        "proof": "The screenshot link must be one https:// address of at most 500 characters",
    }
    assert sample.submit(modal, {"proof": "https://files.example/s.png"}).json()["errors"] == {
        "views": "Type at least one number; leave the ones you do not have empty."
    }
    sample.submit(modal, {"views": "99000", "likes": "4000", "proof": "https://files.example/shot.png?a=1&b=<2>"})
    [said] = sample.wait_for("chat.postMessage", lambda c: "added results for" in c.params["text"])
    assert said.params["channel"] == sample.channel_id
    assert (
        "99,000 views, 4,000 likes. Reported by the creator (<https://files.example/shot.png?a=1&amp;b=&lt;2&gt;|screenshot>)"
        in said.params["text"]
    )
    campaign = stored(sample.services.engine, find_campaign, sample.team_id, "glow")
    readings = [o for _, o in stored(sample.services.engine, latest_readings, sample.team_id, int(campaign.id))]
    [reported] = [o for o in readings if o.source == "creator" and o.views == 99000]
    # Left empty is unknown, not 0: the post keeps the comments its earlier reading measured (83).
    assert (reported.likes, reported.comments, reported.proof_url) == (
        4000,
        83,
        "https://files.example/shot.png?a=1&b=<2>",
    )
    after = report_json()
    assert after["views"] != before["views"]
    assert after["views"] == sum(o.views or 0 for o in readings)


def test_someone_outside_the_campaigns_channel_cannot_add_results(sample):
    message, value = add_results_button(sample)
    sample.channel_id = "D0STRANGER"
    opened = len(sample.standin.calls_to("views.open"))
    sample.click(message, "deliverable_add_results", value=value, user_id=STRANGER)
    refused = sample.wait_for("response_url", lambda c: "add its results" in str(c.params.get("text")))
    assert refused[-1].params["text"].startswith(":no_entry: To add its results, work from the campaign's channel")
    assert len(sample.standin.calls_to("views.open")) == opened
