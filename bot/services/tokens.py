"""The Slack tokens stored by OAuth installs: whether the configured keys read them, and key rotation."""

from __future__ import annotations

from collections.abc import Sequence

from storage.slack_stores import StoredTokens, check_stored_tokens, rotate_stored_tokens
from storage.token_cipher import TokenCipher, TokenKeyError
from storage.uow import UnitOfWork

__all__ = ["StoredTokens", "TokenKeyError", "check", "rotate"]


def check(uow: UnitOfWork, keys: Sequence[str]) -> StoredTokens:
    """How many stored rows hold secrets, how many are still plain text, how many no key decrypts."""
    with uow:
        return check_stored_tokens(uow.session, TokenCipher(keys))


def rotate(uow: UnitOfWork, keys: Sequence[str]) -> StoredTokens:
    """Re-encrypt every stored secret with the first key, in one transaction: all rows or none.

    Raises TokenKeyError, having changed nothing, when some secret no key decrypts."""
    with uow:
        rotated = rotate_stored_tokens(uow.session, TokenCipher(keys))
        uow.commit()
    return rotated
