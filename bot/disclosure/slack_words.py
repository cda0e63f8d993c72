"""Reading "/disclosure check" argument text: option words before or after the caption, the rest is the caption.

    /disclosure check tiktok UK gift Loving this serum! #ad
    /disclosure check Loving this serum! #ad reel DE
    /disclosure check brand="Glow Recipe" paid -- Loving my new toner
    /disclosure check UK: "Loving this serum" tiktok

Options: platforms (tiktok, instagram/ig, youtube/yt, facebook/fb, x/twitter, threads, pinterest), formats
(post, reel, story, video, short, live), connections (paid, gift, affiliate, employee, none, unknown),
jurisdiction codes, and key=value (platform=, jurisdiction= or j=, format=, connection=, brand=; quote a
brand with spaces). Case does not matter, except for two-letter codes that are also words ("IT", "IN", "US",
"BE", "ES", "DE", "CA", "IE", "FR", "AU", "EU", "X"): those count only in capitals ("uk", "gb", "nl" always count).
Words that are also ordinary English ("live", "post", "paid", "gift", "threads" …) count only next to another
option or a separator ("--", "|", ":"), so "Live your best life" keeps its first word (but "tiktok Live your
best life" reads "Live" as the format: write "tiktok -- Live your best life"). A trailing option after
"on", "in", "via" … stays in the caption ("follow me on TikTok"). Quote the caption to be explicit.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from bot.disclosure.models import (
    ALIASES,
    CheckRequest,
    Connection,
    Format,
)
from bot.disclosure.normalise import word_set
from bot.vocabulary import Jurisdiction, Platform


class CheckOptions(BaseModel):
    """Options given in the command text; None where the command did not say."""

    platform: Platform | None = None
    jurisdiction: Jurisdiction | None = None
    format: Format | None = None
    connection: Connection | None = None
    brand: str | None = None

    def request(self, caption: str, default_jurisdiction: Jurisdiction = Jurisdiction.US) -> CheckRequest:
        """The checker's input, with the workspace's default jurisdiction where the command named none."""
        values = self.model_dump(exclude_none=True)
        values.setdefault("jurisdiction", default_jurisdiction)
        return CheckRequest(text=caption, **values)


# An option with a quoted value (brand="Glow Recipe"); the value is bounded, or an opening quote that never
# closes would send every later `key="` on a scan to the end of the text (quadratic).
_TOKEN_RE = re.compile(r"""[\w-]+[=:](?:"[^"]{0,100}"|'[^']{0,100}'|“[^”]{0,100}”)|\S+""")
_SEPARATORS = frozenset({"--", "|", ":", "—", "–", "-", "::", "//"})
_CAPITALS_ONLY = frozenset({"us", "it", "in", "be", "es", "de", "ca", "ie", "fr", "au", "eu", "x"})
_ORDINARY_WORDS = frozenset(
    {
        "post",
        "video",
        "live",
        "story",
        "short",
        "paid",
        "gift",
        "gifted",
        "affiliate",
        "employee",
        "none",
        "unknown",
        "sponsored",
        "commission",
        "employment",
        "image",
        "photo",
        "carousel",
        "threads",
        "stories",
        "tt",
    }
)
_STOP_BEFORE = word_set("on in at from via to the my a an this our your new full go going watch see and or of for with")
_KEYS = {
    "platform": "platform",
    "p": "platform",
    "jurisdiction": "jurisdiction",
    "j": "jurisdiction",
    "country": "jurisdiction",
    "region": "jurisdiction",
    "format": "format",
    "f": "format",
    "connection": "connection",
    "c": "connection",
    "conn": "connection",
    "brand": "brand",
    "b": "brand",
}
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’"}


def _option(token: str) -> tuple[str, str] | None:
    """(field, canonical value) when the token is an option word, else None."""
    name, sep, value = token.partition("=")
    if not sep:
        name, sep, value = token.partition(":")
    if sep and name.lower() in _KEYS and value:
        field = _KEYS[name.lower()]
        value = value.strip("\"'“”")
        if field == "brand":
            return field, value
        found = ALIASES[field].get(value.lower())
        return (field, found.value) if found is not None else None
    word = token.lower()
    if word in _CAPITALS_ONLY and token != token.upper():
        return None
    for field in ("platform", "jurisdiction", "format", "connection"):
        found = ALIASES[field].get(word)
        if found is not None:
            return field, found.value
    return None


def _is_ordinary(token: str) -> bool:
    return "=" not in token and token.lower() in _ORDINARY_WORDS


def _split_separator(token: str) -> tuple[str, bool]:
    """'UK:' -> ('UK', True): an option word that also ends the options."""
    if len(token) > 1 and token[-1] in ":|" and "=" not in token:
        return token[:-1], True
    return token, False


def _leading(tokens: list[str]) -> tuple[list[tuple[str, str]], int]:
    """Options at the start, and the index of the first caption token."""
    found: list[tuple[str, str]] = []
    index = 0
    while index < len(tokens):
        token, ends = _split_separator(tokens[index])
        if token in _SEPARATORS:
            return found, index + 1
        option = _option(token)
        if option is None:
            break
        if _is_ordinary(token) and not ends and not found:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or not (following in _SEPARATORS or _option(_split_separator(following)[0])):
                break
        found.append(option)
        index += 1
        if ends:
            break
    return found, index


def _trailing(tokens: list[str], first: int) -> tuple[list[tuple[str, str]], int]:
    """Options at the end (not before `first`), and the index one past the last caption token."""
    found: list[tuple[str, str]] = []
    end = len(tokens)
    while end > first:
        token = tokens[end - 1]
        if token in _SEPARATORS:
            end -= 1
            break
        option = _option(token)
        previous = tokens[end - 2] if end - 2 >= first else None
        if option is None or (previous is not None and previous.lower() in _STOP_BEFORE):
            break
        if _is_ordinary(token) and not found and not (previous in _SEPARATORS or (previous and _option(previous))):
            break
        found.append(option)
        end -= 1
    return found, end


def _quoted(rest: str) -> tuple[str, str] | None:
    """('caption', 'after') when `rest` opens with a quote that closes later."""
    if not rest or rest[0] not in _QUOTES:
        return None
    close = rest.find(_QUOTES[rest[0]], 1)
    if close < 0:
        return None
    return rest[1:close], rest[close + 1 :]


def option_kept_in_caption(options: CheckOptions, caption: str) -> tuple[str, str] | None:
    """(field, word) when the caption opens with an ordinary word that is also an option the command did not set
    ("gift Loving my new serum"): read as the caption's first word, which may not be what was meant."""
    first = caption.split(maxsplit=1)[0] if caption.strip() else ""
    option = _option(first) if _is_ordinary(first) else None
    if option is None or getattr(options, option[0]) is not None:
        return None
    return option[0], first


def parse_check_words(text: str) -> tuple[CheckOptions, str]:
    """Split "/disclosure check" argument text into options and the caption."""
    matches = list(_TOKEN_RE.finditer(text))
    tokens = [m.group(0) for m in matches]
    options, first = _leading(tokens)
    caption_start = matches[first].start() if first < len(matches) else len(text)
    quoted = _quoted(text[caption_start:].lstrip())
    if quoted is not None:
        caption, after = quoted
        options += [o for o in (_option(t) for t in after.split()) if o is not None]
    else:
        trailing, end = _trailing(tokens, first)
        options += trailing
        caption_end = matches[end - 1].end() if end > first else caption_start
        caption = text[caption_start:caption_end]
    values: dict[str, str] = {}
    for field, value in options:
        values.setdefault(field, value)
    return CheckOptions(**values), caption.strip()
