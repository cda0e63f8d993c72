"""Booking creators (a fee and terms) is for a campaign's owner and approvers; its board, with each creator's
fee and payments, for them and its channel, as its results are. Checked in the service: a forged submission
from someone else changes nothing."""

from __future__ import annotations

from storage.campaigns import campaign_deliverables, find_campaign
from tests.databases import stored
from tests.harness import seen
from tests.slack.test_campaign_flow import add_creator, create_campaign, open_modal

MALLORY = "U0MALLORY"


def test_someone_who_is_not_a_manager_cannot_book_or_rebook_a_creator(slack):
    create_campaign(slack, approvers=["U0APPROVER"])
    add_creator(slack, "glowwithmia")
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring glow")
    before = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))

    view = open_modal(slack, "add @glowwithmia")
    values = {"campaign": "", "kind": "story", "due": "2030-02-12 17:00", "fee": "1", "rounds": "20"}
    refused = slack.submit(view, values, user_id=MALLORY).json()
    assert refused["response_action"] == "errors"
    assert refused["errors"]["campaign"].startswith("Only the campaign's owner and approvers can book creators on")

    after = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))
    assert len(after) == len(before) and after[0].creator.fee == before[0].creator.fee  # nothing booked or changed
    assert not [c for c in slack.standin.calls_to("chat.postMessage") if "<@U0MALLORY> added" in c.params["text"]]


def a_campaign_asked_about_from_elsewhere(slack) -> None:
    """Spring Glow, owned by the harness's user with U0APPROVER, one creator booked; then asked from another channel."""
    create_campaign(slack, approvers=["U0APPROVER"])
    add_creator(slack, "glowwithmia")
    slack.channel_id = "C0ELSEWHERE"


def test_the_board_with_its_money_is_for_the_campaigns_channel_and_managers(slack):
    a_campaign_asked_about_from_elsewhere(slack)
    slack.command("/campaign", "show spring", user_id=MALLORY)
    [refused] = slack.wait_for("response_url")
    assert "To see its board and money, work from the campaign's channel" in seen(refused.params)
    assert "fee" not in seen(refused.params)

    slack.command("/campaign", "show spring", user_id="U0APPROVER")  # a manager, from anywhere
    [_, shown] = slack.wait_for("response_url", count=2)
    assert "@glowwithmia" in seen(shown.params)


def test_the_list_shows_a_campaigns_spend_only_to_those_who_may_see_its_board(slack):
    a_campaign_asked_about_from_elsewhere(slack)
    slack.command("/campaign", "list", user_id=MALLORY)
    [listed] = slack.wait_for("response_url")
    assert "Spring Glow" in seen(listed.params) and "Spend" not in seen(listed.params)

    slack.command("/campaign", "list", user_id="U0APPROVER")
    [_, managed] = slack.wait_for("response_url", count=2)
    assert "Spend $" in seen(managed.params)
