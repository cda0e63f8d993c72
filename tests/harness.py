"""Drive the real Bolt app over real HTTP, the way Slack does.

The app is served on 127.0.0.1 (ephemeral port) by the same WSGI server as production; its WebClient points
at the local stand-in for the Web API; requests are signed with the signing secret. Listeners keep running
after ack(), so tests wait for recorded calls with a timeout instead of sleeping.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.fernet import Fernet
from slack_bolt import App
from sqlalchemy import Engine

from bot.app import create_app, make_web_client
from bot.config import Settings
from bot.localslack import payloads
from bot.localslack.console import input_state, suggestion_options
from bot.localslack.render import render_message, render_view
from bot.localslack.sender import JSON, SignedSender
from bot.localslack.standin import Call, SlackStandIn
from bot.scheduler import reminder_tick
from bot.server import BackgroundServer, start_background_server
from bot.services import Services
from bot.web import web_for
from handlers.jobs.dispatcher import TickResult

TEAM = "T0TEAMONE"
USER = "U0ALICE"
CHANNEL = "C0CAMPAIGNS"
BOT_TOKEN = "xoxb-test-team-one"
OAUTH_CLIENT_ID = "1111.2222"


@dataclass
class SlackHarness:
    app: App
    standin: SlackStandIn
    server: BackgroundServer
    sender: SignedSender
    services: Services
    team_id: str = TEAM
    user_id: str = USER
    channel_id: str = CHANNEL

    def command_body(
        self, command: str, text: str = "", *, team_id: str | None = None, user_id: str | None = None
    ) -> str:
        """A slash command's body as Slack sends it (unsigned), with a fresh response_url and trigger_id."""
        return payloads.slash_command(
            command,
            text,
            team_id=team_id or self.team_id,
            user_id=user_id or self.user_id,
            channel_id=self.channel_id,
            response_url=self.standin.new_response_url(),
        )

    def command(self, command: str, text: str = "", *, team_id: str | None = None, user_id: str | None = None):
        return self.sender.post(self.command_body(command, text, team_id=team_id, user_id=user_id))

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None):
        body = payloads.event_callback(event, team_id=self.team_id, event_id=event_id)
        headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"} if retry_num else None
        return self.sender.post(body, JSON, extra_headers=headers)

    def click(self, message: dict[str, Any], action_id: str, **options: Any):
        """Press the element `action_id` in a posted message (as found in the stand-in's channel history, or the
        blocks of a response_url post); `options` as click_body takes them (a date picker: `selected_date`)."""
        return self.sender.post(self.click_body(message, action_id, **options))

    def click_body(
        self,
        message: dict[str, Any],
        action_id: str,
        *,
        user_id: str | None = None,
        value: str | None = None,
        selected_date: str | None = None,
    ) -> str:
        """The body of a click (unsigned), with a fresh action_ts and response_url."""
        action = _find_action(message.get("blocks") or [], action_id, value)
        if selected_date:
            action["selected_date"] = selected_date
        return payloads.block_action(
            action,
            team_id=self.team_id,
            user_id=user_id or self.user_id,
            channel_id=self.channel_id,
            message=message,
            response_url=self.standin.new_response_url(),
        )

    def submit(self, view: dict[str, Any], values: dict[str, Any], *, user_id: str | None = None):
        """Submit a modal the app opened, with `values` as {block_id: value}: strings, lists or option values; in
        a menu of external data source, what the user types (the app's options resolve it, as in Slack), or an
        option object sent as it is (what a forged request could carry)."""
        return self.sender.post(self.submission_body(view, values, user_id=user_id))

    def submission_body(self, view: dict[str, Any], values: dict[str, Any], *, user_id: str | None = None) -> str:
        """The body of a modal submission (unsigned), with a fresh trigger_id."""
        state: dict[str, Any] = {}
        for block in view.get("blocks", []):
            if block.get("type") != "input":
                continue
            given = values.get(block["block_id"], "")  # empty: what Slack pre-filled, as a person leaves it
            element = block["element"]
            if isinstance(given, dict):
                state[block["block_id"]] = {element["action_id"]: {"type": element["type"], "selected_option": given}}
                continue
            answer = ",".join(given) if isinstance(given, list) else str(given)
            picked = input_state(
                element, answer, block_id=block["block_id"], suggest=lambda *ask: self.suggest(view, *ask)
            )
            assert not isinstance(picked, str), f"{block['block_id']}: {picked}"
            state[block["block_id"]] = {element["action_id"]: picked}
        return payloads.view_submission(view, state, team_id=self.team_id, user_id=user_id or self.user_id)

    def replay(self, body: str):
        """Send `body` twice with the same signature and timestamp, as a replay within Slack's 5 minutes would:
        returns both answers."""
        stamp = int(time.time())
        return self.sender.post(body, timestamp=stamp), self.sender.post(body, timestamp=stamp)

    def suggest(
        self, view: dict[str, Any], block_id: str, action_id: str, typed: str, *, team_id: str | None = None
    ) -> list[dict[str, Any]]:
        """What Slack shows in a menu of external data source while the user types `typed`: the app's options."""
        body = payloads.block_suggestion(
            view,
            block_id=block_id,
            action_id=action_id,
            value=typed,
            team_id=team_id or self.team_id,
            user_id=self.user_id,
        )
        return suggestion_options(self.sender.post(body))

    def deliver(self, **dispatcher: Any) -> TickResult:
        """One tick of the dispatcher (what `creatorops worker` runs every few seconds): posts what is due, such as
        the review card of a draft a creator sent through their link."""
        return reminder_tick(self.services, channel_pace=0, **dispatcher)()

    def deliver_until(self, method: str, predicate=None, *, timeout: float = 15.0) -> list[Call]:
        """Tick the dispatcher until a matching call is recorded (what a browser sent may still be on its way)."""
        deadline = time.monotonic() + timeout
        while True:
            self.deliver()
            found = [c for c in self.standin.calls_to(method) if predicate is None or predicate(c)]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.1)

    def wait_for(self, method: str, predicate=None, *, count: int = 1, timeout: float = 15.0) -> list[Call]:
        return self.standin.wait_for(method, predicate, count=count, timeout=timeout)


