"""`fill` with stdin exhausted (a one-shot `try` with nothing piped): a clear message, not a traceback, and no form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.localslack.console import CONSOLE_HELP, LocalSlack

START = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def console(tmp_path):
    answers: list[str] = []

    def ask(prompt: str) -> str:
        if not answers:
            raise EOFError("EOF when reading a line")  # what input() raises when stdin has ended
        return answers.pop(0)

    local = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}"),
        ask=ask,
        clock=lambda: START,
    )
    local.answers = answers
    local.start()
    yield local
    local.stop()


def test_fill_without_answers_says_where_they_come_from_and_submits_nothing(console):
    console.run("/campaign new")
    out = console.run("fill")
    assert "fill reads its answers from stdin, one line per field; they ran out at 'Name' (0 came before it)." in out
    assert "Nothing was submitted; the modal is still open." in out
    assert console.modal is not None


def test_fill_keeps_the_modal_open_when_answers_run_out_midway_then_takes_them_next_time(console):
    console.run("/campaign new")
    console.answers[:] = ["Spring Glow"]
    out = console.run("fill")
    assert "they ran out at 'Channel for reminders' (1 came before it)" in out
    assert "created the campaign" not in out
    console.answers[:] = ["Spring Glow", *[""] * 10]
    assert "created the campaign Spring Glow" in console.run("fill")


def test_console_help_says_how_fill_takes_its_answers():
    assert "reads\n                           the answers from stdin, one line per field" in CONSOLE_HELP
