"""The local console: the real Bolt app, served in-process, driven like Slack drives it.

`creatorops console` (a prompt) and `creatorops try "/creatorops help"` (one shot) send signed slash
commands, button clicks, modal submissions, shortcuts and App Home events through the app over HTTP, against
the local stand-in for the Web API, and render whatever the app posted as text.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import SecretStr

from bot.config import Settings
from bot.executor import TrackingExecutor
from bot.localslack import payloads
from bot.localslack.block_limits import problems
from bot.localslack.render import INTERACTIVE, element_label, mrkdwn_to_text, render_message, render_view
from bot.localslack.sender import JSON, SignedSender
from bot.localslack.slack_dates import show_dates_to
from bot.localslack.standin import Call, SlackStandIn
from bot.server import BackgroundServer, start_background_server
from bot.services import Services, reminders
from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource
from bot.vocabulary import Platform

TEAM, USER, CHANNEL = "T0LOCAL", "U0LOCAL", "C0LOCAL"
BOT_TOKEN = "xoxb-local-console"
SETTLE_TIMEOUT = 120.0
CONSOLE_HELP = """Type what you would type in Slack, or a console command:
  /creatorops help         any slash command (/vet, /disclosure, /campaign, /creatorops)
  /campaign draft @handle  submit a creator's draft for review: `fill` in its caption, then click on its card
  click N [value]          press button N (a date picker or select takes a value: click 4 2026-12-01)
  fill                     fill in the open modal and submit it: it asks each field in turn and reads
                           the answers from stdin, one line per field (Enter keeps what is pre-filled;
                           in one shot, pipe them: printf 'Spring Glow\n\n' | creatorops try ... fill)
  cancel                   close the open modal
  home                     open the App Home tab
  shortcut ID text…        run message shortcut ID on a message with this text
  advance 2d | 3h | 30m    move the console's clock forward and run what has come due
  files [N]                list the files the app shared, or read file N
  files N save PATH        save file N (a PDF too) as PATH, or into the folder PATH
  link NAME @handle        a creator's private link to open in a browser (works while the console runs)
  (Enter)                  show what came meanwhile, e.g. the card of a draft sent through a creator's link
  help                     this text
  quit                     leave"""
ADVANCE = re.compile(r"^(\d+)\s*([dhm])$")


def sample_creators_line() -> str:
    """The built-in creators a new user can /vet, each as it is typed (a platform word unless on Instagram)."""
    typed = [
        f"@{handle}" + ("" if platform is Platform.instagram else f" {platform.value}")
        for handle, platform in SnapshotSource(SAMPLES_DIR).available()
    ]
    return "Sample creators to try with /vet (e.g. /vet @nina_nano_sample ask:$90 reel):\n  " + ", ".join(typed)


@dataclass
class Clickable:
    element: dict[str, Any]
    block: dict[str, Any]
    message: dict[str, Any] | None = None
    view: dict[str, Any] | None = None
    channel: str = CHANNEL


def wall_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class LocalSlack:
    settings: Settings
    ask: Callable[[str], str] = input  # how `fill` asks for each field
    clock: Callable[[], datetime] = wall_clock  # the time before any `advance`; a test may pin it
    clickables: dict[int, Clickable] = field(default_factory=dict)
    modal: dict[str, Any] | None = None
    offset: timedelta = timedelta(0)
    on_advance: list[Callable[[], object]] = field(default_factory=list)  # what a tick returns is not used
    sample_campaign: bool = False  # seed the sample campaign with results (what `make run` shows a new user)

    def start(self) -> LocalSlack:
        from bot.app import create_app, make_web_client, open_database
        from bot.scheduler import reminder_tick
        from bot.services.sample_campaign import seed_sample_campaign
        from bot.web import web_for

        secret = secrets.token_hex(16)
        self.settings = self.settings.model_copy(
            update={"slack_bot_token": SecretStr(BOT_TOKEN), "slack_signing_secret": SecretStr(secret)}
        )
        # Without CREATOROPS_LINK_KEY, creators' links are signed with a key made for this run: they stop working
        # when the console stops (`link` says so).
        self.dev_link_key = self.settings.link_keys() is None
        if self.dev_link_key:
            self.settings = self.settings.model_copy(
                update={"creatorops_link_key": SecretStr(secrets.token_urlsafe(32))}
            )
        self.standin = SlackStandIn(clock=lambda: self.now().timestamp()).start()
        self.settings = self.settings.model_copy(update={"slack_api_url": self.standin.api_url})
        self.standin.add_workspace(TEAM, BOT_TOKEN, name="local")
        self.standin.add_user(USER, tz=self.settings.default_timezone, name="you")
        # Slack shows each person times in their own zone: the console's user is in the workspace's default one.
        self.zone = ZoneInfo(self.settings.default_timezone)
        show_dates_to(self.zone, self.now)
        self.engine = open_database(self.settings)
        self.executor = TrackingExecutor(self.settings.listener_threads)
        self.services = Services(settings=self.settings, engine=self.engine, clock=self.now)
        client = make_web_client(base_url=self.standin.api_url)
        self.app = create_app(self.settings, client, engine=self.engine, executor=self.executor, services=self.services)
        self.server: BackgroundServer = start_background_server(
            self.app, health=self.services.health, web=web_for(self.services)
        )
        self.sender = SignedSender(self.server.url, secret, timeout=30)
        if not self.settings.creatorops_public_url:  # links the board's *Copy creator link* gives open here
            self.settings = self.settings.model_copy(update={"creatorops_public_url": self.server.url})
            self.services.settings = self.settings
        # Waits for Slack (Retry-After between history pages) pass on the console's clock, as `advance` does.
        self.on_advance.append(reminder_tick(self.services, channel_pace=0, sleep=self._wait))
        if self.sample_campaign:
            seed_sample_campaign(self.services.uow(), TEAM, channel_id=CHANNEL, owner_user_id=USER, now=self.now())
        self._cursor = 0
        self._numbers = 0
        return self

    def stop(self) -> None:
        self.sender.close()
        self.server.stop()
        self.executor.shutdown(wait=True)
        self.standin.stop()
        self.engine.dispose()

    def now(self) -> datetime:
        return self.clock() + self.offset

    def _wait(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)

    # --- one line of input ------------------------------------------------------------------------------
    def run(self, line: str) -> str:
        line = line.strip()
        if not line:  # Enter alone: what came meanwhile (a creator's draft through their link), posted as a worker does
            self._tick()
            return self._render_new(timed=True)
        word, _, rest = line.partition(" ")
        if word.startswith("/"):
            return self._send(self._command(word, rest))
        handler = {
            "click": self._click,
            "fill": lambda _: self._fill(),
            "cancel": lambda _: self._cancel(),
            "home": lambda _: self._send(self._home()),
            "shortcut": self._shortcut,
            "advance": self._advance,
            "files": self._files,
            "link": self._link,
            "help": lambda _: f"{CONSOLE_HELP}\n{sample_creators_line()}",
        }.get(word.lower())
        if handler is None:
            return f"I don't understand {word!r}. Type `help`, or a slash command such as /creatorops help."
        return handler(rest.strip())

    def _command(self, command: str, text: str) -> Any:
        body = payloads.slash_command(
            command,
            text,
            team_id=TEAM,
            user_id=USER,
            channel_id=CHANNEL,
            response_url=self.standin.new_response_url(),
        )
        return self.sender.post(body)

    def _home(self) -> Any:
        body = payloads.event_callback({"type": "app_home_opened", "user": USER, "tab": "home"}, team_id=TEAM)
        return self.sender.post(body, JSON)

    def _shortcut(self, rest: str) -> str:
        callback_id, _, text = rest.partition(" ")
        if not callback_id or not text:
            return "Usage: shortcut CALLBACK_ID message text  (e.g. shortcut check_disclosure Loving it! #sp)"
        message = {
            "type": "message",
            "user": "U0CREATOR",
            "text": text,
            "ts": f"{self.now().timestamp():.6f}",
        }
        body = payloads.message_shortcut(
            callback_id,
            message,
            team_id=TEAM,
            user_id=USER,
            channel_id=CHANNEL,
            response_url=self.standin.new_response_url(),
        )
        return self._send(self.sender.post(body))

    def _click(self, rest: str) -> str:
        number, _, value = rest.partition(" ")
        target = self.clickables.get(int(number)) if number.isdigit() else None
        if target is None:
            return f"There is no button {number or '?'}: use one of the numbers shown in [brackets]."
        action = _action(target.element, target.block, value.strip())
        if isinstance(action, str):
            return action
        if target.view is not None:
            body = payloads.block_action(action, team_id=TEAM, user_id=USER, view=target.view)
        else:
            body = payloads.block_action(
                action,
                team_id=TEAM,
                user_id=USER,
                channel_id=target.channel,
                message=target.message,
                response_url=self.standin.new_response_url(),
            )
        return self._send(self.sender.post(body))

    def _fill(self) -> str:
        if self.modal is None:
            return "No modal is open."
        values: dict[str, Any] = {}
        for block in self.modal.get("blocks", []):
            if block.get("type") != "input":
                continue
            element = block["element"]
            label = mrkdwn_to_text(block["label"]["text"])
            try:
                answer = self.ask(f"{label} ({element_label(element)}): ").strip()
            except EOFError:  # stdin ran out (a one-shot `try` with nothing piped): submit nothing half-filled
                came = sum(len(answers) for answers in values.values())
                return (
                    f"\nfill reads its answers from stdin, one line per field; they ran out at {label!r}"
                    f" ({came} came before it). Nothing was submitted; the modal is still open."
                    " Pipe the answers in, e.g."
                    " printf 'Spring Glow\\n\\n' | creatorops try \"/campaign new\" fill"
                )
            state = input_state(element, answer, block_id=block["block_id"], suggest=self._suggest)
            if isinstance(state, str):
                return f"{label}: {state} Type `fill` to try again."
            refused = input_refusal(element, state, optional=bool(block.get("optional")))
            if refused:  # Slack's own form check: the app is not sent a form it would refuse
                return f"{label}: {refused} Type `fill` to try again."
            values.setdefault(block["block_id"], {})[element["action_id"]] = state
        body = payloads.view_submission(self.modal, values, team_id=TEAM, user_id=USER)
        return self._send(self.sender.post(body), submitted=True)

    def _suggest(self, block_id: str, action_id: str, typed: str) -> list[dict[str, Any]]:
        """The open modal's menu asks the app for its options, as Slack does while the user types."""
        body = payloads.block_suggestion(
            self.modal or {}, block_id=block_id, action_id=action_id, value=typed, team_id=TEAM, user_id=USER
        )
        return suggestion_options(self.sender.post(body))

    def _link(self, rest: str) -> str:
        from bot.campaigns.errors import CampaignError
        from bot.services import creator_links

        name, _, handle = rest.rpartition(" ")
        if not name.strip() or not handle.strip():
            return "Type link NAME @handle, e.g. link Spring Glow @mia"
        try:
            issued = creator_links.issue_link(
                self.services.uow(),
                TEAM,
                name.strip(),
                handle.strip(),
                keys=self.settings.require_link_keys(),
                actor=USER,
                now=self.now(),
            )
        except CampaignError as error:
            return f"No link: {error}"
        note = " It works while this console runs (a key made for this run)." if self.dev_link_key else ""
        return (
            f"@{issued.handle}'s private link for {issued.campaign} (until {self._local(issued.expires_at)}):\n"
            f"{self.server.url}/c/{issued.token}\nOpen it in a browser.{note}"
        )

    def _cancel(self) -> str:
        self.modal = None
        return "Modal closed."

    def _tick(self) -> None:
        for tick in self.on_advance:
            tick()

    def _advance(self, rest: str) -> str:
        match = ADVANCE.match(rest.replace(" ", ""))
        if not match:
            return "Usage: advance 2d | advance 3h | advance 30m"
        amount, unit = int(match.group(1)), match.group(2)
        step = {"d": timedelta(days=amount), "h": timedelta(hours=amount), "m": timedelta(minutes=amount)}[unit]
        target = self.now() + step
        # Time passes as it would: the clock stops at each reminder's moment and the dispatcher ticks there,
        # so reminders arrive on time and in order instead of all at once, marked late.
        # Each message shows when it arrived; where the clock stopped is said last, after all that came.
        self._tick()  # what came due meanwhile (an approval's reminder) arrives now, as a worker's tick would send it
        arrived = [self._render_new(timed=True)]
        while (due := reminders.next_due_at(self.services.uow(), after=self.now(), until=target)) is not None:
            self.offset += due - self.now()
            self._tick()
            arrived.append(self._render_new(timed=True))
        self.offset += target - self.now()
        self._tick()
        arrived.append(self._render_new(timed=True))
        footer = f"The console's clock is now {self._local(self.now(), '%a %d %b %Y %H:%M')}."
        return "\n\n".join(part for part in (*arrived, footer) if part)

    # --- what the app did -------------------------------------------------------------------------------
    def _send(self, response: Any, *, submitted: bool = False) -> str:
        out: list[str] = []
        if response.status_code != 200:
            out.append(f"! the app answered HTTP {response.status_code}: {response.text[:200]}")
        elif response.content:
            out.extend(self._render_ack(response, submitted))
        elif submitted:
            self.modal = None
        self.executor.wait_idle(SETTLE_TIMEOUT)
        rendered = self._render_new()
        if rendered:
            out.append(rendered)
        return "\n".join(out)

    def _render_ack(self, response: Any, submitted: bool) -> list[str]:
        try:
            body = response.json()
        except json.JSONDecodeError:
            return [mrkdwn_to_text(response.text)]
        if submitted and body.get("response_action") == "errors":  # shown under each field, as Slack does
            labels = {
                b.get("block_id"): mrkdwn_to_text(b["label"]["text"])
                for b in (self.modal or {}).get("blocks", [])
                if b.get("type") == "input"
            }
            errors = body.get("errors", {}).items()
            return ["Please fix:"] + [f"  {labels.get(key, key)}: {error}" for key, error in errors]
        if submitted and body.get("response_action") in ("update", "push"):
            self.modal = body["view"]
            return [render_view(self.modal, self._numberer(view=self.modal))]
        if submitted:
            self.modal = None
            return []
        return [render_message(body, self._numberer(message=body), title="(only visible to you)")]

    def _render_new(self, *, timed: bool = False) -> str:
        calls = self.standin.calls[self._cursor :]
        self._cursor += len(calls)
        shown = ((call, self._render_call(call)) for call in calls)
        return "\n\n".join(f"{self._arrival(call)}{text}" if timed else text for call, text in shown if text)

    def _arrival(self, call: Call) -> str:
        """When a message came, on the console's clock (a posted message's ts is that clock's time)."""
        ts = (call.answer.get("message") or {}).get("ts") if call.answer else None
        at = datetime.fromtimestamp(float(ts), UTC) if ts else self.now()
        return f"[{self._local(at, '%a %d %b %H:%M')}] "

    def _local(self, at: datetime, pattern: str = "%Y-%m-%d %H:%M") -> str:
        """A moment as the console's user reads it: their zone's time and its abbreviation (UTC, GMT, CET, EST)."""
        local = at.astimezone(self.zone)
        return f"{local:{pattern}} {local:%Z}"

    def _render_call(self, call: Call) -> str:
        if call.status != 200 or (call.answer and not call.answer.get("ok", True)):
            error = call.answer.get("error") if call.answer else f"HTTP {call.status}"
            if call.method == "response_url":  # Bolt's respond() does not raise: in Slack it just vanishes
                return f"! Slack refused a response_url post ({error}); the user sees nothing of it"
            return f"! Slack answered {error} to {call.method}" if call.status == 200 else ""
        params = call.params
        if call.method == "chat.postMessage":
            message = call.answer["message"]
            where = f"#{'campaigns' if params['channel'] == CHANNEL else params['channel']}"
            broadcast = message.get("subtype") == "thread_broadcast"
            thread = (
                (" (in thread, also sent to the channel)" if broadcast else " (in thread)")
                if params.get("thread_ts")
                else ""
            )
            return render_message(
                message,
                self._numberer(message=message, channel=params["channel"]),
                title=f"{where}{thread}  CreatorOps:",
            )
        if call.method == "chat.postEphemeral":
            return render_message(params, self._numberer(message=params), title="(only visible to you)")
        if call.method == "chat.update":
            message = call.answer["message"]
            return render_message(
                message, self._numberer(message=message, channel=params["channel"]), title="(message updated)"
            )
        if call.method == "response_url":
            if params.get("delete_original"):
                return "(message removed)"
            title = (
                "(replaces the message above)"
                if params.get("replace_original")
                else (
                    "(only visible to you)"
                    if params.get("response_type", "ephemeral") == "ephemeral"
                    else "#campaigns  CreatorOps:"
                )
            )
            return render_message(params, self._numberer(message=params), title=title)
        if call.method in ("views.open", "views.push", "views.update"):
            self.modal = call.answer["view"]
            return render_view(self.modal, self._numberer(view=self.modal))
        if call.method == "views.publish":
            view = call.answer["view"]
            return render_view(view, self._numberer(view=view))
        if call.method == "files.completeUploadExternal":
            return self._render_shared(call)
        return ""

    def _render_shared(self, call: Call) -> str:
        where = (
            ", ".join(
                "#campaigns" if c == CHANNEL else f"#{c}"
                for c in [call.params.get("channel_id") or "", *str(call.params.get("channels") or "").split(",")]
                if c
            )
            or "nowhere (private)"
        )
        lines = [f"{where}  CreatorOps: {mrkdwn_to_text(str(call.params.get('initial_comment') or ''))}".rstrip()]
        ids = {f["id"] for f in call.answer["files"]}
        for number, shared in enumerate(self.standin.files, start=1):
            if shared.id in ids:
                how = (
                    f"`files {number} save PATH` to save it"
                    if shared.data.startswith(b"%PDF-")
                    else f"`files {number}` to read it"
                )
                lines.append(f"  uploaded file {shared.name} ({shared.size:,} bytes): type {how}")
        return "\n".join(lines)

    def _files(self, rest: str) -> str:
        """`files`: the files the app shared; `files N`: the text of file N, as a user opening it would read it;
        `files N save PATH`: its bytes in a file, as a user downloading it would get them."""
        shared = self.standin.files
        words = rest.split(maxsplit=2)
        if not words:
            listed = [f"  {n}. {f.name} ({f.size:,} bytes)" for n, f in enumerate(shared, start=1)]
            return "\n".join(["Files the app shared:", *listed]) if listed else "The app has shared no files yet."
        number = words[0]
        if not number.isdigit() or not 1 <= int(number) <= len(shared):
            return f"There is no file {number[:20]!r}: type `files` to list them (1 to {len(shared)})."
        chosen = shared[int(number) - 1]
        if len(words) > 1:
            if words[1] != "save" or len(words) < 3:
                return f"To save it, type `files {number} save PATH` (a file name, or a folder to save it into)."
            return _save(chosen.name, chosen.data, Path(words[2]).expanduser())
        if chosen.data.startswith(b"%PDF-"):
            return (
                f"{chosen.name} is a PDF ({chosen.size:,} bytes): type `files {number} save PATH` to save it, then "
                "open it with any PDF reader."
            )
        try:
            return f"--- {chosen.name} ({chosen.size:,} bytes) ---\n{chosen.data.decode('utf-8')}"
        except UnicodeDecodeError:
            return f"{chosen.name} is not text ({chosen.size:,} bytes): type `files {number} save PATH` to save it."

    def _numberer(self, *, message: dict | None = None, view: dict | None = None, channel: str = CHANNEL):
        def number(element: dict[str, Any], block: dict[str, Any]) -> int:
            self._numbers += 1
            self.clickables[self._numbers] = Clickable(element, block, message=message, view=view, channel=channel)
            return self._numbers

        return number


