"""In the console, as a new team: the add-creator form warns before saving, keeps a draft due date beside the
go-live date, and *Drop* asks first and can be undone."""

from __future__ import annotations

import json
import re

from tests.slack.test_console_campaign import button, console, fill

__all__ = ["console"]  # the fixture, shared with the walk-through


def drop_buttons(console) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every Drop button the app sent, as Slack received it."""
    found = []
    for call in console.standin.calls:
        blocks = call.params.get("blocks")
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks or []
        for block in blocks:
            found += [e for e in block.get("elements", []) if e.get("type") == "button" and e["text"]["text"] == "Drop"]
    return found


def new_campaign(console) -> None:  # type: ignore[no-untyped-def]
    console.run("/campaign new")
    fill(console, "Spring Glow", "", "", "", "3000", "", "", "UK", "")  # 7 Jan to 6 Feb 2030, London


def test_the_add_form_warns_before_saving_and_shows_both_dates(console):
    new_campaign(console)
    console.run("/campaign add @mia")
    refused = fill(console, "", "", "", "short", "", "in 3 days", "400")
    assert "Deliverable: Instagram has no 'short'; on instagram a deliverable is one of: post, reel, story, live." in (
        refused.replace("\n", " ")
    )

    late = fill(console, "", "", "", "reel", "", "2030-02-20", "400", "", "", "", "in 3 days")
    assert "Go-live date: The go-live date (Wed 20 Feb 2030) is after Spring Glow ends (2030-02-06)." in late.replace(
        "\n", " "
    )
    assert "Checks: Worth a second look (see above). Tick Save anyway to add it as it is." in late.replace("\n", " ")

    saved = fill(console, "", "", "", "reel", "", "2030-02-20", "400", "", "", "", "in 3 days", "", "Save anyway")
    assert saved.splitlines()[1:3] == [
        "@U0LOCAL added to Spring Glow: @mia (instagram) · a reel · Invited · Draft due in 3 days",
        "Draft due: end of Thu 10 Jan 2030 (Europe/London) · Go live: end of Wed 20 Feb 2030 (Europe/London)",
    ]


def test_drop_asks_for_confirmation_and_undo_puts_it_back(console):
    new_campaign(console)
    console.run("/campaign add @mia")
    fill(console, "", "", "", "reel", "", "in 3 days", "400")
    shown = console.run("/campaign show spring")
    [drop] = drop_buttons(console)
    confirm = drop["confirm"]
    assert (confirm["title"]["text"], confirm["confirm"]["text"], confirm["deny"]["text"], confirm["style"]) == (
        "Drop this deliverable?",
        "Drop it",
        "Keep it",
        "danger",
    )
    assert confirm["text"] == {
        "type": "plain_text",
        "text": "@mia's reel leaves the plan and its reminders stop. You can undo it for 24 hours.",
    }

    dropped = console.run(f"click {button(shown, 'Drop')}")
    assert "@U0LOCAL dropped a deliverable: @mia (instagram) · a reel · Dropped" in dropped.replace("\n", " ")
    undone = console.run(f"click {button(dropped, 'Undo')}")
    assert "@U0LOCAL undid the drop: @mia (instagram) · a reel · Invited · Due in 3 days" in undone.replace("\n", " ")
    assert "Its reminders are planned again." in undone

    dropped = console.run(f"click {button(console.run('/campaign show spring'), 'Drop')}")
    console.run("advance 2d")
    too_late = console.run(f"click {button(dropped, 'Undo')}")
    assert "more than a day ago: too late to undo" in too_late.replace("\n", " ")


def test_every_warning_of_the_add_form_is_read_in_full_under_its_own_field(console):
    new_campaign(console)
    console.run("/vet @bella_bought_sample")
    console.run("/campaign add @bella_bought_sample")
    late = fill(console, "", "", "", "", "", "2030-02-20").replace("\n", " ")
    assert re.search(
        r"Creator handle: The last /vet of @bella_bought_sample \(\d{4}-\d\d-\d\d\) said Avoid: 3 signals fail: "
        r"follower growth, fake followers, audience reachability\. ",
        late,
    )
    assert "Go-live date: The go-live date (Wed 20 Feb 2030) is after Spring Glow ends (2030-02-06)." in late
    assert "Checks: Worth a second look (see above). Tick Save anyway to add it as it is." in late
    assert "…" not in late
