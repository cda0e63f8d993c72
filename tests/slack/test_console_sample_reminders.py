"""In the console, on the sample campaign as a new user first sees it: what its reminders say and offer."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tests.consoles import local_console

TUESDAY = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)  # 02:30 in New York, the sample campaign's zone


@pytest.fixture
def console(tmp_path):
    with local_console(tmp_path, TUESDAY, sample_campaign=True) as local:
        yield local


def arrivals(output: str, headline: str) -> list[str]:
    """When each message starting with `headline` came (UTC, as the console prints it)."""
    pattern = rf"^\[(\w{{3}} \d\d \w{{3}} \d\d:\d\d) UTC\] #campaigns  CreatorOps:\n{re.escape(headline)}"
    return re.findall(pattern, output, re.MULTILINE)


def test_a_snooze_clicked_at_night_comes_once_in_working_hours_not_beside_the_next_reminder(console):
    out = console.run("advance 2d")  # to Thu 3 Dec 07:30 UTC: the "Due in 3 days" reminders came Wed 17:00 local
    first_snooze = re.findall(r"\[(\d+)\] Snooze 1 day", out)[0]
    assert "⏰ Due in 3 days: @marco_micro_sample's reel for Glow Sample" in out
    # A day after 02:30 is no time to post; Friday 17:00 is when its "1 day before" comes anyway: that one it is.
    assert console.run(f"click {first_snooze}") == (
        "(only visible to you)\nSnoozed: the next reminder comes Fri 4 Dec 2026 at 17:00 (America/New_York)."
    )

    out = console.run("advance 3d")
    tomorrow = "⏰ Due tomorrow at 17:00 (America/New_York): @marco_micro_sample's reel"
    assert arrivals(out, tomorrow) == ["Fri 04 Dec 22:00"]  # once, at 17:00 New York
    assert arrivals(out, "⏰ Due now: @marco_micro_sample's reel") == ["Sat 05 Dec 22:00"]


def test_the_go_live_reminder_before_any_draft_says_it_is_not_ready_and_offers_no_mark_posted(console):
    out = console.run("advance 4d")  # to Sat 5 Dec: the go-live reminders came Fri 17:00 local, a day before
    tariq = out.split("📣 Going live tomorrow, but no draft is approved yet. @tariq_tiktok_sample's")[1]
    tariq = tariq.split("deliverable #5")[0]
    assert " ".join(tariq.split()).startswith(
        "TikTok video for Glow Sample goes live Sat 5 Dec 2026 at 17:00 (America/New_York). ⚠️ Not ready to post: "
        "no approved draft yet (now: draft due). Get it in and approved first, or move the go-live date (Edit on "
        "its card in /campaign show Glow Sample). The disclosure it will need, what @tariq_tiktok_sample does:"
    )
    assert "Mark posted" not in tariq and "] Submit draft" in tariq
    assert "Going live tomorrow: the disclosure" not in out  # nothing in the sample is approved yet