def _save(name: str, data: bytes, path: Path) -> str:
    """The file's bytes at `path` (or in the folder `path`, under its own name); an existing file is kept."""
    target = path / name if path.is_dir() else path
    if not target.parent.is_dir():
        return f"There is no folder {str(target.parent)[:200]}: give a folder that exists."
    try:
        with target.open("xb") as out:
            out.write(data)
    except FileExistsError:
        return f"{str(target)[:200]} already exists: give another name, or delete it first."
    except OSError as error:
        return f"Could not save to {str(target)[:200]}: {error.strerror or error}."
    return f"Saved {name} ({len(data):,} bytes) as {target}."


_CHOSEN = (
    "value",
    "selected_option",
    "selected_options",
    "selected_date",
    "selected_time",
    "selected_user",
    "selected_users",
    "selected_conversation",
    "selected_channel",
)


def input_refusal(element: dict[str, Any], state: dict[str, Any], *, optional: bool) -> str | None:
    """What Slack says under a field before it lets the form be submitted: a required field left empty, or text
    shorter than its min_length or longer than its max_length; None when Slack would send it."""
    if not any(state.get(key) for key in _CHOSEN):
        return None if optional else "this field is required."
    value = state.get("value")
    if not isinstance(value, str):
        return None
    if element.get("type") == "number_input":
        return _number_refusal(element, value)
    length = len(value)
    if element.get("max_length") is not None and length > int(element["max_length"]):
        return f"keep it to {int(element['max_length']):,} characters at most (this is {length:,})."
    if element.get("min_length") is not None and length < int(element["min_length"]):
        return f"write at least {int(element['min_length']):,} characters (this is {length:,})."
    return None


