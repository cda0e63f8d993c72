"""The real app over real HTTP: signatures, ack timing, help, App Home, events, 429s."""

from __future__ import annotations

import time

from bot.localslack import payloads
from bot.localslack.sender import JSON
from bot.localslack.standin import Fault
from tests.harness import get, seen


def test_healthz_answers_ok_when_the_database_answers(slack):
    response = get(slack.server.url + "/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_bad_signature_is_refused_with_401(slack):
    body = slack.command_body("/creatorops", "help")
    headers = slack.sender.headers(body, "application/x-www-form-urlencoded")
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    response = slack.sender._http.post(slack.sender.events_url, content=body, headers=headers)
    assert response.status_code == 401
    assert "CreatorOps commands" not in response.text


def test_stale_signature_is_refused_with_401(slack):
    body = slack.command_body("/creatorops", "help")
    response = slack.sender.post(body, timestamp=int(time.time()) - 6 * 60)
    assert response.status_code == 401


def test_help_lists_every_command_ephemerally_in_the_ack(slack):
    response = slack.command("/creatorops", "help")
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_type"] == "ephemeral"
    lines = seen(answer).splitlines()
    assert "CREATOROPS COMMANDS" in lines
    for command in (
        "/vet @handle [instagram|tiktok|youtube]",
        "/disclosure check <caption>",
        "/campaign new | add | list | show <name> | edit <name> [@handle]",
        "/campaign report <name> | plan $5000",
        "/campaign evidence <name> [@handle] [pdf]",
        "/creatorops help",
    ):
        assert command in lines


def test_unknown_subcommand_answers_with_help(slack):
    answer = slack.command("/creatorops", "frobnicate").json()
    assert answer["response_type"] == "ephemeral"
    lines = seen(answer).splitlines()
    assert "I don't know frobnicate. Here is what I can do:" in lines
    assert "/vet @handle [instagram|tiktok|youtube]" in lines


def test_app_home_publishes_welcome_and_commands(slack):
    response = slack.event({"type": "app_home_opened", "user": slack.user_id, "channel": "D0HOME", "tab": "home"})
    assert response.status_code == 200
    [call] = slack.wait_for("views.publish")
    assert call.params["user_id"] == slack.user_id
    view = call.params["view"]
    assert view["type"] == "home"
    lines = seen(view).splitlines()
    assert lines[0].startswith("┌─ App Home ")
    assert "│ WELCOME TO CREATOROPS" in lines
    assert "│ /vet @handle [instagram|tiktok|youtube]" in lines


def test_event_retry_of_handled_event_is_skipped(slack):
    event = {"type": "app_home_opened", "user": slack.user_id, "channel": "D0HOME", "tab": "home"}
    slack.event(event, event_id="Ev0SAME")
    slack.wait_for("views.publish")
    retry = slack.event(event, event_id="Ev0SAME", retry_num=1)
    assert retry.status_code == 200
    slack.event(event, event_id="Ev0OTHER")  # a new event still runs, and proves the retry was done with
    slack.wait_for("views.publish", count=2)
    assert len(slack.standin.calls_to("views.publish")) == 2


def test_a_429_from_slack_is_retried_after_retry_after(slack):
    slack.standin.inject("views.publish", Fault(status=429, retry_after=1))
    slack.event({"type": "app_home_opened", "user": slack.user_id, "channel": "D0HOME", "tab": "home"})
    calls = slack.wait_for("views.publish", lambda c: c.status == 200, timeout=10)
    statuses = [c.status for c in slack.standin.calls_to("views.publish")]
    assert statuses == [429, 200]
    first, second = slack.standin.calls_to("views.publish")
    assert second.at - first.at >= 0.9  # waited for Retry-After
    assert calls[0].params["view"]["type"] == "home"


def test_a_5xx_from_slack_is_retried(slack):
    slack.standin.inject("views.publish", Fault(status=503))
    slack.event({"type": "app_home_opened", "user": slack.user_id, "channel": "D0HOME", "tab": "home"})
    slack.wait_for("views.publish", lambda c: c.status == 200, timeout=10)
    assert [c.status for c in slack.standin.calls_to("views.publish")] == [503, 200]


def test_events_reach_the_app_as_json(slack):
    body = payloads.event_callback({"type": "app_home_opened", "user": "U0BOB", "tab": "home"}, team_id=slack.team_id)
    assert slack.sender.post(body, JSON).status_code == 200
    slack.wait_for("views.publish", lambda c: c.params["user_id"] == "U0BOB")


def test_a_slow_listener_does_not_stall_other_requests(slack):
    slack.standin.inject("views.publish", Fault(delay=3))
    slack.event({"type": "app_home_opened", "user": slack.user_id, "tab": "home"})
    assert get(slack.server.url + "/healthz").status_code == 200
    answer = slack.command("/creatorops", "help")
    assert "CREATOROPS COMMANDS" in seen(answer.json()).splitlines()
    assert slack.standin.calls_to("views.publish") == []  # still busy, yet the command was answered
    slack.wait_for("views.publish", timeout=10)
