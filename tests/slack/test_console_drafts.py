"""In the console, on the sample campaign: a draft without #ad gets a `missing` card with the fixed caption;
changes are requested with a reason; v2 with #ad arrives in the same thread and is approved."""

from __future__ import annotations

import re

import pytest

from bot.config import Settings
from bot.localslack.console import LocalSlack
from tests.slack.test_console_campaign import START, button, fill


@pytest.fixture
def sample_console(tmp_path):
    answers: list[str] = []
    local = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}"),
        ask=lambda prompt: answers.pop(0) if answers else "",
        clock=lambda: START,
        sample_campaign=True,
    )
    local.answers = answers
    local.start()
    yield local
    local.stop()


def test_draft_changes_then_v2_approved_in_the_console(sample_console):
    console = sample_console
    opened = console.run("/campaign draft @marco")
    assert "Submit a draft" in opened and "#3 @marco_micro_sample · Instagram reel · due " in opened
    assert "· Draft due ·" in opened  # which deliverable: its number, platform, kind and date
    v1 = fill(console, "", "Loving this serum from Glow, link in bio", "https://drive.example.com/v1.mp4")
    assert "#campaigns  CreatorOps:" in v1 and "DRAFT V1: @MARCO_MICRO_SAMPLE" in v1
    assert "❌ Disclosure: missing" in v1
    assert "Fixed caption\n#ad Loving this serum from Glow, link in bio" in v1
    assert "Switch on: the Paid partnership label when posting." in v1

    form = console.run(f"click {button(v1, 'Request changes')}")
    assert "Reasons (optional): <choose: Disclosure, Brand claims, Product shown wrong, Tone, Other>" in form
    sent_back = fill(console, "disclosure", "Put #ad at the start")
    assert "@U0LOCAL sent back for changes: disclosure — “Put #ad at the start”" in sent_back
    assert (
        "#campaigns (in thread)  CreatorOps:\n@U0LOCAL sent v1 of @marco_micro_sample's reel for Glow Sample back for"
        " changes (disclosure):\n>Put #ad at the start"
    ) in sent_back

    console.run("/campaign draft @marco")
    v2 = fill(console, "", "#ad Loving this serum from Glow, link in bio", "")
    assert "#campaigns (in thread)  CreatorOps:" in v2 and "DRAFT V2: @MARCO_MICRO_SAMPLE" in v2
    assert "Revision rounds: 1 of 2 used." in v2
    approve = re.findall(r"\[(\d+)\] Approve   ", v2)[-1]  # not "Approve with corrections"
    approved = console.run(f"click {approve}")
    assert "@U0LOCAL approved v2 of @marco_micro_sample's reel for Glow Sample" in approved
    shown = console.run("/campaign show glow")
    assert "@marco_micro_sample (instagram) · a reel · Approved" in shown


def test_a_deliverable_is_picked_by_part_of_its_handle_as_slacks_menu_narrows_while_typing(sample_console):
    console = sample_console
    opened = console.run("/campaign draft @")  # every deliverable waiting for a draft: a menu to pick from
    assert "#3 @marco_micro_sample · Instagram reel" in opened and "#5 @tariq_tiktok_sample · TikTok video" in opened
    assert "type more of one of: #3 @marco_micro_sample" in fill(console, "sample", "#ad Hi", "")  # matches both
    card = fill(console, "tariq", "#ad Trying the Glow serum, link in bio", "")
    assert "DRAFT V1: @TARIQ_TIKTOK_SAMPLE" in card
