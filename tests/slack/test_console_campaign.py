"""The issue's walk-through in the local console: a campaign, three creators, time passing, reminder buttons."""

from __future__ import annotations

import re

import pytest

from bot.config import Settings
from bot.localslack.console import LocalSlack


@pytest.fixture
def console(tmp_path):
    answers: list[str] = []
    local = LocalSlack(
        settings=Settings(
            _env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}", default_timezone="Europe/London"
        ),
        ask=lambda prompt: answers.pop(0) if answers else "",  # unanswered fields keep what is pre-filled
    )
    local.answers = answers
    local.start()
    yield local
    local.stop()


def fill(console: LocalSlack, *answers: str) -> str:
    console.answers[:] = list(answers)
    return console.run("fill")


def button(output: str, label: str) -> str:
    """The number the console gave the last button with this label."""
    return re.findall(rf"\[(\d+)\] {re.escape(label)}", output)[-1]


def test_campaign_with_three_creators_reminds_as_time_passes_and_buttons_work(console):
    assert "New campaign" in console.run("/campaign new")
    created = fill(console, "Spring Glow", "", "", "", "3000", "", "", "UK", "")
    assert "created the campaign Spring Glow" in created

    for handle, due in (("glowwithmia", "in 3 days"), ("tariq.films", "in 5 days"), ("nina.eats", "in 10 days")):
        assert "Add a creator" in console.run(f"/campaign add @{handle}")
        added = fill(console, "", "", "", "reel", "", due, "400", "", "", "")
        assert f"added to Spring Glow: @{handle}" in added

    out = console.run("advance 2d")
    assert "clock is now" in out
    assert "Due in 3 days: @tariq.films's reel" in out or "@glowwithmia" in out
    assert "Delayed" not in out  # the clock stopped at each reminder's moment

    out = console.run("advance 1d")
    assert "Due tomorrow, end of day" in out or "Due today" in out
    snoozed = console.run(f"click {button(out, 'Snooze 1 day')}")
    assert "Snoozed: the next reminder comes" in snoozed

    out = console.run("advance 3d")
    assert "overdue" in out
    extend = re.findall(r"\[(\d+)\] pick a date", out)[-1]
    moved = console.run(f"click {extend} 2030-01-15")
    assert "deadline to end of Tue 15 Jan 2030 (Europe/London)" in moved

    shown = console.run("/campaign show spring")
    assert "SPRING GLOW" in shown and "@nina.eats" in shown
    accepted = console.run(f"click {button(shown, 'Accepted')}")
    assert "moved a deliverable to accepted" in accepted
