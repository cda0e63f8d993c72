"""A creator's private link: the token in the link, the keyed hash kept at rest, the form keys that go with it.

The link carries 32 random bytes (url-safe base64, 43 characters). Only HMAC-SHA256(CREATOROPS_LINK_KEY, token)
is stored, so a copy of the database opens no page; a form key is an HMAC of the token's hash, the time it was
issued and a nonce, so a form posted from another site (which cannot read the page) is refused. The setting may
hold several keys, newest first (`LinkKeys`): links and forms made under an older one still work, so the key can be
changed without ending every creator's link. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.vocabulary import as_utc

TOKEN_BYTES = 32
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) gives; anything else is not a link
DEFAULT_DAYS = 30
MAX_DAYS = 365
FORM_KEY_HOURS = 12  # a page left open longer asks to be reloaded before it is sent
_FORM_KEY = re.compile(r"([0-9]{1,12})\.([A-Za-z0-9_-]{1,32})\.([0-9a-f]{64})")


class LinkState(StrEnum):
    active = "active"
    expired = "expired"
    revoked = "revoked"


@dataclass(frozen=True)
class StoredLink:
    """A link as stored: whose, for which campaign, until when."""

    id: int
    team_id: str
    campaign_id: int
    creator_id: int
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    created_by: str

    def state(self, now: datetime) -> LinkState:
        if self.revoked_at is not None:
            return LinkState.revoked
        if as_utc(now) >= as_utc(self.expires_at):
            return LinkState.expired
        return LinkState.active


@dataclass(frozen=True)
class LinkKeys:
    """CREATOROPS_LINK_KEY's keys, newest first: the newest hashes new links' tokens and signs forms; each older one
    still opens the links made under it and takes the forms it signed."""

    keys: tuple[bytes, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("a link key ring needs at least one key")

    @property
    def newest(self) -> bytes:
        return self.keys[0]

    def __repr__(self) -> str:  # never the keys themselves
        return f"LinkKeys({len(self.keys)} keys)"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(text: str) -> bool:
    return bool(TOKEN.fullmatch(text))


def token_hash(key: bytes, token: str) -> str:
    """What is stored for a token: hex HMAC-SHA256 under the link key."""
    return hmac.new(key, b"creator-link:" + token.encode(), hashlib.sha256).hexdigest()


def expiry(now: datetime, days: int) -> datetime:
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a link lasts 1 to {MAX_DAYS} days; {days} is outside that")
    return as_utc(now) + timedelta(days=days)


def _form_mac(key: bytes, hashed: str, issued: int, nonce: str) -> str:
    return hmac.new(key, f"form:{hashed}:{issued}:{nonce}".encode(), hashlib.sha256).hexdigest()


def form_key(keys: LinkKeys, token: str, now: datetime) -> str:
    """A key for the page's forms, signed with the newest key: good for this link only, for FORM_KEY_HOURS."""
    issued = int(as_utc(now).timestamp())
    nonce = secrets.token_urlsafe(12)
    return f"{issued}.{nonce}.{_form_mac(keys.newest, token_hash(keys.newest, token), issued, nonce)}"


def form_key_ok(keys: LinkKeys, token: str, sent: str, now: datetime) -> bool:
    """Whether a posted form key was issued for this link within FORM_KEY_HOURS, under any of the keys (a page
    opened just before the key changed can still be sent); constant-time comparisons."""
    found = _FORM_KEY.fullmatch(sent or "")
    if not found:
        return False
    issued, nonce, mac = int(found[1]), found[2], found[3]
    age = as_utc(now).timestamp() - issued
    if not -300 <= age <= FORM_KEY_HOURS * 3600:
        return False
    signed = [hmac.compare_digest(mac, _form_mac(key, token_hash(key, token), issued, nonce)) for key in keys.keys]
    return any(signed)


def network_of(address: str) -> str:
    """Where a submission came from, without who: an IPv4 address as its /24 network, an IPv6 one as its /48 (what
    an evidence pack shows; `creatorops link --history` keeps the whole address for the team). 'unknown' otherwise."""
    try:
        ip = ipaddress.ip_address(address.strip()[:64].split("%")[0])
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
