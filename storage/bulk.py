"""INSERT … ON CONFLICT of many rows at once, as each back end takes them fastest."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, bindparam, func, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

CHUNK = 2_000  # rows per statement: under SQLite's 32,766 parameters with up to 16 columns


def on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def dialect_insert(session: Session) -> Any:
    """INSERT … ON CONFLICT is spelled the same on both back ends, but each dialect has its own construct."""
    return postgresql_insert if on_postgresql(session) else sqlite_insert


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]], **same: Any) -> Any:
    """An INSERT of `rows` (dicts with the same keys) and the columns in `same` set alike on every row, to add
    ON CONFLICT to. PostgreSQL gets one array per column (unnest): the statement stays short and compiles once
    however many rows there are (psycopg reads a statement's text in Python, and for a 2,000-row VALUES list that
    took longer than the database did). SQLite gets a multi-row VALUES."""
    if not on_postgresql(session):
        return sqlite_insert(table).values([{**same, **row} for row in rows])
    names = list(rows[0])
    columns = (
        func.unnest(
            *(bindparam(f"{name}_all", [row[name] for row in rows], type_=ARRAY(table.c[name].type)) for name in names)
        )
        .table_valued(*names)
        .render_derived(name="new")
    )
    constants = [literal(value, type_=table.c[name].type) for name, value in same.items()]
    return postgresql_insert(table).from_select([*same, *names], select(*constants, *columns.c))
