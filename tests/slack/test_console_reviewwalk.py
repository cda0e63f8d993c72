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


def test_fill_refuses_what_slacks_form_refuses_and_keeps_the_modal_open(sample_console):  # noqa: F811
    console = sample_console
    console.run("/campaign draft @marco")
    too_long = fill(console, "", "x" * 3001, "")
    assert too_long == ("Caption: keep it to 3,000 characters at most (this is 3,001). Type `fill` to try again.")
    card = fill(console, "", "Loving this serum", "")  # the same modal, still open
    form = console.run(f"click {button(card, 'Approve with corrections')}")
    assert "Corrections the creator makes before posting: <plain text input>" in form
    assert fill(console, "") == (
        "Corrections the creator makes before posting: this field is required. Type `fill` to try again."
    )


def test_the_draft_form_says_which_deliverable_when_a_creator_has_several(sample_console):  # noqa: F811
    console = sample_console
    console.run("/campaign add @marco_micro_sample")
    added = fill(console, "", "", "", "story", "2", "in 4 days", "", "", "", "", "in 2 days", "", "save")
    assert "(2 items, each tracked on its own)" in added and "Draft due: end of Wed 9 Jan 2030" in added
    opened = console.run("/campaign draft @marco")
    assert "#6 @marco_micro_sample · Instagram story · draft due Jan 9 · Invited" in opened
    assert "#7 @marco_micro_sample · Instagram story · draft due Jan 9 · Invited" in opened
    assert "#3 @marco_micro_sample · Instagram reel · due Jan 12 · Draft due" in opened
    card = fill(console, "#7", "#ad A story for Glow", "")
    assert "@marco_micro_sample's story for Glow Sample" in card
    board = console.run("/campaign show glow")
    assert board.count("· a story · Draft submitted") == 1 and board.count("· a story · Invited") == 1


def test_a_draft_due_after_go_live_is_shown_under_the_draft_due_field(sample_console):  # noqa: F811
    console = sample_console
    console.run("/campaign add @newbie")
    refused = fill(console, "", "", "", "reel", "1", "in 4 days", "", "", "", "", "in 6 days", "", "")
    assert refused == (
        "Please fix:\n"
        "  Draft due: The draft would be due after the go-live date (in 6 days is later than in 4 days): give a "
        "draft due date on or before it."
    )
    assert "Go-live date:" not in refused
    added = fill(console, "", "", "", "reel", "1", "in 4 days", "", "", "", "", "in 2 days", "", "")
    assert "@U0LOCAL added to Glow Sample: @newbie (instagram) · a reel · Invited · Draft due in 2 days" in added


def test_editing_a_deliverable_to_a_draft_due_after_go_live_says_so_under_draft_due(sample_console):  # noqa: F811
    console = sample_console
    board = console.run("/campaign show glow")
    tariq = board.split("@tariq_tiktok_sample (tiktok) · a video · Draft due")[1]
    console.run(f"click {button(tariq, 'Edit')}")
    refused = fill(console, "", "", "jan 10", "jan 11", "")
    assert refused == (
        "Please fix:\n  Draft due: the draft would be due after the go-live date; give a draft due date before it"
    )


def test_the_issues_done_when_walk_and_mark_posted_keeps_the_form_open_on_another_creators_post(
    sample_console,  # noqa: F811
):
    console = sample_console
    console.run("/campaign draft @marco")
    v1 = fill(console, "", "Loving this serum from Glow", "")
    assert "❌ Disclosure: missing" in v1 and "Fixed caption\n#ad Loving this serum from Glow\n" in v1
    console.run(f"click {button(v1, 'Request changes')}")
    assert "sent back for changes: disclosure" in fill(console, "disclosure", "Put #ad first")
    console.run("/campaign draft @marco")
    v2 = fill(console, "", "#ad Loving this serum from Glow", "")
    assert "approved v2" in console.run(f"click {button(v2, 'Approve')}")

    later = console.run("advance 5d")
    approved, reminder = [m for m in later.split("\n\n") if "📣" in m and "deliverable #3" in m]
    assert approved.startswith("[Mon 07 Jan 09:00 UTC] #campaigns  CreatorOps:\n📣 Approved: now the disclosure.")
    assert reminder.startswith("[Fri 11 Jan 22:00 UTC] #campaigns  CreatorOps:\n📣 Going live tomorrow")
    assert "Switch on Instagram's Paid partnership label" in " ".join(reminder.split())

    console.run(f"click {button(reminder, 'Mark posted')}")
    wrong_platform = fill(console, "https://www.tiktok.com/@marco_micro_sample/video/123")
    assert wrong_platform == (
        "Please fix:\n  Link to the post: That is a TikTok link, but this deliverable is on Instagram: paste the "
        "post's link from www.instagram.com."
    )
    someone_elses = fill(console, "https://www.instagram.com/reel/NINA_q1/")  # nina's post, recorded already
    assert someone_elses == (
        "Please fix:\n  Link to the post: That post is already recorded as @nina_nano_sample's reel on Glow Sample: "
        "paste the link of @marco_micro_sample's own post."
    )
    live = fill(console, "https://www.instagram.com/reel/abcDEF123/")  # the same form, still open
    assert "🎉 @U0LOCAL marked it live: @marco_micro_sample (instagram) · a reel · Live" in live

    pack = console.run("/campaign evidence glow @marco")
    assert "uploaded file evidence-glow-sample-marco-micro-sample-instagram.md" in pack
    text = console.run("files 1")
    assert "> #ad Loving this serum from Glow" in text
    assert "**Live post:** https://www.instagram.com/reel/abcDEF123/" in text
