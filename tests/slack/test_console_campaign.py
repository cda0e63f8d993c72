"""The issue's walk-through in the local console: a campaign, three creators, time passing, reminder buttons."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.config import Settings
from bot.localslack.console import CHANNEL, TEAM, USER, LocalSlack
from bot.localslack.standin import Fault
from bot.services.campaigns import CampaignForm, create_campaign

START = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)  # a Monday; London is on GMT, so its times read as UTC


@pytest.fixture
def console(tmp_path):
    answers: list[str] = []
    local = LocalSlack(
        settings=Settings(
            _env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}", default_timezone="Europe/London"
        ),
        ask=lambda prompt: answers.pop(0) if answers else "",  # unanswered fields keep what is pre-filled
        clock=lambda: START,
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


def headlines(output: str) -> list[str]:
    """The first line of every reminder the console showed, in order."""
    return [line for line in output.splitlines() if line.startswith("⏰")]


def test_campaign_with_three_creators_reminds_as_time_passes_and_buttons_work(console):
    assert "New campaign" in console.run("/campaign new")
    created = fill(console, "Spring Glow", "", "", "", "3000", "", "", "UK", "")
    assert created == (
        "#campaigns  CreatorOps:\n"
        "@U0LOCAL created the campaign Spring Glow (2030-01-07 → 2030-02-06, 3,000.00 USD, deadlines in\n"
        "Europe/London; approvers: @U0LOCAL). Add creators with /campaign add @handle."
    )

    added = {}
    for handle, due in (("glowwithmia", "in 3 days"), ("tariq.films", "in 5 days"), ("nina.eats", "in 10 days")):
        assert "Add a creator" in console.run(f"/campaign add @{handle}")
        added[handle] = fill(console, "", "", "", "reel", "", due, "400", "", "", "")
    assert added["glowwithmia"] == (
        "#campaigns  CreatorOps:\n"
        "@U0LOCAL added to Spring Glow: @glowwithmia (instagram) · a reel · Invited · Due in 3 days\n"
        "Deadline: end of Thu 10 Jan 2030 (Europe/London)\n"
        "Reminders are planned 3 days and 1 day before, at the deadline, and daily once overdue."
    )
    assert "@tariq.films (instagram) · a reel · Invited · Due in 5 days" in added["tariq.films"]
    assert "Deadline: end of Sat 12 Jan 2030 (Europe/London)" in added["tariq.films"]
    assert "@nina.eats (instagram) · a reel · Invited · Due in 10 days" in added["nina.eats"]
    assert "Deadline: end of Thu 17 Jan 2030 (Europe/London)" in added["nina.eats"]

    out = console.run("advance 2d")
    assert out == (  # each message says when it came; then where the clock stopped
        "[Mon 07 Jan 10:00 GMT] #campaigns  CreatorOps:\n"
        "⏰ Due in 3 days: @glowwithmia's reel for Spring Glow\n"
        "@glowwithmia (instagram) owes a reel for Spring Glow.\n"
        "Deadline: end of Thu 10 Jan 2030 (Europe/London).\n"
        "Now: invited, waiting on the creator.\n"
        "  [1] Submit draft   [2] pick a date (2030-01-10)   [3] Snooze 1 day\n"
        "  Campaign Spring Glow · deliverable #1\n"
        "\n"
        "The console's clock is now Wed 09 Jan 2030 09:00 GMT."
    )

    out = console.run("advance 1d")
    assert out.endswith("\nThe console's clock is now Thu 10 Jan 2030 09:00 GMT.")
    assert headlines(out) == [  # a whole-day deadline's reminders came at 10:00 local, not at midnight
        "⏰ Due tomorrow, end of day (Europe/London): @glowwithmia's reel for Spring Glow",
        "⏰ Due in 3 days: @tariq.films's reel for Spring Glow",
    ]
    # tariq.films's (glowwithmia's go-live disclosure reminder came too, the day before its deadline)
    assert button(out, "Snooze 1 day") == "10"
    assert "📣 Going live tomorrow, but no draft is approved yet. @glowwithmia's Instagram reel" in out
    assert (
        console.run("click 10")
        == "(only visible to you)\nSnoozed: the next reminder comes Fri 11 Jan 2030 at 10:00 (Europe/London)."
    )

    out = console.run("advance 3d")
    assert out.endswith("\nThe console's clock is now Sun 13 Jan 2030 09:00 GMT.")
    arrivals = re.findall(r"^\[(\w{3} \d\d \w{3} \d\d:\d\d) GMT\] #campaigns", out, re.MULTILINE)
    assert arrivals == [  # the time each came, in the order they came
        "Thu 10 Jan 10:00",
        "Fri 11 Jan 10:00",
        "Fri 11 Jan 10:00",
        "Fri 11 Jan 10:00",  # tariq.films's go-live disclosure reminder, the day before
        "Sat 12 Jan 10:00",
        "Sat 12 Jan 10:00",
    ]
    assert headlines(out) == [  # the clock stopped at each reminder's moment: on time, in order, none late
        "⏰ Due today, end of day (Europe/London): @glowwithmia's reel for Spring Glow",  # Thu 10:00
        "⏰ 1 day overdue: @glowwithmia's reel for Spring Glow",  # Fri 10:00
        # The snooze, a day on, takes the place of its -1d planned that day anyway: once, not twice.
        "⏰ Due tomorrow, end of day (Europe/London): @tariq.films's reel for Spring Glow",  # Fri 10:00
        "⏰ 2 days overdue: @glowwithmia's reel for Spring Glow",  # Sat 10:00
        "⏰ Due today, end of day (Europe/London): @tariq.films's reel for Spring Glow",  # Sat 10:00
    ]
    assert "Delayed" not in out
    assert "  [24] Submit draft   [25] pick a date (2030-01-12)   [26] Snooze 1 day" in out.splitlines()
    assert console.run("click 25 2030-01-15") == (
        "#campaigns  CreatorOps:\n"
        "@U0LOCAL moved @tariq.films's deadline to end of Tue 15 Jan 2030 (Europe/London); reminders are\n"
        "planned again."
    )

    shown = console.run("/campaign show spring")
    assert shown == (
        "(only visible to you)\n"
        "\n"
        "SPRING GLOW\n"
        "===========\n"
        "  #C0LOCAL · Europe/London · owner @U0LOCAL · approvers @U0LOCAL\n"
        "Money · Spend $1,200 of $3,000 budget · paid $0 · $1,800 left\n"
        "@glowwithmia (instagram): fee $400 · paid $0\n"
        "@tariq.films (instagram): fee $400 · paid $0\n"
        "@nina.eats (instagram): fee $400 · paid $0\n"
        "🚨 Overdue (1)\n"
        "@glowwithmia (instagram) · a reel · Invited · 3 days overdue\n"
        "Deadline: end of Thu 10 Jan 2030 (Europe/London)\n"
        "  [27] Accepted   [28] Drop   [29] Edit   [30] Copy creator link\n"
        "----------------------------------------\n"
        "📅 Coming up (2)\n"
        "@tariq.films (instagram) · a reel · Invited · Due in 2 days\n"
        "Deadline: end of Tue 15 Jan 2030 (Europe/London)\n"
        "  [31] Accepted   [32] Drop   [33] Edit   [34] Copy creator link\n"
        "@nina.eats (instagram) · a reel · Invited · Due in 4 days\n"
        "Deadline: end of Thu 17 Jan 2030 (Europe/London)\n"
        "  [35] Accepted   [36] Drop   [37] Edit   [38] Copy creator link\n"
        "----------------------------------------"
    )
    assert console.run("click 35") == (  # nina.eats's
        "(replaces the message above)\n"
        "\n"
        "SPRING GLOW\n"
        "===========\n"
        "  #C0LOCAL · Europe/London · owner @U0LOCAL · approvers @U0LOCAL\n"
        "Money · Spend $1,200 of $3,000 budget · paid $0 · $1,800 left\n"
        "@glowwithmia (instagram): fee $400 · paid $0\n"
        "@tariq.films (instagram): fee $400 · paid $0\n"
        "@nina.eats (instagram): fee $400 · paid $0\n"
        "🚨 Overdue (1)\n"
        "@glowwithmia (instagram) · a reel · Invited · 3 days overdue\n"
        "Deadline: end of Thu 10 Jan 2030 (Europe/London)\n"
        "  [39] Accepted   [40] Drop   [41] Edit   [42] Copy creator link\n"
        "----------------------------------------\n"
        "📅 Coming up (2)\n"
        "@tariq.films (instagram) · a reel · Invited · Due in 2 days\n"
        "Deadline: end of Tue 15 Jan 2030 (Europe/London)\n"
        "  [43] Accepted   [44] Drop   [45] Edit   [46] Copy creator link\n"
        "@nina.eats (instagram) · a reel · Accepted · Due in 4 days\n"
        "Deadline: end of Thu 17 Jan 2030 (Europe/London)\n"
        "  [47] Brief sent: draft due   [48] Drop   [49] Edit   [50] Copy creator link\n"
        "----------------------------------------\n"
        "\n"
        "#campaigns  CreatorOps:\n"
        "@U0LOCAL moved a deliverable to accepted: @nina.eats (instagram) · a reel · Accepted · Due in 4 days\n"
        "Deadline: end of Thu 17 Jan 2030 (Europe/London)"
    )


def test_with_150_campaigns_the_console_picks_campaign_150_by_typing_its_name(console):
    for n in range(1, 151):
        form = CampaignForm(
            name=f"Campaign {n}",
            channel_id=CHANNEL,
            owner_user_id=USER,
            start_date=START.date(),
            end_date=date(2030, 3, 31),
            timezone="Asia/Tokyo" if n == 150 else "UTC",
        )
        create_campaign(console.services.uow(), TEAM, form, created_by=USER)

    opened = console.run("/campaign add @mia")
    assert "│   Campaign: <type to search: Type part of its name>" in opened.splitlines()

    assert fill(console, "aign 14") == (
        "Campaign: type more of the name: Campaign 149, Campaign 148, Campaign 147, Campaign 146, Campaign 145, "
        "Campaign 144, Campaign 143, Campaign 142, Campaign 141, Campaign 140. Type `fill` to try again."
    )
    added = fill(console, "Campaign 150", "", "", "", "", "2030-01-20 17:00")
    assert added.splitlines()[:3] == [
        "#campaigns  CreatorOps:",
        "@U0LOCAL added to Campaign 150: @mia (instagram) · a post · Invited · Due in 13 days",
        "Deadline: Sun 20 Jan 2030 at 17:00 (Asia/Tokyo)",
    ]


LONGEST_NAME = ("R&D <Glow> " * 10)[:99] + "!"  # 100 characters, the most a campaign name may have, & and < too
LONGEST_HANDLE = "a." * 49 + "ok"  # 100 characters, the most a handle may have


def test_the_longest_campaign_name_and_handle_show_whole_in_every_card(console):
    assert len(LONGEST_NAME) == len(LONGEST_HANDLE) == 100
    fill_new = console.run("/campaign new")
    assert "New campaign" in fill_new
    fill(console, LONGEST_NAME, "", "", "", "", "", "", "", "")
    console.run(f"/campaign add @{LONGEST_HANDLE}")
    added = fill(console, "", "", "", "reel", "", "in 3 days")

    shown = {
        "added": added,
        "list": console.run("/campaign list"),
        "show": console.run(f"/campaign show {LONGEST_NAME[:20]}"),
        "home": console.run("home"),
        "reminder": console.run("advance 1d"),
    }

    refused = [(c.method, c.answer) for c in console.standin.calls if c.status != 200 or not c.answer.get("ok", True)]
    assert refused == []
    squeezed = lambda text: re.sub(r"[\s│]+", "", text)  # noqa: E731 - the console wraps long lines, even in a word
    for card, output in shown.items():
        assert squeezed(LONGEST_NAME) in squeezed(output) or squeezed(LONGEST_NAME.upper()) in squeezed(output), card
        assert card == "list" or squeezed(f"@{LONGEST_HANDLE}") in squeezed(output), card


def test_a_reminder_checked_after_a_503_waits_on_the_console_clock_for_slacks_minute(console):
    """The reminder's post landed but answered 503; under 20 later messages, finding it takes two history pages,
    and Slack allows one read a minute: the check waits for the second page on the console's clock, not the wall
    clock, and is not posted again meanwhile."""
    console.run("/campaign new")
    fill(console, "Spring Glow", "", "", "", "3000", "", "", "UK", "")
    console.run("/campaign add @glowwithmia")
    fill(console, "", "", "", "reel", "", "in 3 days", "400", "", "", "")
    console.standin.inject("chat.postMessage", Fault(status=503, applied=True))
    answer = console.standin.handle_api

    def the_team_chats_right_after_the_503(method: str, params: dict, token: str | None) -> tuple[int, dict, dict]:
        status, body, headers = answer(method, params, token)
        if method == "chat.postMessage" and status == 503:  # within the lease of the post that landed
            for n in range(20):
                console.standin.add_message(CHANNEL, f"chatter {n}")
        return status, body, headers

    console.standin.handle_api = the_team_chats_right_after_the_503  # type: ignore[method-assign]
    console.run("advance 1d")  # the reminder 3 days before lands but answers 503; it is looked for before a repost
    history = console.standin.calls_to("conversations.history")
    assert [call.status for call in history] == [200, 429]  # the first page, then Slack's minute
    console.run("advance 1m")
    reminders = [m for m in console.standin.messages[CHANNEL] if m.get("metadata")]
    assert len(reminders) == 1
    assert [call.status for call in console.standin.calls_to("conversations.history")] == [200, 429, 200]
    assert console.now() == START + timedelta(days=1, minutes=1)  # the console's clock waited Slack's minute


def test_stars_in_a_campaigns_name_do_not_break_its_bold_in_the_list_or_the_messages(console):
    console.run("/campaign new")
    created = fill(console, "Spring *Launch* <!here>", "", "", "", "3000", "", "", "UK", "")
    assert "@U0LOCAL created the campaign Spring ∗Launch∗ <!here> (2030-01-07" in created
    listed = console.run("/campaign list")
    assert "Spring ∗Launch∗ <!here> · #C0LOCAL · 0 open deliverables" in listed
    assert "*Spring" not in listed and "Launch*" not in listed
    sent = [c.params.get("text", "") for c in console.standin.calls if c.method == "chat.postMessage"]
    assert any("*Spring ∗Launch∗ &lt;!here&gt;*" in text for text in sent)  # bold, escaped, the stars look-alikes
