"""/campaign digest over real HTTP: its owner and approvers set when results digests go out; others are told who
may; the answer says when the next one comes, in the campaign's time zone."""

from __future__ import annotations

from datetime import date

from bot.services.campaigns import CampaignForm, create_campaign
from tests.harness import USER


def make_campaign(slack, name: str = "R&D <Glow>") -> None:
    form = CampaignForm(
        name=name,
        channel_id=slack.channel_id,
        owner_user_id=USER,
        start_date=date(2030, 1, 7),
        end_date=date(2030, 1, 31),
        timezone="America/New_York",
    )
    create_campaign(slack.services.uow(), slack.team_id, form, created_by=USER)


def answer(slack, text: str, user_id: str = USER) -> str:
    before = len(slack.standin.calls_to("response_url"))
    assert slack.command("/campaign", text, user_id=user_id).status_code == 200
    return slack.wait_for("response_url", count=before + 1)[-1].params["text"]


def test_the_owner_moves_the_weekly_digest_and_is_told_when_the_next_one_comes(slack):
    make_campaign(slack)
    assert answer(slack, "digest r&d fri 17:30") == (
        "Results digests of *R&amp;D &lt;Glow&gt;* now go out every Friday at 17:30, and a final report after the "
        "end (America/New_York); next: the weekly digest on Fri 11 Jan 2030 at 17:30."
    )
    assert answer(slack, "digest R&D <Glow>") == (
        "Results digests of *R&amp;D &lt;Glow&gt;* go out every Friday at 17:30, and a final report after the "
        "end (America/New_York); next: the weekly digest on Fri 11 Jan 2030 at 17:30."
    )
    assert answer(slack, "digest r&d off") == (
        "Results digests of *R&amp;D &lt;Glow&gt;* now go out only as a final report after the end, with no weekly "
        "digest (America/New_York); next: the final report on Fri 1 Feb 2030 at 09:00."
    )
    assert answer(slack, "digest r&d none") == (
        "Results digests of *R&amp;D &lt;Glow&gt;* are now off: no weekly digest and no final report."
    )
    assert answer(slack, "digest r&d") == (
        "Results digests of *R&amp;D &lt;Glow&gt;* are off: no weekly digest and no final report."
    )


def test_someone_else_is_refused_and_a_missing_name_or_time_says_what_to_type(slack):
    make_campaign(slack, "Spring")
    refused = answer(slack, "digest spring off", user_id="U0STRANGER")
    assert refused.startswith("Only the campaign's owner and approvers can change when its digests go out.")
    assert answer(slack, "digest spring monday 9am") == (
        "I can't read 'monday 9am' as when the digests of *Spring* go out.\nUsage: `/campaign digest <name> monday"
        " 09:00` (a weekday and a time), `off` (the final report only) or `none`."
    )
    assert answer(slack, "digest spring someday").startswith("I can't read 'someday' as when the digests of *Spring*")
    assert answer(slack, "digest autumn off").startswith("No campaign matches 'autumn'.")
    assert "write monday, tue, wednesday" in answer(slack, "digest spring someday 09:00")
    assert slack.command("/campaign", "digest").json()["text"].startswith("Which campaign? `/campaign digest <name>")
