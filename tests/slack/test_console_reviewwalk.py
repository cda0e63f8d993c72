"""Issue 12 walked in the console as a new team would: what read wrong, and reads right now."""

from __future__ import annotations

import re

from tests.slack.test_console_campaign import fill
from tests.slack.test_console_drafts import sample_console  # noqa: F401  (the fixture)


def button(output: str, label: str) -> str:
    """The number of the last button labelled exactly `label` ("Approve", not "Approve with corrections")."""
    return re.findall(rf"\[(\d+)\] {re.escape(label)}(?=   |\n|$)", output)[-1]


def test_the_review_card_shows_the_caption_as_written_not_as_formatting(sample_console):  # noqa: F811
    console = sample_console
    console.run("/campaign draft @marco")
    caption = "Loving this *serum* from _Glow_ & ~more~ ```x``` <b>"
    card = fill(console, "", caption, "")
    assert f"Caption\n{caption}\n" in card  # not bold, not struck through, not a code block
    assert f"Fixed caption\n#ad {caption}\n" in card
    assert button(card, "Approve")


def test_help_in_the_console_and_in_slack_names_campaign_draft(sample_console):  # noqa: F811
    console = sample_console
    assert "/campaign draft @handle  submit a creator's draft for review" in console.run("help")
    listed = console.run("/creatorops help")
    assert "/campaign draft @handle\nSubmit a creator's draft (caption, media links) for review" in listed


def test_approving_a_draft_without_disclosure_says_so_in_the_thread(sample_console):  # noqa: F811
    console = sample_console
    console.run("/campaign draft @marco")
    card = fill(console, "", "Loving this serum from Glow", "")
    asked = console.run(f"click {button(card, 'Approve')}")
    approved = console.run(f"click {button(asked, 'Approve without a disclosure')}")
    assert (
        "#campaigns (in thread) CreatorOps: @U0LOCAL approved v1 of @marco_micro_sample's reel for Glow Sample, "
        "confirmed without a disclosure in the caption (the check found none)"
    ) in " ".join(approved.split())
