"""Drafts over real HTTP: in through /campaign draft and the Submit-as-draft shortcut, checked before review, a
review card per version in the deliverable's thread, decisions by the right people on the latest version only."""

from __future__ import annotations

import copy
import json

from bot.campaigns.states import DeliverableState
from bot.localslack import payloads
from bot.review.models import Decision
from storage import drafts as draft_store
from storage.campaigns import campaign_deliverables, find_campaign
from tests.databases import stored
from tests.harness import seen
from tests.slack.test_campaign_flow import add_creator, create_campaign, open_modal

APPROVER = "U0APPROVER"
HOSTILE = "Loving the serum <!channel> <script>alert(1)</script> &amp; more"


def card_posts(slack) -> list:
    return [c for c in slack.standin.calls_to("chat.postMessage") if c.params.get("text", "").startswith("Draft v")]


def submit_draft(slack, caption: str, links: str = "", *, handle: str = "glowwithmia", count: int | None = None):
    view = open_modal(slack, f"draft @{handle}")
    before = len(card_posts(slack))
    response = slack.submit(view, {"caption": caption, "links": links})
    assert response.status_code == 200 and not response.content, response.text
    slack.wait_for("chat.postMessage", lambda c: c.params.get("text", "").startswith("Draft v"), count=before + 1)
    return card_posts(slack)[-1]


def message_of(slack, call) -> dict:
    """The posted card as the channel shows it now (after any chat.update)."""
    ts = call.answer["ts"]
    return next(m for m in slack.standin.messages[slack.channel_id] if m["ts"] == ts)


def state_of(slack) -> DeliverableState:
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring")
    [context] = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))
    return context.deliverable.state


def setup(slack) -> None:
    create_campaign(slack, approvers=[APPROVER])
    add_creator(slack, "glowwithmia")


def test_a_draft_through_the_command_gets_its_check_before_the_buttons_and_shows_a_hostile_caption_inert(slack):
    setup(slack)
    view = open_modal(slack, "draft @glowwithmia")
    assert "Deliverable: <choose: #1 @glowwithmia · Instagram reel · due Feb 10 · Invited · Spring Glow" in seen(view)
    card = submit_draft(slack, HOSTILE, "https://drive.example.com/v1.mp4")
    shown = seen(card.params["blocks"])
    assert "DRAFT V1: @GLOWWITHMIA" in shown
    assert "❌ Disclosure: missing" in shown
    assert "Switch on: the Paid partnership label when posting." in shown
    assert "Revision rounds: 0 of 2 used." in shown
    lines = shown.splitlines()
    buttons = next(i for i, line in enumerate(lines) if "Approve with corrections" in line)
    assert buttons == len(lines) - 1 and lines.index("Fixed caption") < buttons  # the check, THEN the buttons
    raw = json.dumps(card.params["blocks"])
    assert "<!channel>" not in raw and "<script>" not in raw
    assert "&lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; more" in raw
    assert state_of(slack) is DeliverableState.draft_submitted  # from invited, through accepted and draft due


def test_a_hostile_media_link_is_shown_inert_on_the_card(slack):
    setup(slack)
    card = submit_draft(slack, "#ad Loving the serum", "https://drive.example.com/v1|<!channel>*x*")
    raw = json.dumps(card.params["blocks"])
    assert "<!channel>" not in raw
    sections = [b["text"]["text"] for b in card.params["blocks"] if b["type"] == "section"]
    media = next(text for text in sections if text.startswith("*Media*"))
    # one link: the address with its | encoded, the label escaped, so it neither pings nor ends the link early
    assert (
        media
        == "*Media* <https://drive.example.com/v1%7C&lt;!channel&gt;*x*|https://drive.example.com/v1|&lt;!channel&gt;*x*>"
    )


