"""A local stand-in for the Slack Web API, served over real HTTP on 127.0.0.1.

The console and the tests point the app's WebClient (`base_url`) here. It records every call, refuses arguments
a method does not take and checks the required ones (web_api_arguments), answers with Slack's own response shapes
(api_shapes.json), keeps the messages it was sent per channel (so chat.update and conversations.history behave),
holds conversations.history to Slack's one request a minute for apps outside the Marketplace (on its clock), and
can inject 429 with Retry-After, 5xx, Slack error answers and slow answers.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl

from bot.localslack.block_limits import problems
from bot.localslack.web_api_arguments import ARGUMENTS, NO_TOKEN_METHODS, argument_error

SHAPES: dict[str, dict[str, Any]] = json.loads(resources.files(__package__).joinpath("api_shapes.json").read_text())
JSON_FIELDS = ("blocks", "attachments", "view", "metadata", "files")
MESSAGE_TEXT_LIMIT = 12_000  # Slack answers msg_blocks_too_long past about this much text in blocks
# A response_url takes at most 5 posts, within 30 minutes of the interaction; Slack refuses the others with
# HTTP 404 and a plain-text body (`used_url`, `expired_url`), which Bolt's respond() does not raise on.
# https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
RESPONSE_URL_USES = 5
RESPONSE_URL_LIFETIME = 30 * 60  # seconds
# conversations.history and conversations.replies for apps outside the Slack Marketplace (since May 29, 2025):
# 1 request per minute, and the maximum and default `limit` are 15 messages; more come page by page through
# response_metadata.next_cursor. Slack's Web API limits count per method, per workspace, per app; a request
# over the limit answers HTTP 429 `ratelimited` with a Retry-After header (seconds).
# https://docs.slack.dev/reference/methods/conversations.history
# https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps
# https://docs.slack.dev/apis/web-api/rate-limits
HISTORY_PAGE_LIMIT = 15
PER_MINUTE_METHODS = frozenset({"conversations.history", "conversations.replies"})
PER_MINUTE_WINDOW = 60.0  # seconds, on the stand-in's clock
# files.completeUploadExternal answers internal_error for more than 14 files at once (not documented; reported
# in https://github.com/slackapi/python-slack-sdk/issues/1653).
FILES_PER_COMPLETION = 14
ALT_TXT_LIMIT = 1000  # files.getUploadURLExternal: alt_txt_too_large past this many characters


@dataclass
class Call:
    """One request the app made: a Web API method, a response_url post or a file upload."""

    method: str
    params: dict[str, Any]
    token: str | None
    status: int
    answer: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


@dataclass
class Fault:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    delay: float = 0.0
    applied: bool = False  # the call takes effect (a message is posted), then the answer is the fault


@dataclass
class Channel:
    """A channel the stand-in knows: public or private, and whether the bot is a member of it."""

    id: str
    private: bool = False
    bot_member: bool = True


@dataclass
class Workspace:
    team_id: str
    name: str
    bot_token: str
    bot_user_id: str = "U0CREATOROPS"
    bot_id: str = "B0CREATOROPS"
    enterprise_id: str | None = None
    installer_token: str | None = None  # the user token an install with user scopes hands out
    incoming_webhook_url: str | None = None  # an install that asked for incoming-webhook


class SlackStandIn:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock  # message ts come from it, so a test or the console can move time
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self._pending_files: dict[str, _PendingFile] = {}  # by file id, from files.getUploadURLExternal on
        self.files: list[SharedFile] = []  # shared with files.completeUploadExternal, oldest first
        self.users: dict[str, dict[str, Any]] = {}
        self.gone_channels: set[str] = set()
        # Channels a test set up with add_channel; any other channel id is a public channel the bot is in.
        self.channels: dict[str, Channel] = {}
        self._workspaces: dict[str, Workspace] = {}  # by bot token
        self._oauth_codes: dict[str, Workspace] = {}
        self._socket_urls: dict[str, str] = {}  # app-level token (xapp-) -> the Socket Mode URL it opens
        self._faults: dict[str, deque[Fault]] = {}
        self._last_request: dict[tuple[str, str], float] = {}  # (token, method) -> clock of the last one answered
        # Asked for a fault when none is queued for the method (a random mix in a soak run); None: no fault.
        self.chaos: Callable[[str], Fault | None] | None = None
        self.landed_at: dict[tuple[str, str], float] = {}  # (channel, ts) -> wall-clock time a post was stored
        self._response_urls: dict[str, _ResponseUrl] = {}  # by path
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self.url = ""

    # --- life cycle -------------------------------------------------------------------------------------
    def start(self) -> SlackStandIn:
        standin = self

        class Handler(_Handler):
            owner = standin

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, name="slack-standin", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        """What to pass as WebClient(base_url=…)."""
        return self.url + "/api/"

    # --- set-up -----------------------------------------------------------------------------------------
    def add_workspace(self, team_id: str, bot_token: str, name: str = "", **extra: Any) -> Workspace:
        workspace = Workspace(team_id=team_id, name=name or team_id, bot_token=bot_token, **extra)
        self._workspaces[bot_token] = workspace
        return workspace

    def add_app_token(self, app_token: str, socket_url: str) -> None:
        """An app-level token whose apps.connections.open answers with `socket_url` (a ws:// test server)."""
        self._socket_urls[app_token] = socket_url

    def add_oauth_code(
        self,
        code: str,
        team_id: str,
        bot_token: str,
        name: str = "",
        *,
        user_token: str | None = None,
        incoming_webhook_url: str | None = None,
    ) -> None:
        """The next oauth.v2.access with this code installs the app into that workspace (with a user token and
        an incoming webhook when given, as an install that asked for user scopes and incoming-webhook gets)."""
        self._oauth_codes[code] = Workspace(
            team_id=team_id,
            name=name or team_id,
            bot_token=bot_token,
            installer_token=user_token,
            incoming_webhook_url=incoming_webhook_url,
        )

    def revoke(self, bot_token: str) -> None:
        self._workspaces.pop(bot_token, None)

    def add_channel(self, channel_id: str, *, private: bool = False, bot_member: bool = True) -> Channel:
        """A channel as Slack has it: a channel the bot is not in answers conversations.history with
        not_in_channel (public; conversations.join lets the bot in) or channel_not_found (private: only an
        /invite lets it in), and takes no chat.postMessage if private (chat:write.public covers public ones)."""
        channel = Channel(id=channel_id, private=private, bot_member=bot_member)
        with self._lock:
            self.channels[channel_id] = channel
        return channel

    def invite_bot(self, channel_id: str) -> None:
        """Someone typed /invite @CreatorOps in that channel."""
        with self._lock:
            self._channel(channel_id).bot_member = True

    def _channel(self, channel_id: str) -> Channel:
        return self.channels.get(channel_id) or Channel(id=channel_id)

    def add_user(self, user_id: str, *, tz: str = "UTC", name: str = "", is_admin: bool = False) -> None:
        self.users[user_id] = {"id": user_id, "name": name or user_id.lower(), "tz": tz, "is_admin": is_admin}

    def add_message(self, channel_id: str, text: str, *, user: str = "U0SOMEONE") -> str:
        """Someone else writes in the channel (the messages a reconcile reads past); returns its ts."""
        message = {"type": "message", "text": text, "user": user, "ts": self._new_ts()}
        with self._lock:
            self.messages.setdefault(channel_id, []).append(message)
        return message["ts"]

    def inject(self, method: str, *faults: Fault) -> None:
        """Answer the next calls of `method` with these faults, one per call, in order."""
        with self._lock:
            self._faults.setdefault(method, deque()).extend(faults)

    def new_response_url(self) -> str:
        """A response_url issued now (by the stand-in's clock): 5 posts within 30 minutes, as Slack allows."""
        path = f"/response/{next(self._ids)}"
        with self._lock:
            self._response_urls[path] = _ResponseUrl(issued_at=self.clock())
        return self.url + path

    def refused_response_urls(self) -> list[Call]:
        """The response_url posts Slack would have refused (used up, expired, or a message it does not take)."""
        return [call for call in self.calls_to("response_url") if call.status != 200]

    # --- reading what happened --------------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        count: int = 1,
        timeout: float = 15.0,
    ) -> list[Call]:
        """Wait until `count` matching calls were recorded; raise AssertionError with what did arrive. The
        generous default only costs time when a test fails: a loaded CI machine may take seconds to answer."""

        def matching() -> list[Call]:
            return [c for c in self.calls if c.method == method and (predicate is None or predicate(c))]

        with self._lock:
            if self._lock.wait_for(lambda: len(matching()) >= count, timeout=timeout):
                return matching()
            seen = [(c.method, c.status) for c in self.calls]
        raise AssertionError(f"expected {count} call(s) to {method} within {timeout}s; recorded: {seen}")

    # --- answering --------------------------------------------------------------------------------------
    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()

    def _next_fault(self, method: str) -> Fault | None:
        with self._lock:
            queue = self._faults.get(method)
            if queue:
                return queue.popleft()
        return self.chaos(method) if self.chaos else None

    def handle_api(self, method: str, params: dict[str, Any], token: str | None) -> tuple[int, dict, dict]:
        fault = self._next_fault(method)
        if fault and fault.delay:
            time.sleep(fault.delay)
        # A fault that takes effect does so once: a slow answer that posts is one message, not two.
        applied = self._answer(method, params, token) if fault and fault.applied else None
        if fault and fault.status == 429:
            answer, status, headers = (
                {"ok": False, "error": "ratelimited"},
                429,
                {"Retry-After": fault.retry_after or 1},
            )
        elif fault and fault.status >= 500:
            answer, status, headers = {"ok": False, "error": "internal_error"}, fault.status, {}
        elif fault and fault.error:
            answer, status, headers = {"ok": False, "error": fault.error}, 200, {}
        elif (wait := self._over_the_limit(method, token)) is not None:
            answer, status, headers = {"ok": False, "error": "ratelimited"}, 429, {"Retry-After": wait}
        else:
            answer, status, headers = applied or self._answer(method, params, token), 200, {}
        self._record(Call(method=method, params=params, token=token, status=status, answer=answer))
        return status, answer, headers

    def _over_the_limit(self, method: str, token: str | None) -> int | None:
        """Seconds to wait (Retry-After) when `method` is past its 1 request a minute for this workspace; else
        None, and this request counts (whatever it answers: Slack counts requests, not successes)."""
        if method not in PER_MINUTE_METHODS or token not in self._workspaces:
            return None
        now, key = self.clock(), (token or "", method)
        with self._lock:
            last = self._last_request.get(key)
            if last is not None and now - last < PER_MINUTE_WINDOW:
                return max(1, math.ceil(last + PER_MINUTE_WINDOW - now))
            self._last_request[key] = now
        return None

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method not in ARGUMENTS:
            return {"ok": False, "error": "unknown_method"}
        refused = argument_error(method, params)
        if refused:
            return refused
        if method == "apps.connections.open":
            return self._apps_connections_open(token)
        workspace = self._workspaces.get(token or "")
        if method not in NO_TOKEN_METHODS:
            if not token:
                return {"ok": False, "error": "not_authed"}
            if workspace is None:
                return {"ok": False, "error": "invalid_auth"}
        answer = getattr(self, "_" + method.replace(".", "_"))(params, workspace)
        _check_shape(method, answer)
        return answer

    def _apps_connections_open(self, token: str | None) -> dict[str, Any]:
        """Socket Mode's WebSocket URL; only an app-level token may ask (Slack: not_allowed_token_type)."""
        if not token:
            return {"ok": False, "error": "not_authed"}
        if token in self._workspaces:
            return {"ok": False, "error": "not_allowed_token_type"}
        url = self._socket_urls.get(token)
        return {"ok": True, "url": url} if url else {"ok": False, "error": "invalid_auth"}

    def _new_ts(self) -> str:
        return f"{self.clock():.0f}.{next(self._ids):06d}"

    def _channel_error(self, channel: str) -> dict[str, Any] | None:
        if channel in self.gone_channels:
            return {"ok": False, "error": "channel_not_found"}
        return None

    def _hidden_channel_error(self, channel: str) -> dict[str, Any] | None:
        """A private channel the bot is not in does not exist for it (chat:write.public covers public ones)."""
        known = self._channel(channel)
        if known.private and not known.bot_member:
            return {"ok": False, "error": "channel_not_found"}
        return None

    def _blocks_error(self, params: dict[str, Any]) -> dict[str, Any] | None:
        """Slack's answer to blocks it refuses: each broken limit (block_limits.LIMITS) with its JSON pointer."""
        blocks = params.get("blocks") or []
        if not isinstance(blocks, list):
            return {"ok": False, "error": "invalid_blocks_format"}
        found = problems({"blocks": blocks}, kind="message")
        if found:
            return {
                "ok": False,
                "error": "invalid_blocks",
                "errors": found,
                "response_metadata": {"messages": [f"[ERROR] {problem}" for problem in found]},
            }
        errors = block_errors(blocks)
        if errors:
            return {"ok": False, "error": "invalid_blocks", "response_metadata": {"messages": errors}}
        if len(json.dumps(blocks)) > MESSAGE_TEXT_LIMIT * 3 or _text_length(blocks) > MESSAGE_TEXT_LIMIT:
            return {"ok": False, "error": "msg_blocks_too_long"}
        return None

    def _auth_test(self, params: dict, ws: Workspace) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{ws.name}.slack.com/",
            "team": ws.name,
            "user": "creatorops",
            "team_id": ws.team_id,
            "user_id": ws.bot_user_id,
            "bot_id": ws.bot_id,
            "is_enterprise_install": False,
            "enterprise_id": ws.enterprise_id,
            "app_id": "A0CREATOROPS",
            "app_name": "CreatorOps",
        }

    def _oauth_v2_access(self, params: dict, _ws: Workspace | None) -> dict[str, Any]:
        installed = self._oauth_codes.pop(params["code"], None)
        if installed is None:
            return {"ok": False, "error": "invalid_code"}
        self._workspaces[installed.bot_token] = installed
        installer: dict[str, Any] = {"id": "U0INSTALLER"}
        if installed.installer_token:
            installer |= {"access_token": installed.installer_token, "scope": "search:read", "token_type": "user"}
        answer: dict[str, Any] = {
            "ok": True,
            "app_id": "A0CREATOROPS",
            "authed_user": installer,
            "scope": "commands,chat:write,chat:write.public,im:write,channels:history,groups:history,im:history,"
            "channels:join,files:write",
            "token_type": "bot",
            "access_token": installed.bot_token,
            "bot_user_id": installed.bot_user_id,
            "team": {"id": installed.team_id, "name": installed.name},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if installed.incoming_webhook_url:
            answer["incoming_webhook"] = {
                "channel": "#campaigns",
                "channel_id": "C0CAMPAIGNS",
                "configuration_url": f"https://{installed.team_id.lower()}.slack.com/services/B0HOOK",
                "url": installed.incoming_webhook_url,
            }
        return answer

    def _chat_postMessage(self, params: dict, ws: Workspace) -> dict[str, Any]:
        channel = params["channel"]
        error = self._channel_error(channel) or self._hidden_channel_error(channel) or self._blocks_error(params)
        if error:
            return error
        message = {
            "type": "message",
            "text": params.get("text", ""),
            "user": ws.bot_user_id,
            "bot_id": ws.bot_id,
            "ts": self._new_ts(),
            "team": ws.team_id,
            "blocks": params.get("blocks") or [],
        }
        if params.get("metadata"):
            message["metadata"] = params["metadata"]
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
            if str(params.get("reply_broadcast", "")).lower() in ("true", "1"):
                message["subtype"] = "thread_broadcast"  # a reply also sent to the channel
        with self._lock:
            self.messages.setdefault(channel, []).append(message)
            self.landed_at[(channel, message["ts"])] = time.time()
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": dict(message)}

    def _chat_postEphemeral(self, params: dict, ws: Workspace) -> dict[str, Any]:
        error = self._channel_error(params["channel"]) or self._blocks_error(params)
        return error or {"ok": True, "message_ts": self._new_ts()}

    def _chat_update(self, params: dict, ws: Workspace) -> dict[str, Any]:
        channel, ts = params["channel"], params["ts"]
        error = self._channel_error(channel) or self._blocks_error(params)
        if error:
            return error
        with self._lock:
            message = next((m for m in self.messages.get(channel, []) if m["ts"] == ts), None)
            if message is None:
                return {"ok": False, "error": "message_not_found"}
            message.update({key: params[key] for key in ("text", "blocks", "metadata") if key in params})
        return {"ok": True, "channel": channel, "ts": ts, "text": message.get("text", ""), "message": dict(message)}

    def _chat_delete(self, params: dict, ws: Workspace) -> dict[str, Any]:
        channel, ts = params["channel"], params["ts"]
        with self._lock:
            before = self.messages.get(channel, [])
            self.messages[channel] = [m for m in before if m["ts"] != ts]
            if len(before) == len(self.messages[channel]):
                return {"ok": False, "error": "message_not_found"}
        return {"ok": True, "channel": channel, "ts": ts}

    def _chat_getPermalink(self, params: dict, ws: Workspace) -> dict[str, Any]:
        channel, ts = params["channel"], params["message_ts"]
        link = f"https://{ws.name}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        return {"ok": True, "channel": channel, "permalink": link}

    def _conversations_history(self, params: dict, ws: Workspace) -> dict[str, Any]:
        """Newest first, within (oldest, latest) (`inclusive` takes the bounds too), at most 15 a page; a bot
        reads only channels it is a member of (not_in_channel, or channel_not_found for a private one). Thread
        replies are not listed, except those also sent to the channel (thread_broadcast).
        https://docs.slack.dev/reference/methods/conversations.history"""
        channel = params["channel"]
        error = self._channel_error(channel) or self._hidden_channel_error(channel)
        if error:
            return error
        if not self._channel(channel).bot_member:
            return {"ok": False, "error": "not_in_channel"}
        oldest, latest = float(params.get("oldest") or 0), float(params.get("latest") or 9e12)
        inclusive = str(params.get("inclusive", "")).lower() in ("true", "1")

        def within(ts: float) -> bool:
            return oldest <= ts <= latest if inclusive else oldest < ts < latest

        with self._lock:
            found = [
                dict(m) for m in self.messages.get(channel, []) if within(float(m["ts"])) and _in_channel_history(m)
            ]
        if str(params.get("include_all_metadata", "")).lower() not in ("true", "1"):
            for message in found:
                message.pop("metadata", None)
        limit = min(int(params.get("limit") or HISTORY_PAGE_LIMIT), HISTORY_PAGE_LIMIT)
        newest_first = list(reversed(found))
        start = int(str(params.get("cursor") or "").removeprefix("next_") or 0)
        page = newest_first[start : start + limit]
        has_more = start + limit < len(newest_first)
        answer: dict[str, Any] = {"ok": True, "messages": page, "has_more": has_more}
        if has_more:
            answer["response_metadata"] = {"next_cursor": f"next_{start + limit}"}
        return answer

    def _conversations_info(self, params: dict, ws: Workspace) -> dict[str, Any]:
        channel = params["channel"]
        known = self._channel(channel)
        return (
            self._channel_error(channel)
            or self._hidden_channel_error(channel)
            or {"ok": True, "channel": {"id": channel, "is_private": known.private, "is_member": known.bot_member}}
        )

    def _conversations_join(self, params: dict, ws: Workspace) -> dict[str, Any]:
        """The bot joins a public channel (channels:join); a private one only takes it by /invite.
        https://docs.slack.dev/reference/methods/conversations.join"""
        channel = params["channel"]
        error = self._channel_error(channel)
        if error:
            return error
        with self._lock:
            known = self.channels.setdefault(channel, Channel(id=channel))
            if known.private:
                if not known.bot_member:
                    return {"ok": False, "error": "channel_not_found"}
                return {"ok": False, "error": "method_not_supported_for_channel_type"}
            already = known.bot_member
            known.bot_member = True
        answer: dict[str, Any] = {"ok": True, "channel": {"id": channel, "is_member": True, "is_private": False}}
        if already:
            answer.update(warning="already_in_channel", response_metadata={"warnings": ["already_in_channel"]})
        return answer

    def _conversations_open(self, params: dict, ws: Workspace) -> dict[str, Any]:
        users = str(params.get("users") or "").split(",")
        channel = params.get("channel") or "D" + users[0].removeprefix("U")
        return {"ok": True, "channel": {"id": channel}, "no_op": False, "already_open": False}

    def _users_info(self, params: dict, ws: Workspace) -> dict[str, Any]:
        user = self.users.get(params["user"])
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": {**user, "team_id": ws.team_id}}

    def _store_view(self, params: dict, view_id: str | None = None) -> dict[str, Any]:
        view = dict(params["view"])
        found = [
            f"[ERROR] {problem}" for problem in problems(view, kind=str(view.get("type") or "modal"), pointer="/view")
        ]
        found += block_errors(view.get("blocks") or [], "/view/blocks")
        if found:
            return {
                "ok": False,
                "error": "invalid_arguments",
                "response_metadata": {"messages": found},
            }
        view_id = view_id or f"V{next(self._ids):08d}"
        view.update({"id": view_id, "hash": f"{time.time():.6f}"})
        with self._lock:
            self.views[view_id] = view
        return {"ok": True, "view": view}

    def _views_open(self, params: dict, ws: Workspace) -> dict[str, Any]:
        return self._store_view(params)

    def _views_push(self, params: dict, ws: Workspace) -> dict[str, Any]:
        return self._store_view(params)

    def _views_publish(self, params: dict, ws: Workspace) -> dict[str, Any]:
        return self._store_view(params, view_id=f"VHOME{params['user_id']}")

    def _views_update(self, params: dict, ws: Workspace) -> dict[str, Any]:
        view_id = params.get("view_id") or next(
            (vid for vid, v in self.views.items() if v.get("external_id") == params.get("external_id")), None
        )
        if view_id not in self.views:
            return {"ok": False, "error": "not_found"}
        return self._store_view(params, view_id=view_id)

    def _files_getUploadURLExternal(self, params: dict, ws: Workspace) -> dict[str, Any]:
        """An upload URL for `length` bytes (a whole number above 0: Slack answers missing_argument for 0); an
        `alt_txt` (the screen reader's description) longer than 1,000 characters is alt_txt_too_large.
        https://docs.slack.dev/reference/methods/files.getUploadURLExternal"""
        length = str(params["length"])
        if not length.isdigit() or len(length) > 12:
            return {"ok": False, "error": "invalid_arguments"}
        if int(length) == 0:
            return {"ok": False, "error": "missing_argument"}
        if len(str(params.get("alt_txt") or "")) > ALT_TXT_LIMIT:
            return {"ok": False, "error": "alt_txt_too_large"}
        file_id = f"F{next(self._ids):08d}"
        with self._lock:
            self._pending_files[file_id] = _PendingFile(
                team_id=ws.team_id, filename=str(params["filename"]), length=int(length)
            )
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, params: dict, ws: Workspace) -> dict[str, Any]:
        """Shares uploaded files: each must have been asked for by this workspace and its bytes sent, once; the
        channel must have the bot in it (chat:write.public does not cover files: a public channel answers
        not_in_channel, a private one channel_not_found). Without a channel the files stay private. `blocks` are
        ignored when there is an `initial_comment` (Slack shows the comment only).
        https://docs.slack.dev/reference/methods/files.completeUploadExternal"""
        files = params["files"]
        if not isinstance(files, list) or not all(isinstance(f, dict) and f.get("id") for f in files):
            return {"ok": False, "error": "invalid_arguments"}
        if len(files) > FILES_PER_COMPLETION:
            return {"ok": False, "error": "internal_error"}
        channels = [c for c in [params.get("channel_id"), *str(params.get("channels") or "").split(",")] if c]
        if params.get("thread_ts") and len(channels) != 1:
            return {"ok": False, "error": "invalid_arguments"}
        for channel in channels:
            error = self._channel_error(channel) or self._hidden_channel_error(channel)
            if error:
                return error
            if not self._channel(channel).bot_member:
                return {"ok": False, "error": "not_in_channel"}
        with self._lock:
            pending = [self._pending_files.get(f["id"]) for f in files]
            if any(p is None or p.team_id != ws.team_id or p.data is None or p.shared for p in pending):
                return {"ok": False, "error": "file_not_found"}
            shared = []
            for entry, upload in zip(files, pending, strict=True):
                assert upload is not None and upload.data is not None  # checked just above
                upload.shared = True
                title = str(entry.get("title") or upload.filename)
                shared.append(
                    SharedFile(
                        id=entry["id"], name=upload.filename, title=title, data=upload.data, channels=tuple(channels)
                    )
                )
            self.files.extend(shared)
            for channel in channels:
                message = {
                    "type": "message",
                    "text": params.get("initial_comment", ""),
                    "user": ws.bot_user_id,
                    "bot_id": ws.bot_id,
                    "ts": self._new_ts(),
                    "files": [{"id": f.id, "name": f.name, "title": f.title} for f in shared],
                }
                if params.get("blocks") and not params.get("initial_comment"):
                    message["blocks"] = params["blocks"]
                if params.get("thread_ts"):
                    message["thread_ts"] = params["thread_ts"]
                self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "files": [{"id": f.id, "name": f.name, "title": f.title, "size": f.size} for f in shared]}

    def handle_response_url(self, path: str, body: dict[str, Any]) -> tuple[int, str]:
        """Post to a response_url: (HTTP status, plain-text body), "ok" or Slack's reason for refusing."""
        fault = self._next_fault("response_url")
        if fault and fault.delay:
            time.sleep(fault.delay)
        with self._lock:
            issued = self._response_urls.setdefault(path, _ResponseUrl(issued_at=self.clock()))
            issued.uses += 1  # a refused post counts too: Slack does not say it would not
            uses = issued.uses
        if self.clock() - issued.issued_at > RESPONSE_URL_LIFETIME:
            status, error = 404, "expired_url"
        elif uses > RESPONSE_URL_USES:
            status, error = 404, "used_url"
        elif self._blocks_error(body):
            status, error = 400, "invalid_blocks"
        else:
            status, error = 200, None
        answer: dict[str, Any] = {"ok": True} if error is None else {"ok": False, "error": error}
        self._record(
            Call(
                method="response_url", params={**body, "url": self.url + path}, token=None, status=status, answer=answer
            )
        )
        return status, error or "ok"

    def handle_upload(self, file_id: str, data: bytes) -> int:
        """The bytes of a file sent to its upload URL: HTTP 200, or 404 for a URL never handed out and 400 when
        they are not the `length` announced to files.getUploadURLExternal."""
        with self._lock:
            pending = self._pending_files.get(file_id)
            if pending is None or pending.shared:
                status = 404
            elif len(data) != pending.length:
                status = 400
            else:
                pending.data, status = data, 200
        self._record(
            Call(
                method="upload",
                params={"file_id": file_id, "length": len(data)},
                token=None,
                status=status,
                answer={},
            )
        )
        return status


