"""`creatorops worker`, the scheduler process, run as a real process against the Slack stand-in."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from slack_sdk.oauth.installation_store import Installation

from storage.slack_stores import installation_store
from tests.reminders.factories import make_campaign, make_deliverables, plan

CREATOROPS = Path(sys.executable).with_name("creatorops")
CLIENT_ID = "1111.2222"


def test_the_worker_process_posts_a_due_reminder_with_the_token_of_its_workspace_installed_by_oauth(
    database_url, engine, standin, tmp_path
):
    token = f"xoxb-{secrets.token_hex(8)}"
    standin.add_workspace("T0OAUTH", token)
    installation_store(CLIENT_ID, engine).save(
        Installation(app_id="A0APP", team_id="T0OAUTH", bot_token=token, bot_user_id="U0BOT", user_id="U0ADMIN")
    )
    campaign = make_campaign(engine, team_id="T0OAUTH", name="Autumn Drop", channel="C0AUTUMN")
    now = datetime.now(UTC)
    [deliverable] = make_deliverables(engine, campaign, now + timedelta(days=1), 1, team_id="T0OAUTH")
    plan(engine, campaign, deliverable, [now - timedelta(minutes=1)], team_id="T0OAUTH")
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("SLACK_")},
        "DATABASE_URL": database_url,
        "SLACK_API_URL": standin.api_url,
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": secrets.token_hex(16),
        "SLACK_SIGNING_SECRET": secrets.token_hex(16),
    }
    worker = subprocess.Popen(
        [str(CREATOROPS), "worker"], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        [call] = standin.wait_for("chat.postMessage", timeout=30)
    finally:
        worker.kill()
        worker.wait()
    assert call.token == token
    assert call.params["channel"] == "C0AUTUMN"
    assert "@glowwithmia's reel for Autumn Drop" in call.params["text"]
