"""One message the dispatcher posts for a claimed row. Deadline reminders and results digests go through the same
delivery (a fenced start, the row's id in the message metadata, a check of the channel before any retry), so
each kind only says what to post and where."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient

from bot.campaigns.models import Campaign


@dataclass(frozen=True)
class Outgoing:
    campaign: Campaign
    text: str  # the notification and fallback: already escaped
    blocks: list[Any]
    what: str  # "a deadline reminder", "the weekly digest": the owner's note when Slack refuses it for good
    late: bool = False  # posted later than planned (kept on the row)
    to_owner: bool = False  # a DM to the campaign's owner instead of its channel
    thread_ts: str | None = None  # a reply in this thread of the channel, also sent to the channel
    results: Mapping[str, Any] | None = None  # a digest's numbers: kept with the start of its post
    # Once it is recorded as sent (posted now, or found in the channel after a retry): (client, channel, ts).
    delivered: Callable[[WebClient, str, str], None] | None = None