@dataclass
class _PendingFile:
    """A file between files.getUploadURLExternal and files.completeUploadExternal."""

    team_id: str
    filename: str
    length: int
    data: bytes | None = None  # once its bytes were sent to the upload URL
    shared: bool = False  # once completed: its upload URL and id cannot be used again


@dataclass(frozen=True)
class SharedFile:
    """A file the app shared (files.completeUploadExternal), as a user would open it."""

    id: str
    name: str
    title: str
    data: bytes
    channels: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.data)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away before its answer (a worker killed mid-call) is not the stand-in's error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class _ResponseUrl:
    issued_at: float
    uses: int = 0


def _in_channel_history(message: dict[str, Any]) -> bool:
    """conversations.history lists top-level messages (a thread's parent too) and replies also sent to the channel."""
    thread_ts = message.get("thread_ts")
    return thread_ts is None or thread_ts == message["ts"] or message.get("subtype") == "thread_broadcast"


def _text_length(blocks: list[Any]) -> int:
    total = 0
    stack: list[Any] = list(blocks)
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("type") in ("mrkdwn", "plain_text") and isinstance(item.get("text"), str):
                total += len(item["text"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return total


# --- Block Kit: known block types, charts and tables ------------------------------------------------------
# Slack answers invalid_blocks, with a json-pointer to the offending field, for a block type it does not know and
# for a chart or a table outside these limits. Kept as data, read by the few checks below.
# https://docs.slack.dev/reference/block-kit/blocks
BLOCK_TYPES = frozenset(
    {
        "actions", "alert", "card", "carousel", "container", "context", "context_actions", "data_table",
        "data_visualization", "divider", "file", "header", "image", "input", "markdown", "plan", "rich_text",
        "section", "table", "task_card", "video",
    }
)  # fmt: skip
BLOCKS_PER_MESSAGE = {"data_visualization": 2, "table": 1}
# https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block
CHART = {
    "title": 50,  # characters
    "label": 20,  # a point's label, a category, a series name, a pie segment's label
    "axis_label": 50,  # x_label, y_label
    "series": 6,  # per chart
    "points": 20,  # per series
    "segments": 6,  # per pie
}
CHART_FIELDS = {"pie": ("segments",), "bar": ("series", "axis_config"), "area": ("series", "axis_config")}
CHART_FIELDS["line"] = CHART_FIELDS["bar"]
# https://docs.slack.dev/reference/block-kit/blocks/table-block
TABLE = {"rows": 100, "cells": 20, "column_settings": 20}
TABLE_CELL_FIELDS = {"raw_text": "text", "rich_text": "elements"}  # cell type -> the field it needs
TABLE_ALIGN = ("left", "center", "right")


def block_errors(blocks: list[Any], at: str = "/blocks") -> list[str]:
    """Slack's messages for the blocks it would refuse, each ending in the json-pointer of the field at fault."""
    errors: list[str] = []
    counts: dict[str, int] = {}
    for index, block in enumerate(blocks):
        here = f"{at}/{index}"
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            errors.append(_block_error(f"unsupported block type: {kind}", f"{here}/type"))
            continue
        counts[kind] = counts.get(kind, 0) + 1
        check = BLOCK_CHECKS.get(kind)
        if check is not None:
            errors += check(block, here)
    for kind, limit in BLOCKS_PER_MESSAGE.items():
        if counts.get(kind, 0) > limit:
            errors.append(_block_error(f"no more than {limit} {kind} block(s) allowed per message", at))
    return errors


def _block_error(message: str, pointer: str) -> str:
    return f"[ERROR] {message} [json-pointer:{pointer}]"


def _text_errors(obj: dict[str, Any], key: str, limit: int, at: str, *, required: bool = True) -> list[str]:
    value = obj.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, str) or not value:
        return [_block_error(f"missing required field: {key}", at)]
    if len(value) > limit:
        return [_block_error(f"must be no more than {limit} characters", f"{at}/{key}")]
    return []


def _array_errors(obj: dict[str, Any], key: str, limit: int, at: str) -> list[str]:
    value = obj.get(key)
    if not isinstance(value, list) or not value:
        return [_block_error(f"missing required field: {key} (an array of at least 1 item)", at)]
    if len(value) > limit:
        return [_block_error(f"must provide an array with no more than {limit} items", f"{at}/{key}")]
    return []


def _objects(obj: dict[str, Any], key: str, limit: int, at: str) -> tuple[list[str], list[tuple[str, dict]]]:
    """The errors of the array `obj[key]`, and its items with their pointers when it is a valid array of objects
    (its items are looked into only then)."""
    errors = _array_errors(obj, key, limit, at)
    if errors:
        return errors, []
    items = [(f"{at}/{key}/{index}", item) for index, item in enumerate(obj[key])]
    errors = [_block_error("must be an object", here) for here, item in items if not isinstance(item, dict)]
    return errors, ([] if errors else items)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _chart_errors(block: dict[str, Any], at: str) -> list[str]:
    errors = _text_errors(block, "title", CHART["title"], at)
    chart = block.get("chart")
    if not isinstance(chart, dict):
        return [*errors, _block_error("missing required field: chart", at)]
    here = f"{at}/chart"
    kind = chart.get("type")
    if kind not in CHART_FIELDS:
        return [*errors, _block_error(f"must be one of: {', '.join(CHART_FIELDS)}", f"{here}/type")]
    missing = [name for name in CHART_FIELDS[kind] if name not in chart]
    if missing:
        return [*errors, *(_block_error(f"missing required field: {name}", here) for name in missing)]
    return errors + (_pie_errors(chart, here) if kind == "pie" else _series_chart_errors(chart, here))


def _pie_errors(chart: dict[str, Any], at: str) -> list[str]:
    errors, segments = _objects(chart, "segments", CHART["segments"], at)
    for here, segment in segments:
        errors += _text_errors(segment, "label", CHART["label"], here)
        if not _is_number(segment.get("value")) or segment["value"] <= 0:
            errors.append(_block_error("must be a number greater than 0", f"{here}/value"))
    return errors


def _series_chart_errors(chart: dict[str, Any], at: str) -> list[str]:
    axis = chart["axis_config"]
    if not isinstance(axis, dict):
        return [_block_error("must be an object", f"{at}/axis_config")]
    errors = _array_errors(axis, "categories", CHART["points"], f"{at}/axis_config")
    categories = [] if errors else axis["categories"]
    for index, category in enumerate(categories):
        if not isinstance(category, str) or not 0 < len(category) <= CHART["label"]:
            pointer = f"{at}/axis_config/categories/{index}"
            errors.append(_block_error(f"must be 1 to {CHART['label']} characters", pointer))
    if len(set(map(str, categories))) < len(categories):
        errors.append(_block_error("categories must be unique", f"{at}/axis_config/categories"))
    for key in ("x_label", "y_label"):
        errors += _text_errors(axis, key, CHART["axis_label"], f"{at}/axis_config", required=False)
    series_errors, series = _objects(chart, "series", CHART["series"], at)
    names = [str(one.get("name")) for _, one in series]
    if len(set(names)) < len(names):
        series_errors.append(_block_error("series names must be unique", f"{at}/series"))
    for here, one in series:
        series_errors += _data_series_errors(one, set(map(str, categories)), here)
    return errors + series_errors


def _data_series_errors(series: dict[str, Any], categories: set[str], at: str) -> list[str]:
    errors = _text_errors(series, "name", CHART["label"], at)
    point_errors, points = _objects(series, "data", CHART["points"], at)
    for here, point in points:
        point_errors += _text_errors(point, "label", CHART["label"], here)
        if point.get("label") not in categories:
            point_errors.append(_block_error("label must be one of the axis_config categories", f"{here}/label"))
        if not _is_number(point.get("value")):
            point_errors.append(_block_error("must be a number", f"{here}/value"))
    return errors + point_errors


def _table_errors(block: dict[str, Any], at: str) -> list[str]:
    errors = _array_errors(block, "rows", TABLE["rows"], at)
    for row_index, row in enumerate([] if errors else block["rows"]):
        here = f"{at}/rows/{row_index}"
        if not isinstance(row, list) or not row:
            errors.append(_block_error("a row must be an array of at least 1 cell", here))
        elif len(row) > TABLE["cells"]:
            errors.append(_block_error(f"must provide an array with no more than {TABLE['cells']} items", here))
        else:
            errors += [error for index, cell in enumerate(row) if (error := _cell_error(cell, f"{here}/{index}"))]
    if "column_settings" in block:
        errors += _column_settings_errors(block, at)
    return errors


def _cell_error(cell: Any, at: str) -> str | None:
    needs = TABLE_CELL_FIELDS.get(str(cell.get("type"))) if isinstance(cell, dict) else None
    if needs is None:
        return _block_error(f"a cell must be one of: {', '.join(TABLE_CELL_FIELDS)}", at)
    if not cell.get(needs):
        return _block_error(f"missing required field: {needs}", at)
    return None


def _column_settings_errors(block: dict[str, Any], at: str) -> list[str]:
    errors = _array_errors(block, "column_settings", TABLE["column_settings"], at)
    for index, setting in enumerate([] if errors else block["column_settings"]):
        here = f"{at}/column_settings/{index}"
        if setting is None:
            continue  # a column left to the default
        if not isinstance(setting, dict) or setting.get("align", "left") not in TABLE_ALIGN:
            errors.append(_block_error(f"align must be one of: {', '.join(TABLE_ALIGN)}", here))
        elif not isinstance(setting.get("is_wrapped", False), bool):
            errors.append(_block_error("must be a boolean", f"{here}/is_wrapped"))
    return errors


BLOCK_CHECKS: dict[str, Callable[[dict[str, Any], str], list[str]]] = {
    "data_visualization": _chart_errors,
    "table": _table_errors,
}


def _check_shape(method: str, answer: dict[str, Any]) -> None:
    """The stand-in must only answer with keys Slack's own answer has."""
    shape = SHAPES.get(method)
    if shape is None or not answer.get("ok"):
        return
    extra = set(answer) - set(shape)
    if extra:
        raise AssertionError(f"stand-in answer for {method} has keys Slack does not send: {sorted(extra)}")


def _parse_params(content_type: str, raw: bytes, query: str) -> dict[str, Any]:
    params: dict[str, Any] = dict(parse_qsl(query))
    if "application/json" in content_type:
        params.update(json.loads(raw or b"{}"))
    else:
        params.update(parse_qsl(raw.decode("utf-8")))
    for name in JSON_FIELDS:
        if isinstance(params.get(name), str):
            with contextlib.suppress(json.JSONDecodeError):
                params[name] = json.loads(params[name])
    return params


class _Handler(BaseHTTPRequestHandler):
    owner: SlackStandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args: object) -> None:  # keep test and console output clean
        return

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path, _, query = self.path.partition("?")
        if path.startswith("/api/"):
            params = _parse_params(self.headers.get("Content-Type", ""), raw, query)
            token = _token(self.headers.get("Authorization", "")) or params.pop("token", None)
            status, answer, headers = self.owner.handle_api(path.removeprefix("/api/"), params, token)
            self._send(status, answer, headers)
        elif path.startswith("/response/"):
            status, text = self.owner.handle_response_url(path, json.loads(raw or b"{}"))
            self._send_text(status, text)
        elif path.startswith("/upload/"):
            status = self.owner.handle_upload(path.removeprefix("/upload/"), raw)
            self._send_text(status, "OK" if status == 200 else "upload_failed")
        else:
            self._send(404, {"ok": False, "error": "not_found"})

    def _send(self, status: int, body: dict[str, Any], headers: dict[str, Any] | None = None) -> None:
        self._send_bytes(status, json.dumps(body).encode(), "application/json; charset=utf-8", headers)

    def _send_text(self, status: int, text: str) -> None:
        """A response_url answers like an incoming webhook: plain text, "ok" or the error's name."""
        self._send_bytes(status, text.encode(), "text/plain; charset=utf-8")

    def _send_bytes(self, status: int, data: bytes, content_type: str, headers: dict[str, Any] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, str(value))
        self.end_headers()
        self.wfile.write(data)


def _token(authorization: str) -> str | None:
    if authorization.startswith("Bearer "):
        return authorization.removeprefix("Bearer ").strip()
    if authorization.startswith("Basic "):
        return None  # oauth.v2.access sends client_id:client_secret, not a token
    return None


def main(argv: list[str] | None = None) -> None:
    """Run the stand-in on its own: python -m bot.localslack.standin TEAM_ID BOT_TOKEN (prints its URL)."""
    team_id, bot_token = (argv or sys.argv[1:])[:2]
    standin = SlackStandIn().start()
    standin.add_workspace(team_id, bot_token)
    print(standin.url, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
