"""Where a creator's uploaded file is kept: under the upload directory, in a folder of its workspace, by the
random name it was stored under (the web page writes it, the dispatcher reads it to share it in Slack)."""

from __future__ import annotations

import re
from pathlib import Path

_STORED = re.compile(r"[0-9a-f]{24}\.(jpg|png|gif|webp|mp4|webm)")


def stored_path(directory: Path, team_id: str, name: str) -> Path:
    """Where an upload of this name is kept; ValueError for a name the upload would never have given."""
    if not _STORED.fullmatch(name):
        raise ValueError("not a stored upload's name")
    return directory / "".join(c for c in team_id if c.isalnum())[:32] / name
