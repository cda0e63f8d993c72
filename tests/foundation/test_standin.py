"""The Web API stand-in keeps Slack's limits, so a test fails where Slack would refuse the app."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.localslack.standin import Fault, SlackStandIn
from bot.localslack.web_api_arguments import ARGUMENTS
from tests.harness import BOT_TOKEN

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "a line"}}


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


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


def _client(standin: SlackStandIn) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=standin.api_url)


def _history(client: WebClient, standin: SlackStandIn, **arguments):
    """conversations.history a minute after the last read, on the stand-in's clock (Slack allows one a minute)."""
    standin.clock.advance(60)  # type: ignore[attr-defined]
    return client.conversations_history(**arguments)


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    """The stand-in on a clock these tests move (the conftest one reads the wall clock)."""
    with SlackStandIn(clock=Clock()) as fake:
        fake.add_workspace("T0TEAMONE", BOT_TOKEN, name="teamone")
        yield fake


def _error(call) -> str:
    try:
        call()
    except SlackApiError as error:
        return str(error.response["error"])
    raise AssertionError("Slack would have refused this call")


def test_history_needs_the_bot_in_the_channel_and_a_public_channel_lets_it_join(standin):
    standin.add_channel("C0OUTSIDE", bot_member=False)
    client = _client(standin)
    client.chat_postMessage(channel="C0OUTSIDE", text="chat:write.public needs no membership")
    assert _error(lambda: _history(client, standin, channel="C0OUTSIDE")) == "not_in_channel"
    joined = client.conversations_join(channel="C0OUTSIDE")
    assert joined["channel"]["is_member"] is True and "warning" not in joined.data
    assert [m["text"] for m in _history(client, standin, channel="C0OUTSIDE")["messages"]] == [
        "chat:write.public needs no membership"
    ]
    assert client.conversations_join(channel="C0OUTSIDE")["warning"] == "already_in_channel"


def test_a_private_channel_cannot_be_joined_nor_read_nor_posted_to_until_the_bot_is_invited(standin):
    standin.add_channel("G0PRIVATE", private=True, bot_member=False)
    client = _client(standin)
    assert _error(lambda: client.conversations_join(channel="G0PRIVATE")) == "channel_not_found"
    assert _error(lambda: _history(client, standin, channel="G0PRIVATE")) == "channel_not_found"
    assert _error(lambda: client.chat_postMessage(channel="G0PRIVATE", text="hi")) == "channel_not_found"
    standin.invite_bot("G0PRIVATE")
    client.chat_postMessage(channel="G0PRIVATE", text="hi")
    assert len(_history(client, standin, channel="G0PRIVATE")["messages"]) == 1
    assert _error(lambda: client.conversations_join(channel="G0PRIVATE")) == "method_not_supported_for_channel_type"


def test_a_channel_a_test_did_not_set_up_has_the_bot_in_it(standin):
    client = _client(standin)
    client.chat_postMessage(channel="C0ANY", text="hello")
    assert len(_history(client, standin, channel="C0ANY")["messages"]) == 1
    assert client.conversations_info(channel="C0ANY")["channel"]["is_member"] is True


def test_history_gives_at_most_15_messages_a_page_and_a_cursor_to_the_rest():
    clock = Clock()
    with SlackStandIn(clock=clock) as standin:
        standin.add_workspace("T0ONE", BOT_TOKEN)
        client = _client(standin)
        for n in range(40):
            clock.now += 1
            client.chat_postMessage(channel="C0BUSY", text=f"message {n}")
        first = _history(client, standin, channel="C0BUSY", limit=100)
        assert len(first["messages"]) == 15 and first["has_more"] is True
        assert first["messages"][0]["text"] == "message 39"  # newest first
        texts, cursor = [m["text"] for m in first["messages"]], first["response_metadata"]["next_cursor"]
        while cursor:
            page = _history(client, standin, channel="C0BUSY", cursor=cursor)
            texts += [m["text"] for m in page["messages"]]
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
        assert texts == [f"message {n}" for n in reversed(range(40))]