def _number_refusal(element: dict[str, Any], value: str) -> str | None:
    """A number field as Slack checks it: a number (whole unless decimals are allowed) within its min and max."""
    pattern = r"-?\d{1,15}(\.\d{1,10})?" if element.get("is_decimal_allowed") else r"-?\d{1,15}"
    if not re.fullmatch(pattern, value.strip()):
        return "type a number." if element.get("is_decimal_allowed") else "type a whole number."
    number = float(value)
    if element.get("min_value") is not None and number < float(element["min_value"]):
        return f"type a number of at least {element['min_value']}."
    if element.get("max_value") is not None and number > float(element["max_value"]):
        return f"type a number of at most {element['max_value']}."
    return None


def _action(element: dict[str, Any], block: dict[str, Any], value: str) -> dict[str, Any] | str:
    """The `actions[0]` Slack sends for a click on this element, or what to type instead."""
    action: dict[str, Any] = {
        "type": element["type"],
        "action_id": element["action_id"],
        "block_id": block.get("block_id", ""),
    }
    kind = element["type"]
    if kind == "button":
        action.update(value=element.get("value", ""), text=element.get("text"))
    elif kind == "datepicker":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return "This is a date picker: type click N YYYY-MM-DD."
        action["selected_date"] = value
    elif kind in ("static_select", "overflow", "radio_buttons"):
        option = _option(element, value)
        if option is None:
            return f"Choose one of: {', '.join(o['value'] for o in element.get('options', []))}"
        action["selected_option"] = option
    elif kind in INTERACTIVE:
        return f"The console cannot press a {kind} yet."
    return action


