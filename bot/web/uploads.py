"""A creator's uploaded file: at most MAX_UPLOAD bytes, an image or a video by its first bytes (never by the name
or the type the browser claims), stored under a random name in the upload directory, outside any web root."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import IO

from bot.review.stored_files import stored_path

__all__ = ["MAX_NAME", "MAX_UPLOAD", "UploadRefused", "discard_upload", "sniff", "store_upload", "stored_path"]

MAX_UPLOAD = 8 * 1024 * 1024
MAX_NAME = 200


class UploadRefused(ValueError):
    """The message says what to send instead."""


def sniff(head: bytes) -> str | None:
    """The file's extension from its magic bytes: jpg, png, gif, webp, mp4 (ISO media: mp4, mov, m4v), webm."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    return None


def store_upload(stream: IO[bytes], directory: Path, team_id: str) -> tuple[str, int]:
    """Read at most MAX_UPLOAD bytes, check the type, write under a random name; (stored name, size)."""
    data = stream.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise UploadRefused("The file is larger than 8 MB: send a smaller one, or put a link to it under Media links.")
    if not data:
        raise UploadRefused("The file is empty: choose the photo or video again.")
    kind = sniff(data[:16])
    if kind is None:
        raise UploadRefused("Only photos (JPEG, PNG, GIF, WebP) and videos (MP4, MOV, WebM) can be uploaded here.")
    name = f"{secrets.token_hex(12)}.{kind}"
    path = stored_path(directory, team_id, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return name, len(data)


def discard_upload(path: Path | None) -> None:
    """Remove a stored upload whose draft was not recorded (nothing to do without one, or when already gone)."""
    if path is not None:
        path.unlink(missing_ok=True)