def seen(shown: list[dict[str, Any]] | dict[str, Any]) -> str:
    """What a person sees of these blocks, this message or this view, as the console renders it for them.

    Assert on this rather than on `str(blocks)`: action ids, URLs behind links and mrkdwn markup are not seen.
    """
    numbers = itertools.count(1)
    number = lambda element, block: next(numbers)  # noqa: E731
    if isinstance(shown, list):
        return render_message({"blocks": shown}, number)
    if shown.get("type") in ("modal", "home"):
        return render_view(shown, number)
    return render_message(shown, number)


def _find_action(blocks: list[dict[str, Any]], action_id: str, value: str | None) -> dict[str, Any]:
    for block in blocks:
        elements = block.get("elements") or ([block["accessory"]] if block.get("accessory") else [])
        for element in elements:
            if element.get("action_id") == action_id and (value is None or element.get("value") == value):
                return {
                    "type": element.get("type", "button"),
                    "action_id": action_id,
                    "block_id": block.get("block_id", ""),
                    "value": element.get("value", ""),
                    "text": element.get("text"),
                }
    raise AssertionError(f"no element {action_id!r} in blocks: {json.dumps(blocks)[:500]}")


@contextmanager
def serve_app(settings: Settings, engine: Engine, standin: SlackStandIn, **services_kw: Any) -> Iterator[SlackHarness]:
    settings = settings.model_copy(update={"slack_api_url": standin.api_url})
    client = make_web_client(base_url=standin.api_url)
    services = Services(settings=settings, engine=engine, **services_kw)
    app = create_app(settings, client, engine=engine, services=services)
    # The creator's pages (/c/<token>) too, as `creatorops serve` mounts them, when a link key is set.
    server = start_background_server(app, health=services.health, web=web_for(services))
    sender = SignedSender(server.url, settings.slack_signing_secret.get_secret_value())
    try:
        yield SlackHarness(app=app, standin=standin, server=server, sender=sender, services=services)
    finally:
        sender.close()
        server.stop()


def single_workspace_settings(database_url: str, **overrides: Any) -> Settings:
    return Settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=secrets.token_hex(16),
        database_url=database_url,
        **overrides,
    )


def oauth_settings(database_url: str, **overrides: Any) -> Settings:
    """Several workspaces through OAuth, with a fresh key for the stored tokens (tests never share a key)."""
    values: dict[str, Any] = {
        "slack_client_id": OAUTH_CLIENT_ID,
        "slack_client_secret": secrets.token_hex(16),
        "slack_signing_secret": secrets.token_hex(16),
        "creatorops_token_keys": Fernet.generate_key().decode(),
        "database_url": database_url,
    }
    return Settings(_env_file=None, **(values | overrides))


def realistic_token(prefix: str) -> str:
    """A made-up token as long as Slack's: xoxb-<12 digits>-<13 digits>-<24 letters and digits>."""
    digits = "".join(secrets.choice("0123456789") for _ in range(25))
    return f"{prefix}-{digits[:12]}-{digits[12:]}-{secrets.token_hex(12)}"


def oauth_install(harness: SlackHarness, code: str) -> httpx.Response:
    """A browser goes through the install page and comes back from Slack with `code` (see add_oauth_code)."""
    with httpx.Client(base_url=harness.server.url, timeout=10) as browser:
        page = browser.get("/slack/install")
        assert page.status_code == 200
        state = re.search(r"state=([\w-]+)", page.text).group(1)
        # The state cookie is Secure; a browser on https would send it back, httpx on http will not by itself.
        cookie = page.headers["set-cookie"].split(";")[0]
        return browser.get("/slack/oauth_redirect", params={"code": code, "state": state}, headers={"Cookie": cookie})


def get(url: str, **kwargs: Any) -> httpx.Response:
    return httpx.get(url, timeout=10, **kwargs)
