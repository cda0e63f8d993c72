"""Times the app writes for people (a decision, a link's expiry) use Slack's date formatting, so each reader sees
them in their own time zone; the console shows them as a Slack client would, in its user's zone and clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.localslack.console import LocalSlack
from bot.localslack.render import mrkdwn_to_text
from bot.localslack.slack_dates import show_dates_to
from handlers.blocks.text import local_time

MOMENT = datetime(2030, 1, 9, 9, 0, tzinfo=UTC)  # 04:00 in New York


@pytest.fixture
def in_new_york():
    show_dates_to(ZoneInfo("America/New_York"), lambda: MOMENT)
    yield
    show_dates_to(UTC, lambda: datetime.now(UTC))


def test_a_time_for_people_carries_its_moment_and_a_utc_fallback():
    assert local_time(MOMENT) == f"<!date^{int(MOMENT.timestamp())}^{{date_short}} {{time}}|2030-01-09 09:00 UTC>"
    naive = datetime(2030, 1, 9, 9, 0)
    assert local_time(naive) == local_time(MOMENT)  # as read back from SQLite: stored in UTC


def test_the_console_shows_it_in_its_users_zone_with_today_and_tomorrow_against_its_clock(in_new_york):
    assert mrkdwn_to_text(f"on {local_time(MOMENT)}.") == "on Jan 9, 2030 04:00."
    pretty = "{date_short_pretty} at {time}"
    assert mrkdwn_to_text(local_time(MOMENT, pretty)) == "today at 04:00"
    assert mrkdwn_to_text(local_time(MOMENT + timedelta(days=1), pretty)) == "tomorrow at 04:00"
    assert mrkdwn_to_text(local_time(MOMENT - timedelta(days=1), pretty)) == "yesterday at 04:00"
    assert mrkdwn_to_text(local_time(MOMENT + timedelta(days=30), "{date_long} {time_secs}")) == (
        "Friday, February 8th, 2030 04:00:00"
    )
    assert mrkdwn_to_text(local_time(MOMENT, "{date_num} ({date})")) == "2030-01-09 (January 9th, 2030)"


def test_what_slack_cannot_format_shows_its_fallback(in_new_york):
    assert mrkdwn_to_text(local_time(MOMENT, "{weekday}")) == "2030-01-09 09:00 UTC"
    assert mrkdwn_to_text("<!date^999999999999^{date}|far away>") == "far away"
    linked = f"<!date^{int(MOMENT.timestamp())}^{{time}}^https://example.com|x>"
    assert mrkdwn_to_text(linked) == "04:00"


def test_a_decision_on_the_vet_card_reads_in_the_consoles_zone(tmp_path):
    console = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'c.db'}", default_timezone="Asia/Tokyo"),
        ask=lambda prompt: "",
        clock=lambda: MOMENT,
    )
    console.start()
    try:
        card = console.run("/vet @nina_nano_sample")
        approve = next(line for line in card.splitlines() if "] Approve" in line)
        number = approve.split("] Approve")[0].rsplit("[", 1)[1]
        decided = console.run(f"click {number}")
    finally:
        console.stop()
        show_dates_to(UTC, lambda: datetime.now(UTC))
    assert "Approved by" in decided and "on Jan 9, 2030 18:00" in decided  # 09:00 UTC is 18:00 in Tokyo
    assert "UTC" not in decided.split("Approved by")[1].splitlines()[0]
