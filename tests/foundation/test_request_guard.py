"""Requests that are not Slack's are refused before anything parses them, cheaply and without a trace."""

from __future__ import annotations

import logging

import httpx
import pytest

from bot.server import MAX_BODY_BYTES

FORM = "application/x-www-form-urlencoded"


def help_command(slack) -> str:  # type: ignore[no-untyped-def]
    return slack.command_body("/creatorops", "help")


def post_raw(slack, body: bytes, headers: dict[str, str]) -> httpx.Response:  # type: ignore[no-untyped-def]
    return httpx.post(slack.sender.events_url, content=body, headers=headers, timeout=30)


def test_a_forged_request_is_refused_and_its_body_never_logged(slack, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    secret_marker = "text=leak-me-" + "x" * 1000
    headers = slack.sender.headers(secret_marker, FORM)
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    response = post_raw(slack, secret_marker.encode(), headers)
    assert (response.status_code, response.json()) == (401, {"error": "invalid request"})
    assert "leak-me" not in caplog.text


@pytest.mark.parametrize("timestamp", ["abc", "1e9", "-5", "9" * 40, ""])
def test_a_malformed_timestamp_is_a_401_not_a_crash(slack, timestamp: str):
    body = help_command(slack)
    headers = slack.sender.headers(body, FORM) | {"X-Slack-Request-Timestamp": timestamp}
    assert post_raw(slack, body.encode(), headers).status_code == 401


def test_an_oversized_body_is_refused_unread(slack):
    body = b"a=" + b"x" * (MAX_BODY_BYTES + 10)
    response = post_raw(slack, body, {"Content-Type": FORM})
    assert response.status_code == 413


def test_a_body_that_is_not_utf8_is_a_400_not_a_crash(slack):
    body = b"payload=\xff\xfe"
    headers = slack.sender.headers("payload=", FORM)
    response = post_raw(slack, body, headers)
    assert (response.status_code, response.json()) == (400, {"error": "the body is not UTF-8"})


def test_a_genuine_request_still_gets_its_answer(slack):
    answer = slack.command("/creatorops", "help")
    assert answer.status_code == 200
    assert "CreatorOps commands" in answer.text
