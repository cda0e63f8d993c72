"""The reminder dispatcher: claims due reminders under a lease, posts them, and records the Slack ts.

APScheduler only ticks `Dispatcher.tick`; what is due lives in the reminder table. Several dispatchers may
run at once (PostgreSQL splits the rows with SKIP LOCKED). A reminder whose lease expired (its worker died
mid-send) is first looked for in the channel, by the reminder id in the message metadata, before it is posted
again, so a crash between posting and recording causes no duplicate.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_plan import Audience
from bot.campaigns.reminder_status import ClaimedReminder as Claimed
from bot.services import Services, reminders
from handlers.blocks.reminders import catch_up_text, reminder_blocks, reminder_fallback_text, reminder_text_for
from handlers.blocks.text import escape
from handlers.ids import REMINDER_EVENT
from handlers.jobs.slack_clients import WorkspaceClients

logger = logging.getLogger(__name__)

PERMANENT_ERRORS = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "missing_scope",
    "no_permission",
    "user_not_found",
}
LATE_GRACE = timedelta(minutes=5)  # later than this after its planned time, a reminder says it is late


@dataclass
class TickResult:
    claimed: int = 0
    sent: int = 0
    reconciled: int = 0
    deferred: int = 0
    failed: int = 0
    cancelled: int = 0
    rolled_up: int = 0
    ambiguous: int = 0


@dataclass
class _Tick:
    """What one tick keeps: its result, the bot tokens and clients by workspace, the workspaces found gone."""

    result: TickResult
    clients: WorkspaceClients
    uninstalled: set[str] = field(default_factory=set)


@dataclass
class Dispatcher:
    services: Services
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}")
    lease: timedelta = timedelta(minutes=5)
    batch: int = 50
    max_late: timedelta = timedelta(hours=24)
    channel_pace: float = 1.0  # seconds between two posts to one channel (Slack: about 1 per second)
    sleep: Callable[[float], None] = time.sleep
    after_post: Callable[[Claimed, str], None] | None = None  # test hook: "the worker dies here"
    _last_post: dict[tuple[str, str], float] = field(default_factory=dict)

    def tick(self) -> TickResult:
        """Send everything that is due now; returns what happened."""
        tick = _Tick(TickResult(), WorkspaceClients(self.services))
        result = tick.result
        while True:
            now = self.services.clock()
            claimed = reminders.claim_due(
                self.services.uow(), worker=self.worker, now=now, lease=self.lease, limit=self.batch
            )
            if not claimed:
                return result
            result.claimed += len(claimed)
            catch_up: dict[tuple[str, int], list[tuple[Claimed, DeliverableContext]]] = defaultdict(list)
            for reminder in claimed:
                self._handle(reminder, tick, catch_up)
            for items in catch_up.values():
                self._send_catch_up(items, tick)

    # --- one reminder ------------------------------------------------------------------------------------
    def _handle(self, reminder: Claimed, tick: _Tick, catch_up: dict) -> None:
        services, team, result = self.services, reminder.team_id, tick.result
        context = reminders.subject(services.uow(), reminder)
        if context is None:  # removed, closed, or its deadline moved since it was planned
            reminders.cancel(services.uow(), reminder, self.worker)
            result.cancelled += 1
            return
        if tick.clients.token(team) is None:
            reminders.fail(services.uow(), reminder, self.worker, error="workspace uninstalled")
            if team not in tick.uninstalled:  # its other reminders claimed in this tick are failed one by one
                tick.uninstalled.add(team)
                reminders.cancel_workspace(services.uow(), team)
            result.failed += 1
            return
        now = services.clock()
        if now - reminder.fire_at > self.max_late:
            catch_up[(team, context.campaign.id)].append((reminder, context))
            return
        client = tick.clients.client(team)
        try:
            channel = self._channel_for(client, reminder, context)
            if reminder.attempts > 1 and self._reconcile(client, reminder, channel, result):
                return
            self._post(client, reminder, context, channel, now, result)
        except SlackApiError as error:
            self._slack_error(reminder, context, error, result, client)
        except (URLError, TimeoutError, ConnectionError, OSError) as error:
            # The request may or may not have reached Slack: keep the claim; when the lease expires the next
            # attempt looks in the channel first.
            logger.warning("reminder %s: ambiguous send failure (%s); will reconcile", reminder.id, error)
            reminders.keep_claim(services.uow(), reminder, self.worker, error=str(error))
            result.ambiguous += 1

    def _channel_for(self, client: WebClient, reminder: Claimed, context: DeliverableContext) -> str:
        if reminder.audience == Audience.owner_dm:
            return client.conversations_open(users=context.campaign.owner_user_id)["channel"]["id"]
        return context.campaign.channel_id

    def _reconcile(self, client: WebClient, reminder: Claimed, channel: str, result: TickResult) -> bool:
        """Was it posted by a worker that died before recording it? Then record that post instead."""
        oldest = (reminder.first_claimed_at - timedelta(seconds=5)).timestamp()
        try:
            history = client.conversations_history(
                channel=channel, oldest=f"{oldest:.6f}", include_all_metadata=True, limit=100
            )
        except SlackApiError as error:
            if error.response.get("error") not in ("missing_scope", "not_in_channel", "channel_not_found"):
                raise  # a 429 or 5xx: handled like a failed post, so this reminder is retried later
            # Without read access the channel cannot be checked: rather a possible duplicate than a lost reminder.
            logger.warning("reminder %s: cannot check the channel (%s); posting again", reminder.id, error)
            return False
        messages: list[dict[str, Any]] = history.get("messages") or []
        for message in messages:
            metadata = message.get("metadata") or {}
            if (
                metadata.get("event_type") == REMINDER_EVENT
                and metadata.get("event_payload", {}).get("reminder_id") == reminder.id
            ):
                reminders.mark_sent(
                    self.services.uow(),
                    reminder,
                    self.worker,
                    channel_id=channel,
                    ts=message["ts"],
                    at=self.services.clock(),
                    late=False,
                )
                result.reconciled += 1
                return True
        return False

    def _post(
        self,
        client: WebClient,
        reminder: Claimed,
        context: DeliverableContext,
        channel: str,
        now: datetime,
        result: TickResult,
    ) -> None:
        late_by = (now - reminder.fire_at).total_seconds() if now - reminder.fire_at > LATE_GRACE else None
        text = reminder_text_for(context, reminder.kind, now, late_by=late_by)
        self._pace(reminder.team_id, channel)
        response = client.chat_postMessage(
            channel=channel,
            text=reminder_fallback_text(text),
            blocks=reminder_blocks(context, text),
            metadata={"event_type": REMINDER_EVENT, "event_payload": {"reminder_id": reminder.id}},
            unfurl_links=False,
        )
        if self.after_post:
            self.after_post(reminder, response["ts"])
        recorded = reminders.mark_sent(
            self.services.uow(),
            reminder,
            self.worker,
            channel_id=response["channel"],
            ts=response["ts"],
            at=self.services.clock(),
            late=late_by is not None,
        )
        if not recorded:
            logger.warning(
                "reminder %s: lease lost before recording ts %s (possible duplicate)", reminder.id, response["ts"]
            )
        result.sent += 1

    def _pace(self, team_id: str, channel: str) -> None:
        key = (team_id, channel)
        wait = self._last_post.get(key, 0.0) + self.channel_pace - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last_post[key] = time.monotonic()

    def _slack_error(
        self,
        reminder: Claimed,
        context: DeliverableContext,
        error: SlackApiError,
        result: TickResult,
        client: WebClient,
    ) -> None:
        code = error.response.get("error", "")
        status = error.response.status_code
        if status == 429 or code in ("ratelimited", "rate_limited"):
            retry_after = int(error.response.headers.get("Retry-After", error.response.headers.get("retry-after", 1)))
            reminders.release(
                self.services.uow(),
                reminder,
                self.worker,
                retry_at=self.services.clock() + timedelta(seconds=retry_after),
                error=code or "429",
            )
            result.deferred += 1
        elif code in PERMANENT_ERRORS:
            reminders.fail(self.services.uow(), reminder, self.worker, error=code)
            result.failed += 1
            self._tell_owner_of_failure(client, context, code)
        else:  # 5xx and unknown errors: Slack may or may not have posted, so reconcile after the lease
            reminders.keep_claim(self.services.uow(), reminder, self.worker, error=str(code or status))
            result.ambiguous += 1

    def _tell_owner_of_failure(self, client: WebClient, context: DeliverableContext, code: str) -> None:
        campaign = context.campaign
        text = (
            f"I could not post a deadline reminder for {escape(campaign.name)} in <#{campaign.channel_id}> ({code}). "
            f"Invite me to that channel, or move the campaign to another channel with /campaign."
        )
        try:
            dm = client.conversations_open(users=campaign.owner_user_id)["channel"]["id"]
            client.chat_postMessage(channel=dm, text=text)
        except (SlackApiError, URLError, OSError) as error:
            logger.warning("could not tell the owner of campaign %s about %s: %s", campaign.id, code, error)

    # --- too old to send ----------------------------------------------------------------------------------
    def _send_catch_up(self, items: list[tuple[Claimed, DeliverableContext]], tick: _Tick) -> None:
        """Reminders too old to be useful become one message to the campaign owner, not a flood."""
        now, result = self.services.clock(), tick.result
        first_reminder, context = items[0]
        team = first_reminder.team_id
        lines = [reminder_fallback_text(reminder_text_for(ctx, reminder.kind, now)) for reminder, ctx in items]
        try:
            client = tick.clients.client(team)
            dm = client.conversations_open(users=context.campaign.owner_user_id)["channel"]["id"]
            client.chat_postMessage(channel=dm, text=catch_up_text(context.campaign.name, lines))
        except (SlackApiError, URLError, OSError) as error:
            logger.warning("catch-up message for campaign %s failed (%s); will retry", context.campaign.id, error)
            for reminder, _ in items:
                reminders.release(
                    self.services.uow(), reminder, self.worker, retry_at=now + timedelta(minutes=1), error=str(error)
                )
            return
        reminders.roll_up(self.services.uow(), [reminder for reminder, _ in items], self.worker, at=now)
        result.rolled_up += len(items)
