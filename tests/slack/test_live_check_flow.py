"""The live caption check over real HTTP: *Mark posted* reads the caption from Instagram (the recorded answer) and
answers in the thread; *Verify* on a failing check asks a person to confirm they looked and records who; the
report in the channel lists the compliance exception."""

from __future__ import annotations

import copy

import httpx
import respx

from bot.sources.instagram import GRAPH_API, GRAPH_VERSION
from bot.sources.registry import CreatorSources, SourceConfig
from storage.campaigns import campaign_deliverables, transitions
from tests.databases import stored
from tests.harness import seen
from tests.slack.test_campaign_flow import add_creator, create_campaign, walk
from tests.sources.recording import recorded

IG_USER_ID = "17841400000000001"
IG_POST = "https://www.instagram.com/p/DxOy1bAimCa/"
DISCOVERY = f"{GRAPH_API}/{GRAPH_VERSION}/{IG_USER_ID}"
NO_LABEL = "Rye & caraway, the Sunday loaf <b>with</b> *dark* rye ```from``` the mill, code LENA10"


def discovery_with(caption: str) -> httpx.Response:
    """The recorded business discovery answer, with IG_POST's caption as the creator left it."""
    exchange = copy.deepcopy(recorded("instagram_business_discovery_ok"))
    [post] = [m for m in exchange["body"]["business_discovery"]["media"]["data"] if m["permalink"] == IG_POST]
    post["caption"] = caption
    return httpx.Response(exchange["status"], headers=exchange["headers"], json=exchange["body"])


def button(action_id: str, value: str) -> dict:
    return {
        "ts": "1.1",
        "blocks": [
            {
                "type": "actions",
                "block_id": "r",
                "elements": [{"type": "button", "action_id": action_id, "value": value}],
            }
        ],
    }


def test_mark_posted_checks_the_live_caption_and_verify_asks_for_a_person(slack):
    slack.services.sources = CreatorSources(
        SourceConfig(instagram_account_id=IG_USER_ID, instagram_access_token="EAAGtestTOKEN000000000000ZZ")
    )
    create_campaign(slack, approvers=["U0APPROVER"])
    add_creator(slack, "lenaloafs", kind="post")
    campaign_row = stored(slack.services.engine, campaign_deliverables, slack.team_id, 1)
    campaign = campaign_row[0].campaign
    context = walk(slack, campaign, ("accepted", "draft_due", "draft_submitted"), actor="U0CREATOR")
    walk(slack, campaign, ("approved",), actor="U0APPROVER")
    deliverable = str(context.deliverable.id)

    with respx.mock(assert_all_called=True) as platform:
        platform.route(host="127.0.0.1").pass_through()
        platform.get(DISCOVERY).mock(return_value=discovery_with(NO_LABEL))
        opened = len(slack.standin.calls_to("views.open"))
        slack.click(button("deliverable_mark_posted", deliverable), "deliverable_mark_posted")
        modal = slack.wait_for("views.open", count=opened + 1)[-1].answer["view"]
        submitted = slack.submit(modal, {"url": IG_POST})
        assert submitted.status_code == 200 and not submitted.content, submitted.content
        [live] = slack.wait_for("chat.postMessage", lambda c: "marked it live" in c.params.get("text", ""))
        [answer] = slack.wait_for("chat.postMessage", lambda c: c.params.get("thread_ts") is not None)
    assert answer.params["thread_ts"] == live.answer["ts"]
    shown = seen(answer.params)
    assert "The live caption of @lenaloafs's post fails the disclosure check: missing." in shown
    assert "&lt;b&gt;with&lt;/b&gt;" in answer.params["text"]  # the caption's text is escaped
    assert "A caption that would pass:" in shown and "#ad Rye & caraway" in shown
    # The quoted caption reads as the creator wrote it: its * and ``` neither bold a word nor open a code block.
    assert "#ad Rye & caraway, the Sunday loaf <b>with</b> *dark* rye ```from``` the mill, code LENA10" in shown

    slack.user_id = "U0APPROVER"
    slack.command("/campaign", "show spring")
    board = slack.wait_for("response_url")[-1]
    assert "Live check: missing ·" in seen(board.params)
    slack.click({"blocks": board.params["blocks"], "is_ephemeral": True}, "deliverable_move_verified")
    asked = slack.wait_for("response_url", lambda c: "I did not verify" in c.params.get("text", ""))[-1]
    assert "its live caption fails the disclosure check (*missing*)" in asked.params["text"]
    assert "[" in seen(asked.params) and "I looked: verify it" in seen(asked.params)
    [after] = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))
    assert after.deliverable.state.value == "live"  # nothing moved without the confirmation

    slack.click({"blocks": asked.params["blocks"], "is_ephemeral": True}, "deliverable_verify_confirmed")
    slack.wait_for("chat.postMessage", lambda c: "after checking the post by hand" in c.params.get("text", ""))
    last = stored(slack.services.engine, transitions, slack.team_id, int(deliverable))[-1]
    assert (last.to_state, last.actor_user_id) == ("verified", "U0APPROVER")
    assert last.note == "checked by hand by U0APPROVER (live check: checked missing)"

    slack.command("/campaign", "report spring")
    [report] = slack.wait_for("chat.postMessage", lambda c: "compliance exception" in c.params.get("text", ""))
    assert "@lenaloafs: post live caption fails the disclosure check (missing, US; checked " in seen(report.params)