def test_history_keeps_to_oldest_and_latest():
    clock = Clock()
    with SlackStandIn(clock=clock) as standin:
        standin.add_workspace("T0ONE", BOT_TOKEN)
        client = _client(standin)
        stamps = []
        for n in range(5):
            clock.now += 10
            stamps.append(client.chat_postMessage(channel="C0ONE", text=f"m{n}")["ts"])
        window = _history(client, standin, channel="C0ONE", oldest=stamps[1], latest=stamps[3])
        assert [m["text"] for m in window["messages"]] == ["m2"]  # bounds excluded unless inclusive
        inclusive = _history(client, standin, channel="C0ONE", oldest=stamps[1], latest=stamps[3], inclusive=True)
        assert [m["text"] for m in inclusive["messages"]] == ["m3", "m2", "m1"]


def test_an_argument_the_method_does_not_take_is_refused_by_name(standin):
    client = _client(standin)
    try:
        client.chat_postMessage(channel="C0ANY", text="hi", unfurl_link=False)  # Slack's is unfurl_links
    except SlackApiError as error:
        assert error.response["error"] == "invalid_arguments"
        [message] = error.response["response_metadata"]["messages"]
        assert "'unfurl_link'" in message and "docs.slack.dev/reference/methods/chat.postMessage" in message
    else:
        raise AssertionError("an unknown argument was accepted")
    assert standin.messages.get("C0ANY") is None  # nothing was posted
    assert client.chat_postMessage(channel="C0ANY", text="hi", unfurl_links=False)["ok"]


def test_every_method_the_standin_answers_has_a_row_of_arguments_from_the_docs():
    handlers = {name for name in vars(SlackStandIn) if _is_method(name)}
    assert handlers == {"_" + method.replace(".", "_") for method in ARGUMENTS}
    assert all(row.doc == f"https://docs.slack.dev/reference/methods/{m}" for m, row in ARGUMENTS.items())


def _is_method(name: str) -> bool:
    prefix = name.removeprefix("_").partition("_")[0]
    return prefix in {"auth", "oauth", "chat", "conversations", "users", "views", "files", "apps"}


def test_the_team_id_slack_sdk_adds_for_a_workspace_is_accepted(standin):
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url, team_id="T0TEAMONE")  # as Bolt builds it
    assert client.chat_postMessage(channel="C0ANY", text="hi")["ok"]
    assert standin.calls_to("chat.postMessage")[0].params["team_id"] == "T0TEAMONE"


def test_history_takes_one_request_a_minute_per_workspace_and_says_when_to_retry(standin):
    standin.add_workspace("T0TWO", "xoxb-test-team-two")
    client, other = _client(standin), WebClient(token="xoxb-test-team-two", base_url=standin.api_url)
    client.conversations_history(channel="C0ANY")
    standin.clock.advance(45)
    try:
        client.conversations_history(channel="C0ANY")
    except SlackApiError as refused:
        assert (refused.response.status_code, refused.response["error"]) == (429, "ratelimited")
        assert refused.response.headers["Retry-After"] == "15"
    else:
        raise AssertionError("a second read within the minute was answered")
    assert other.conversations_history(channel="C0ANY")["ok"]  # another workspace has its own minute
    standin.clock.advance(15)
    assert client.conversations_history(channel="C0ANY")["ok"]


def test_a_slow_answer_that_takes_effect_posts_one_message(standin):
    standin.inject("chat.postMessage", Fault(applied=True, delay=0.01))
    client = WebClient(token=BOT_TOKEN, base_url=standin.api_url)
    posted = client.chat_postMessage(channel="C0SLOW", text="once")
    assert [m["ts"] for m in standin.messages["C0SLOW"]] == [posted["ts"]]
