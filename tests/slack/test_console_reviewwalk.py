"""Issue 12 walked in the console as a new team would: what read wrong, and reads right now."""

from __future__ import annotations

from tests.slack.test_console_campaign import button, fill
from tests.slack.test_console_drafts import sample_console  # noqa: F401  (the fixture)


def test_the_review_card_shows_the_caption_as_written_not_as_formatting(sample_console):  # noqa: F811
    console = sample_console
    console.run("/campaign draft @marco")
    caption = "Loving this *serum* from _Glow_ & ~more~ ```x``` <b>"
    card = fill(console, "", caption, "")
    assert f"Caption\n{caption}\n" in card  # not bold, not struck through, not a code block
    assert f"Fixed caption\n#ad {caption}\n" in card
    assert button(card, "Approve")
