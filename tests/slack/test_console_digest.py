"""In the console, time brings the sample campaign's results digests to its channel: `advance 7d` shows the first
(it says it is the first), the next week's says what changed, the day after the end brings the final report."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot.localslack.console import TEAM
from bot.services.results import import_metrics
from tests.consoles import local_console

START = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # Mon 23 Nov, 07:00 in New York: the sample runs 1–30 Nov


@pytest.fixture
def console(tmp_path):
    with local_console(tmp_path, START, sample_campaign=True) as local:
        yield local


NINA_ON_THE_25TH = (
    "handle,platform,post_url,observed_at,views,likes,comments,shares,saves,reach,impressions,link_clicks,source\n"
    "nina_nano_sample,instagram,https://www.instagram.com/reel/NINA_q1/,2026-11-25T00:00:00Z,9800,850,90,40,60,"
    "8700,13500,98,creator\n"
)


def digests_in(output: str) -> list[str]:
    """Each digest the console showed: from its header to the line that says as of when."""
    return re.findall(r"GLOW SAMPLE · (?:WEEKLY DIGEST|FINAL REPORT)\n.*?Results as of [^\n]*", output, re.DOTALL)


def test_advancing_a_week_brings_the_sample_campaigns_digest_then_the_next_and_the_final_report(console):
    assert console.run("/campaign digest glow") == (
        "(only visible to you)\n"
        "Results digests of Glow Sample go out every Monday at 09:00, and a final report after the end\n"
        "(America/New_York); next: the weekly digest on Mon 23 Nov 2026 at 09:00."
    )

    [first] = digests_in(console.run("advance 7d"))
    assert first.startswith("GLOW SAMPLE · WEEKLY DIGEST\n")
    assert "• Spend $3,730 of $5,000 Paid $2,300" in first
    assert "Since the last digest\n• First digest of this campaign: the next ones say what changed since the" in first
    assert first.endswith("Results as of 23 Nov 2026, 09:00 (America/New_York)")

    # the team imports nina's numbers of the 25th (as `creatorops metrics import` would)
    import_metrics(console.services.uow(), TEAM, "glow", NINA_ON_THE_25TH)
    weekly, final = digests_in(console.run("advance 7d"))
    assert (
        "Since the last digest\n"
        "• Views +1,156 (now 66,904)\n"
        "• Engagements +247 (now 5,586)\n"
        "• Link clicks +12 (now 668)\n"
        "• @nina_nano_sample: +1,156 views, +247 engagements, +12 link clicks\n"
    ) in weekly
    assert weekly.endswith("Results as of 30 Nov 2026, 09:00 (America/New_York)")
    assert final.startswith("GLOW SAMPLE · FINAL REPORT\n")
    assert "• Nothing changed since the last digest (Mon 30 Nov)." in final
    assert final.endswith("Results as of 1 Dec 2026, 09:00 (America/New_York)")
