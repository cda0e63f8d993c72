"""`creatorops socket` as its own process, over a real WebSocket, with slack_sdk's Socket Mode client.

The process asks the Web API stand-in for a connection (apps.connections.open with the app-level token), connects
to the local Socket Mode endpoint, and answers envelopes the way Slack delivers them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.localslack import payloads
from bot.localslack.standin import SlackStandIn
from tests.harness import BOT_TOKEN, CHANNEL, TEAM, USER, seen
from tests.socket_mode import SocketModeEndpoint

APP_TOKEN = "xapp-1-A0CREATOROPS-test"  # a made-up app-level token the stand-in knows


@pytest.fixture
def socket_app(tmp_path: Path, standin: SlackStandIn) -> Iterator[SocketModeEndpoint]:
    with SocketModeEndpoint() as endpoint:
        standin.add_app_token(APP_TOKEN, endpoint.url)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("SLACK_", "YOUTUBE_", "INSTAGRAM_")) and key != "DATABASE_URL"
        }
        env.update(
            SLACK_APP_TOKEN=APP_TOKEN,
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_API_URL=standin.api_url,
            DATABASE_URL=f"sqlite:///{tmp_path / 'socket.db'}",
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "socket"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            endpoint.wait_connected(timeout=30)
            yield endpoint
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                output, _ = process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                output, _ = process.communicate()
            assert "Traceback" not in output, output


def command(standin: SlackStandIn, text: str, name: str = "/vet") -> str:
    return payloads.slash_command(
        name, text, team_id=TEAM, user_id=USER, channel_id=CHANNEL, response_url=standin.new_response_url()
    )


def test_socket_mode_connects_with_the_app_level_token(socket_app, standin):
    [opened] = standin.calls_to("apps.connections.open")
    assert opened.token == APP_TOKEN
    assert opened.answer["ok"] is True


def test_a_slash_command_is_acknowledged_with_its_answer_over_the_socket(socket_app, standin):
    envelope = socket_app.slash_command(command(standin, "", name="/creatorops"))

    ack = socket_app.wait_ack(envelope)

    assert ack["payload"]["response_type"] == "ephemeral"
    assert "/vet @handle [instagram|tiktok|youtube]" in seen(ack["payload"]).splitlines()


def test_slow_work_continues_after_the_socket_ack(socket_app, standin):
    envelope = socket_app.slash_command(command(standin, "@nina_nano_sample"))

    socket_app.wait_ack(envelope)
    [card] = standin.wait_for("chat.update", timeout=20)

    assert "@NINA_NANO_SAMPLE · INSTAGRAM · NANO" in seen(card.params).splitlines()


def test_events_arrive_over_the_socket_too(socket_app, standin):
    event = {"type": "app_home_opened", "user": USER, "channel": "D0HOME", "tab": "home", "event_ts": "1.0"}
    body = {"team_id": TEAM, "api_app_id": "A0CREATOROPS", "type": "event_callback", "event": event}
    body |= {"event_id": "Ev0SOCKET", "event_time": 1}
    envelope = socket_app.send("events_api", body, accepts_response_payload=False)

    socket_app.wait_ack(envelope)
    [home] = standin.wait_for("views.publish", timeout=20)

    assert home.params["user_id"] == USER


def test_a_bot_token_cannot_open_a_socket(standin):
    status, answer, _ = standin.handle_api("apps.connections.open", {}, BOT_TOKEN)

    assert (status, answer) == (200, {"ok": False, "error": "not_allowed_token_type"})
