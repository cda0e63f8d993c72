"""A NUL character in what a user types into Slack (slash command text, modal values) is dropped as it comes in,
so the same input works on SQLite and PostgreSQL (which refuses NUL in text) instead of failing."""

from __future__ import annotations

from handlers.nul import without_nul
from storage.campaigns import find_campaign
from tests.databases import stored
from tests.slack.test_campaign_flow import open_modal


def test_a_modal_value_and_a_slash_command_with_nul_work_as_without_it(slack_on_both):
    slack = slack_on_both
    view = open_modal(slack, "new")
    values = {"name": "Spring\x00 Glow", "start": "2030-01-01", "end": "2030-03-31", "timezone": "Europe/London"}
    assert slack.submit(view, values).status_code == 200
    slack.wait_for("chat.postMessage", lambda c: "created the campaign *Spring Glow*" in c.params.get("text", ""))
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring glow")
    assert campaign is not None and campaign.name == "Spring Glow"
    slack.command("/campaign", "show spring\x00")
    [shown] = slack.wait_for("response_url")
    assert shown.params["text"] == "Spring Glow: 0 deliverables"


def test_nul_is_removed_from_every_string_of_a_payload():
    body = {"text": "a\x00b", "view": {"values": [{"v": "\x00x"}, 3, None]}, "n": 1}
    assert without_nul(body) == {"text": "ab", "view": {"values": [{"v": "x"}, 3, None]}, "n": 1}