def test_a_caption_of_10000_characters_is_cut_within_slacks_limits(slack):
    setup(slack)
    card = submit_draft(slack, ("word " * 2000).strip())
    sections = [b["text"]["text"] for b in card.params["blocks"] if b["type"] == "section"]
    assert all(len(text) <= 3000 for text in sections)
    assert "*Caption*" in sections  # then the caption, as written and cut
    assert any(text.startswith("word word") and text.endswith("…") for text in sections)


def test_a_non_approver_is_refused_and_a_missing_disclosure_is_approved_only_when_confirmed(slack):
    setup(slack)
    card = submit_draft(slack, "Loving the serum, link in bio")
    slack.click(message_of(slack, card), "review_approve")  # the owner is no approver: the campaign names one
    refused = slack.wait_for("response_url", lambda c: "Only this campaign's approvers" in c.params.get("text", ""))
    assert "Ask <@U0APPROVER>." in refused[-1].params["text"]

    slack.sender.post(slack.click_body(message_of(slack, card), "review_approve", user_id=APPROVER))
    [asked] = slack.wait_for("response_url", lambda c: "found no disclosure in v1" in c.params.get("text", ""))
    assert state_of(slack) is DeliverableState.draft_submitted
    slack.sender.post(slack.click_body(asked.params, "review_approve_confirmed", user_id=APPROVER))
    slack.wait_for("chat.postMessage", lambda c: "approved v1" in c.params.get("text", ""))
    assert state_of(slack) is DeliverableState.approved
    updated = seen(message_of(slack, card))
    assert "@U0APPROVER approved (confirmed without a disclosure in the caption)" in updated
    assert "[1] Approve" not in updated  # decided: no buttons
    [version] = stored(slack.services.engine, draft_store.draft_history, slack.team_id, 1)
    assert [(d.decision, d.actor, d.confirmed_missing_disclosure) for d in version.decisions] == [
        (Decision.approved, APPROVER, True)
    ]


def test_changes_with_reasons_then_v2_in_the_same_thread_and_the_old_card_refuses(slack):
    setup(slack)
    v1 = submit_draft(slack, "Loving the serum, link in bio")
    stale = copy.deepcopy(message_of(slack, v1))  # as a client that has not refreshed still shows it
    slack.sender.post(slack.click_body(stale, "review_changes", user_id=APPROVER))
    [opened] = slack.wait_for("views.open", lambda c: c.answer["view"]["callback_id"] == "review_changes")
    modal = opened.answer["view"]
    assert "Reasons (optional): <choose: Disclosure, Brand claims, Product shown wrong, Tone, Other>" in seen(modal)
    response = slack.submit(modal, {"reasons": ["disclosure", "tone"], "note": "Put #ad first"}, user_id=APPROVER)
    assert response.status_code == 200 and not response.content
    said = slack.wait_for("chat.postMessage", lambda c: "back for changes" in c.params.get("text", ""))
    assert said[-1].params["thread_ts"] == v1.answer["ts"]
    assert said[-1].params["text"].startswith(f"<@{APPROVER}> sent v1 of @")
    assert " back for changes (disclosure, tone):\n>Put #ad first" in said[-1].params["text"]
    assert state_of(slack) is DeliverableState.changes_requested

    v2 = submit_draft(slack, "#ad Loving the serum, link in bio")
    assert v2.params["thread_ts"] == v1.answer["ts"]  # the history reads top to bottom in one thread
    assert "Revision rounds: 1 of 2 used." in seen(v2.params["blocks"])
    slack.wait_for("chat.update", lambda c: c.params["ts"] == v1.answer["ts"], count=2)  # v2's card is recorded
    slack.sender.post(slack.click_body(stale, "review_approve", user_id=APPROVER))
    [refused] = slack.wait_for("response_url", lambda c: "This is v1, and v2 is the latest" in c.params.get("text", ""))
    [link] = slack.standin.calls_to("chat.getPermalink")
    assert link.params["message_ts"] == v2.answer["ts"]  # the pointer lands on v2's card
    assert refused.params["text"].endswith(f"in the same thread. <{link.answer['permalink']}|Open v2's card>")
    assert state_of(slack) is DeliverableState.draft_submitted
    slack.sender.post(slack.click_body(message_of(slack, v2), "review_approve", user_id=APPROVER))
    slack.wait_for("chat.postMessage", lambda c: "approved v2" in c.params.get("text", ""))
    assert state_of(slack) is DeliverableState.approved


