"""In the console, on the sample campaign: a draft submitted, three days pass, and its approvers are nudged in
the draft's thread (and the channel), then the owner by DM; the board says how long it has waited; nothing is
approved for them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.localslack.console import LocalSlack
from tests.consoles import local_console
from tests.slack.test_console_campaign import button

MONDAY = datetime(2030, 1, 7, 14, 0, tzinfo=UTC)  # 09:00 in New York, the sample campaign's zone


@pytest.fixture
def console(tmp_path):
    def ask(prompt: str) -> str:
        return "#ad Trying the Glow serum" if prompt.startswith("Caption") else ""

    with local_console(tmp_path, MONDAY, ask=ask, sample_campaign=True) as local:
        yield local


def test_advance_3d_after_draft_submitted_on_the_sample_campaign_shows_the_nudge(console):
    board = console.run("/campaign show glow")
    form = console.run(f"click {button(board, 'Draft submitted')}")  # a draft is content: its form opens
    assert "Submit a draft" in form and "@tariq_tiktok_sample · TikTok video" in form
    submitted = console.run("fill")
    assert "DRAFT V1: @TARIQ_TIKTOK_SAMPLE" in submitted and "#ad Trying the Glow serum" in submitted

    out = console.run("advance 3d")  # to Thu 10 Jan: the SLA (2 business days) passed on Wednesday 09:00
    assert (
        "⌛ @U0LOCAL @tariq_tiktok_sample's video for Glow Sample has waited 2 business days for review (SLA 2\n"
        "business days; in review since Mon 7 Jan 2030 at 09:00 (America/New_York)). Decide on v1's review\n"
        "card in #C0LOCAL or with its buttons below: it is never approved without you."
    ) in out
    assert out.count("has waited 2 business days for review") == 1
    assert "#campaigns (in thread, also sent to the channel)  CreatorOps:\n⌛ @U0LOCAL" in out  # under v1's card
    assert "#D0LOCAL  CreatorOps:\n⌛ @tariq_tiktok_sample's video for Glow Sample still waits: it has waited 3" in out

    shown = console.run("/campaign show glow")
    assert "Draft submitted · Due in" in shown
    assert (
        "waiting for review 3\nbusiness days (SLA 2)" in shown or "waiting for review 3 business days (SLA 2)" in shown
    )
    assert "decide on v1's review card in #C0LOCAL" in shown
    assert "] Approve" not in shown  # decided on the draft's card, with its version and reasons


def test_a_draft_that_came_in_as_content_is_decided_on_its_card_and_the_board_and_nudges_say_so(tmp_path):
    answers = iter(["", "Love the Glow serum, link in bio", "https://drive.example.com/v1.mp4"])
    local = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}"),
        ask=lambda prompt: next(answers, ""),
        clock=lambda: MONDAY,
        sample_campaign=True,
    )
    local.start()
    try:
        local.run("/campaign draft @marco_micro_sample")
        card = local.run("fill")
        assert "DRAFT V1: @MARCO_MICRO_SAMPLE" in card and "[3] Request changes" in card

        out = " ".join(local.run("advance 3d").split())
        assert (
            "⌛ @U0LOCAL @marco_micro_sample's reel for Glow Sample has waited 2 business days for review (SLA 2 "
            "business days; in review since Mon 7 Jan 2030 at 09:00 (America/New_York)). Decide on v1's review "
            "card in #C0LOCAL or with its buttons below: it is never approved without you."
        ) in out
        assert "It is not approved automatically: the approvers decide on v1's review card in #C0LOCAL." in out
        nudge = out.split("⌛ @U0LOCAL")[1].split("review nudge")[0]
        assert "] Drop" not in nudge  # no bare move under a "please decide"
        # The card's own buttons, as on the card: a click here decides v1 as a click there does.
        assert re.findall(r"\] ([A-Z][a-z ]+?)(?=\s+\[|\s+Campaign)", nudge) == [
            "Approve",
            "Approve with corrections",
            "Request changes",
        ]

        board = local.run("/campaign show glow")
        marco = board.split("@marco_micro_sample (instagram) · a reel · Draft submitted")[1].split("@tariq")[0]
        assert "decide on v1's review card in #C0LOCAL" in " ".join(marco.split())
        # no Approve or Request changes that would only be refused: the card has them, with the version
        assert "Approve" not in marco and "Request changes" not in marco and "] Drop" in marco

        # Approve on the nudge: the card's checks and its update, as a click on the card.
        approve = re.findall(r"\[(\d+)\] Approve\b", nudge)[0]
        asked = local.run(f"click {approve}")  # as on the card: a caption with no disclosure is confirmed first
        assert "⚠️ The check found no disclosure in v1. Approve it anyway only if" in asked
        approved = local.run(f"click {button(asked, 'Approve without a disclosure')}")
        assert "(message updated)\n\nDRAFT V1: @MARCO_MICRO_SAMPLE" in approved  # the review card itself
        assert "@U0LOCAL approved v1 of @marco_micro_sample's reel for Glow Sample" in approved
    finally:
        local.stop()


def test_after_changes_on_a_draft_that_came_in_as_content_the_board_asks_for_the_next_version_as_content(tmp_path):
    answers = iter(["", "Love the Glow serum, link in bio", "", "Disclosure", "Put #ad first"])
    local = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}"),
        ask=lambda prompt: next(answers, ""),
        clock=lambda: MONDAY,
        sample_campaign=True,
    )
    local.start()
    try:
        local.run("/campaign draft @marco_micro_sample")
        card = local.run("fill")
        local.run(f"click {button(card, 'Request changes')}")
        assert "sent back for changes: disclosure" in local.run("fill")

        board = local.run("/campaign show glow")
        marco = board.split("@marco_micro_sample (instagram) · a reel · Changes requested")[1].split("@tariq")[0]
        assert "v2 comes in with /campaign draft @marco_micro_sample or the button below" in " ".join(marco.split())
        form = local.run(f"click {button(marco, 'Revised draft submitted')}")  # the draft form, not a bare move
        assert "Submit a draft" in form and "#3 @marco_micro_sample · Instagram reel · due " in form
        assert "· Changes requested" in form
    finally:
        local.stop()
