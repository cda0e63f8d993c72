"""/campaign edit over real HTTP: the review SLA shows as it is, a wrong one comes back as a field error, and a
change tells the channel."""

from __future__ import annotations

from storage.campaigns import find_campaign
from tests.databases import stored
from tests.slack.test_campaign_edit import changed_lines, initial
from tests.slack.test_campaign_flow import create_campaign, open_modal


def test_the_review_sla_is_edited_in_business_days_and_the_channel_is_told(slack):
    create_campaign(slack)
    view = open_modal(slack, "edit spring")
    assert initial(view, "review_sla") == "2"
    field = next(b for b in view["blocks"] if b.get("block_id") == "review_sla")
    assert field["label"]["text"] == "Business days to review a draft"
    assert "never approved for them" in field["hint"]["text"]

    for typed in ("0", "21", "1.5"):
        answer = slack.submit(view, {"review_sla": typed}).json()
        assert answer["response_action"] == "errors"
        assert list(answer["errors"]) == ["review_sla"]
    assert answer["errors"]["review_sla"] == "Type the review SLA as a whole number."
    assert slack.submit(view, {"review_sla": "0"}).json()["errors"] == {
        "review_sla": "Give the approvers 1 to 20 business days to review a draft, e.g. 2."
    }
    assert changed_lines(slack) == []

    assert slack.submit(view, {"review_sla": "3"}).status_code == 200
    [line] = slack.wait_for("chat.postMessage", lambda c: " changed " in c.params.get("text", ""))
    assert (
        line.params["text"]
        == f"<@{slack.user_id}> changed *Spring Glow*: review SLA 2 business days → 3 business days."
    )
    assert stored(slack.services.engine, find_campaign, slack.team_id, "spring").review_sla_days == 3
