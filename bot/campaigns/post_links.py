"""A live post's link: checked before it is stored, shown or used to fetch the post's numbers.

The link must be the deliverable's platform, and the creator's own account where the address shows it
(instagram.com/<handle>/reel/…, tiktok.com/@<handle>/video/…). Instagram /p/ and /reel/ links and YouTube
video links do not name the account: they are accepted on their platform. Short forms that carry the post id
(youtu.be/ID, instagr.am/p/ID) are expanded here without the network; others (vm.tiktok.com, bit.ly…) only
say where they go when followed, which the caller does after answering Slack (bot.sources.short_links), and
the address they lead to is checked like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from bot.campaigns.errors import CampaignError
from bot.vocabulary import Platform

MAX_LINK_LENGTH = 500  # the stored column's size; no platform's post links come near it

# Hosts a creator's post lives on, per platform, the usual one first (short links included: the apps share them).
POST_HOSTS: dict[Platform, tuple[str, ...]] = {
    Platform.instagram: ("www.instagram.com", "instagram.com", "m.instagram.com", "instagr.am", "www.instagr.am"),
    Platform.tiktok: ("www.tiktok.com", "tiktok.com", "m.tiktok.com", "vm.tiktok.com", "vt.tiktok.com"),
    Platform.youtube: ("www.youtube.com", "youtube.com", "m.youtube.com", "youtu.be"),
}
# Short-link hosts whose target only a redirect tells.
REDIRECT_ONLY_HOSTS = frozenset({"vm.tiktok.com", "vt.tiktok.com"})
SHORTENERS = frozenset({"bit.ly", "t.co", "tinyurl.com", "ow.ly", "buff.ly", "rebrand.ly", "cutt.ly", "is.gd"})
PLATFORM_NAMES = {Platform.instagram: "Instagram", Platform.tiktok: "TikTok", Platform.youtube: "YouTube"}

_HANDLE = r"[A-Za-z0-9._-]{1,100}"
_ID = r"[A-Za-z0-9_-]{1,64}"
# Instagram paths that are a post of an account's own: /<handle>/p/<id>, /<handle>/reel/<id>, /stories/<handle>/<id>
_IG_OWNED = re.compile(rf"/(?!p/|reels?/|tv/|stories/)({_HANDLE})/(?:p|reels?|tv)/{_ID}/?")
_IG_STORY = re.compile(rf"/stories/({_HANDLE})/\d{{1,30}}/?")
_IG_POST = re.compile(rf"/(?:p|reels?|tv)/{_ID}/?")
_TIKTOK_OWNED = re.compile(rf"/@({_HANDLE})/(?:video|photo)/\d{{1,30}}/?")
_TIKTOK_SHORT = re.compile(rf"/t/{_ID}/?")
_YOUTUBE_VIDEO = re.compile(rf"/(?:shorts|live|embed)/({_ID})/?")
_TIKTOK_MOBILE = re.compile(r"/v/\d{1,30}(?:\.html)?/?")
_BAD_CHARACTERS = re.compile(r"[<>|\\\s\x00-\x1f\x7f]")
EXAMPLES = {
    Platform.instagram: "https://www.instagram.com/reel/…",
    Platform.tiktok: "https://www.tiktok.com/@handle/video/…",
    Platform.youtube: "https://www.youtube.com/watch?v=…",
}


def _a(name: str) -> str:
    return ("an " if name[0] in "AEIOU" else "a ") + name


def _not_a_post(platform: Platform) -> InvalidPostLink:
    return InvalidPostLink(
        f"That is a link to {_a(PLATFORM_NAMES[platform])} profile or page, not to a post: open the post and paste "
        f"its own link (like {EXAMPLES[platform]})."
    )


class InvalidPostLink(CampaignError):
    """The link cannot be the deliverable's live post; the message says what to paste instead."""


