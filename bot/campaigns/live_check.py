"""A live post's caption, checked: what the platform showed, the disclosure verdict on it, and whether it changed
since the post went live (or from the approved caption) enough to tell the channel.

Pure: the caption comes in as text, the verdict from bot.disclosure; storage keeps each check, services fetch.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.disclosure import MAX_CAPTION_CHARS, CheckRequest, CheckResult, Connection, Verdict, check_caption
from bot.disclosure.models import LONGEST_PLATFORM_CAPTION
from bot.vocabulary import DeliverableKind, Jurisdiction, Platform, as_utc

MAX_STORED_CAPTION = LONGEST_PLATFORM_CAPTION  # what any platform allows; a longer text is cut to this when kept
MAX_FINDINGS = 10  # findings kept per check (the checker rarely finds more than four)
MAX_NOTE = 500
# Below this similarity (difflib's ratio, 0..1) two captions say different things: a typo fixed or an emoji
# added stays above it; a rewritten sentence, a new offer or a removed paragraph falls below.
MATERIAL_SIMILARITY = 0.9
_TAG = re.compile(r"[#@][\w.]{1,100}", re.UNICODE)
_SPACE = re.compile(r"\s+")
CLEAR = frozenset({Verdict.compliant, Verdict.not_needed})
FAILING = frozenset({Verdict.missing, Verdict.needs_work})
# How far a verdict is from clear. A video's caption is at best needs_work (its spoken and on-screen disclosure
# cannot be read from text), so a disclosure removed from a video's caption goes from needs_work to missing.
_DISTANCE = {Verdict.compliant: 0, Verdict.not_needed: 0, Verdict.needs_work: 1, Verdict.missing: 2}


class CheckStatus(StrEnum):
    checked = "checked"  # the platform showed the caption and it was checked
    not_checkable = "not_checkable"  # no API for it, not configured, or the post could not be read: `note` says why


@dataclass(frozen=True)
class LiveCheck:
    """One reading of a live post's caption (or why it could not be read)."""

    deliverable_id: str
    checked_at: datetime
    source: str  # youtube, instagram; or the platform that could not be checked
    status: CheckStatus
    verdict: Verdict | None = None
    caption: str | None = None  # as the platform showed it, cut to MAX_STORED_CAPTION
    caption_hash: str | None = None  # of the whole caption, normalised (spacing and case do not count)
    findings: tuple[str, ...] = ()  # the checker's messages, most serious first
    fixed_caption: str | None = None  # the checker's suggestion when the verdict is not clear
    note: str | None = None  # why it was not checkable; or what changed
    id: str | None = None

    @property
    def clear(self) -> bool:
        return self.status is CheckStatus.checked and self.verdict in CLEAR

    @property
    def failing(self) -> bool:
        return self.status is CheckStatus.checked and self.verdict in FAILING


def normalised(caption: str) -> str:
    return _SPACE.sub(" ", caption).strip().casefold()


def caption_hash(caption: str) -> str:
    return hashlib.sha256(normalised(caption).encode()).hexdigest()


def connection_for(fee: float, gift_value: float | None) -> Connection:
    """A creator booked for a brand's campaign has a material connection whatever the terms say: gifted when the
    brand only sent product, paid otherwise (a fee not typed in yet is still a deal)."""
    return Connection.gift if fee <= 0 and gift_value else Connection.paid


def check_live_caption(
    deliverable_id: str,
    caption: str,
    *,
    platform: Platform,
    kind: DeliverableKind,
    jurisdiction: Jurisdiction,
    connection: Connection,
    source: str,
    at: datetime,
) -> LiveCheck:
    """The disclosure check of a caption read from the live post."""
    result: CheckResult = check_caption(
        CheckRequest(
            text=caption[:MAX_CAPTION_CHARS],
            platform=platform,
            format=kind,
            jurisdiction=jurisdiction,
            connection=connection,
        )
    )
    serious = sorted(result.findings, key=lambda f: ("missing", "needs_work", "info").index(f.severity.value))
    return LiveCheck(
        deliverable_id=deliverable_id,
        checked_at=at,
        source=source,
        status=CheckStatus.checked,
        verdict=result.verdict,
        caption=caption[:MAX_STORED_CAPTION],
        caption_hash=caption_hash(caption),
        findings=tuple(f.message for f in serious[:MAX_FINDINGS]),
        fixed_caption=result.fixed_caption[:MAX_STORED_CAPTION] if result.verdict in FAILING else None,
    )


