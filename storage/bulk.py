"""INSERT … ON CONFLICT of many rows at once, as each back end takes them fastest."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, String, Table, bindparam, cast, column, func, literal, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

CHUNK = 2_000  # rows per statement: under SQLite's 32,766 parameters with up to 16 columns


def on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]], **same: Any) -> Any:
    """An INSERT of `rows` (dicts with the same keys, of str, int, bool, Decimal, date and aware datetime values)
    and the columns in `same` set alike on every row, to add ON CONFLICT to.

    PostgreSQL gets the rows as one JSON document (json_to_recordset), which the json module writes in C: bound
    one by one, psycopg spent longer reading the statement's thousands of placeholders (and bound as arrays,
    escaping each element) than the database spent inserting. SQLite gets a multi-row VALUES."""
    if not on_postgresql(session):
        return sqlite_insert(table).values([{**same, **row} for row in rows])
    names = list(rows[0])
    document = json.dumps(rows, default=str, ensure_ascii=False)  # str(): Decimal '12.30', '2026-03-01 05:00:00+00:00'
    new = (
        func.json_to_recordset(cast(bindparam("rows", document, type_=String), JSON))
        .table_valued(*(column(name, table.c[name].type) for name in names))
        .render_derived(name="new", with_types=True)
    )
    constants = [literal(value, type_=table.c[name].type) for name, value in same.items()]
    return postgresql_insert(table).from_select([*same, *names], select(*constants, *new.c))