def test_a_new_version_before_a_decision_takes_the_old_cards_buttons_away(slack):
    setup(slack)
    v1 = submit_draft(slack, "Loving the serum, link in bio")
    submit_draft(slack, "#ad Loving the serum, link in bio")
    slack.wait_for("chat.update", lambda c: c.params["ts"] == v1.answer["ts"])
    shown = seen(message_of(slack, v1))
    assert "Superseded: v2 is the latest, in this thread." in shown and "Approve" not in shown


def test_the_revision_limit_offers_another_round_to_approvers_only(slack):
    setup(slack)
    for round_ in (1, 2):
        card = submit_draft(slack, "#ad Loving the serum")
        slack.sender.post(slack.click_body(message_of(slack, card), "review_changes", user_id=APPROVER))
        modal = slack.wait_for(
            "views.open", lambda c: c.answer["view"]["callback_id"] == "review_changes", count=round_
        )
        slack.submit(modal[-1].answer["view"], {"reasons": ["tone"]}, user_id=APPROVER)
        said = f"sent v{round_} of"
        slack.wait_for("chat.postMessage", lambda c, said=said: said in c.params.get("text", ""))
    third = submit_draft(slack, "#ad Loving the serum")
    shown = seen(third.params["blocks"])
    assert "Revision rounds: all 2 used: changes can only be requested after allowing another round." in shown
    assert "Allow another round" in shown and "Request changes" not in shown

    slack.click(message_of(slack, third), "review_another_round")  # the owner: not an approver here
    slack.wait_for("response_url", lambda c: "Only this campaign's approvers can allow" in c.params.get("text", ""))
    slack.sender.post(slack.click_body(message_of(slack, third), "review_another_round", user_id=APPROVER))
    slack.wait_for(
        "chat.postMessage", lambda c: "allowed another revision round (3 in all)" in c.params.get("text", "")
    )
    updated = seen(message_of(slack, third))
    assert "Revision rounds: 2 of 3 used." in updated and "Request changes" in updated


def test_the_shortcut_brings_the_messages_text_links_and_files(slack):
    setup(slack)
    message = {
        "type": "message",
        "user": "U0CREATOR",
        "ts": "1700000000.000100",
        "text": "Here is my draft caption: Glow all day with <@U0MIA|mia> &amp; <@U0BEN> "
        "<https://drive.example.com/cut1.mp4|cut 1>",
        "files": [{"id": "F0CUT2", "name": "cut2.mov", "permalink": "https://files.example.com/F0CUT2"}],
    }
    body = payloads.message_shortcut(
        "submit_draft",
        message,
        team_id=slack.team_id,
        user_id=slack.user_id,
        channel_id=slack.channel_id,
        response_url=slack.standin.new_response_url(),
    )
    assert slack.sender.post(body).status_code == 200
    view = slack.wait_for("views.open", lambda c: c.answer["view"]["callback_id"] == "draft_submit")[-1].answer["view"]
    shown = seen(view)
    # The caption reads as the message did: mentions as @names, a link as its label, no Slack escapes.
    caption = "Here is my draft caption: Glow all day with @mia & @U0BEN cut 1"
    assert f"Caption (optional): <plain text input [{caption}]>" in shown
    assert "Links to the media (optional): <plain text input [https://drive.example.com/cut1.mp4]>" in shown
    assert slack.submit(view, {}).status_code == 200  # as pre-filled, the one deliverable picked
    slack.wait_for("chat.postMessage", lambda c: c.params.get("text", "").startswith("Draft v1"))
    card = seen(card_posts(slack)[-1].params["blocks"])
    assert "from a message (Submit as draft)" in " ".join(card.split())
    assert "cut2.mov" in card and "https://drive.example.com/cut1.mp4" in card
    assert f"Caption\n{caption}\n" in card