def _option(element: dict[str, Any], value: str) -> dict[str, Any] | None:
    for option in element.get("options", []):
        if value.lower() in (option["value"].lower(), mrkdwn_to_text(option["text"]["text"]).lower()):
            return option
    return None


def _only_containing(element: dict[str, Any], typed: str) -> dict[str, Any] | None:
    """The one option whose text holds what was typed ('tariq' for '@tariq_tiktok_sample · video · …'), as
    Slack's menu narrows its list while the user types; None when none or several do."""
    wanted = typed.strip().lower()
    found = [o for o in element.get("options", []) if wanted in mrkdwn_to_text(o["text"]["text"]).lower()]
    return found[0] if len(found) == 1 else None


def _external_state(
    element: dict[str, Any], typed: str, block_id: str, suggest: Suggest | None
) -> dict[str, Any] | str:
    """The option the typed text picks: the one whose text or value it is, or the only one offered."""
    if not typed.strip():
        return {"type": "external_select", "selected_option": element.get("initial_option")}
    if suggest is None:
        return "this menu takes its options from the app, which was not asked."
    offered = suggest(block_id, element["action_id"], typed)
    chosen = _option({"options": offered}, typed) or (offered[0] if len(offered) == 1 else None)
    if chosen is None:
        shown = ", ".join(mrkdwn_to_text(o["text"]["text"]) for o in offered[:10])
        return f"type more of the name: {shown}." if offered else f"nothing matches '{typed}'."
    return {"type": "external_select", "selected_option": chosen}


