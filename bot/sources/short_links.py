"""Where a short link leads (vm.tiktok.com/…, bit.ly/…): its redirects followed, within firm bounds.

A pasted link is hostile input and following it is a request the server makes on the user's behalf, so: https
only at every hop, at most MAX_HOPS redirects, DEADLINE seconds in all, no body read, and no hop to an address
that is not public (loopback, private, link-local, reserved: a short link must not reach inside our network).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from bot.sources.http import USER_AGENT

MAX_HOPS = 5
DEADLINE = 5.0  # seconds for the whole chain
REDIRECTS = frozenset({301, 302, 303, 307, 308})

Resolve = Callable[[str], list[str]]


class LinkNotFollowed(ValueError):
    """The short link could not be followed safely; str() says why, for the person who pasted it."""


def resolve_host(host: str) -> list[str]:
    """Every address `host` resolves to (an IP literal is its own address)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise LinkNotFollowed(f"{host} cannot be found") from error
    return sorted({str(info[4][0]) for info in infos})


def _check_hop(url: str, resolve: Resolve) -> None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https" or not host or parts.username or parts.password or parts.port not in (None, 443):
        raise LinkNotFollowed("it leads to an address that is not a plain https link")
    addresses = resolve(host)
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses):
        raise LinkNotFollowed("it leads to an address that is not public")


@dataclass
class LinkFollower:
    """Follows a short link to where it leads; `client` and `resolve` are injected in tests."""

    client: httpx.Client = field(
        default_factory=lambda: httpx.Client(headers={"User-Agent": USER_AGENT}, follow_redirects=False)
    )
    resolve: Resolve = field(default=lambda host: resolve_host(host))  # looked up at each call (tests swap it)
    max_hops: int = MAX_HOPS
    deadline: float = DEADLINE

    def follow(self, url: str) -> str:
        """The address the short link ends at (the first answer that is not a redirect)."""
        ends_at = time.monotonic() + self.deadline
        for _ in range(self.max_hops + 1):
            _check_hop(url, self.resolve)
            left = ends_at - time.monotonic()
            if left <= 0:
                raise LinkNotFollowed(f"it did not answer within {self.deadline:g} seconds")
            try:
                with self.client.stream("GET", url, timeout=left) as response:
                    status, location = response.status_code, response.headers.get("location")
            except httpx.TimeoutException as error:
                raise LinkNotFollowed(f"it did not answer within {self.deadline:g} seconds") from error
            except httpx.HTTPError as error:
                raise LinkNotFollowed("it could not be opened") from error
            if status not in REDIRECTS:
                return url
            if not location:
                raise LinkNotFollowed("it redirects nowhere")
            url = urljoin(url, location)
        raise LinkNotFollowed(f"it redirects more than {self.max_hops} times")

    def close(self) -> None:
        self.client.close()


def follow_short_link(url: str) -> str:
    """Where `url` leads, with a client of its own (a short link is pasted rarely: no pool to keep)."""
    follower = LinkFollower()
    try:
        return follower.follow(url)
    finally:
        follower.close()
