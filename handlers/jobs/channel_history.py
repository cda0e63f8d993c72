"""Reading a channel back to find reminders a dispatcher posted but could not record (a 5xx, a timeout, a crash).

conversations.history, for apps outside the Slack Marketplace (since May 29, 2025), takes about 1 request a
minute per workspace and gives at most 15 messages a page:
https://docs.slack.dev/reference/methods/conversations.history
https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps
So a read covers only the window in which the reminder can have been posted, and what one read saw is kept for
the rest of the tick: the other reminders of a crashed batch, in the same channel and window, need no read of
their own. A 429 on the first page defers the check (HistoryLimited: the reminder goes back to pending until
Retry-After, and is checked again then, never posted on a guess); a 429 between pages is waited out through
`wait`, so the pages already read are not read again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.ids import REMINDER_EVENT

HISTORY_PAGE = 15
HISTORY_PAGES = 20  # a busy channel: more than 100 messages by others while a post was under way


class Unchecked(Exception):
    """The channel could not be read, so whether an earlier attempt posted the reminder is unknown."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class HistoryLimited(Exception):
    """conversations.history answered 429 before anything was read: check again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"conversations.history rate-limited for {retry_after}s")
        self.retry_after = retry_after


def rate_limited(error: SlackApiError) -> bool:
    return error.response.status_code == 429 or error.response.get("error") in ("ratelimited", "rate_limited")


def retry_after(error: SlackApiError) -> int:
    headers = error.response.headers
    return int(headers.get("Retry-After", headers.get("retry-after", 1)))


@dataclass
class ChannelRead:
    """What was seen of one channel: every message from `since` to `until`, and the reminders among them."""

    since: float
    until: float
    posted: dict[int, dict[str, Any]] = field(default_factory=dict)

    def covers(self, oldest: float, latest: float) -> bool:
        return self.since <= oldest and latest <= self.until


def read_reminders(
    client: WebClient,
    channel: str,
    window: tuple[float, float],
    wanted: int,
    wait: Callable[[int], None],
    *,
    under_way: bool = False,
) -> ChannelRead:
    """The reminder messages in `channel` within `window` (oldest, latest), newest first, page by page, until the
    `wanted` reminder is found or the window is read to its start. Raises SlackApiError for Slack's refusals,
    HistoryLimited for a 429 on the first page (unless the check is `under_way`: Slack's first answer was
    not_in_channel, and the bot joined since), Unchecked past HISTORY_PAGES pages."""
    oldest, latest = window
    read = ChannelRead(since=latest, until=latest)
    cursor: str | None = None
    pages = waits = 0
    while pages < HISTORY_PAGES:
        try:
            history = client.conversations_history(
                channel=channel,
                oldest=f"{oldest:.6f}",
                latest=f"{latest:.6f}",
                inclusive=True,
                include_all_metadata=True,
                limit=HISTORY_PAGE,
                **({"cursor": cursor} if cursor else {}),
            )
        except SlackApiError as error:
            if not rate_limited(error):
                raise
            if cursor is None and not under_way:
                raise HistoryLimited(retry_after(error)) from error
            waits += 1
            if waits > HISTORY_PAGES:
                raise Unchecked("conversations.history kept answering 429") from error
            wait(retry_after(error))
            continue
        pages += 1
        messages: list[dict[str, Any]] = history.get("messages") or []
        for message in messages:
            metadata = message.get("metadata") or {}
            reminder_id = str((metadata.get("event_payload") or {}).get("reminder_id"))
            if metadata.get("event_type") == REMINDER_EVENT and reminder_id.isdigit() and len(reminder_id) < 19:
                read.posted.setdefault(int(reminder_id), message)
        cursor = (history.get("response_metadata") or {}).get("next_cursor") or None
        if not history.get("has_more") or not cursor:
            read.since = oldest
            return read
        read.since = float(messages[-1]["ts"]) if messages else read.since
        if wanted in read.posted:
            return read
    raise Unchecked(f"more than {HISTORY_PAGE * HISTORY_PAGES} messages while the earlier attempt posted")
