"""The Web API stand-in keeps Slack's limits, so a test fails where Slack would refuse the app."""

from __future__ import annotations

import httpx
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.localslack.standin import SlackStandIn
from tests.harness import BOT_TOKEN

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "a line"}}


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_response_url_takes_five_posts_and_refuses_the_sixth(standin):
    url = standin.new_response_url()
    webhook = WebhookClient(url)

    answers = [webhook.send(text=f"message {n}") for n in range(1, 7)]

    assert [(a.status_code, a.body) for a in answers] == [(200, "ok")] * 5 + [(404, "used_url")]
    [refused] = standin.refused_response_urls()
    assert (refused.params["text"], refused.status, refused.answer["error"]) == ("message 6", 404, "used_url")


def test_each_response_url_has_its_own_five_posts(standin):
    first, second = WebhookClient(standin.new_response_url()), WebhookClient(standin.new_response_url())
    for _ in range(5):
        first.send(text="to the first")
    assert second.send(text="to the second").status_code == 200
    assert standin.refused_response_urls() == []


def test_a_response_url_expires_after_30_minutes():
    clock = Clock()
    with SlackStandIn(clock=clock) as standin:
        webhook = WebhookClient(standin.new_response_url())
        assert webhook.send(text="at once").status_code == 200
        clock.now += 30 * 60 - 1
        assert webhook.send(text="just in time").status_code == 200
        clock.now += 2
        late = webhook.send(text="too late")
        assert (late.status_code, late.body) == (404, "expired_url")
        assert [c.params["text"] for c in standin.refused_response_urls()] == ["too late"]


def test_a_response_url_post_with_more_than_50_blocks_is_refused(standin):
    webhook = WebhookClient(standin.new_response_url())
    assert webhook.send(text="fifty", blocks=[SECTION] * 50).status_code == 200
    answer = webhook.send(text="fifty-one", blocks=[SECTION] * 51)
    assert (answer.status_code, answer.body) == (400, "invalid_blocks")


def test_chat_post_message_and_update_refuse_more_than_50_blocks(standin):
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url)
    posted = client.chat_postMessage(channel="C0ANY", text="fifty", blocks=[SECTION] * 50)
    for call in (
        lambda: client.chat_postMessage(channel="C0ANY", text="fifty-one", blocks=[SECTION] * 51),
        lambda: client.chat_update(channel="C0ANY", ts=posted["ts"], text="fifty-one", blocks=[SECTION] * 51),
    ):
        try:
            call()
        except SlackApiError as error:
            assert error.response["error"] == "invalid_blocks"
        else:
            raise AssertionError("51 blocks were accepted")


def test_views_refuse_private_metadata_over_3000_characters(standin):
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url)
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Form"}, "blocks": [SECTION]}
    opened = client.views_open(trigger_id="1.2.3", view={**view, "private_metadata": "x" * 3000})
    for call in (
        lambda: client.views_open(trigger_id="1.2.3", view={**view, "private_metadata": "x" * 3001}),
        lambda: client.views_update(view_id=opened["view"]["id"], view={**view, "private_metadata": "x" * 3001}),
    ):
        try:
            call()
        except SlackApiError as error:
            assert error.response["error"] == "invalid_arguments"
        else:
            raise AssertionError("3,001 characters of private_metadata were accepted")


def test_an_unknown_path_is_a_404(standin):
    assert httpx.post(standin.url + "/nowhere", timeout=5).status_code == 404
