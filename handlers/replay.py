"""One guard against replayed requests: every slash command, button, modal submission and shortcut runs once.

A signed request stays valid for Slack's 5-minute signature window, so the same body sent again (a replay, or a
proxy that retries) would run its listener again: a second campaign, a second answer, a state moved twice. Each
real interaction has an identity of its own: a command, submission or shortcut its trigger_id; a click its
container (message ts or view id), action_id and action_ts. The guard records that identity (with the workspace,
the user and the kind) as the listener acks, and a second request with the same identity stops there.

It hooks into ack() itself, so it runs after the ack (no I/O before ack) and before any effect. Only a bare
`ack()` is followed by work; an ack that carries the whole answer (a usage line, field errors, the help) ends
the listener and is answered again on a replay, as it has no effect, so it records nothing. A new click (a new
action_ts) or a new command (a new trigger_id) is a new identity and always runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from slack_bolt import Args

from bot.services import services_of, workspaces
from handlers.context import team_of


class Replayed(Exception):
    """This request's identity was recorded before: it was handled already."""


def request_identity(body: dict[str, Any]) -> tuple[str, ...] | None:
    """(user, kind, what identifies this one interaction), or None for a body with nothing to key it on."""
    kind = str(body.get("type") or ("command" if body.get("command") else ""))
    user = body.get("user_id") or (body.get("user") or {}).get("id") or ""
    if kind == "block_actions":
        action = (body.get("actions") or [{}])[0]
        container = body.get("container") or {}
        where = container.get("message_ts") or container.get("view_id") or ""
        parts: tuple[str, ...] = (where, str(action.get("action_id", "")), str(action.get("action_ts", "")))
        if not action.get("action_ts"):
            return None
    else:
        view = body.get("view") or {}
        trigger = body.get("trigger_id") or (f"{view['id']}:{view.get('hash', '')}" if view.get("id") else "")
        if not trigger:
            return None
        parts = (str(body.get("command") or body.get("callback_id") or ""), str(trigger))
    return (str(user), kind, *parts)


def delivery_key(team_id: str, identity: tuple[str, ...]) -> str:
    """A fixed-length key for the processed-delivery table (its ids are at most 64 characters)."""
    digest = hashlib.sha256("\x1f".join((team_id, *identity)).encode()).hexdigest()
    return f"request:{digest[:48]}"


def ack_once(args: Args) -> Callable[..., None]:
    """args.ack, recording the request's identity after a bare ack(); raises Replayed if it was recorded before."""
    ack = args.ack

    def guarded(*answer: Any, **fields: Any) -> None:
        ack(*answer, **fields)
        if answer or fields:
            return  # the whole answer is in the ack: nothing follows it
        identity = request_identity(args.body)
        if identity is None:
            return
        team_id = team_of(args.context)
        if not workspaces.first_delivery(services_of(args.context).uow(), team_id, delivery_key(team_id, identity)):
            raise Replayed()

    return guarded
