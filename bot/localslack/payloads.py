"""Slack-shaped inbound request bodies: slash commands, button clicks, modal submissions, shortcuts, events.

The shapes follow Slack's own samples (see PROVENANCE.md). The console and the tests build every request
here, so both send exactly what Slack would.
"""

from __future__ import annotations

import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

_ids = itertools.count(1)


def _trigger_id() -> str:
    return f"{next(_ids)}.{int(time.time())}.local"


def slash_command(
    command: str,
    text: str,
    *,
    team_id: str,
    user_id: str,
    channel_id: str,
    response_url: str,
    user_name: str = "",
) -> str:
    """The form-encoded body of a slash command."""
    return urlencode(
        {
            "token": "",
            "api_app_id": "A0CREATOROPS",
            "team_id": team_id,
            "team_domain": team_id.lower(),
            "channel_id": channel_id,
            "channel_name": "campaigns",
            "user_id": user_id,
            "user_name": user_name or user_id.lower(),
            "command": command,
            "text": text,
            "response_url": response_url,
            "trigger_id": _trigger_id(),
            "is_enterprise_install": "false",
        }
    )


def _interactive(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


def _base(kind: str, *, team_id: str, user_id: str) -> dict[str, Any]:
    return {
        "type": kind,
        "team": {"id": team_id, "domain": team_id.lower()},
        "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id},
        "api_app_id": "A0CREATOROPS",
        "token": "",
        "trigger_id": _trigger_id(),
        "is_enterprise_install": False,
        "enterprise": None,
    }


def block_action(
    action: dict[str, Any],
    *,
    team_id: str,
    user_id: str,
    channel_id: str | None = None,
    message: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
    response_url: str | None = None,
) -> str:
    """A click on a button (or a pick in a select/date picker) in a message or a view."""
    payload = _base("block_actions", team_id=team_id, user_id=user_id)
    payload["actions"] = [{**action, "action_ts": f"{time.time():.6f}"}]
    if view is not None:
        payload["container"] = {"type": "view", "view_id": view.get("id", "")}
        payload["view"] = view
    else:
        payload["container"] = {
            "type": "message",
            "message_ts": (message or {}).get("ts", ""),
            "channel_id": channel_id,
            "is_ephemeral": bool((message or {}).get("is_ephemeral")),
        }
        payload["channel"] = {"id": channel_id, "name": "campaigns"}
        payload["message"] = message or {}
    if response_url:
        payload["response_url"] = response_url
    return _interactive(payload)


def block_suggestion(
    view: dict[str, Any], *, block_id: str, action_id: str, value: str, team_id: str, user_id: str
) -> str:
    """What a user typed into a select menu of external data source in an open modal; the app answers with the
    options. https://docs.slack.dev/reference/interaction-payloads/block_suggestion-payload"""
    payload = _base("block_suggestion", team_id=team_id, user_id=user_id)
    del payload["trigger_id"]  # typing opens nothing: Slack sends no trigger_id with a suggestion
    payload.update(
        {
            "container": {"type": "view", "view_id": view.get("id", "")},
            "view": view,
            "block_id": block_id,
            "action_id": action_id,
            "value": value,
        }
    )
    return _interactive(payload)


def view_submission(view: dict[str, Any], values: dict[str, Any], *, team_id: str, user_id: str) -> str:
    payload = _base("view_submission", team_id=team_id, user_id=user_id)
    payload["view"] = {**view, "state": {"values": values}, "team_id": team_id, "app_id": "A0CREATOROPS"}
    payload["response_urls"] = []
    return _interactive(payload)


def message_shortcut(
    callback_id: str,
    message: dict[str, Any],
    *,
    team_id: str,
    user_id: str,
    channel_id: str,
    response_url: str,
) -> str:
    payload = _base("message_action", team_id=team_id, user_id=user_id)
    payload.update(
        {
            "callback_id": callback_id,
            "message": message,
            "message_ts": message.get("ts", ""),
            "channel": {"id": channel_id, "name": "campaigns"},
            "response_url": response_url,
        }
    )
    return _interactive(payload)


def event_callback(event: dict[str, Any], *, team_id: str, event_id: str | None = None) -> str:
    """The JSON body of an Events API delivery."""
    return json.dumps(
        {
            "token": "",
            "team_id": team_id,
            "api_app_id": "A0CREATOROPS",
            "event": {"event_ts": f"{time.time():.6f}", **event},
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids):010d}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "team_id": team_id,
                    "user_id": "U0CREATOROPS",
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
    )
