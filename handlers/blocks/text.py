"""Text helpers for Block Kit: escaping user text, and cutting labels to Slack's lengths without breaking them."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime

from bot.vocabulary import as_utc, assume_utc

ELLIPSIS = "…"
# A cut may move back this far (a share of the room) to fall between words; a longer word is cut inside.
WORD_BACKTRACK = 0.25
# An escape cut before its `;` (html.escape writes &amp; &lt; &gt;): looked for in the last 4 characters only.
OPEN_ESCAPE = re.compile(r"&[a-z]{0,3}\Z")
# Marks that belong to the character before them: a cut between the two would leave a broken character.
ZERO_WIDTH_JOINER = "\u200d"
SKIN_TONES = range(0x1F3FB, 0x1F400)
REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)  # flags are pairs of these


def escape(text: str) -> str:
    """User text in mrkdwn: no <!channel> pings or fake links from a handle, a caption or a campaign name."""
    return html.escape(text, quote=False)  # Slack's three control characters: & < >


BOLD_SAFE_STAR = "\u2217"  # ∗, the asterisk operator: looks like "*" but does not end our *bold*


def bold(text: str) -> str:
    """User text (a campaign's name) in our own *bold*, escaped: a "*" in it would end the bold early and leave
    stray stars, so it is shown as the look-alike ∗ (only here; elsewhere the name is shown as typed)."""
    return "*" + escape(text).replace("*", BOLD_SAFE_STAR) + "*"


def plain(text: str, limit: int = 3000) -> dict[str, object]:
    """User text shown as written, in a `plain_text` object: no bold, italics, code or links are read into it, so a
    caption's `*`, `_`, `~` and backticks stay characters. Escaped like every text Slack shows, cut within `limit`."""
    return {"type": "plain_text", "text": fit(escape(text), limit) or " ", "emoji": False}


def link(url: str, label: str) -> str:
    """A link Slack shows as `label`: the address escaped, so a crafted one cannot close the link and ping the
    channel, and a | in it cannot end the address early."""
    return f"<{escape(url.replace('|', '%7C'))}|{label}>"


_ESCAPED_CHANNEL = re.compile(r"&lt;#([CG][A-Z0-9]{2,20})&gt;")


def error_text(error: Exception) -> str:
    """A refusal's sentence for mrkdwn: escaped (it may quote what was typed), except a channel mention such as
    "<#C0123>", which stays a link (a channel link pings no one)."""
    return _ESCAPED_CHANNEL.sub(r"<#\1>", escape(str(error)))


def local_time(when: datetime, tokens: str = "{date_short} {time}") -> str:
    """A moment each reader sees in their own time zone, as Slack formats dates in mrkdwn (`tokens`: Slack's
    {date_short}, {time}…); a client that cannot format it shows the fallback, in UTC. A naive time is one of ours
    read back from the database, where every time is UTC."""
    moment = as_utc(assume_utc(when))
    return f"<!date^{int(moment.timestamp())}^{tokens}|{moment:%Y-%m-%d %H:%M} UTC>"


def slack_length(text: str) -> int:
    """Length as Slack may count it (UTF-16 code units): an emoji counts 2, never less than Python's len."""
    return len(text.encode("utf-16-le")) // 2


def _joins_previous(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.combining(char) > 0
        or unicodedata.category(char) in ("Mn", "Me", "Mc")
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (text or emoji style)
        or code in SKIN_TONES
        or char == ZERO_WIDTH_JOINER
    )


def characters(text: str) -> Iterator[str]:
    """The characters a reader sees: a letter with its accents, an emoji with its modifiers and joined parts,
    a flag (two regional indicators) — close enough to Unicode's grapheme clusters for cutting labels."""
    cluster = ""
    joined = False
    for char in text:
        pairs_flag = len(cluster) == 1 and ord(cluster) in REGIONAL_INDICATORS and ord(char) in REGIONAL_INDICATORS
        if cluster and not (joined or pairs_flag or _joins_previous(char)):
            yield cluster
            cluster = ""
        cluster += char
        joined = char == ZERO_WIDTH_JOINER
    if cluster:
        yield cluster


def one_line(text: str) -> str:
    """Labels sit on one line: newlines and tabs become spaces, runs of spaces one."""
    return " ".join(text.split())


def cut(text: str, limit: int, *, escaped: bool = False) -> str:
    """`text` on one line in at most `limit` characters (as Slack counts them), ending in … when it was longer;
    never splits an accented letter, an emoji or a flag. `escaped`: for mrkdwn, escaped first and counted
    escaped, so the cut never falls inside an `&amp;`."""
    shown = escape if escaped else str
    text = one_line(text)
    if slack_length(shown(text)) <= limit:
        return shown(text)
    kept = ""
    for char in characters(text):
        if slack_length(kept + shown(char)) > limit - 1:
            break
        kept += shown(char)
    return kept.rstrip() + ELLIPSIS


def unique_labels(labels: Iterable[str], limit: int) -> list[str]:
    """Each label cut to `limit`; labels that become equal get ~2, ~3… so a chart's categories stay apart."""
    seen: set[str] = set()
    unique: list[str] = []
    for label in labels:
        candidate = cut(label, limit) or "?"
        number = 2
        while candidate in seen:
            suffix = f"~{number}"
            candidate = cut(label, limit - len(suffix)) + suffix
            number += 1
        seen.add(candidate)
        unique.append(candidate)
    return unique


def fit(text: str, limit: int, *, mrkdwn: bool = True) -> str:
    """`text` within `limit` characters: when longer, cut between words and ended with an ellipsis.

    In mrkdwn (escaped user text and markup) the cut never falls inside an escape (`&amp;`) nor inside a `<…>`
    mention or link, which Slack would show broken; plain_text has neither. A single word longer than the room
    is cut inside, as it must be.
    """
    if len(text) <= limit:
        return text
    room = max(limit - len(ELLIPSIS), 0)
    kept = text[:room]
    space = max(kept.rfind(" "), kept.rfind("\n"))
    if text[room : room + 1] not in (" ", "\n") and space >= room * (1 - WORD_BACKTRACK):
        kept = kept[:space]
    if mrkdwn:
        start = kept.rfind("<")
        if start != -1 and ">" not in kept[start:]:  # a mention or link without its end
            kept = kept[:start]
        tail = max(len(kept) - 4, 0)
        kept = kept[:tail] + OPEN_ESCAPE.sub("", kept[tail:])
    return kept.rstrip() + ELLIPSIS
