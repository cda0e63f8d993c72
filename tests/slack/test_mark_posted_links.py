"""*Mark posted* over real HTTP: a link of another creator or platform keeps the form open with what to paste; a
short link is followed after the form closes (respx answers for the network) and checked where it leads."""

from __future__ import annotations

import pytest
import respx

from bot.sources import short_links
from storage.campaigns import campaign_deliverables
from tests.databases import stored
from tests.slack.test_campaign_flow import campaign, walk

__all__ = ["campaign"]  # the fixture, shared with the campaign flow tests

CREATOR_POST = "https://www.instagram.com/glowwithmia/reel/Cx1AbC/"


@pytest.fixture
def modal(slack, campaign):
    """The *Mark posted* modal of the campaign's one deliverable (@glowwithmia's Instagram reel), approved."""
    walk(slack, campaign, ("accepted", "draft_due", "draft_submitted"), actor="U0CREATOR")
    context = walk(slack, campaign, ("approved",), actor="U0APPROVER")
    button = {"type": "button", "action_id": "deliverable_mark_posted", "value": str(context.deliverable.id)}
    message = {"ts": "1.1", "blocks": [{"type": "actions", "block_id": "r", "elements": [button]}]}
    before = len(slack.standin.calls_to("views.open"))
    slack.click(message, "deliverable_mark_posted")
    return slack.wait_for("views.open", count=before + 1)[-1].answer["view"]


def live_link(slack, campaign) -> tuple[str, str | None]:
    [after] = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))
    return after.deliverable.state.value, after.deliverable.post_url


def test_another_creators_post_keeps_the_form_open_saying_whose_to_paste(slack, campaign, modal):
    answer = slack.submit(modal, {"url": "https://www.instagram.com/copycat/reel/Cx1AbC/"}).json()
    assert answer == {
        "response_action": "errors",
        "errors": {
            "url": "That post is @copycat's, not @glowwithmia's: paste the link of @glowwithmia's own Instagram post."
        },
    }
    assert live_link(slack, campaign) == ("approved", None)
    slack.submit(modal, {"url": CREATOR_POST})
    slack.wait_for("chat.postMessage", lambda c: "marked it live" in c.params.get("text", ""))
    assert live_link(slack, campaign) == ("live", CREATOR_POST)


@pytest.fixture
def network(monkeypatch):
    """The short links' answers; the app's own HTTP (the harness, the stand-in) goes through."""
    monkeypatch.setattr(short_links, "resolve_host", lambda host: ["23.45.67.89"])
    with respx.mock(assert_all_called=False) as router:
        router.route(host="127.0.0.1").pass_through()
        router.route(host="localhost").pass_through()
        yield router


def test_a_short_link_to_the_creators_post_is_followed_and_stored_where_it_leads(slack, campaign, modal, network):
    network.get("https://bit.ly/3glow").respond(301, headers={"Location": CREATOR_POST})
    network.get(CREATOR_POST).respond(200)
    assert slack.submit(modal, {"url": "https://bit.ly/3glow"}).status_code == 200
    slack.wait_for("chat.postMessage", lambda c: "marked it live" in c.params.get("text", ""))
    assert live_link(slack, campaign) == ("live", CREATOR_POST)


def test_a_short_link_to_another_platform_is_refused_by_dm_after_following_it(slack, campaign, modal, network):
    network.get("https://bit.ly/3glow").respond(302, headers={"Location": "https://www.tiktok.com/@mia/video/1"})
    network.get("https://www.tiktok.com/@mia/video/1").respond(200)
    assert slack.submit(modal, {"url": "https://bit.ly/3glow"}).status_code == 200
    [dm] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == slack.user_id)
    assert dm.params["text"] == (
        "I could not mark it posted: That is a TikTok link, but this deliverable is on Instagram: "
        "paste the post's link from www.instagram.com."
    )
    assert live_link(slack, campaign) == ("approved", None)


def test_a_short_link_into_our_network_is_not_followed(slack, campaign, modal, network, monkeypatch):
    monkeypatch.setattr(short_links, "resolve_host", lambda host: ["10.1.2.3"])
    assert slack.submit(modal, {"url": "https://bit.ly/3glow"}).status_code == 200
    [dm] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == slack.user_id)
    assert dm.params["text"] == (
        "I could not mark it posted: I could not follow that short link (it leads to an address that is not "
        "public); open it and paste the post's full link."
    )
    assert [call.request.url.host for call in network.calls if call.request.url.host == "bit.ly"] == []
