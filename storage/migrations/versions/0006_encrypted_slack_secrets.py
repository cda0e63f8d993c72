"""widen slack_sdk's secret columns for encrypted tokens

slack_sdk declares its token, refresh token and incoming webhook URL columns VARCHAR(200). They now hold Fernet
tokens (storage/token_cipher.py), which are longer than what they encrypt: a 60-character bot token becomes 164
characters, a 150-character refresh token 288. VARCHAR(512) holds the Fernet token of a secret of up to 319
characters. PostgreSQL widens a VARCHAR in place; SQLite rebuilds the table (batch mode).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 09:12:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SLACK_DECLARED = 200
ENCRYPTED_WIDTH = 512
SECRET_COLUMNS = {
    "slack_bots": ("bot_token", "bot_refresh_token"),
    "slack_installations": (
        "bot_token",
        "bot_refresh_token",
        "user_token",
        "user_refresh_token",
        "incoming_webhook_url",
    ),
}


def upgrade() -> None:
    _resize(SLACK_DECLARED, ENCRYPTED_WIDTH)


def downgrade() -> None:
    # Narrowing would cut (or, on PostgreSQL, refuse) longer values: say which instead of failing half-way.
    connection = op.get_bind()
    for table, columns in SECRET_COLUMNS.items():
        for column in columns:
            longest = connection.execute(sa.text(f"SELECT MAX(LENGTH({column})) FROM {table}")).scalar()
            if longest and longest > SLACK_DECLARED:
                raise RuntimeError(
                    f"{table}.{column} holds values of {longest} characters (encrypted tokens), more than the"
                    f" {SLACK_DECLARED} the older schema has room for: delete those installations (the workspaces"
                    " install the app again) before downgrading."
                )
    _resize(ENCRYPTED_WIDTH, SLACK_DECLARED)


def _resize(old: int, new: int) -> None:
    for table, columns in SECRET_COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(
                    column, existing_type=sa.String(length=old), type_=sa.String(length=new), existing_nullable=True
                )
