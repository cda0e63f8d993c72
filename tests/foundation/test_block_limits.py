"""The stand-in refuses Block Kit that Slack refuses, at the limits docs.slack.dev publishes, and says where.

Each case builds blocks (or a view) with one field at size n: at Slack's limit the call goes through, one past
it Slack answers invalid_blocks (messages) or invalid_arguments (views) with that field's JSON pointer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from tests.harness import BOT_TOKEN


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def section(text: str = "a line", **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def button(text: str = "Go", **extra: Any) -> dict[str, Any]:
    return {"type": "button", "text": plain(text), "action_id": "go", **extra}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text), "value": value}


def select(options: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"type": "static_select", "action_id": "pick", "options": options, **extra}


def actions(*elements: dict[str, Any]) -> dict[str, Any]:
    return {"type": "actions", "elements": list(elements)}


def text_input(**extra: Any) -> dict[str, Any]:
    return {"type": "input", "block_id": "b", "label": plain("Name"), "element": {"type": "plain_text_input", **extra}}


MessageCase = tuple[str, Callable[[int], list[dict[str, Any]]], int, str]
MESSAGE_CASES: list[MessageCase] = [
    ("section text", lambda n: [section("x" * n)], 3000, "/blocks/0/text/text"),
    ("section fields", lambda n: [{"type": "section", "fields": [plain("f")] * n}], 10, "/blocks/0/fields"),
    (
        "section field text",
        lambda n: [{"type": "section", "fields": [plain("x" * n)]}],
        2000,
        "/blocks/0/fields/0/text",
    ),
    ("header text", lambda n: [{"type": "header", "text": plain("x" * n)}], 150, "/blocks/0/text/text"),
    ("button text", lambda n: [actions(button("x" * n))], 75, "/blocks/0/elements/0/text/text"),
    ("button value", lambda n: [actions(button(value="x" * n))], 2000, "/blocks/0/elements/0/value"),
    ("action_id", lambda n: [actions(button(action_id="x" * n))], 255, "/blocks/0/elements/0/action_id"),
    ("block_id", lambda n: [section(block_id="x" * n)], 255, "/blocks/0/block_id"),
    (
        "static_select options",
        lambda n: [actions(select([option(str(i), str(i)) for i in range(n)]))],
        100,
        "/blocks/0/elements/0/options",
    ),
    (
        "option text",
        lambda n: [actions(select([option("x" * n, "v")]))],
        75,
        "/blocks/0/elements/0/options/0/text/text",
    ),
    ("option value", lambda n: [actions(select([option("t", "x" * n)]))], 150, "/blocks/0/elements/0/options/0/value"),
    (
        "select placeholder",
        lambda n: [actions(select([option("t", "v")], placeholder=plain("x" * n)))],
        150,
        "/blocks/0/elements/0/placeholder/text",
    ),
    ("context elements", lambda n: [{"type": "context", "elements": [plain("c")] * n}], 10, "/blocks/0/elements"),
    (
        "actions elements",
        lambda n: [actions(*(button(action_id=f"b{i}") for i in range(n)))],
        25,
        "/blocks/0/elements",
    ),
    ("blocks in a message", lambda n: [section()] * n, 50, "/blocks"),
]


def modal(blocks: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "modal", "title": plain("Form"), "submit": plain("Save"), "blocks": blocks or [section()], **extra}


ViewCase = tuple[str, Callable[[int], dict[str, Any]], int, str]
VIEW_CASES: list[ViewCase] = [
    ("modal title", lambda n: modal(title=plain("x" * n)), 24, "/view/title/text"),
    ("modal submit", lambda n: modal(submit=plain("x" * n)), 24, "/view/submit/text"),
    ("modal close", lambda n: modal(close=plain("x" * n)), 24, "/view/close/text"),
    ("callback_id", lambda n: modal(callback_id="x" * n), 255, "/view/callback_id"),
    ("private_metadata", lambda n: modal(private_metadata="x" * n), 3000, "/view/private_metadata"),
    ("blocks in a modal", lambda n: modal([section()] * n), 100, "/view/blocks"),
    (
        "input label",
        lambda n: modal([{**text_input(), "label": plain("x" * n)}]),
        2000,
        "/view/blocks/0/label/text",
    ),
    ("input hint", lambda n: modal([{**text_input(), "hint": plain("x" * n)}]), 2000, "/view/blocks/0/hint/text"),
    (
        "input placeholder",
        lambda n: modal([text_input(placeholder=plain("x" * n))]),
        150,
        "/view/blocks/0/element/placeholder/text",
    ),
]


@pytest.fixture
def client(standin) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=standin.api_url)


def refusal(call: Callable[[], Any]) -> dict[str, Any]:
    try:
        call()
    except SlackApiError as error:
        return dict(error.response.data)  # type: ignore[arg-type]
    raise AssertionError("Slack would have refused this, and the stand-in took it")


@pytest.mark.parametrize(("what", "build", "limit", "pointer"), MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES])
def test_chat_post_message_takes_each_limit_and_refuses_one_more(client, what, build, limit, pointer):
    assert client.chat_postMessage(channel="C0ANY", text=what, blocks=build(limit))["ok"]

    answer = refusal(lambda: client.chat_postMessage(channel="C0ANY", text=what, blocks=build(limit + 1)))

    assert answer["error"] == "invalid_blocks"
    assert [m for m in answer["response_metadata"]["messages"] if f"[json-pointer:{pointer}]" in m], answer


@pytest.mark.parametrize(("what", "build", "limit", "pointer"), VIEW_CASES, ids=[c[0] for c in VIEW_CASES])
def test_views_open_takes_each_limit_and_refuses_one_more(client, what, build, limit, pointer):
    assert client.views_open(trigger_id="1.2.3", view=build(limit))["ok"]

    answer = refusal(lambda: client.views_open(trigger_id="1.2.3", view=build(limit + 1)))

    assert answer["error"] == "invalid_arguments"
    assert [m for m in answer["response_metadata"]["messages"] if f"[json-pointer:{pointer}]" in m], answer


def test_the_error_names_the_limit_as_slack_words_it(client):
    answer = refusal(lambda: client.chat_postMessage(channel="C0ANY", text="long", blocks=[section("x" * 3001)]))
    assert answer["response_metadata"]["messages"] == [
        "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    ]


def test_a_block_id_twice_in_one_message_or_an_action_id_twice_in_one_block_is_refused(client):
    twice = [section(block_id="same"), section(block_id="same")]
    answer = refusal(lambda: client.chat_postMessage(channel="C0ANY", text="twice", blocks=twice))
    assert any("[json-pointer:/blocks/1/block_id]" in m for m in answer["response_metadata"]["messages"])

    same_action = [actions(button(action_id="go"), button(action_id="go"))]
    answer = refusal(lambda: client.chat_postMessage(channel="C0ANY", text="twice", blocks=same_action))
    assert any("[json-pointer:/blocks/0/elements/1/action_id]" in m for m in answer["response_metadata"]["messages"])

    # The same action_id in two different blocks is fine: Slack tells them apart by block_id.
    apart = [{**actions(button()), "block_id": "one"}, {**actions(button()), "block_id": "two"}]
    assert client.chat_postMessage(channel="C0ANY", text="apart", blocks=apart)["ok"]


TOO_LONG = [section("x" * 3001)]


def test_every_message_method_refuses_blocks_over_a_limit(standin, client):
    posted = client.chat_postMessage(channel="C0ANY", text="fine", blocks=[section()])
    for call in (
        lambda: client.chat_postEphemeral(channel="C0ANY", user="U0ANY", text="long", blocks=TOO_LONG),
        lambda: client.chat_update(channel="C0ANY", ts=posted["ts"], text="long", blocks=TOO_LONG),
    ):
        assert refusal(call)["error"] == "invalid_blocks"

    answer = WebhookClient(standin.new_response_url()).send(text="long", blocks=TOO_LONG)
    assert (answer.status_code, answer.body) == (400, "invalid_blocks")


def test_every_view_method_refuses_a_view_over_a_limit(client):
    opened = client.views_open(trigger_id="1.2.3", view=modal())
    long_title = modal(title=plain("x" * 25))
    for call in (
        lambda: client.views_push(trigger_id="1.2.3", view=long_title),
        lambda: client.views_update(view_id=opened["view"]["id"], view=long_title),
        lambda: client.views_publish(user_id="U0ANY", view={"type": "home", "blocks": [section("x" * 3001)]}),
    ):
        assert refusal(call)["error"] == "invalid_arguments"
