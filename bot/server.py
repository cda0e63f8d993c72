"""HTTP serving: Bolt's WSGI adapter behind waitress, a threaded production WSGI server.

Threads matter: Bolt holds a request until ack(), so a single-threaded server would let one slow listener
stall every other request. Routes: /slack/events, /slack/install, /slack/oauth_redirect, /healthz, and the
creator's pages under /c/ (bot.web, a Flask app) when they are served.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier
from waitress import serve as waitress_serve
from waitress.server import create_server
from waitress.wasyncore import close_all
from werkzeug.middleware.dispatcher import DispatcherMiddleware

EVENTS_PATH = "/slack/events"
# Slack's largest payloads (a big modal's state) are tens of kilobytes; a request far above that is not Slack.
MAX_BODY_BYTES = 1024 * 1024
# The creator's pages take an upload of up to 8 MB with its form (and refuse a little more in words, unread);
# waitress answers 413 to a body far larger without reading it. Slack's route keeps its own 1 MB limit (below).
MAX_WEB_BODY_BYTES = 16 * 1024 * 1024
WAITRESS_OPTIONS: dict[str, Any] = {"ident": "creatorops", "max_request_body_size": MAX_WEB_BODY_BYTES}
WEB_MOUNT = "/c"

WSGIApp = Callable[..., Iterable[bytes]]

# Each dependency by name -> "ok" or what is wrong with it (bot.services.health.check).
HealthCheck = Callable[[], dict[str, str]]


def build_wsgi(app: App, health: HealthCheck | None = None, web: WSGIApp | None = None) -> WSGIApp:
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)
    # Bolt keeps the secret to itself; the guard below checks the signature before Bolt parses (and logs) a body.
    verifier = SignatureVerifier(app._signing_secret) if app._signing_secret else None

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            return _health(health, start_response)
        if verifier is not None and environ.get("PATH_INFO") == EVENTS_PATH and environ.get("REQUEST_METHOD") == "POST":
            refused = _refuse_unsigned(environ, verifier)
            if refused is not None:
                status, message = refused
                start_response(status, [("Content-Type", "application/json")])
                return [json.dumps({"error": message}).encode()]
        return bolt(environ, start_response)

    if web is None:
        return wsgi
    return DispatcherMiddleware(wsgi, {WEB_MOUNT: web})


def _refuse_unsigned(environ: dict[str, Any], verifier: SignatureVerifier) -> tuple[str, str] | None:
    """Why a request to /slack/events is refused before anything parses it, or None to let it through.

    Bolt would check the signature too, but only after parsing the body, logging the whole of it at INFO when
    the check fails, and answering a malformed timestamp or non-UTF-8 body with a 500 and a traceback. Here an
    oversized body is never read, and a forged one costs one HMAC and leaves no trace of its content.
    """
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return "400 Bad Request", "bad content length"
    if length > MAX_BODY_BYTES:
        return "413 Content Too Large", "request too large"
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)  # Bolt reads it again
    try:
        text = body.decode("utf-8")  # Slack sends UTF-8; slack_sdk's verifier would raise on anything else
    except UnicodeDecodeError:
        return "400 Bad Request", "the body is not UTF-8"
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
    signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
    if not timestamp.isdigit() or len(timestamp) > 12 or not verifier.is_valid(text, timestamp, signature):
        return "401 Unauthorized", "invalid request"
    return None


def _health(health: HealthCheck | None, start_response: Callable[..., Any]) -> list[bytes]:
    """200 when every dependency answers, else 503 naming the one that is down, so a load balancer can act."""
    dependencies = health() if health else {}
    healthy = all(state == "ok" for state in dependencies.values())
    body = json.dumps({"status": "ok" if healthy else "unavailable", **dependencies}).encode() + b"\n"
    start_response("200 OK" if healthy else "503 Service Unavailable", [("Content-Type", "application/json")])
    return [body]


def serve_forever(
    app: App, *, host: str, port: int, threads: int, health: HealthCheck | None = None, web: WSGIApp | None = None
) -> None:
    # Everything loaded at start-up lives as long as the process: keep it out of the cyclic GC's scans, so
    # full collections stay short and do not show up as slow acks.
    gc.collect()
    gc.freeze()
    waitress_serve(build_wsgi(app, health, web), host=host, port=port, threads=threads, **WAITRESS_OPTIONS)


@dataclass
class BackgroundServer:
    """The app served on 127.0.0.1 from a thread (the console and the tests use it)."""

    url: str
    _server: Any
    _thread: threading.Thread

    def stop(self) -> None:
        # Close the sockets from inside waitress's own loop thread: closing them from here would pull a file
        # descriptor out from under its select() call.
        # OSError: the loop already ended and closed its trigger, so nothing is left to close.
        with contextlib.suppress(OSError):
            self._server.trigger.pull_trigger(lambda: close_all(self._server._map))
        self._thread.join(timeout=5)
        self._server.task_dispatcher.shutdown()


def start_background_server(
    app: App,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    threads: int = 8,
    health: HealthCheck | None = None,
    web: WSGIApp | None = None,
) -> BackgroundServer:
    server = create_server(build_wsgi(app, health, web), host=host, port=port, threads=threads, **WAITRESS_OPTIONS)
    thread = threading.Thread(target=server.run, name="http", daemon=True)
    thread.start()
    return BackgroundServer(url=f"http://{host}:{server.effective_port}", _server=server, _thread=thread)