def test_a_creator_with_nothing_waiting_is_told_what_to_type(slack):
    setup(slack)
    slack.command("/campaign", "draft @nobody")
    slack.wait_for("response_url", lambda c: "@nobody has no deliverable waiting for a draft" in c.params["text"])


def test_two_steps_set_in_the_edit_modal_brand_then_legal(slack):
    setup(slack)
    edit = open_modal(slack, "edit spring")
    assert "Tags and handles every caption needs (optional): <plain text input>" in seen(edit)
    response = slack.submit(edit, {"required_tags": "#GlowCo  @glowco", "legal_approvers": ["U0LEGAL"]})
    assert response.status_code == 200 and not response.content, response.text
    slack.wait_for("chat.postMessage", lambda c: "required tags none → #GlowCo @glowco" in c.params.get("text", ""))

    card = submit_draft(slack, "#ad Loving the serum #GlowCo")
    shown = seen(card.params["blocks"])
    assert "The brief asks for @glowco in the caption; it is not there." in shown
    assert "Fixed caption\n#ad Loving the serum #GlowCo @glowco" in shown
    assert "Waiting for the brand review by @U0APPROVER." in shown
    slack.sender.post(slack.click_body(message_of(slack, card), "review_approve", user_id=APPROVER))
    slack.wait_for("chat.postMessage", lambda c: "Next: the legal review by <@U0LEGAL>" in c.params.get("text", ""))
    assert state_of(slack) is DeliverableState.draft_submitted
    slack.wait_for("chat.update", lambda c: "Waiting for the legal review" in json.dumps(c.params.get("blocks")))
    assert "@U0APPROVER approved (brand)" in seen(message_of(slack, card))

    slack.sender.post(slack.click_body(message_of(slack, card), "review_approve", user_id=APPROVER))
    slack.wait_for("response_url", lambda c: "the legal review is next" in c.params.get("text", ""))
    slack.sender.post(slack.click_body(message_of(slack, card), "review_approve", user_id="U0LEGAL"))
    slack.wait_for("chat.postMessage", lambda c: "<@U0LEGAL> approved v1" in c.params.get("text", ""))
    assert state_of(slack) is DeliverableState.approved


def test_approving_with_corrections_a_version_without_disclosure_needs_the_box_ticked(slack):
    setup(slack)
    card = submit_draft(slack, "Loving the serum")
    slack.sender.post(slack.click_body(message_of(slack, card), "review_corrections", user_id=APPROVER))
    modal = slack.wait_for("views.open", lambda c: c.answer["view"]["callback_id"] == "review_corrections")[-1]
    view = modal.answer["view"]
    refused = slack.submit(view, {"note": "Add #ad at the start"}, user_id=APPROVER)
    assert "Tick this to approve a caption without a disclosure" in refused.text
    done = slack.submit(view, {"note": "Add #ad at the start", "confirm": ["confirmed"]}, user_id=APPROVER)
    assert done.status_code == 200 and not done.content
    said = slack.wait_for("chat.postMessage", lambda c: "with corrections" in c.params.get("text", ""))
    assert said[-1].params["text"].startswith(f"<@{APPROVER}> approved v1 of @")
    assert " with corrections, confirmed without a disclosure" in said[-1].params["text"]
    assert ":\n>Add #ad at the start" in said[-1].params["text"]
    [version] = stored(slack.services.engine, draft_store.draft_history, slack.team_id, 1)
    [decision] = version.decisions
    assert (decision.decision, decision.note, decision.confirmed_missing_disclosure) == (
        Decision.approved_with_corrections,
        "Add #ad at the start",
        True,
    )
