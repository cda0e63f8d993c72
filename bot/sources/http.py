"""Shared HTTP plumbing for the platform clients: one timeout, one retry policy, one way to fail.

A /vet runs inside a Slack listener, so a platform hiccup must cost seconds, not minutes: a few quick retries
on 429 and 5xx (honouring Retry-After when it is short), then a typed error the handler can put into words.
Credentials travel in headers, never in the URL, so httpx's request log and exception texts cannot leak them;
`redact` is the second line of defence for any text that reaches a log or an error message.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Self, TypedDict, Unpack

import httpx

from bot.sources.errors import RateLimited, SourceUnavailable
from bot.vocabulary import assume_utc

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
USER_AGENT = "CreatorOps/0.1 (+creator vetting)"
REDACTED = "[redacted]"

Sleep = Callable[[float], None]
Clock = Callable[[], datetime]

_SECRET_PARAMS = re.compile(r"(?i)\b(access_token|key|api_key|client_secret|appsecret_proof)=[^&\s\"']+")
_SECRET_HEADERS = re.compile(r"(?i)\b(x-goog-api-key|authorization)(\s*[:=]\s*)(bearer\s+|oauth\s+)?[^\s,\"']+")


def utc_now() -> datetime:
    return datetime.now(UTC)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with credential query parameters, auth headers and the given secret values blanked out."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    text = _SECRET_PARAMS.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
    return _SECRET_HEADERS.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3) or ''}{REDACTED}", text)


def build_client(timeout: httpx.Timeout = DEFAULT_TIMEOUT) -> httpx.Client:
    """The httpx client every platform source uses when none is injected."""
    return httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before giving up; the defaults keep a /vet under about 20 s in the worst case."""

    max_attempts: int = 4
    base_delay: float = 0.5  # seconds before the 2nd attempt, doubled for each later one
    max_delay: float = 8.0  # cap on one computed backoff
    jitter: float = 0.5  # up to this fraction of a backoff is randomised, so callers do not retry in step
    max_retry_after: float = 30.0  # a longer Retry-After is not slept through: RateLimited is raised at once

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")

    def backoff(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Delay after failed attempt number `attempt` (1-based): exponential, capped, with jitter."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return ceiling * (1 - self.jitter) + ceiling * self.jitter * rand()


def is_retryable_status(status_code: int) -> bool:
    return status_code == 429 or status_code >= 500


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent or garbled."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (assume_utc(when) - now).total_seconds())


def json_object(response: httpx.Response, service: str) -> dict[str, Any]:
    """The response body as a JSON object; anything else means the platform is misbehaving."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        raise SourceUnavailable(
            f"{service} sent an answer we could not read (HTTP {response.status_code}); try again in a few minutes."
        )
    return body


class RetryingHttp:
    """GET with the retry policy: 429/5xx/timeouts are retried, other answers are returned to the caller.

    After the last attempt a 429 becomes RateLimited and anything else SourceUnavailable. `sleep`, `rand` and
    `clock` are injectable so tests neither wait nor depend on chance.
    """

    def __init__(
        self,
        service: str,
        *,
        client: httpx.Client | None = None,
        policy: RetryPolicy | None = None,
        sleep: Sleep = time.sleep,
        rand: Callable[[], float] = random.random,
        clock: Clock = utc_now,
        secrets: Iterable[str] = (),
    ) -> None:
        self.service = service
        self.policy = policy or RetryPolicy()
        self._owns_client = client is None
        self._client = client if client is not None else build_client()
        self._sleep = sleep
        self._rand = rand
        self._clock = clock
        self._secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        return redact(text, self._secrets)

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        policy = self.policy
        retry_after: float | None = None
        last_status: int | None = None
        for attempt in range(1, policy.max_attempts + 1):
            try:
                response = self._client.get(url, params=params, headers=headers)
            except httpx.TimeoutException:
                problem, retry_after, last_status = "timed out", None, None
            except httpx.TransportError as exc:
                problem, retry_after, last_status = f"could not connect ({type(exc).__name__})", None, None
            else:
                if not is_retryable_status(response.status_code):
                    return response
                last_status = response.status_code
                problem = f"HTTP {last_status}"
                retry_after = parse_retry_after(response.headers.get("Retry-After"), self._clock())
            # Sleeping through a long Retry-After would hold a Slack worker hostage: give up and say when.
            too_long = retry_after is not None and retry_after > policy.max_retry_after
            if attempt == policy.max_attempts or too_long:
                break
            delay = retry_after if retry_after is not None else policy.backoff(attempt, self._rand)
            logger.info(
                "%s: %s on attempt %d of %d, retrying in %.1fs: %s",
                self.service,
                problem,
                attempt,
                policy.max_attempts,
                delay,
                self.redact(url),
            )
            self._sleep(delay)
        if last_status == 429:
            raise self._rate_limited(retry_after)
        logger.warning("%s: giving up after %d attempts (%s): %s", self.service, attempt, problem, self.redact(url))
        tries = f"{attempt} tries" if attempt > 1 else "1 try"
        when = f"in about {_human_seconds(retry_after)}" if retry_after else "in a few minutes"
        raise SourceUnavailable(
            f"{self.service} is not answering right now ({problem} after {tries}); try again {when}."
        )

    def _rate_limited(self, retry_after: float | None) -> RateLimited:
        when = f"in about {_human_seconds(retry_after)}" if retry_after else "in a few minutes"
        return RateLimited(
            f"{self.service} is rate-limiting us; try again {when}.",
            retry_after=retry_after,
        )

    def close(self) -> None:
        if self._owns_client:
            self._client.close()


def _human_seconds(seconds: float) -> str:
    if seconds < 90:
        amount, unit = round(seconds), "second"
    elif seconds < 3600:
        amount, unit = round(seconds / 60), "minute"
    else:
        amount, unit = round(seconds / 3600), "hour"
    return f"{amount} {unit}{'' if amount == 1 else 's'}"


class Transport(TypedDict, total=False):
    """How a platform client reaches its API; tests inject all of it so nothing waits or depends on chance."""

    http_client: httpx.Client | None
    clock: Clock | None
    policy: RetryPolicy | None
    sleep: Sleep
    rand: Callable[[], float]


class PlatformClient:
    """What every platform client shares: it owns a RetryingHttp and closes it, also as a context manager."""

    _http: RetryingHttp

    def __init__(self, service: str, secret: str, **transport: Unpack[Transport]) -> None:
        self._clock: Clock = transport.get("clock") or utc_now
        self._http = RetryingHttp(
            service,
            client=transport.get("http_client"),
            policy=transport.get("policy"),
            sleep=transport.get("sleep", time.sleep),
            rand=transport.get("rand", random.random),
            clock=self._clock,
            secrets=[secret],
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