def suggestion_options(response: Any) -> list[dict[str, Any]]:
    """The options in the app's answer to a block_suggestion; AssertionError if Slack would refuse them."""
    if response.status_code != 200:
        raise AssertionError(f"the app answered a suggestion with HTTP {response.status_code}: {response.text[:200]}")
    options = response.json().get("options", [])
    refused = problems({"type": "external_select", "options": options}, kind="static_select")
    if refused:
        raise AssertionError(f"Slack would not show these options: {refused}")
    return list(options)


def _initial(element: dict[str, Any]) -> str:
    """What Slack shows pre-filled in a field, which an empty answer keeps."""
    for key in (
        "initial_value",
        "initial_date",
        "initial_time",
        "initial_conversation",
        "initial_channel",
        "initial_user",
    ):
        if element.get(key):
            return str(element[key])
    if element.get("initial_option"):
        return str(element["initial_option"]["value"])
    if element.get("initial_users"):
        return ",".join(element["initial_users"])
    if element.get("initial_options"):  # checkboxes ticked already
        return ",".join(option["value"] for option in element["initial_options"])
    return ""


# Asks the app for a select menu's options as Slack does (block_suggestion): (block_id, action_id, typed) -> options
Suggest = Callable[[str, str, str], list[dict[str, Any]]]


