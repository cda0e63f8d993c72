"""What reading a channel back tells about reminders whose post may or may not have landed.

A post that answered 5xx or timed out, or whose worker died after `start_post`, may be in the channel: its message
(the reminder id in its metadata) can only be within its check window, from when that post began to the end of
that attempt's lease (or the claim that checks it, if sooner), widened by HISTORY_SLACK because Slack's ts and our
clocks differ. Slack lets an app outside the Marketplace read a workspace's history about once a minute, so every
page read is kept (HistoryPage) and answers, for every worker and tick, each reminder whose window it covers:

- a page lists every message with since <= ts <= until that was in the channel at read_at. A message that lands
  later has a ts of at least read_at - HISTORY_SLACK, so below that the page is final for every reminder; up to
  its `until` it is final for a reminder whose attempt was over by read_at (its post, if any, was there already).
- a reminder found on a page was posted; one whose whole window final pages cover, and is found on none, was not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

HISTORY_SLACK = timedelta(seconds=5)  # clocks and Slack's ts are not exactly ours
TICK = timedelta(microseconds=1)  # the finest step of a Slack ts


@dataclass(frozen=True)
class CheckWindow:
    """Where reminder `reminder_id`'s earlier post can be, as Slack ts: since <= ts <= until."""

    reminder_id: int
    since: datetime
    until: datetime

    @property
    def attempt_over(self) -> datetime:
        """By then the earlier attempt had posted or never would."""
        return self.until - HISTORY_SLACK


def check_window(reminder_id: int, posting_since: datetime, lease: timedelta, checked_from: datetime) -> CheckWindow:
    """From the moment the earlier post began to the end of that attempt's lease, or `checked_from` (the claim
    that checks it; now, for a reminder no one holds) if sooner."""
    over = min(posting_since + lease, checked_from)
    return CheckWindow(reminder_id, posting_since - HISTORY_SLACK, over + HISTORY_SLACK)


@dataclass(frozen=True)
class HistoryPage:
    """One conversations.history page as kept: the messages with since <= ts <= until at read_at, and the
    reminders among them (id -> ts)."""

    since: datetime
    until: datetime
    read_at: datetime
    found: Mapping[int, str] = field(default_factory=dict)

    def final_until(self, window: CheckWindow) -> datetime:
        """Up to where nothing of `window`'s reminder can appear on this page any more."""
        if window.attempt_over <= self.read_at:
            return self.until
        return min(self.until, self.read_at - HISTORY_SLACK)


@dataclass(frozen=True)
class AwaitingCheck:
    """A reminder of a channel that must be looked for there before it is posted (again)."""

    id: int
    posting_since: datetime
    pending: bool  # False: a worker holds it
    next_attempt_at: datetime


@dataclass(frozen=True)
class Verdict:
    """What the kept pages say of one window: posted (with its ts), not posted, or not known yet (the part of the
    window no final page covers)."""

    posted_ts: str | None = None
    unread: tuple[datetime, datetime] | None = None
    gaps: tuple[tuple[datetime, datetime], ...] = ()  # the unread parts, oldest first (unread spans them)

    @property
    def decided(self) -> bool:
        return self.posted_ts is not None or self.unread is None


def verdict(window: CheckWindow, pages: Iterable[HistoryPage]) -> Verdict:
    pages = list(pages)
    for page in pages:
        ts = page.found.get(window.reminder_id)
        if ts is not None:
            return Verdict(posted_ts=ts)
    # Slack's ts are unique to the microsecond within a channel: pages a microsecond apart leave nothing between.
    covered, gaps = window.since - TICK, []  # covered: every instant from window.since up to here is on a page
    for since, until in sorted((page.since, page.final_until(window)) for page in pages):
        if covered >= window.until:
            break
        if until <= covered or until < since:
            continue
        if since > covered + TICK:
            gaps.append((covered + TICK, min(since - TICK, window.until)))
        covered = until
    if covered < window.until:
        gaps.append((covered + TICK, window.until))
    return Verdict(unread=(gaps[0][0], gaps[-1][1]) if gaps else None, gaps=tuple(gaps))


@dataclass(frozen=True)
class ChannelCheck:
    """The verdict on the reminder being checked and, when it is not known yet, the one range of the channel
    to read next: the unread part at the top of its window, with every unread part of the other reminders there
    that awaits a check running into it (`wanted`: reading may stop once all of those are found). Parts the
    pages cover already are not read again."""

    verdict: Verdict
    to_read: tuple[datetime, datetime] | None = None
    wanted: frozenset[int] = frozenset()


def plan_check(own: CheckWindow, others: Iterable[CheckWindow], pages: Iterable[HistoryPage]) -> ChannelCheck:
    pages = list(pages)
    mine = verdict(own, pages)
    if mine.decided:
        return ChannelCheck(mine)
    gaps = {own.reminder_id: mine.gaps}
    for window in others:
        if window.reminder_id not in gaps:
            gaps[window.reminder_id] = verdict(window, pages).gaps
    low, high = mine.gaps[-1]
    parts = [gap for windows_gaps in gaps.values() for gap in windows_gaps]
    grown = True
    while grown:  # take in every unread part that runs into the range: the same pages read it
        grown = False
        for since, until in parts:
            if since <= high + TICK and until >= low - TICK and (since < low or until > high):
                low, high, grown = min(low, since), max(high, until), True
    wanted = frozenset(i for i, parts in gaps.items() if any(s <= high and u >= low for s, u in parts))
    return ChannelCheck(mine, (low, high), wanted)


def span_of(windows: Iterable[CheckWindow]) -> tuple[datetime, datetime]:
    windows = list(windows)
    return min(w.since for w in windows), max(w.until for w in windows)
