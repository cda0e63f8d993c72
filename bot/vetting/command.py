"""Parse the text of `/vet`: handles, profile links, platforms, an ask and the deal options."""

from __future__ import annotations

import re

from pydantic import BaseModel

from bot.vetting.rate_facts import NICHE_EXAMPLES
from bot.vetting.rates import parse_ask
from bot.vocabulary import PLATFORM_KINDS, DeliverableKind, Money, Platform, creator_platform

USAGE = (
    "Usage: /vet @handle [instagram|tiktok|youtube] [ask:$800] [post|reel|story|video|short] [exclusive] [usage]"
    " [niche:finance]\n"
    "Several creators: /vet @one @two tiktok (a platform word after a handle is for that handle; "
    "before all handles, for all of them). Profile links work too: /vet https://www.tiktok.com/@name\n"
    "ask: the creator's price for one deliverable of that kind (a post unless you say); exclusive: category "
    "exclusivity; usage: paid usage rights; niche: the creator's subject, in one word ("
    f"{NICHE_EXAMPLES} and more move the fair rate)."
)
MAX_TARGETS = 10
HELP_WORDS = frozenset({"help", "?", "-h", "--help"})
MAX_QUOTED = 40  # characters of a word the error quotes back
CURRENCY_WORDS = frozenset({"usd", "eur", "gbp", "cad", "aud", "$", "€", "£"})
PRICE_SUFFIXES = CURRENCY_WORDS | {"k"}

PLATFORM_WORDS: dict[str, Platform] = {
    "instagram": Platform.instagram,
    "ig": Platform.instagram,
    "insta": Platform.instagram,
    "tiktok": Platform.tiktok,
    "tt": Platform.tiktok,
    "youtube": Platform.youtube,
    "yt": Platform.youtube,
}
EXCLUSIVE_WORDS = frozenset({"exclusive", "exclusivity"})
USAGE_WORDS = frozenset({"usage", "usage-rights", "usage_rights", "rights"})
KIND_WORDS: dict[str, DeliverableKind] = {
    **{kind.value: kind for kind in DeliverableKind},
    **{f"{kind.value}s": kind for kind in DeliverableKind},
    "stories": DeliverableKind.story,
    "photo": DeliverableKind.post,
}
_NICHE = re.compile(r"^niche[:=](?P<niche>[a-z][a-z0-9&+-]{0,29})$", re.IGNORECASE)

