"""/disclosure and the "Check disclosure" message shortcut over real HTTP."""

from __future__ import annotations

import itertools
import re

from bot.cli import main
from bot.localslack import payloads
from storage.db import make_engine
from storage.workspaces import get_workspace
from tests.databases import stored
from tests.harness import seen, serve_app, single_workspace_settings


def test_check_answers_privately_with_verdict_reason_and_fixed_caption(slack):
    slack.command("/disclosure", "check Loving my new serum! #sp")
    [answer] = slack.wait_for("response_url")
    assert answer.params["response_type"] == "ephemeral"
    text = seen(answer.params)
    assert "DISCLOSURE: NEEDS WORK" in text.splitlines()
    assert "⚠️ Needs work: There is a disclosure, but it is not clear enough." in text.splitlines()
    assert "\n⚠️ '#sp' is an insufficient disclosure in the US: " in text
    assert "Suggested caption (ready to copy):\n#ad Loving my new serum!\n" in text  # as written, to copy as is


def test_option_words_change_the_rules(slack):
    slack.command("/disclosure", "check DE Mein neues Serum von @glowco #ad")
    [answer] = slack.wait_for("response_url")
    assert "\nDE rules · instagram post · " in seen(answer.params)


def test_a_connection_word_read_as_the_captions_first_word_is_said_with_how_to_give_it(slack):
    slack.command("/disclosure", "check gift Loving my new serum <!channel>")
    [answer] = slack.wait_for("response_url")
    text = seen(answer.params)
    assert "connection: none (inferred from the text)" in text  # "gift" stayed in the caption
    assert "I read gift as the caption's first word. To check with it as the connection, write /disclosure" in text
    assert "check gift -- Loving my new serum <!channel>." in " ".join(text.split())
    assert "<!channel>" not in str(answer.params["blocks"])  # escaped in the hint as everywhere

    slack.command("/disclosure", "check gift -- Loving my new serum")
    [_, answer] = slack.wait_for("response_url", count=2)
    text = seen(answer.params)
    assert "connection: gift\n" in text and "I read" not in text
    slack.command("/disclosure", "check Gift ideas for mum, no brands here")
    [_, _, answer] = slack.wait_for("response_url", count=3)
    assert "connection: none" in seen(answer.params)  # read as a caption, and said so
    assert "I read Gift as the caption's first word" in " ".join(seen(answer.params).split())


def test_the_workspace_default_jurisdiction_is_used_and_can_be_changed(slack):
    assert "Use one of US, UK" in slack.command("/disclosure", "jurisdiction Narnia").json()["text"]
    slack.command("/disclosure", "jurisdiction")
    [current] = slack.wait_for("response_url")
    assert current.params["text"].startswith("This workspace checks disclosures against US rules by default.")
    slack.command("/disclosure", "jurisdiction uk")
    confirmation = slack.wait_for("response_url", count=2)[-1]
    assert "UK rules by default" in confirmation.params["text"]
    slack.command("/disclosure", "check Thanks @glowco for my gifted serum #gifted")
    answer = slack.wait_for("response_url", count=3)[-1]
    assert "\nUK rules · instagram post · " in seen(answer.params)


def test_message_shortcut_checks_the_message_without_reading_options_from_it(slack):
    message = {"type": "message", "user": "U0CREATOR", "text": "Use code GLOW20 for 20% off! tiktok", "ts": "1.1"}
    body = payloads.message_shortcut(
        "check_disclosure",
        message,
        team_id=slack.team_id,
        user_id=slack.user_id,
        channel_id=slack.channel_id,
        response_url=slack.standin.new_response_url(),
    )
    assert slack.sender.post(body).status_code == 200
    [answer] = slack.wait_for("response_url")
    text = seen(answer.params)
    assert "DISCLOSURE: MISSING" in text.splitlines()
    # "tiktok" in someone's message is part of the caption, not an option
    assert "\nUS rules · instagram post · " in text


def test_usage_when_there_is_nothing_to_check(slack):
    assert "Usage: `/disclosure check <caption>`" in slack.command("/disclosure", "").json()["text"]
    assert "Paste the caption after `check`" in slack.command("/disclosure", "check").json()["text"]


