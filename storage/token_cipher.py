"""Slack tokens encrypted at rest with Fernet, so that a copy of the database does not hand out workspaces.

Keys come from CREATOROPS_TOKEN_KEYS (bot.config): the first one encrypts, every one decrypts (MultiFernet), so a
new key can be put in front while the old one still reads what it wrote, until `creatorops tokens rotate` has
re-encrypted everything with the new one.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

# Every Fernet token starts with its version byte 0x80 and a 64-bit timestamp whose top bytes stay zero until
# the year 2106: base64 "gAAAAA". A Slack token or webhook URL never does.
FERNET_PREFIX = "gAAAAA"
# The widened store columns (migration 0005) hold the Fernet token of a secret of up to this many characters.
ENCRYPTED_WIDTH = 512
MAX_SECRET_CHARS = 319


def fernet_length(secret_bytes: int) -> int:
    """Characters in the Fernet token of a secret this long: version, timestamp, IV, AES-CBC blocks (PKCS7
    always adds padding), HMAC, all base64-encoded."""
    ciphertext = 16 * (secret_bytes // 16 + 1)
    return 4 * -(-(1 + 8 + 16 + ciphertext + 32) // 3)


UNREADABLE = (
    "a stored Slack token cannot be decrypted with any key in CREATOROPS_TOKEN_KEYS: add the key it was"
    " encrypted with after the first one (keep an old key there until `creatorops tokens rotate` has run)"
)


class TokenKeyError(Exception):
    """A stored token cannot be decrypted with any configured key; the message is for the operator."""


class TokenCipher:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("at least one key is needed")
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    def encrypt(self, secret: str) -> str:
        if len(secret.encode()) > MAX_SECRET_CHARS:
            # On PostgreSQL the insert would fail deep inside the OAuth flow; say what is wrong instead.
            raise ValueError(f"a Slack secret longer than {MAX_SECRET_CHARS} bytes does not fit its column")
        return self._fernet.encrypt(secret.encode()).decode()

    def decrypt(self, stored: str) -> str:
        """The secret; a value stored before encryption was turned on comes back as it is."""
        if not is_encrypted(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.encode()).decode()
        except InvalidToken:
            raise TokenKeyError(UNREADABLE) from None

    def rotate(self, stored: str) -> str:
        """The value encrypted with the first key: re-encrypted if it was encrypted, encrypted if it was not."""
        if not is_encrypted(stored):
            return self.encrypt(stored)
        try:
            return self._fernet.rotate(stored.encode()).decode()
        except InvalidToken:
            raise TokenKeyError(UNREADABLE) from None


def is_encrypted(stored: str) -> bool:
    return stored.startswith(FERNET_PREFIX)
