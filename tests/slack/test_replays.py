"""A signed request sent again within Slack's 5-minute window (same body, same signature) has no second effect:
for a slash command, a button and a modal submission alike. A genuinely new one still works."""

from __future__ import annotations

import logging
import time

import pytest

from bot.services.vetting import decision_history
from handlers.replay import delivery_key, request_identity
from storage.campaigns import list_campaigns
from storage.uow import UnitOfWork
from tests.databases import stored
from tests.slack.test_campaign_flow import open_modal

SKIPPED = "this request was handled already (a replay)"


@pytest.fixture(autouse=True)
def _listener_logs(caplog):
    caplog.set_level(logging.INFO)


def wait_for_skips(caplog, count: int = 1, timeout: float = 15.0) -> None:
    """Wait until the app has seen `count` replays (they run after the ack, so the HTTP answer comes first)."""
    deadline = time.monotonic() + timeout
    while sum(SKIPPED in record.getMessage() for record in caplog.records) < count:
        assert time.monotonic() < deadline, "the replay was not recognised"
        time.sleep(0.02)


def test_a_replayed_command_is_answered_once(slack, caplog):
    first, again = slack.replay(slack.command_body("/disclosure", "check Loving this serum #ad"))
    assert (first.status_code, again.status_code) == (200, 200)
    wait_for_skips(caplog)
    [answer] = slack.wait_for("response_url")
    assert answer.params["text"].startswith("Disclosure check")
    slack.command("/disclosure", "check Loving this serum #ad")  # a new invocation is answered
    assert len(slack.wait_for("response_url", count=2)) == 2


def test_a_replayed_click_records_one_decision_and_a_new_click_still_counts(slack, caplog):
    slack.command("/vet", "@nina_nano_sample")
    slack.wait_for("chat.update")
    card = slack.standin.messages[slack.channel_id][-1]
    slack.replay(slack.click_body(card, "vet_decision_approved", user_id="U0BOB"))
    wait_for_skips(caplog)
    slack.wait_for("chat.update", count=2)
    assert [d.decision for d in decision_history(UnitOfWork(slack.services.engine), slack.team_id)] == ["approved"]

    slack.click(card, "vet_decision_rejected", user_id="U0BOB")  # a new click: a new action_ts
    slack.wait_for("chat.update", count=3)
    decisions = decision_history(UnitOfWork(slack.services.engine), slack.team_id)
    assert sorted(d.decision for d in decisions) == ["approved", "rejected"]
    assert len(slack.standin.calls_to("chat.update")) == 3  # progress → card, approved, rejected: none twice


def test_a_replayed_modal_submission_creates_one_campaign_and_says_nothing_more(slack, caplog):
    view = open_modal(slack, "new")
    values = {"name": "Spring Glow", "start": "2030-01-01", "end": "2030-03-31", "budget": "5000"}
    slack.replay(slack.submission_body(view, values))
    wait_for_skips(caplog)
    slack.wait_for("chat.postMessage", lambda c: "created the campaign *Spring Glow*" in c.params.get("text", ""))
    assert [c.name for c in stored(slack.services.engine, list_campaigns, slack.team_id)] == ["Spring Glow"]
    assert slack.standin.calls_to("chat.postEphemeral") == []  # no "a campaign by that name exists" either
    assert len(slack.standin.calls_to("chat.postMessage")) == 1


def test_each_click_and_each_workspace_has_its_own_key_and_keys_fit_the_table():
    click = {
        "type": "block_actions",
        "user": {"id": "U0BOB"},
        "container": {"type": "view", "view_id": "V0HOME"},  # a button in the App Home or a modal
        "actions": [{"action_id": "deliverable_snooze", "action_ts": "1700000000.000100"}],
    }
    again = {**click, "actions": [{"action_id": "deliverable_snooze", "action_ts": "1700000009.000200"}]}
    first = request_identity(click)
    assert first == ("U0BOB", "block_actions", "V0HOME", "deliverable_snooze", "1700000000.000100")
    keys = {
        delivery_key(team, identity) for team in ("T0ONE", "T0TWO") for identity in (first, request_identity(again))
    }
    assert len(keys) == 4 and all(len(key) <= 64 for key in keys)
