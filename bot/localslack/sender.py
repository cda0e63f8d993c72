"""Sends signed requests to the app over HTTP, exactly as Slack does (v0 HMAC-SHA256 signatures)."""

from __future__ import annotations

import time

import httpx
from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


class SignedSender:
    def __init__(self, app_url: str, signing_secret: str, *, timeout: float = 10.0) -> None:
        self.events_url = app_url.rstrip("/") + "/slack/events"
        self._verifier = SignatureVerifier(signing_secret)
        self._http = httpx.Client(timeout=timeout)

    def headers(self, body: str, content_type: str, *, timestamp: int | None = None) -> dict[str, str]:
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        signature = self._verifier.generate_signature(timestamp=stamp, body=body)
        assert signature is not None  # slack_sdk returns None only when there is no timestamp
        return {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
        }

    def post(
        self,
        body: str,
        content_type: str = FORM,
        *,
        timestamp: int | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        headers = self.headers(body, content_type, timestamp=timestamp) | (extra_headers or {})
        return self._http.post(self.events_url, content=body.encode(), headers=headers)

    def close(self) -> None:
        self._http.close()
