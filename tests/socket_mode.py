"""A local Socket Mode endpoint: the WebSocket that apps.connections.open points the app at.

Speaks Slack's Socket Mode protocol (a `hello` on connect, envelopes with an `envelope_id`, the app's
acknowledgement carrying the same id and, for slash commands, the response payload), so `creatorops socket`
runs exactly as against Slack, with slack_sdk's own Socket Mode client on the other end.
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any
from urllib.parse import parse_qsl

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

HELLO = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0CREATOROPS"}}


class SocketModeEndpoint:
    def __init__(self) -> None:
        self.acks: dict[str, dict[str, Any]] = {}  # envelope_id -> what the app answered
        self._connections: list[ServerConnection] = []
        self._changed = threading.Condition()
        self._server: Server | None = None

    def __enter__(self) -> SocketModeEndpoint:
        self._server = serve(self._serve, "127.0.0.1", 0)
        threading.Thread(target=self._server.serve_forever, name="socket-mode", daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._server:
            self._server.shutdown()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket={uuid.uuid4()}"

    def _serve(self, connection: ServerConnection) -> None:
        connection.send(json.dumps(HELLO))
        with self._changed:
            self._connections.append(connection)
            self._changed.notify_all()
        try:
            for message in connection:
                answer = json.loads(message)
                with self._changed:
                    self.acks[answer["envelope_id"]] = answer
                    self._changed.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                self._connections.remove(connection)

    def wait_connected(self, timeout: float = 20.0) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: self._connections, timeout):
                raise AssertionError("the app never opened its Socket Mode connection")

    def send(self, kind: str, payload: dict[str, Any], *, accepts_response_payload: bool) -> str:
        """Deliver one envelope to the connected app; returns its envelope_id."""
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        with self._changed:
            connection = self._connections[-1]
        connection.send(json.dumps(envelope))
        return envelope_id

    def slash_command(self, form_body: str) -> str:
        """A slash command, from the same form body Slack would POST over HTTP."""
        return self.send("slash_commands", dict(parse_qsl(form_body)), accepts_response_payload=True)

    def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"envelope {envelope_id} was not acknowledged within {timeout} s")
            return self.acks[envelope_id]
