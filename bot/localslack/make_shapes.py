"""Regenerate api_shapes.json from Slack's recorded Web API response samples.

Usage: python -m bot.localslack.make_shapes DIR   (DIR holds one <method>.json sample per Web API method,
as in slackapi/java-slack-sdk json-logs/samples/api). Keeps each answer's keys two levels deep: enough for
the stand-in to answer with the real shape, small enough to ship.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

METHODS = (
    "auth.test",
    "chat.delete",
    "chat.getPermalink",
    "chat.postEphemeral",
    "chat.postMessage",
    "chat.update",
    "conversations.info",
    "conversations.open",
    "files.completeUploadExternal",
    "files.getUploadURLExternal",
    "oauth.v2.access",
    "users.info",
    "views.open",
    "views.publish",
    "views.push",
    "views.update",
)


def key_tree(value: object, depth: int) -> object:
    if isinstance(value, dict) and depth > 0:
        return {key: key_tree(child, depth - 1) for key, child in value.items()}
    return None


def main(argv: list[str]) -> int:
    source = Path(argv[0])
    shapes = {method: key_tree(json.loads((source / f"{method}.json").read_text()), 2) for method in METHODS}
    target = Path(__file__).with_name("api_shapes.json")
    target.write_text(json.dumps(shapes, indent=1, sort_keys=True) + "\n")
    print(f"wrote {target} ({len(shapes)} methods)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