def not_checkable(deliverable_id: str, source: str, why: str, *, at: datetime) -> LiveCheck:
    return LiveCheck(
        deliverable_id=deliverable_id,
        checked_at=at,
        source=source,
        status=CheckStatus.not_checkable,
        note=why[:MAX_NOTE],
    )


def materially_different(before: str, after: str) -> bool:
    """Whether a caption now says something else: its hashtags or mentions changed, or its words did beyond
    spacing, case and small edits."""
    a, b = normalised(before), normalised(after)
    if a == b:
        return False
    if set(_TAG.findall(a)) != set(_TAG.findall(b)):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() < MATERIAL_SIMILARITY


@dataclass(frozen=True)
class CaptionChange:
    """Why a new check is worth an alert to the channel."""

    disclosure_removed: bool  # the verdict got worse: from clear to failing, or from needs work to missing
    caption_changed: bool  # the caption says something else than at the previous check
    previous: LiveCheck | None  # None: the first caption read live (news only when it is not the approved one)
    first: LiveCheck | None  # the first caption seen live, when it is not `previous`
    off_approved: bool = False  # the caption says something else than the approved one

    def summary(self) -> str:
        """What changed, in words, without the captions themselves."""
        parts = []
        if self.disclosure_removed:
            before = self.previous.verdict if self.previous else None
            was = before.value.replace("_", " ") if before else "clear"
            parts.append(f"the disclosure was removed (was {was})")
        if self.caption_changed:
            parts.append("the caption was edited since it was last checked")
        if self.off_approved:
            parts.append(
                "it no longer matches the approved caption"
                if self.previous
                else "it is not the caption that was approved"
            )
        return "; ".join(parts)


def change_since(
    previous: LiveCheck | None, current: LiveCheck, *, first: LiveCheck | None = None, approved: str | None = None
) -> CaptionChange | None:
    """The change a new check shows against the last one that read the caption; None when nothing needs saying.

    An alert is about a change, so it is raised once: the next check compares with this one. The first caption
    read live is news only when it says something else than the approved draft."""
    if current.status is not CheckStatus.checked:
        return None
    off_approved = (
        approved is not None and current.caption is not None and materially_different(approved, current.caption)
    )
    if previous is None:
        if not off_approved:
            return None
        return CaptionChange(
            disclosure_removed=False, caption_changed=False, previous=None, first=None, off_approved=True
        )
    if previous.status is not CheckStatus.checked:
        return None
    removed = (
        previous.verdict is not None
        and current.verdict is not None
        and current.failing
        and _DISTANCE[current.verdict] > _DISTANCE[previous.verdict]
    )
    changed = (
        previous.caption is not None
        and current.caption is not None
        and previous.caption_hash != current.caption_hash
        and materially_different(previous.caption, current.caption)
    )
    if not (removed or changed):
        return None
    return CaptionChange(
        disclosure_removed=removed,
        caption_changed=changed,
        previous=previous,
        first=first if first is not None and first.id != previous.id else None,
        off_approved=off_approved,
    )


RECHECK_AFTER = timedelta(hours=24)  # a caption is most often edited on its first day up


def recheck_at(deliverable_id: str, posted_at: datetime) -> tuple[datetime, str]:
    """When a live post's caption is read again, and the stable key of that re-check."""
    return as_utc(posted_at) + RECHECK_AFTER, f"{deliverable_id}:live_recheck:24h"


def alert_key(deliverable_id: str, check_id: str) -> str:
    """One alert per check that found a change, however many workers record or deliver it."""
    return f"{deliverable_id}:live_alert:{check_id}"


@dataclass(frozen=True)
class ComplianceException:
    """A live post whose latest caption check fails the disclosure rules: what a report lists."""

    handle: str
    platform: str
    kind: str
    post_url: str
    check: LiveCheck

    def json(self) -> dict[str, object]:
        return {
            "handle": self.handle,
            "platform": self.platform,
            "kind": self.kind,
            "post_url": self.post_url,
            "verdict": self.check.verdict.value if self.check.verdict else None,
            "checked_at": self.check.checked_at.isoformat(),
            "source": self.check.source,
            "findings": list(self.check.findings),
        }
