"""In the console: the reminder schedule changed with /campaign edit, then time passes; each reminder of the new
schedule comes once, none of the old one is left behind, and the money reads the same on the board."""

from __future__ import annotations

from tests.slack.test_console_campaign import button, console, fill, headlines

__all__ = ["console"]  # the fixture, shared with the walk-through


def test_an_edited_schedule_reminds_as_planned_once_each(console):
    console.run("/campaign new")
    fill(console, "Spring Glow", "", "", "", "3000", "", "", "UK", "")
    console.run("/campaign add @glowwithmia")
    fill(console, "", "", "", "reel", "", "in 5 days", "400", "", "", "")  # end of Sat 12 Jan

    opened = console.run("/campaign edit spring")
    assert "│   Reminders: <plain text input [-3d, -1d, 0, +1d]>" in opened.splitlines()
    assert "│   Results digest in the channel: <plain text input [monday 09:00]>" in opened.splitlines()
    # Budget, start, end, attribution days, approvers as they are; new reminders; no DM to the owner.
    changed = fill(console, "", "", "", "", "", "-2d, 0, +2d", "never", "")
    assert changed == (
        "#campaigns  CreatorOps:\n"
        "@U0LOCAL changed Spring Glow: reminders -3d, -1d, 0, +1d → -2d, 0, +2d, owner DM when overdue by +3d\n"
        "→ never. Reminders of 1 open deliverable follow the new schedule."
    )

    out = console.run("advance 9d")  # to Wed 16 Jan 09:00
    assert headlines(out) == [  # a date alone is due at the end of the day; its reminders come at 10:00
        "⏰ Due in 2 days: @glowwithmia's reel for Spring Glow",  # -2d: Thu 10 Jan, 10:00
        "⏰ Due today, end of day (Europe/London): @glowwithmia's reel for Spring Glow",  # 0: Sat 12 Jan, 10:00
        "⏰ 2 days overdue: @glowwithmia's reel for Spring Glow",
        "⏰ 3 days overdue: @glowwithmia's reel for Spring Glow",  # then daily, as before
    ]
    assert "Delayed" not in out and "as the owner of" not in out  # none late, no DM to the owner

    shown = console.run("/campaign show spring")
    assert "Money · Spend $400 of $3,000 budget · paid $0 · $2,600 left" in shown.splitlines()
    assert "@glowwithmia (instagram): fee $400 · paid $0" in shown.splitlines()
    assert button(shown, "Accepted")
