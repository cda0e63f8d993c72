"""The Edit button on an open deliverable's card, over real HTTP: its form opens with the deliverable as it is,
mistakes come back under their field, dates outside the campaign ask for "Save anyway", a count splits it into
that many cards, only the campaign's managers change it, and its channel is told what changed."""

from __future__ import annotations

from storage.campaigns import campaign_deliverables, find_campaign
from tests.databases import stored
from tests.harness import seen
from tests.slack.test_campaign_edit import STRANGER, initial
from tests.slack.test_campaign_flow import add_creator, create_campaign

EDIT = "deliverable_edit"


def board(slack) -> dict:
    before = len(slack.standin.calls_to("response_url"))
    slack.command("/campaign", "show spring")
    shown = slack.wait_for("response_url", count=before + 1)[-1]
    return {"blocks": shown.params["blocks"], "is_ephemeral": True}


def open_edit(slack, *, user_id: str | None = None) -> dict:
    before = len(slack.standin.calls_to("views.open"))
    slack.click(board(slack), EDIT, user_id=user_id)
    return slack.wait_for("views.open", count=before + 1)[-1].answer["view"]


def deliverables(slack) -> list:
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring")
    return stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))


def edited_line(slack) -> str:
    [line] = slack.wait_for("chat.postMessage", lambda c: " changed @" in c.params.get("text", ""))
    assert line.params["channel"] == slack.channel_id
    return line.params["text"]


def test_the_form_opens_as_it_is_and_a_new_date_is_told_to_the_channel_and_shown_on_the_board(slack):
    create_campaign(slack)
    add_creator(slack, "glowwithmia")
    view = open_edit(slack)
    assert "@glowwithmia's reel (instagram) on Spring Glow; dates in Europe/London." in seen(view)
    kind = next(b["element"] for b in view["blocks"] if b.get("block_id") == "kind")
    assert [o["value"] for o in kind["options"]] == ["post", "reel", "story", "live"]  # Instagram's kinds only
    assert kind["initial_option"]["value"] == "reel"
    assert (initial(view, "count"), initial(view, "due"), initial(view, "draft_due")) == (
        "1",
        "2030-02-10 17:00",
        None,
    )
    assert slack.submit(view, {"due": "2030-02-12 18:00", "draft_due": "2030-02-05"}).status_code == 200
    told = edited_line(slack)  # saved after the ack, then told: read the row once the channel heard of it
    [context] = deliverables(slack)
    assert told == (
        f"<@{slack.user_id}> changed @glowwithmia's reel #{context.deliverable.id} on *Spring Glow*: "
        "go-live Sun 10 Feb 2030 at 17:00 (Europe/London) → Tue 12 Feb 2030 at 18:00 (Europe/London); "
        "draft due none → end of Tue 5 Feb 2030 (Europe/London)."
    )
    assert context.deliverable.due.as_typed() == "2030-02-12 18:00"
    assert context.deliverable.draft_due.as_typed() == "2030-02-05"
    assert "12 Feb" in seen(board(slack)["blocks"])


def test_a_kind_the_platform_lacks_and_an_unreadable_date_come_back_under_their_fields(slack):
    create_campaign(slack)
    add_creator(slack, "glowwithmia")
    view = open_edit(slack)
    forged = {"text": {"type": "plain_text", "text": "short"}, "value": "short"}  # not among the options shown
    answer = slack.submit(view, {"kind": forged, "due": "someday soon", "count": "0"}).json()
    assert answer["response_action"] == "errors"
    assert (
        answer["errors"]["kind"]
        == "Instagram has no 'short'; on instagram a deliverable is one of: post, reel, story, live."
    )
    assert answer["errors"]["count"] == "Give a count between 1 and 20."
    assert "someday" in answer["errors"]["due"]
    assert all(len(message) <= 150 for message in answer["errors"].values())
    [context] = deliverables(slack)
    assert (context.deliverable.kind.value, context.deliverable.due.as_typed()) == ("reel", "2030-02-10 17:00")


def test_a_date_outside_the_campaign_asks_for_save_anyway_first(slack):
    create_campaign(slack)
    add_creator(slack, "glowwithmia")
    view = open_edit(slack)
    answer = slack.submit(view, {"due": "2030-05-01"}).json()
    assert answer["errors"] == {
        "due": "The go-live date (Wed 1 May 2030) is after Spring Glow ends (2030-03-31).",
        "confirm": "Worth a second look (see above). Tick Save anyway to change it as it is.",
    }
    assert deliverables(slack)[0].deliverable.due.as_typed() == "2030-02-10 17:00"
    slack.submit(view, {"due": "2030-05-01", "confirm": ["save_anyway"]})
    assert "go-live" in edited_line(slack)
    assert deliverables(slack)[0].deliverable.due.as_typed() == "2030-05-01"


def test_a_count_splits_it_into_that_many_cards(slack):
    create_campaign(slack)
    add_creator(slack, "glowwithmia", kind="story")
    view = open_edit(slack)
    slack.submit(view, {"count": "3"})
    line = edited_line(slack)
    ids = sorted(int(c.deliverable.id) for c in deliverables(slack))
    assert len(ids) == 3
    assert line.endswith(
        f"3 of them now, each tracked on its own. Added #{ids[1]}, #{ids[2]} beside it, with the same dates."
    )
    cards = [
        b
        for b in board(slack)["blocks"]
        if b["type"] == "actions" and any(e["action_id"] == EDIT for e in b["elements"])
    ]
    assert len(cards) == 3


def test_only_the_campaigns_managers_may_edit(slack):
    create_campaign(slack)
    add_creator(slack, "glowwithmia")
    opened = len(slack.standin.calls_to("views.open"))
    slack.click(board(slack), EDIT, user_id=STRANGER)
    refused = slack.wait_for("response_url", lambda c: c.params.get("text", "").startswith(":no_entry:"))[-1]
    assert "Only the campaign's owner and approvers can change deliverables on Spring Glow" in refused.params["text"]
    assert len(slack.standin.calls_to("views.open")) == opened
    view = open_edit(slack)  # the owner's form, submitted by someone else (a forged request)
    answer = slack.submit(view, {"due": "2030-02-12"}, user_id=STRANGER).json()
    assert "Only the campaign's owner and approvers" in answer["errors"]["due"]
    assert deliverables(slack)[0].deliverable.due.as_typed() == "2030-02-10 17:00"


def test_saved_as_shown_nothing_changes(slack):
    create_campaign(slack)
    add_creator(slack, "glowwithmia")
    slack.submit(open_edit(slack), {})
    [same] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == slack.user_id)
    assert same.params["text"] == "@glowwithmia's reel is as it was: nothing in the form was changed."
