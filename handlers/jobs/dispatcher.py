"""The reminder dispatcher: claims due reminders under a lease, posts them, and records the Slack ts.

APScheduler only ticks `Dispatcher.tick`; what is due lives in the reminder table. Several dispatchers may
run at once (PostgreSQL splits the rows with SKIP LOCKED). Each post is preceded by a fenced write (`start_post`)
that renews the lease and notes when the post began; a reminder taken again after such a post (its worker died
mid-send, or Slack answered 5xx or not at all) is first looked for in the channel, by the reminder id in the
message metadata, in that post's lease only, before it is posted again, so a crash between posting and recording
causes no duplicate, however busy the channel was since. The bot joins a public channel it posted
to without joining (chat:write.public) so that it may read it; a channel it still cannot read gets no second
post: the reminder fails and its owner is told. Slack allows an app outside the Marketplace about one history
read a minute per workspace (channel_history): every page read is kept in the database and answers every
reminder whose window it covers, for every worker and tick, and one read covers every reminder of the channel
that awaits a check; a check that is refused goes back to pending until Retry-After, still to be checked, never
posted on a guess.

The same rows carry campaign results digests, post-metrics refreshes, review nudges, go-live disclosure reminders
and live caption checks (bot.campaigns.dispatch_kinds): a tick routes each row by its kind. Digests
(handlers/jobs/digests.py), review nudges (handlers/jobs/review_nudges.py) and live caption alerts
(handlers/jobs/live_checks.py) are posted through the same delivery as reminders; refreshes
(handlers/jobs/refresh.py) and caption re-checks read a platform and post nothing.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NoReturn
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.channel_reads import ChannelCheck, check_window
from bot.campaigns.dispatch_kinds import Family, family_of
from bot.campaigns.golive import is_on_approval, still_useful
from bot.campaigns.models import Campaign
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_plan import Audience
from bot.campaigns.reminder_status import ClaimedReminder as Claimed
from bot.services import Services, reminders
from handlers.blocks.golive import golive_blocks, golive_fallback_text
from handlers.blocks.reminders import catch_up_text, reminder_blocks, reminder_fallback_text, reminder_text_for
from handlers.blocks.text import escape
from handlers.ids import REMINDER_EVENT
from handlers.jobs import digests, link_drafts, live_checks, refresh, review_nudges
from handlers.jobs.channel_history import HistoryLimited, Unchecked, rate_limited, read_pages
from handlers.jobs.channel_history import retry_after as retry_after_of
from handlers.jobs.outgoing import Outgoing
from handlers.jobs.slack_clients import WorkspaceClients
from handlers.uploads import joining_if_needed

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
CARD_FIRST = timedelta(seconds=30)  # a draft's files wait this long for its card to be posted first
HISTORY_MINUTE = 60  # seconds until Slack lets a workspace read history again after a read
# The channel cannot be read even after trying to join it: a post may be there, so the reminder is not posted.
UNCHECKABLE = {
    "not_in_channel",
    "channel_not_found",
    "missing_scope",
    "method_not_supported_for_channel_type",
    "is_archived",
}


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
    taken_over: int = 0  # claimed by another worker after this one's lease ran out
    superseded: int = 0  # an earlier reminder of a backlog, replaced by the latest one
    refreshed: int = 0  # post-metrics refreshes that stored a reading
    rechecked: int = 0  # live posts' captions read again and checked


@dataclass
class _Tick:
    """What one tick keeps: its result, the bot tokens and clients by workspace, the workspaces found gone, and
    until when each workspace's history reads are refused."""

    result: TickResult
    clients: WorkspaceClients
    uninstalled: set[str] = field(default_factory=set)
    history_refused_until: dict[str, datetime] = field(default_factory=dict)


class _TakenOver(Exception):
    """This worker's lease ran out and another worker has the reminder now."""


def _code(error: SlackApiError) -> str:
    return str(error.response.get("error") or "")


def _raise_unchecked_or(error: SlackApiError) -> NoReturn:
    """A channel the bot cannot read is Unchecked; anything else (a 5xx) goes up as it came."""
    if _code(error) in UNCHECKABLE:
        raise Unchecked(_code(error)) from error
    raise error


