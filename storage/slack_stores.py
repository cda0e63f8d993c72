"""slack_sdk's own SQLAlchemy installation and OAuth state stores, in our database.

Their tables are created by our Alembic migrations (never by `create_tables()`), so the schema has one owner.
The installation store is slack_sdk's, with one change: its secret columns (tokens, refresh tokens, the incoming
webhook URL) hold Fernet tokens (storage.token_cipher), so they are wider than slack_sdk declares them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Dialect, Engine, MetaData, String, Table, delete, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator, TypeEngine

from storage.db import execute_dml
from storage.token_cipher import ENCRYPTED_WIDTH, TokenCipher, TokenKeyError, is_encrypted

OAUTH_STATE_EXPIRY_SECONDS = 600
# Anyone holding one of these can act as the app in a workspace (an incoming webhook URL posts to its channel).
SECRET_COLUMNS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token", "incoming_webhook_url")

logger = logging.getLogger("creatorops")


class EncryptedString(TypeDecorator[str]):
    """A string column whose values are written encrypted and read decrypted with the store's keys."""

    impl = String
    cache_ok = True

    def __init__(self, cipher: TokenCipher) -> None:
        super().__init__(ENCRYPTED_WIDTH)
        self.cipher = cipher

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.cipher.encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.cipher.decrypt(value)


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's SQLAlchemy installation store, over tables whose secret columns are encrypted."""

    def __init__(self, client_id: str, engine: Engine, cipher: TokenCipher) -> None:
        super().__init__(client_id=client_id, engine=engine)
        self.metadata = MetaData()
        self.bots, self.installations = _store_tables(self.metadata, lambda: EncryptedString(cipher))

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        try:
            return super().find_bot(
                enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
            )
        except TokenKeyError as exc:
            _log_unreadable(exc, team_id, enterprise_id)
            return None

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        try:
            return super().find_installation(
                enterprise_id=enterprise_id,
                team_id=team_id,
                user_id=user_id,
                is_enterprise_install=is_enterprise_install,
            )
        except TokenKeyError as exc:
            _log_unreadable(exc, team_id, enterprise_id)
            return None


def _log_unreadable(exc: TokenKeyError, team_id: str | None, enterprise_id: str | None) -> None:
    # One line, no traceback: the fix is a setting, and the workspace is told the app is not installed.
    logger.error("Slack tokens of workspace %s: %s.", team_id or enterprise_id, exc)


def installation_store(client_id: str, engine: Engine, cipher: TokenCipher) -> EncryptedInstallationStore:
    return EncryptedInstallationStore(client_id=client_id, engine=engine, cipher=cipher)


def oauth_state_store(engine: Engine) -> SQLAlchemyOAuthStateStore:
    return SQLAlchemyOAuthStateStore(expiration_seconds=OAUTH_STATE_EXPIRY_SECONDS, engine=engine)


def _store_tables(metadata: MetaData, secret_type: Callable[[], TypeEngine[Any]]) -> tuple[Table, Table]:
    """slack_sdk's bots and installations tables, their secret columns of `secret_type`."""
    store = SQLAlchemyInstallationStore
    bots = store.build_bots_table(metadata, store.default_bots_table_name)
    installations = store.build_installations_table(metadata, store.default_installations_table_name)
    for table in (bots, installations):
        for column in table.columns:
            if column.name in SECRET_COLUMNS:
                column.type = secret_type()
    return bots, installations


def slack_store_metadata() -> MetaData:
    """The store tables as our migrations create them, for Alembic's comparison with the migrations."""
    metadata = MetaData()
    _store_tables(metadata, lambda: String(ENCRYPTED_WIDTH))
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, SQLAlchemyOAuthStateStore.default_table_name)
    return metadata


@dataclass(frozen=True)
class StoredSecrets:
    table: Table
    id: int
    workspace: str  # its team id, or enterprise id for an org-wide install
    values: dict[str, str]  # column name -> stored value, for the secrets it has


@dataclass(frozen=True)
class StoredTokens:
    rows: int  # rows (installations and bots) that hold at least one secret
    plaintext: int  # of which some secret was stored before encryption was turned on
    unreadable_workspaces: tuple[str, ...] = ()  # whose secrets no configured key decrypts


def stored_secrets(session: Session, *, for_update: bool = False) -> list[StoredSecrets]:
    """Every row with a secret (locked until the transaction ends, `for_update`).

    Across workspaces, for key rotation and the start-up key check: secrets are encrypted with the app's keys,
    not a workspace's, so no team_id."""
    rows = []
    for table in _store_tables(MetaData(), lambda: String(ENCRYPTED_WIDTH)):
        secrets = [table.c[name] for name in SECRET_COLUMNS if name in table.c]
        query = (
            select(table.c.id, table.c.team_id, table.c.enterprise_id, *secrets)
            .where(or_(*(c.is_not(None) for c in secrets)))
            .order_by(table.c.id)
        )
        for row in session.execute(query.with_for_update() if for_update else query).mappings():
            values = {c.name: row[c.name] for c in secrets if row[c.name] is not None}
            rows.append(StoredSecrets(table, row["id"], row["team_id"] or row["enterprise_id"] or "?", values))
    return rows


def check_stored_tokens(session: Session, cipher: TokenCipher) -> StoredTokens:
    rows = stored_secrets(session)
    unreadable = {row.workspace for row in rows if not all(_readable(cipher, v) for v in row.values.values())}
    return StoredTokens(rows=len(rows), plaintext=_plaintext(rows), unreadable_workspaces=tuple(sorted(unreadable)))


def _readable(cipher: TokenCipher, stored: str) -> bool:
    try:
        cipher.decrypt(stored)
    except TokenKeyError:
        return False
    return True


def _plaintext(rows: list[StoredSecrets]) -> int:
    return sum(any(not is_encrypted(v) for v in row.values.values()) for row in rows)


def rotate_stored_tokens(session: Session, cipher: TokenCipher) -> StoredTokens:
    """Re-encrypt every stored secret with the first key (and encrypt those still in plain text).

    Raises TokenKeyError, before writing anything, when some secret no configured key decrypts."""
    rows = stored_secrets(session, for_update=True)  # a token refreshed meanwhile is not overwritten
    rotated = [(row, {name: cipher.rotate(value) for name, value in row.values.items()}) for row in rows]
    for row, values in rotated:
        execute_dml(session, update(row.table).where(row.table.c.id == row.id).values(**values))
    return StoredTokens(rows=len(rows), plaintext=_plaintext(rows))


def purge_expired_oauth_states(session: Session, now: datetime) -> int:
    """slack_sdk deletes a state when an install uses it, never when it expires unused: every visit to the install
    page that stops short of installing leaves a row. Not workspace data (no team yet), so no team_id."""
    states = SQLAlchemyOAuthStateStore.build_oauth_states_table(
        MetaData(), SQLAlchemyOAuthStateStore.default_table_name
    )
    result = execute_dml(session, delete(states).where(states.c.expire_at < normalize_datetime_for_db(now)))
    return int(result.rowcount or 0)