def input_state(
    element: dict[str, Any], answer: str, *, block_id: str = "", suggest: Suggest | None = None
) -> dict[str, Any] | str:
    """One modal field's state value, in the shape view_submission carries it; a menu of external data source
    resolves what was typed through the app's options (`suggest`), as a user picks from what Slack shows."""
    kind = element["type"]
    if kind == "external_select":
        return _external_state(element, answer, block_id, suggest)
    answer = answer or _initial(element)
    if kind in ("plain_text_input", "number_input", "email_text_input", "url_text_input"):
        return {"type": kind, "value": answer or None}
    if kind == "datepicker":
        if answer and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", answer):
            return "type a date as YYYY-MM-DD."
        return {"type": kind, "selected_date": answer or None}
    if kind == "timepicker":
        return {"type": kind, "selected_time": answer or None}
    if kind in ("static_select", "radio_buttons"):
        option = (_option(element, answer) or _only_containing(element, answer)) if answer else None
        if answer and option is None:
            shown = "; ".join(mrkdwn_to_text(o["text"]["text"]) for o in element.get("options", [])[:10])
            return f"type more of one of: {shown}."
        return {"type": kind, "selected_option": option}
    if kind == "checkboxes":
        picked = [o for o in (_option(element, a.strip()) for a in answer.split(",") if a.strip()) if o]
        return {"type": kind, "selected_options": picked}
    if kind == "users_select":
        return {"type": kind, "selected_user": answer.lstrip("@") or None}
    if kind == "multi_users_select":
        return {
            "type": kind,
            "selected_users": [u.strip().lstrip("@") for u in answer.split(",") if u.strip()],
        }
    if kind in ("conversations_select", "channels_select"):
        key = "selected_conversation" if kind == "conversations_select" else "selected_channel"
        return {"type": kind, key: answer.lstrip("#") or CHANNEL}
    return {"type": kind, "value": answer}