@dataclass
class Dispatcher:
    services: Services
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}")
    # Short, and renewed before each post: a worker that dies mid-batch delays its reminders by under a minute,
    # and a batch that outlives its lease (a slow Slack) never posts what another worker has taken over.
    lease: timedelta = timedelta(seconds=45)
    batch: int = 10  # claimed at once: a worker that dies leaves at most this many waiting for their lease
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
            for reminder in self._latest_of_each_backlog(claimed, result):
                self._handle(reminder, tick, catch_up)
            for items in catch_up.values():
                self._send_catch_up(items, tick)

    def _latest_of_each_backlog(self, claimed: list[Claimed], result: TickResult) -> list[Claimed]:
        """After downtime one deliverable may have several reminders due at once ("2 days overdue", "3 days
        overdue"), a campaign several digests, a post several refreshes: only the latest is handled, from now;
        the earlier ones are cancelled as superseded."""
        latest: dict[tuple[object, ...], Claimed] = {}
        for reminder in claimed:  # oldest first: a later one replaces an earlier one
            key = _backlog_key(reminder)
            earlier = latest.get(key)
            if earlier is not None:
                reminders.cancel(self.services.uow(), earlier, self.worker, reason="superseded by a later reminder")
                result.superseded += 1
            latest[key] = reminder
        kept = set(latest.values())
        return [reminder for reminder in claimed if reminder in kept]

    # --- one row, by its kind ----------------------------------------------------------------------------
    def _handle(self, reminder: Claimed, tick: _Tick, catch_up: dict) -> None:
        family = family_of(reminder.kind)
        if family is Family.refresh:
            self._refresh(reminder, tick)
        elif family is Family.live_check:
            self._refresh(reminder, tick, job=live_checks.recheck)
        elif family is Family.live_alert:
            self._live_alert(reminder, tick)
        elif family is Family.digest:
            self._digest(reminder, tick)
        elif family is Family.review:
            self._review(reminder, tick)
        elif family is Family.golive:
            self._golive(reminder, tick)
        elif family is Family.link_card:
            self._link_card(reminder, tick)
        elif family is Family.link_media:
            self._link_media(reminder, tick)
        elif family is Family.link_live:
            late = self.services.clock() - reminder.fire_at > LATE_GRACE
            self._post_however_late(
                reminder, tick, lambda: link_drafts.live_outgoing(self.services, reminder, late=late)
            )
        else:
            self._deadline(reminder, tick, catch_up)

    def _deadline(self, reminder: Claimed, tick: _Tick, catch_up: dict) -> None:
        services, team, result = self.services, reminder.team_id, tick.result
        context = reminders.subject(services.uow(), reminder)
        if context is None:  # removed, closed, or its deadline moved since it was planned
            self._cancel(reminder, result)
            return
        if self._uninstalled(reminder, tick):
            return
        now = services.clock()
        if now - reminder.fire_at > self.max_late:
            catch_up[(team, context.campaign.id)].append((reminder, context))
            return
        late_by = (now - reminder.fire_at).total_seconds() if now - reminder.fire_at > LATE_GRACE else None
        text = reminder_text_for(context, reminder.kind, now, late_by=late_by)
        outgoing = Outgoing(
            context.campaign,
            reminder_fallback_text(text),
            reminder_blocks(context, text),
            what="a deadline reminder",
            late=late_by is not None,
            to_owner=reminder.audience == Audience.owner_dm,
        )
        self._send(reminder, outgoing, tick)

    def _golive(self, reminder: Claimed, tick: _Tick) -> None:
        """The go-live disclosure reminder: posted to the channel like a deadline reminder; too late to help (the
        post is up by then), it is cancelled rather than rolled into a catch-up."""
        context = reminders.subject(self.services.uow(), reminder)
        now = self.services.clock()
        if context is None or not still_useful(reminder.fire_at, now=now):
            self._cancel(reminder, tick.result)
            return
        if self._uninstalled(reminder, tick):
            return
        on_approval = is_on_approval(context.deliverable, context.campaign, reminder.fire_at)
        outgoing = Outgoing(
            context.campaign,
            golive_fallback_text(context, on_approval=on_approval),
            golive_blocks(context, on_approval=on_approval),
            what="the go-live disclosure reminder",
            late=now - reminder.fire_at > LATE_GRACE,
        )
        self._send(reminder, outgoing, tick)

    def _digest(self, reminder: Claimed, tick: _Tick) -> None:
        """A digest is never rolled into a catch-up: however late, one is posted, with the numbers of now."""
        if self._uninstalled(reminder, tick):
            return
        now = self.services.clock()
        try:
            outgoing = digests.digest_message(self.services, reminder, now, late=now - reminder.fire_at > LATE_GRACE)
        except digests.DigestUnavailable as unavailable:  # its owner is told why, rather than no digest at all
            reminders.fail(self.services.uow(), reminder, self.worker, error=unavailable.reason[:500])
            tick.result.failed += 1
            campaign = unavailable.campaign
            text = f"I could not post the results digest of {escape(campaign.name)}: {escape(unavailable.reason)}"
            self._tell_owner(tick.clients.client(reminder.team_id), campaign, text)
            return
        if outgoing is None:  # the campaign was deleted
            self._cancel(reminder, tick.result)
            return
        self._send(reminder, outgoing, tick)

    def _review(self, reminder: Claimed, tick: _Tick) -> None:
        """A late review's nudge: like a digest, posted however late (with how long it has waited by now);
        none when it was decided, dropped, in review again since, or its SLA changed."""
        now = self.services.clock()
        self._post_however_late(
            reminder,
            tick,
            lambda: review_nudges.nudge_message(self.services, reminder, now, late=now - reminder.fire_at > LATE_GRACE),
        )

    def _live_alert(self, reminder: Claimed, tick: _Tick) -> None:
        """However late, an alert is posted once (a caption changed is news until someone acts on it); none when
        the deliverable was removed or dropped."""
        late = self.services.clock() - reminder.fire_at > LATE_GRACE
        self._post_however_late(reminder, tick, lambda: live_checks.alert_outgoing(self.services, reminder, late=late))

    def _link_card(self, reminder: Claimed, tick: _Tick) -> None:
        """A creator's draft from their link: its review card, however late (the draft waits for the team until
        someone sees it); none when the draft was removed."""
        late = self.services.clock() - reminder.fire_at > LATE_GRACE
        self._post_however_late(reminder, tick, lambda: link_drafts.card_outgoing(self.services, reminder, late=late))

    def _link_media(self, reminder: Claimed, tick: _Tick) -> None:
        """The files of a creator's draft from their link, shared once its card is there (handlers/jobs/link_drafts)."""
        services, result = self.services, tick.result
        if self._uninstalled(reminder, tick):
            return
        media = link_drafts.media_to_share(services, reminder)
        if media is None:
            self._cancel(reminder, result)
            return
        now = services.clock()
        if media.waiting:  # its card is not posted yet: the files go under it, not before it
            reminders.release(
                services.uow(), reminder, self.worker, retry_at=now + CARD_FIRST, error="waiting for its card"
            )
            result.deferred += 1
            return
        if reminder.posting_since is not None:  # an earlier attempt's completion may have shown them
            error = "an earlier attempt may have shared the files: not shared again"
            reminders.fail(services.uow(), reminder, self.worker, error=error)
            result.failed += 1
            return
        client = tick.clients.client(reminder.team_id)
        sharing = False
        try:
            self._renew(reminder)
            uploaded = link_drafts.upload(services, client, reminder.team_id, media)
            if not uploaded.files:
                reminders.fail(services.uow(), reminder, self.worker, error="the uploaded files are gone")
                result.failed += 1
                return
            at = services.clock()
            if not reminders.start_post(services.uow(), reminder, self.worker, at=at, until=at + self.lease):
                raise _TakenOver()
            sharing = True
            self._pace(reminder.team_id, media.channel)
            self._share(client, media, uploaded)
            reminders.mark_done(services.uow(), reminder, self.worker, at=services.clock())
            result.sent += 1
        except _TakenOver:
            result.taken_over += 1
        except SlackApiError as error:
            outgoing = Outgoing(media.context.campaign, "", [], what="the files of a creator's draft")
            if sharing and not rate_limited(error) and _code(error) not in PERMANENT_ERRORS:
                self._slack_error(reminder, outgoing, error, result, client, posting=True)  # may have been shown
            else:  # refused before anything was shown (or a 429, which shows nothing): try again from the start
                self._slack_error(reminder, outgoing, error, result, client, posting=False, nothing_shown=True)
        except (URLError, TimeoutError, ConnectionError, OSError) as error:
            if sharing:
                reminders.keep_claim(services.uow(), reminder, self.worker, error=str(error))
                result.ambiguous += 1
            else:
                retry_at = services.clock() + timedelta(minutes=1)
                reminders.release(
                    services.uow(), reminder, self.worker, retry_at=retry_at, error=str(error), nothing_posted=True
                )
                result.deferred += 1

    def _share(self, client: WebClient, media: link_drafts.MediaToShare, uploaded: link_drafts.Uploaded) -> None:
        """Files need the bot in the channel (chat:write.public does not cover them): it joins a public channel
        it is not in and completes again; Slack showed nothing the first time."""
        joining_if_needed(client, media.channel, lambda: link_drafts.share(client, media, uploaded))

    def _post_however_late(self, reminder: Claimed, tick: _Tick, build: Callable[[], Outgoing | None]) -> None:
        """Post what `build` makes through the fenced delivery; cancel the row when there is nothing to say."""
        if self._uninstalled(reminder, tick):
            return
        outgoing = build()
        if outgoing is None:
            self._cancel(reminder, tick.result)
            return
        self._send(reminder, outgoing, tick)

    def _refresh(self, reminder: Claimed, tick: _Tick, job: Callable[..., StrEnum] = refresh.refresh) -> None:
        """A read from a platform that posts nothing: a metrics refresh, or a live post's caption re-check."""
        if self._uninstalled(reminder, tick):
            return
        counter = job(self.services, reminder, self.worker).value  # names a TickResult counter
        setattr(tick.result, counter, getattr(tick.result, counter) + 1)

    def _cancel(self, reminder: Claimed, result: TickResult) -> None:
        reminders.cancel(self.services.uow(), reminder, self.worker)
        result.cancelled += 1

    def _uninstalled(self, reminder: Claimed, tick: _Tick) -> bool:
        """The workspace removed the app: the row fails, and its other pending rows are cancelled once."""
        team = reminder.team_id
        if tick.clients.token(team) is not None:
            return False
        reminders.fail(self.services.uow(), reminder, self.worker, error="workspace uninstalled")
        if team not in tick.uninstalled:  # its other reminders claimed in this tick are failed one by one
            tick.uninstalled.add(team)
            reminders.cancel_workspace(self.services.uow(), team)
        tick.result.failed += 1
        return True

    # --- posting one message, once ------------------------------------------------------------------------
    def _send(self, reminder: Claimed, outgoing: Outgoing, tick: _Tick) -> None:
        services, team, result = self.services, reminder.team_id, tick.result
        client = tick.clients.client(team)
        posting = False  # this attempt's chat.postMessage is under way
        try:
            self._renew(reminder)
            channel = self._channel_for(client, outgoing)
            found = self._reconcile(client, reminder, channel, tick) if reminder.posting_since is not None else None
            if found is not None:  # an earlier attempt began to post it: found in the channel, recorded, not again
                if outgoing.delivered:
                    outgoing.delivered(client, channel, found)
                return
            # Reading the channel may have waited out Slack's rate limit or outlived the lease: post only while
            # the claim is ours, and record that the post begins (a retry then knows where to look).
            posting_at = services.clock()
            if not reminders.start_post(
                services.uow(),
                reminder,
                self.worker,
                at=posting_at,
                until=posting_at + self.lease,
                results=outgoing.results,
            ):
                raise _TakenOver()
            posting = True
            self._post(client, reminder, outgoing, channel, result)
        except _TakenOver:
            logger.info("reminder %s: lease ran out and another worker took it; leaving it to them", reminder.id)
            result.taken_over += 1
        except HistoryLimited as limited:
            # Whether an earlier attempt posted it is not known yet: back to pending until Slack lets us read.
            retry_at = services.clock() + timedelta(seconds=limited.retry_after)
            tick.history_refused_until[team] = retry_at
            reminders.release(
                services.uow(), reminder, self.worker, retry_at=retry_at, error="ratelimited: conversations.history"
            )
            result.deferred += 1
        except Unchecked as unchecked:
            # Rather no reminder than a second one: the owner is told, as for a permanent error.
            logger.warning("reminder %s: cannot check the channel (%s); not posting again", reminder.id, unchecked)
            error = f"{unchecked.code}: could not check the channel for an earlier post, so not posted again"
            reminders.fail(services.uow(), reminder, self.worker, error=error)
            result.failed += 1
            self._tell_owner_of_failure(client, outgoing, unchecked.code)
        except SlackApiError as error:
            self._slack_error(reminder, outgoing, error, result, client, posting=posting)
        except (URLError, TimeoutError, ConnectionError, OSError) as error:
            # The request may or may not have reached Slack: keep the claim; when the lease expires the next
            # attempt looks in the channel first.
            logger.warning("reminder %s: ambiguous send failure (%s); will reconcile", reminder.id, error)
            reminders.keep_claim(services.uow(), reminder, self.worker, error=str(error))
            result.ambiguous += 1

    def _channel_for(self, client: WebClient, outgoing: Outgoing) -> str:
        if outgoing.to_owner:
            return client.conversations_open(users=outgoing.campaign.owner_user_id)["channel"]["id"]
        return outgoing.campaign.channel_id

    def _renew(self, reminder: Claimed, *, extra: timedelta = timedelta(0)) -> None:
        """Hold the lease for another `lease` (and `extra`) from now; _TakenOver when it was lost."""
        until = self.services.clock() + self.lease + extra
        if not reminders.renew(self.services.uow(), reminder, self.worker, until=until):
            raise _TakenOver()

    def _reconcile(self, client: WebClient, reminder: Claimed, channel: str, tick: _Tick) -> str | None:
        """Was it posted by a worker that died before recording it? Then record that post instead (its ts).

        The pages of the channel read so far, by any worker, answer first; only when they do not is the channel
        read, once for every reminder there that awaits a check. A bot reads only channels it is in, and
        chat:write.public posts without joining: on not_in_channel it joins (channels:join) and reads again. A
        channel it still cannot read raises Unchecked; a read Slack refuses for its rate limit, on the first page
        or a later one, raises HistoryLimited unless the pages read answer already (so does a read that ran out of
        pages before it reached this reminder's window); a 5xx goes up as SlackApiError, handled like a failed
        post."""
        check = self._check(reminder, channel)
        if not check.verdict.decided:
            refused_until = tick.history_refused_until.get(reminder.team_id)
            if refused_until is not None and refused_until > self.services.clock():
                raise HistoryLimited(math.ceil((refused_until - self.services.clock()).total_seconds()))
            limited = HistoryLimited(HISTORY_MINUTE)  # pages ran out before this window: the rest next minute
            try:
                self._read(client, reminder, channel, check)
            except HistoryLimited as refused:  # the pages read before Slack's 429 may answer all the same
                limited = refused
            finally:  # what was read answers the reminders of the channel put back to wait for a read
                reminders.bring_forward_answered(
                    self.services.uow(), reminder.team_id, channel, lease=self.lease, now=self.services.clock()
                )
            check = self._check(reminder, channel)
            if not check.verdict.decided:
                raise limited
        ts = check.verdict.posted_ts
        if ts is None:
            return None
        reminders.mark_sent(
            self.services.uow(), reminder, self.worker, channel_id=channel, ts=ts, at=self.services.clock(), late=False
        )
        tick.result.reconciled += 1
        return ts

    def _check(self, reminder: Claimed, channel: str) -> ChannelCheck:
        """What the pages kept say of the earlier post. Its window runs from the moment that post began to the end
        of that attempt's lease, or this claim if sooner."""
        assert reminder.posting_since is not None
        claimed_at = reminder.lease_until - self.lease
        window = check_window(reminder.id, reminder.posting_since, self.lease, claimed_at)
        return reminders.channel_check(
            self.services.uow(), reminder.team_id, channel, window, lease=self.lease, now=self.services.clock()
        )

    def _read(self, client: WebClient, reminder: Claimed, channel: str, check: ChannelCheck) -> None:
        """Read the range `check` asks for, keeping each page as it comes."""
        span, uow, team = check.to_read, self.services.uow, reminder.team_id
        assert span is not None

        def wait(seconds: int) -> None:  # after joining: keep the lease over the wait, then wait
            self._renew(reminder, extra=timedelta(seconds=seconds))
            self.sleep(seconds)

        def read(*, under_way: bool = False) -> None:
            read_pages(
                client,
                channel,
                span,
                check.wanted,
                wait=wait,
                keep=lambda page: reminders.keep_page(uow(), team, channel, page),
                clock=self.services.clock,
                under_way=under_way,
            )

        try:
            return read()
        except SlackApiError as error:
            if _code(error) != "not_in_channel":
                _raise_unchecked_or(error)
        self._join(client, channel)
        try:
            return read(under_way=True)
        except SlackApiError as again:
            _raise_unchecked_or(again)

    def _join(self, client: WebClient, channel: str) -> None:
        try:
            client.conversations_join(channel=channel)
        except SlackApiError as error:
            _raise_unchecked_or(error)

    def _post(self, client: WebClient, reminder: Claimed, outgoing: Outgoing, channel: str, result: TickResult) -> None:
        self._pace(reminder.team_id, channel)
        # A reply is also sent to the channel: conversations.history lists it there, so a retry's look finds it.
        response = client.chat_postMessage(
            channel=channel,
            thread_ts=outgoing.thread_ts,
            reply_broadcast=True if outgoing.thread_ts else None,
            text=outgoing.text,
            blocks=outgoing.blocks,
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
            late=outgoing.late,
        )
        if not recorded:
            logger.warning(
                "reminder %s: lease lost before recording ts %s (possible duplicate)", reminder.id, response["ts"]
            )
        elif outgoing.delivered:
            outgoing.delivered(client, str(response["channel"]), str(response["ts"]))
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
        outgoing: Outgoing,
        error: SlackApiError,
        result: TickResult,
        client: WebClient,
        *,
        posting: bool,
        nothing_shown: bool = False,
    ) -> None:
        """`posting`: the error answered this attempt's chat.postMessage (else an earlier step: opening the DM, a
        read of the channel). `nothing_shown`: no step of this attempt could have shown anything, so a 5xx is
        tried again from the start in a minute rather than looked for."""
        code = error.response.get("error", "")
        status = error.response.status_code
        if rate_limited(error):
            retry_after = retry_after_of(error)
            reminders.release(
                self.services.uow(),
                reminder,
                self.worker,
                retry_at=self.services.clock() + timedelta(seconds=retry_after),
                error=code or "429",
                nothing_posted=posting or nothing_shown,  # a 429 posts nothing: the next attempt need not look
            )
            result.deferred += 1
        elif code in PERMANENT_ERRORS:
            reminders.fail(self.services.uow(), reminder, self.worker, error=code)
            result.failed += 1
            self._tell_owner_of_failure(client, outgoing, code)
        elif nothing_shown:
            retry_at = self.services.clock() + timedelta(minutes=1)
            reminders.release(
                self.services.uow(),
                reminder,
                self.worker,
                retry_at=retry_at,
                error=str(code or status),
                nothing_posted=True,
            )
            result.deferred += 1
        else:  # 5xx and unknown errors: Slack may or may not have posted, so reconcile after the lease
            reminders.keep_claim(self.services.uow(), reminder, self.worker, error=str(code or status))
            result.ambiguous += 1

    def _tell_owner_of_failure(self, client: WebClient, outgoing: Outgoing, code: str) -> None:
        campaign = outgoing.campaign
        self._tell_owner(
            client,
            campaign,
            f"I could not post {outgoing.what} for {escape(campaign.name)} in <#{campaign.channel_id}> ({code}). "
            f"Invite me to that channel, or move the campaign to another channel with /campaign.",
        )

    def _tell_owner(self, client: WebClient, campaign: Campaign, text: str) -> None:
        try:
            dm = client.conversations_open(users=campaign.owner_user_id)["channel"]["id"]
            client.chat_postMessage(channel=dm, text=text)
        except (SlackApiError, URLError, OSError) as error:
            logger.warning("could not tell the owner of campaign %s: %s", campaign.id, error)

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


LINK_FAMILIES = (Family.link_card, Family.link_media, Family.link_live)


def _backlog_key(reminder: Claimed) -> tuple[object, ...]:
    """What a later row of a backlog replaces: a campaign's digests (the final one replaces a weekly one too),
    a post's refreshes, a deliverable's reminders to one audience; a row of no backlog stands alone."""
    family = family_of(reminder.kind)
    if family is Family.digest:
        return (reminder.team_id, family, reminder.campaign_id)
    if reminder.deliverable_id is None or family in LINK_FAMILIES:  # each draft its card, each live link its message
        return (reminder.team_id, family, "row", reminder.id)
    return (reminder.team_id, family, reminder.deliverable_id, reminder.audience)
