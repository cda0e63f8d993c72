"""Typed failures of every creator source (snapshot files, YouTube, Instagram).

Each error's text is written for the person who typed the command: it says what went wrong and what to do
next, so a handler can show `str(error)` as it is. Never put a credential into one of these messages.
"""

from __future__ import annotations


class SourceError(Exception):
    """Base class: a creator could not be fetched. `str(error)` is a user-facing sentence."""

    default_message = "We could not fetch this creator; try again in a few minutes."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


def _who(handle: str | None, platform: str | None) -> str:
    name = f"@{handle.lstrip('@')}" if handle else "this creator"
    return f"{name} on {platform}" if platform else name


class CreatorNotFound(SourceError):
    """No account with this handle on this platform (or no snapshot file for it)."""

    def __init__(
        self,
        message: str | None = None,
        *,
        handle: str | None = None,
        platform: str | None = None,
        elsewhere: str | None = None,
    ):
        self.handle = handle
        self.platform = platform
        self.elsewhere = elsewhere  # a platform where this handle is known: the platform word was missing or wrong
        if message is None and elsewhere is not None and handle:
            message = (
                f"We could not find {_who(handle, platform)}, but @{handle} is on {elsewhere}: "
                f"type /vet @{handle} {elsewhere}"
            )
        super().__init__(
            message
            or f"We could not find {_who(handle, platform)}. Check the spelling of the handle and the platform "
            "(instagram, tiktok or youtube)."
        )


class RateLimited(SourceError):
    """The platform asked us to slow down; `retry_after` is in seconds when the platform said so."""

    default_message = "The platform is rate-limiting us; try again in a few minutes."

    def __init__(self, message: str | None = None, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class SourceUnavailable(SourceError):
    """The platform (or the snapshot folder) did not answer usefully: network, 5xx, unreadable answer."""

    default_message = "The platform is not answering right now; try again in a few minutes."


class BadCredentials(SourceError):
    """The API key or token was refused: expired, revoked, or missing a permission."""

    default_message = (
        "The platform refused our credentials (expired, revoked or missing a permission). "
        "Ask your CreatorOps admin to renew the API key or token in the settings."
    )


class InvalidSnapshot(SourceError):
    """A snapshot or import file that cannot be read; the message names the file, the place and the fix."""

    default_message = "The snapshot file could not be read; see bot/sources/samples/FORMAT.md for the format."
