"""A live post's link: checked before it is stored, shown or used to fetch the post's numbers."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.campaigns.errors import CampaignError
from bot.vocabulary import Platform

MAX_LINK_LENGTH = 500  # the stored column's size; no platform's post links come near it

# Hosts a creator's post lives on, per platform, the usual one first (short links included: the apps share them).
POST_HOSTS: dict[Platform, tuple[str, ...]] = {
    Platform.instagram: ("www.instagram.com", "instagram.com", "instagr.am"),
    Platform.tiktok: ("www.tiktok.com", "tiktok.com", "vm.tiktok.com", "m.tiktok.com"),
    Platform.youtube: ("www.youtube.com", "youtube.com", "m.youtube.com", "youtu.be"),
}


class InvalidPostLink(CampaignError):
    """The link cannot be the deliverable's live post; the message says what to paste instead."""


def check_post_link(url: str, platform: Platform | str | None = None) -> str:
    """The link, trimmed, if it is an https link (on the platform's own site when `platform` is known)."""
    link = url.strip()
    if len(link) > MAX_LINK_LENGTH:
        raise InvalidPostLink(f"That link is {len(link):,} characters long; paste the post's own link.")
    try:
        parts = urlsplit(link)
        host = (parts.hostname or "").lower()
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme != "https" or not host or any(c in link for c in "<>| \n\t"):
        raise InvalidPostLink("Paste the full link, starting with https://")
    if platform:
        on = Platform(platform)
        hosts = POST_HOSTS.get(on)
        if hosts is not None and host not in hosts:
            raise InvalidPostLink(f"That is not a link to {on.value}; paste the post's link from {hosts[0]}.")
    return link