@dataclass(frozen=True)
class PostLink:
    url: str  # trimmed; a short form expanded where the form allows
    platform: Platform | None  # None: a general link shortener, where it leads is not known yet
    handle: str | None = None  # the account the address names, when it does
    needs_following: bool = False  # only following its redirects tells where it leads

    def must_be(self, platform: Platform | str | None, handle: str | None) -> None:
        """Refuse it, saying what to paste, unless it is on `platform` and (where it names one) `handle`'s."""
        if platform is None or self.needs_following and self.platform is None:
            return
        wanted = Platform(platform)
        hosts = POST_HOSTS.get(wanted)
        if hosts is None:
            return
        name = PLATFORM_NAMES[wanted]
        if self.platform is None:
            raise InvalidPostLink(f"That is not a link to {name}: paste the post's link from {hosts[0]}.")
        if self.platform is not wanted:
            raise InvalidPostLink(
                f"That is a {PLATFORM_NAMES[self.platform]} link, but this deliverable is on {name}: "
                f"paste the post's link from {hosts[0]}."
            )
        if handle and self.handle and self.handle.casefold() != handle.strip().lstrip("@").casefold():
            raise InvalidPostLink(
                f"That post is @{self.handle}'s, not @{handle.lstrip('@')}'s: paste the link of "
                f"@{handle.lstrip('@')}'s own {name} post."
            )


def _platform_of(host: str) -> Platform | None:
    return next((platform for platform, hosts in POST_HOSTS.items() if host in hosts), None)


def _youtube(host: str, path: str, query: str) -> str | None:
    """The video's canonical watch address, from any of YouTube's video forms; None if it is none of them."""
    if host == "youtu.be":
        video = path.strip("/")
        found = re.fullmatch(_ID, video)
    else:
        shown = _YOUTUBE_VIDEO.fullmatch(path)
        video = shown.group(1) if shown else (parse_qs(query).get("v") or [""])[0] if path == "/watch" else ""
        found = re.fullmatch(_ID, video)
    return f"https://www.youtube.com/watch?v={video}" if found else None


def read_post_link(url: str) -> PostLink:
    """What a pasted link is: its platform and the account it names; InvalidPostLink when it cannot be a post."""
    link = url.strip()
    if len(link) > MAX_LINK_LENGTH:
        raise InvalidPostLink(f"That link is {len(link):,} characters long; paste the post's own link.")
    try:
        parts = urlsplit(link)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        raise InvalidPostLink("Paste the full link, starting with https://") from None
    if parts.scheme != "https" or not host or _BAD_CHARACTERS.search(link):
        raise InvalidPostLink("Paste the full link, starting with https://")
    if parts.username or parts.password or port not in (None, 443):
        raise InvalidPostLink("That link hides where it goes; paste the post's own link, as the app shares it.")
    platform = _platform_of(host)
    if platform is None:
        return PostLink(link, None, needs_following=host in SHORTENERS)
    path = parts.path or "/"
    if platform is Platform.youtube:
        video = _youtube(host, path, parts.query)
        if video is None:
            raise _not_a_post(platform)
        return PostLink(video, platform)
    if platform is Platform.tiktok:
        owned = _TIKTOK_OWNED.fullmatch(path)
        short = host in REDIRECT_ONLY_HOSTS or _TIKTOK_SHORT.fullmatch(path) is not None
        if not (owned or short or _TIKTOK_MOBILE.fullmatch(path)):
            raise _not_a_post(platform)
        return PostLink(link, platform, owned.group(1) if owned else None, needs_following=short and not owned)
    owned = _IG_OWNED.fullmatch(path) or _IG_STORY.fullmatch(path)
    if not (owned or _IG_POST.fullmatch(path)):
        raise _not_a_post(platform)
    if host.endswith("instagr.am"):
        link = f"https://www.instagram.com{path}"
    return PostLink(link, platform, owned.group(1) if owned else None)


def check_post_link(url: str, platform: Platform | str | None = None, handle: str | None = None) -> str:
    """The link, trimmed (a short form expanded where it can be without the network), if it is an https link
    on the deliverable's platform and, where the address names an account, the creator's."""
    link = read_post_link(url)
    link.must_be(platform, handle)
    return link.url


_POST_ID = re.compile(rf"/(?:p|reels?|tv|video|photo)/({_ID})/?$|/stories/{_HANDLE}/(\d{{1,30}})/?$")


def post_key(url: str | None) -> str | None:
    """The post a stored link points at, however it was written ('instagram:C0abc', 'youtube:dQw4…',
    'tiktok:7300…'): two deliverables must not claim one post. None when the link names no post id."""
    if not url:
        return None
    try:
        link = read_post_link(url)
    except InvalidPostLink:
        return None
    if link.platform is None:
        return None
    parts = urlsplit(link.url)
    if link.platform is Platform.youtube:
        video = (parse_qs(parts.query).get("v") or [""])[0]
        return f"youtube:{video}" if video else None
    found = _POST_ID.search(parts.path or "")
    return f"{link.platform.value}:{found.group(1) or found.group(2)}" if found else None
