"""HTTP serving: Bolt's WSGI adapter behind waitress, a threaded production WSGI server.

Threads matter: Bolt holds a request until ack(), so a single-threaded server would let one slow listener
stall every other request. Routes: /slack/events, /slack/install, /slack/oauth_redirect, /healthz.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import serve as waitress_serve
from waitress.server import create_server
from waitress.wasyncore import close_all

EVENTS_PATH = "/slack/events"

# Each dependency by name -> "ok" or what is wrong with it (bot.services.health.check).
HealthCheck = Callable[[], dict[str, str]]


def build_wsgi(app: App, health: HealthCheck | None = None) -> Callable[..., Iterable[bytes]]:
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            return _health(health, start_response)
        return bolt(environ, start_response)

    return wsgi


def _health(health: HealthCheck | None, start_response: Callable[..., Any]) -> list[bytes]:
    """200 when every dependency answers, else 503 naming the one that is down, so a load balancer can act."""
    dependencies = health() if health else {}
    healthy = all(state == "ok" for state in dependencies.values())
    body = json.dumps({"status": "ok" if healthy else "unavailable", **dependencies}).encode() + b"\n"
    start_response("200 OK" if healthy else "503 Service Unavailable", [("Content-Type", "application/json")])
    return [body]


def serve_forever(app: App, *, host: str, port: int, threads: int, health: HealthCheck | None = None) -> None:
    # Everything loaded at start-up lives as long as the process: keep it out of the cyclic GC's scans, so
    # full collections stay short and do not show up as slow acks.
    gc.collect()
    gc.freeze()
    waitress_serve(build_wsgi(app, health), host=host, port=port, threads=threads, ident="creatorops")


@dataclass
class BackgroundServer:
    """The app served on 127.0.0.1 from a thread (the console and the tests use it)."""

    url: str
    _server: Any
    _thread: threading.Thread

    def stop(self) -> None:
        # Close the sockets from inside waitress's own loop thread: closing them from here would pull a file
        # descriptor out from under its select() call.
        self._server.trigger.pull_trigger(lambda: close_all(self._server._map))
        self._thread.join(timeout=5)
        self._server.task_dispatcher.shutdown()


def start_background_server(
    app: App, *, host: str = "127.0.0.1", port: int = 0, threads: int = 8, health: HealthCheck | None = None
) -> BackgroundServer:
    server = create_server(build_wsgi(app, health), host=host, port=port, threads=threads, ident="creatorops")
    thread = threading.Thread(target=server.run, name="http", daemon=True)
    thread.start()
    return BackgroundServer(url=f"http://{host}:{server.effective_port}", _server=server, _thread=thread)
