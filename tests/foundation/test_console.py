"""The local console: the same Bolt app, driven over HTTP against the stand-in, rendered as text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from slack_sdk.webhook import WebhookClient

from bot.cli import main
from bot.config import Settings
from bot.localslack.console import LocalSlack
from bot.localslack.render import mrkdwn_to_text, render_blocks

START = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def console(tmp_path):
    local = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}"), clock=lambda: START
    ).start()
    yield local
    local.stop()


def test_try_prints_the_rendered_help(offline_cli, capsys):
    assert main(["try", "/creatorops help"]) == 0
    out = capsys.readouterr().out
    assert "CREATOROPS COMMANDS" in out
    assert "/vet @handle [instagram|tiktok|youtube]" in out
    assert "(only visible to you)" in out
    assert (offline_cli / "creatorops.db").exists()  # the default local SQLite file


def test_console_shows_app_home_and_unknown_input_help(console):
    home = console.run("home")
    assert "App Home" in home and "WELCOME TO CREATOROPS" in home
    assert "I don't understand 'frob'" in console.run("frob")
    assert "There is no button 7" in console.run("click 7")


def test_a_refused_response_url_post_is_shown_not_lost(console):
    webhook = WebhookClient(console.standin.new_response_url())
    for n in range(6):
        webhook.send(text=f"reply {n}")
    shown = console.run("home")
    assert "! Slack refused a response_url post (used_url); the user sees nothing of it" in shown
    assert "reply 5" not in shown


def test_advance_moves_the_console_clock(console):
    assert console.now() == START
    assert console.run("advance 2d") == "The console's clock is now Wed 09 Jan 2030 09:00 UTC."
    assert console.now() == START + timedelta(days=2)
    assert console.run("advance 3h") == "The console's clock is now Wed 09 Jan 2030 12:00 UTC."
    assert console.run("advance 30m") == "The console's clock is now Wed 09 Jan 2030 12:30 UTC."
    assert console.run("advance soon") == "Usage: advance 2d | advance 3h | advance 30m"
    assert console.now() == START + timedelta(days=2, hours=3, minutes=30)


def test_the_console_tells_time_in_the_users_zone_as_slack_does(tmp_path):
    settings = Settings(
        _env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}", default_timezone="America/New_York"
    )
    local = LocalSlack(settings=settings, clock=lambda: START).start()
    try:
        assert local.run("advance 2d") == "The console's clock is now Wed 09 Jan 2030 04:00 EST."
    finally:
        local.stop()


def test_the_console_reads_the_wall_clock_unless_told_otherwise(tmp_path):
    local = LocalSlack(settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}"))
    with time_machine.travel(START, tick=False):
        assert local.now() == START


def test_interactive_elements_are_numbered_in_order():
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Card"}},
        {
            "type": "actions",
            "block_id": "b1",
            "elements": [
                {
                    "type": "button",
                    "action_id": "approve",
                    "value": "1",
                    "text": {"type": "plain_text", "text": "Approve"},
                },
                {
                    "type": "button",
                    "action_id": "reject",
                    "value": "1",
                    "text": {"type": "plain_text", "text": "Reject"},
                },
            ],
        },
    ]
    numbers = iter(range(1, 10))
    lines = render_blocks(blocks, lambda element, block: next(numbers))
    assert lines[-1].strip() == "[1] Approve   [2] Reject"


def test_mrkdwn_becomes_plain_text():
    assert (
        mrkdwn_to_text("*Hi* <@U1> see <https://x.io|the site> &amp; `code`")
        == "Hi @U1 see the site (https://x.io) & code"
    )


def test_code_is_shown_as_written():
    assert mrkdwn_to_text("Use `*as is* _here_ :tada:` and *bold* :tada:") == "Use *as is* _here_ :tada: and bold 🎉"


def test_a_code_block_keeps_its_own_lines_unwrapped_and_indented():
    caption = "#ad Use code _GLOW20_ &amp; save " + "very " * 30 + "much"
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": f"*Suggested caption*:\n```{caption}```\nThanks"}}]
    assert render_blocks(blocks, lambda element, block: 0) == [
        "Suggested caption:",
        "    #ad Use code _GLOW20_ & save " + "very " * 30 + "much",
        "Thanks",
    ]


def test_plain_text_is_not_read_as_mrkdwn():
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Spring *Glow* :tada:", "emoji": True}},
        {"type": "section", "text": {"type": "plain_text", "text": "<@U1> `as is` _too_"}},
    ]
    assert render_blocks(blocks, lambda element, block: 0) == [
        "",
        "SPRING *GLOW* 🎉",
        "=" * len("Spring *Glow* 🎉"),
        "<@U1> `as is` _too_",
    ]
