from __future__ import annotations

import argparse
from datetime import UTC, datetime

import pytest
import time_machine

from bot.cli.campaigns import register_cli


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="creatorops")
    register_cli(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_due_shows_the_plan_in_local_and_utc_time(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["due", "2027-03-29 09:00", "--tz", "Europe/London", "--now", "2027-03-27T12:00"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0] == "Due: Mon 29 Mar 2027 at 09:00 (Europe/London) = 2027-03-29T08:00Z"
    assert lines[1].split() == [
        "before",
        "Sun",
        "2027-03-28",
        "09:00",
        "BST",
        "2027-03-28T08:00Z",
        "channel",
        "deliverable:before:20270328T0800Z",
    ]  # fmt: skip  (the -3d reminder was already past)
    assert lines[2].split()[0] == "due" and len(lines) == 1 + 1 + 1 + 14 + 1


def test_due_uses_the_clock_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    with time_machine.travel(datetime(2026, 12, 1, 10, tzinfo=UTC), tick=False):
        code = run(["due", "tomorrow", "--tz", "Europe/London", "--offsets=-1d,0", "--escalate", "never"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0] == "Due: Wed 2 Dec 2026, end of day (Europe/London) = 2026-12-03T00:00Z"
    assert [line.split()[0] for line in out[1:]] == ["before", "due"] + ["overdue"] * 14


def test_due_explains_unreadable_input(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["due", "someday", "--now", "2026-12-01T10:00"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("creatorops due: I couldn't read 'someday' as a due date. Try 2026-12-08,")


def test_due_explains_a_bad_policy(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["due", "tomorrow", "--offsets=-3x", "--now", "2026-12-01T10:00"])
    assert code == 2
    assert "'-3x' is not a reminder offset" in capsys.readouterr().err


def test_a_bad_offset_is_told_in_words_without_pydantics_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["due", "tomorrow", "--offsets=banana", "--now", "2026-12-01T10:00"])
    assert code == 2
    assert capsys.readouterr().err.startswith("creatorops due: 'banana' is not a reminder offset. Write offsets like")