_HANDLE = re.compile(r"^@?([A-Za-z0-9._-]{1,30})$")
_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?P<host>instagram\.com|tiktok\.com|youtube\.com)/(?P<path>[^?#]*)(?:[?#].*)?$",
    re.IGNORECASE,
)
_HOSTS = {"instagram.com": Platform.instagram, "tiktok.com": Platform.tiktok, "youtube.com": Platform.youtube}
_INSTAGRAM_NOT_PROFILES = frozenset({"p", "reel", "reels", "stories", "explore", "tv", "accounts", "direct"})


class VetUsageError(ValueError):
    """The /vet text could not be understood; the message says what was wrong and shows the usage."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(f"{problem}\n{USAGE}")


class VetRequest(BaseModel):
    targets: list[tuple[str, Platform]]
    ask: Money | None = None
    exclusivity: bool = False
    usage_rights: bool = False
    kind: DeliverableKind | None = None  # None: the platform's base (an Instagram post, a TikTok or YouTube video)
    niche: str | None = None


def _valid_handle(name: str) -> str | None:
    match = _HANDLE.match(name)
    if not match or not any(ch.isalnum() for ch in match[1]):
        return None
    return match[1].lower()


def _from_url(token: str) -> tuple[str, Platform] | None:
    """(handle, platform) from a profile link; None if `token` is not a link; VetUsageError if not a profile."""
    match = _URL.match(token)
    if not match:
        return None
    platform = _HOSTS[match["host"].lower()]
    segments = [s for s in match["path"].split("/") if s]
    name = segments[0] if segments else ""
    if platform == Platform.instagram and name.lower() in _INSTAGRAM_NOT_PROFILES:
        raise VetUsageError(f"{_quoted(token)} is a post or page link; paste the creator's profile link instead.")
    if platform in (Platform.tiktok, Platform.youtube) and not name.startswith("@"):
        raise VetUsageError(f"{_quoted(token)} is not a profile link; use the one with @name in it.")
    handle = _valid_handle(name)
    if handle is None:
        raise VetUsageError(
            f"{_quoted(token)} does not contain a handle: paste the creator's profile link, or type their @handle"
            " (letters a-z, digits, dots, underscores and hyphens)."
        )
    return handle, platform


def _unwrap_slack(token: str) -> str:
    """Slack sends links as <https://x|label> or <https://x>; keep the address."""
    if token.startswith("<") and token.endswith(">"):
        inner = token[1:-1]
        if inner.startswith(("@", "#", "!")):
            raise VetUsageError(f"{_quoted(token)} is a Slack user or channel; type the creator's handle instead.")
        return inner.split("|", 1)[0]
    return token


def _tokens(text: str) -> list[str]:
    """Words of the command; commas separate handles too ("@a, @b"), except inside a price ("ask:$1,200"); a
    currency or a thousand written after the price ("ask:800 EUR", "ask:1.2 k") belongs to it."""
    tokens: list[str] = []
    for word in text.split():
        if tokens and tokens[-1].lower().startswith(("ask:", "ask=")) and word.lower() in PRICE_SUFFIXES:
            tokens[-1] += f" {word}"
        elif word.lower().startswith(("ask:", "ask=")):
            tokens.append(word)
        else:
            tokens.extend(filter(None, word.split(",")))
    return tokens


def _quoted(raw: str) -> str:
    """A word of the command, quoted back to the user: short, so 10 KB of text is not echoed."""
    return f"`{raw[:MAX_QUOTED]}…`" if len(raw) > MAX_QUOTED else f"`{raw}`"


def _not_understood(raw: str) -> str:
    if raw.startswith("@"):
        return (
            f"{_quoted(raw)} is not a handle: a handle has only the letters a-z, digits, dots, underscores and"
            " hyphens (at most 30); type it as it is in the creator's profile link."
        )
    return f"I do not understand {_quoted(raw)}."


def parse_vet_command(text: str, default_platform: Platform | str = Platform.instagram) -> VetRequest:
    """`/vet` text -> VetRequest; VetUsageError (with the usage) when it cannot be understood."""
    default = creator_platform(default_platform)
    handles: list[str] = []
    platforms: list[Platform | None] = []
    for_all: Platform | None = None
    ask: Money | None = None
    exclusivity = usage_rights = False
    kind: DeliverableKind | None = None
    niche: str | None = None
    if text.strip().lower() in HELP_WORDS:  # not a creator called help: that is @help
        raise VetUsageError("How to use /vet:")
    for raw in _tokens(text):
        token = _unwrap_slack(raw)
        word = token.lower()
        if word.startswith(("ask:", "ask=")):
            if ask is not None:
                raise VetUsageError("Give one ask per command.")
            try:
                ask = parse_ask(token)
            except ValueError as exc:
                raise VetUsageError(str(exc)) from None
        elif word in KIND_WORDS:
            if kind is not None and kind != KIND_WORDS[word]:
                raise VetUsageError(
                    f"Give one deliverable kind per command ({kind.value} and {KIND_WORDS[word].value} given)."
                )
            kind = KIND_WORDS[word]
        elif word.startswith(("niche:", "niche=")):
            match = _NICHE.match(token) if len(token) <= 40 else None
            if match is None:
                raise VetUsageError("Write the niche as one word after niche:, like niche:finance or niche:beauty.")
            if niche is not None and niche != match["niche"].lower():
                raise VetUsageError(f"Give one niche per command ({niche} and {match['niche'].lower()} given).")
            niche = match["niche"].lower()
        elif word in EXCLUSIVE_WORDS:
            exclusivity = True
        elif word in USAGE_WORDS:
            usage_rights = True
        elif word in PLATFORM_WORDS:
            platform = PLATFORM_WORDS[word]
            if not handles:
                if for_all is not None and for_all != platform:
                    raise VetUsageError("Give one platform before the handles, or one after each handle.")
                for_all = platform
            elif platforms[-1] is None:
                platforms[-1] = platform
            elif platforms[-1] != platform:
                raise VetUsageError(f"@{handles[-1]} has two platforms: {platforms[-1].value} and {platform.value}.")
        elif (linked := _from_url(token)) is not None:
            handles.append(linked[0])
            platforms.append(linked[1])
        elif (handle := _valid_handle(token)) is not None:
            handles.append(handle)
            platforms.append(None)
        else:
            raise VetUsageError(_not_understood(raw))
    if not handles:
        raise VetUsageError("Tell me which creator to vet.")
    # a dict keeps the order and drops repeats in one pass (a list's `in` made 20,000 handles take seconds)
    targets = list(dict.fromkeys((h, given or for_all or default) for h, given in zip(handles, platforms, strict=True)))
    if len(targets) > MAX_TARGETS:
        raise VetUsageError(f"Vet at most {MAX_TARGETS} creators at a time ({len(targets)} given).")
    if kind is not None:
        for handle, platform in targets:
            if kind not in PLATFORM_KINDS[platform]:
                kinds = ", ".join(k.value for k in PLATFORM_KINDS[platform])
                raise VetUsageError(
                    f"@{handle} is on {platform.value}, which has no {kind.value}; there it is one of: {kinds}."
                )
    return VetRequest(
        targets=targets, ask=ask, exclusivity=exclusivity, usage_rights=usage_rights, kind=kind, niche=niche
    )