def test_try_shows_needs_work_with_reason_and_fixed_caption(offline_cli, capsys):
    assert main(["try", "/disclosure check Loving my new serum! #sp"]) == 0
    out = capsys.readouterr().out
    assert "DISCLOSURE: NEEDS WORK" in out
    assert "insufficient disclosure in the US" in out
    assert "#ad Loving my new serum!" in out


def test_a_new_workspace_whose_first_command_sets_the_jurisdiction_keeps_the_other_defaults(sqlite_url, standin):
    settings = single_workspace_settings(sqlite_url, default_timezone="Europe/London", default_platform="tiktok")
    with serve_app(settings, make_engine(sqlite_url), standin) as slack:
        slack.command("/disclosure", "jurisdiction DE")
        slack.wait_for("response_url")
        workspace = stored(slack.services.engine, get_workspace, slack.team_id)

    assert (workspace.default_jurisdiction, workspace.default_timezone, workspace.default_platform) == (
        "DE",
        "Europe/London",
        "tiktok",
    )


def shortcut_on(slack, text: str) -> str:  # type: ignore[no-untyped-def]
    """*Check disclosure* on a message with `text`, as Slack sends it."""
    message = {"type": "message", "user": "U0CREATOR", "text": text, "ts": "1.2"}
    return payloads.message_shortcut(
        "check_disclosure",
        message,
        team_id=slack.team_id,
        user_id=slack.user_id,
        channel_id=slack.channel_id,
        response_url=slack.standin.new_response_url(),
    )


def test_a_huge_message_sent_to_the_shortcut_is_refused_with_the_limit(slack):
    # Half a megabyte: as much as fits under the server's 1 MiB body cap once wrapped in the shortcut's payload
    # (Slack itself keeps a message's text under 40,000 characters).
    body = shortcut_on(slack, "a1" * 250_000)
    assert slack.sender.post(body).status_code == 200
    [answer] = slack.wait_for("response_url")
    assert answer.params["response_type"] == "ephemeral"
    assert answer.params["text"] == (
        "That caption is 500,000 characters; I check up to 10,000 (the longest caption any platform allows is "
        "5,000). Paste the caption itself."
    )


def test_an_over_long_command_caption_is_refused_with_the_limit(slack):
    slack.command("/disclosure", "check " + "word " * 2_001)  # 10,004 characters once the command is trimmed
    [answer] = slack.wait_for("response_url")
    assert answer.params["text"].startswith("That caption is 10,004 characters; I check up to 10,000 ")


def test_a_request_over_the_body_cap_is_refused_before_anything_reads_it(slack):
    body = shortcut_on(slack, "a1" * 524_288)
    assert slack.sender.post(body).status_code == 413
    assert slack.standin.calls_to("response_url") == []


# A 3,000-character caption (Instagram allows 2,200, TikTok 4,000), with an escape every few words.
LONG_CAPTION = ("Loving the R&D team's new <serum> & toner combo " * 70)[:2990].rstrip() + " #sp"


def test_a_3000_character_caption_gets_its_card_with_the_suggestion_cut_between_words(slack):
    assert 2990 <= len(LONG_CAPTION) <= 3000
    slack.command("/disclosure", f"check {LONG_CAPTION}")

    [answer] = slack.wait_for("response_url")

    assert answer.status == 200  # Slack took the card
    shown = seen(answer.params)
    assert "DISCLOSURE: NEEDS WORK" in shown.splitlines()
    after = shown.split("Suggested caption (ready to copy):\n", 1)[1].splitlines()
    suggestion = " ".join(itertools.takewhile(lambda line: line and not line.startswith("  "), after))  # unwrapped
    assert suggestion.endswith("…")
    kept = suggestion.removesuffix("…")
    assert ("#ad " + LONG_CAPTION).startswith(kept)  # what is shown is the fixed caption's start, unbroken
    assert ("#ad " + LONG_CAPTION)[len(kept)] == " "  # and it stops between words
    for block in answer.params["blocks"]:
        text = (block.get("text") or {}).get("text", "")
        assert len(text) <= 3000
        assert not re.search(r"&[a-z]{0,3}(?![a-z;])", text)  # no escape cut short, as in "&am…"


def test_a_caption_with_backticks_and_stars_is_suggested_as_written(slack):
    slack.command("/disclosure", "check Loving my *new* serum ```so good``` #sp")
    [answer] = slack.wait_for("response_url")
    shown = seen(answer.params)
    assert "Suggested caption (ready to copy):\n#ad Loving my *new* serum ```so good```\n" in shown
