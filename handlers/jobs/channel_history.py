"""Reading a channel back to find reminders a dispatcher posted but could not record (a 5xx, a timeout, a crash).

conversations.history, for apps outside the Slack Marketplace (since May 29, 2025), takes about 1 request a
minute per workspace and gives at most 15 messages a page:
https://docs.slack.dev/reference/methods/conversations.history
https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps
So one read covers at once every reminder of the channel that awaits a check, and each page is kept as soon as
it is read (`keep`), for every worker and tick (bot.campaigns.channel_reads says what a page proves). A 429
defers the check (HistoryLimited: the reminder goes back to pending until Retry-After, and is checked again then,
never posted on a guess); between two pages too, so a worker does not sit out Slack's minute holding the rest of
its batch, and whichever worker takes the check up again reads on below the pages kept, not reading them again.
Only the read that follows joining the channel waits (`wait`): Slack counted the not_in_channel answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.channel_reads import HistoryPage
from handlers.ids import REMINDER_EVENT

HISTORY_PAGE = 15
HISTORY_PAGES = 20  # at most this many pages a read; what is left is read by the next check
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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


def ts_time(ts: str) -> datetime:
    """A Slack ts ("1764500000.123456") as a UTC time, to the microsecond (no float rounding)."""
    seconds, _, fraction = ts.partition(".")
    if not (seconds.isdigit() and len(seconds) <= 12 and (fraction.isdigit() or not fraction) and len(fraction) <= 6):
        raise ValueError(f"not a Slack ts: {ts[:40]!r}")
    return EPOCH + timedelta(seconds=int(seconds), microseconds=int(fraction.ljust(6, "0")))


def slack_ts(moment: datetime) -> str:
    since_epoch = moment - EPOCH
    return f"{since_epoch // timedelta(seconds=1)}.{since_epoch.microseconds:06d}"


def _reminders_on(messages: list[dict[str, Any]]) -> dict[int, str]:
    found: dict[int, str] = {}
    for message in messages:
        metadata = message.get("metadata") or {}
        reminder_id = str((metadata.get("event_payload") or {}).get("reminder_id"))
        if metadata.get("event_type") == REMINDER_EVENT and reminder_id.isdigit() and len(reminder_id) < 19:
            found.setdefault(int(reminder_id), str(message["ts"]))
    return found


def read_pages(
    client: WebClient,
    channel: str,
    span: tuple[datetime, datetime],
    wanted: frozenset[int],
    *,
    wait: Callable[[int], None],
    keep: Callable[[HistoryPage], None],
    clock: Callable[[], datetime],
    under_way: bool = False,
) -> None:
    """Read `channel` from span's end back to its start, newest first, `keep`ing each page, until the start is
    reached, every `wanted` reminder is found, or HISTORY_PAGES pages are read. Raises SlackApiError for Slack's
    refusals, HistoryLimited for a 429 (but on the first page of a check `under_way`, whose not_in_channel answer
    used the minute before the bot joined: that one is waited out), Unchecked when Slack keeps answering 429."""
    oldest, latest = span
    top, cursor, seen = latest, None, set[int]()
    pages = waits = 0
    while pages < HISTORY_PAGES:
        read_at = clock()  # before asking: what the page shows was there by then
        try:
            history = client.conversations_history(
                channel=channel,
                oldest=slack_ts(oldest),
                latest=slack_ts(latest),
                inclusive=True,
                include_all_metadata=True,
                limit=HISTORY_PAGE,
                **({"cursor": cursor} if cursor else {}),
            )
        except SlackApiError as error:
            if not rate_limited(error):
                raise
            if pages or not under_way:  # the pages read are kept: the rest is read after Retry-After
                raise HistoryLimited(retry_after(error)) from error
            waits += 1
            if waits > HISTORY_PAGES:
                raise Unchecked("conversations.history kept answering 429") from error
            wait(retry_after(error))
            continue
        pages += 1
        messages: list[dict[str, Any]] = history.get("messages") or []
        cursor = (history.get("response_metadata") or {}).get("next_cursor") or None
        last = not (history.get("has_more") and cursor)
        if not last and not messages:
            return  # more, Slack says, but it showed none: nothing to keep that says where this page ends
        try:
            bottom = oldest if last else ts_time(str(messages[-1]["ts"]))
        except ValueError as error:
            raise Unchecked(str(error)) from error
        found = _reminders_on(messages)
        keep(HistoryPage(since=bottom, until=top, read_at=read_at, found=found))
        seen.update(found)
        if last or wanted <= seen:
            return
        top = bottom
