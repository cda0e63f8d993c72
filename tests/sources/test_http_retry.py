"""The shared retry policy, Retry-After parsing and redaction in bot/sources/http.py."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
import respx

from bot.sources.errors import RateLimited, SourceUnavailable
from bot.sources.http import (
    DEFAULT_TIMEOUT,
    RetryingHttp,
    RetryPolicy,
    build_client,
    json_object,
    parse_retry_after,
    redact,
)
from tests.sources.recording import NOW, Sleeps, clock

URL = "https://api.example.test/thing"


@pytest.fixture
def http(http_client: httpx.Client, sleeps: Sleeps) -> RetryingHttp:
    return RetryingHttp("Example", client=http_client, sleep=sleeps, rand=lambda: 0.5, clock=clock)


def test_backoff_doubles_up_to_the_cap_with_bounded_jitter() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=8.0, jitter=0.5)

    lowest = [policy.backoff(attempt, rand=lambda: 0.0) for attempt in range(1, 8)]
    highest = [policy.backoff(attempt, rand=lambda: 1.0) for attempt in range(1, 8)]

    assert highest == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert lowest == [h / 2 for h in highest]


def test_retry_after_in_seconds_is_slept_exactly(http: RetryingHttp, router: respx.MockRouter, sleeps: Sleeps) -> None:
    router.get(URL).side_effect = [
        httpx.Response(429, headers={"Retry-After": "2"}),
        httpx.Response(503, headers={"Retry-After": "4"}),
        httpx.Response(200, json={"ok": True}),
    ]

    assert http.get(URL).json() == {"ok": True}
    assert sleeps == [2.0, 4.0]


def test_retry_after_as_an_http_date_counts_from_the_clock(
    http: RetryingHttp, router: respx.MockRouter, sleeps: Sleeps
) -> None:
    later = (NOW + timedelta(seconds=12)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    router.get(URL).side_effect = [
        httpx.Response(429, headers={"Retry-After": later}),
        httpx.Response(200, json={}),
    ]

    http.get(URL)

    assert sleeps == [12.0]


def test_a_long_retry_after_is_not_waited_for(http: RetryingHttp, router: respx.MockRouter, sleeps: Sleeps) -> None:
    route = router.get(URL).mock(return_value=httpx.Response(429, headers={"Retry-After": "600"}))

    with pytest.raises(RateLimited) as caught:
        http.get(URL)

    assert caught.value.retry_after == 600.0
    assert str(caught.value) == "Example is rate-limiting us; try again in about 10 minutes."
    assert route.call_count == 1
    assert sleeps == []


def test_429_to_the_end_is_rate_limited(http: RetryingHttp, router: respx.MockRouter, sleeps: Sleeps) -> None:
    router.get(URL).mock(return_value=httpx.Response(429, headers={"Retry-After": "1"}))

    with pytest.raises(RateLimited) as caught:
        http.get(URL)

    assert caught.value.retry_after == 1.0
    assert sleeps == [1.0, 1.0, 1.0]


def test_connection_failures_are_retried_then_unavailable(
    http: RetryingHttp, router: respx.MockRouter, sleeps: Sleeps
) -> None:
    route = router.get(URL).mock(side_effect=httpx.ConnectError("connection refused"))

    with pytest.raises(SourceUnavailable) as caught:
        http.get(URL)

    assert str(caught.value) == (
        "Example is not answering right now (could not connect (ConnectError) after 4 tries); "
        "try again in a few minutes."
    )
    assert route.call_count == 4
    assert sleeps == [0.375, 0.75, 1.5]


def test_other_client_errors_are_returned_untouched(http: RetryingHttp, router: respx.MockRouter) -> None:
    route = router.get(URL).mock(return_value=httpx.Response(404, json={"error": "nope"}))

    assert http.get(URL).status_code == 404
    assert route.call_count == 1


def test_unreadable_json_is_source_unavailable() -> None:
    with pytest.raises(SourceUnavailable, match="could not read"):
        json_object(httpx.Response(200, text="<html>oops</html>"), "Example")
    with pytest.raises(SourceUnavailable):
        json_object(httpx.Response(200, json=[1, 2]), "Example")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        (" 1.5 ", 1.5),
        ("-3", 0.0),
        ("", None),
        (None, None),
        ("soon", None),
        ("Mon, 02 Nov 2026 12:00:30 GMT", 30.0),
        ("Mon, 02 Nov 2026 11:00:00 GMT", 0.0),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


def test_redact_blanks_credentials() -> None:
    text = (
        "GET https://graph.facebook.com/v21.0/1?fields=x&access_token=EAAGsecret&b=1 "
        "https://www.googleapis.com/youtube/v3/channels?key=AIzaSecret "
        "Authorization: Bearer EAAGother X-Goog-Api-Key: AIzaHeader plain-secret-value"
    )

    cleaned = redact(text, secrets=["plain-secret-value"])

    for secret in ("EAAGsecret", "AIzaSecret", "EAAGother", "AIzaHeader", "plain-secret-value"):
        assert secret not in cleaned
    assert "access_token=[redacted]&b=1" in cleaned
    assert "Authorization: Bearer [redacted]" in cleaned


def test_default_client_has_timeouts() -> None:
    with build_client() as client:
        assert client.timeout == DEFAULT_TIMEOUT
        assert client.timeout.connect == 5.0 and client.timeout.read == 10.0


def test_a_long_retry_after_on_503_gives_up_at_once(
    http: RetryingHttp, router: respx.MockRouter, sleeps: Sleeps
) -> None:
    route = router.get(URL).mock(return_value=httpx.Response(503, headers={"Retry-After": "3600"}))

    with pytest.raises(SourceUnavailable) as caught:
        http.get(URL)

    assert str(caught.value) == "Example is not answering right now (HTTP 503 after 1 try); try again in about 1 hour."
    assert route.call_count == 1
    assert sleeps == []
