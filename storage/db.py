"""Engine and session helpers: one place that knows how to talk to SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Executable, create_engine, event, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import ConnectionPoolEntry


def normalise_url(url: str) -> str:
    """Accept the URLs hosting platforms hand out (postgres://…) and pick the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    # Statement parameters carry OAuth states and encrypted tokens: keep them out of SQL logs and error messages.
    kwargs.setdefault("hide_parameters", True)
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def database_unavailable(error: BaseException) -> bool:
    """The database could not be reached or dropped the connection: a restart, a failover, a locked file.
    Worth trying again later, unlike a constraint or a bug."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # Listens only on SQLite engines (make_engine), so the DBAPI connection is the sqlite3 module's.
    # WAL lets readers run beside the one writer; busy_timeout waits for a lock instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    if dbapi_connection.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def dialect_insert(session: Session) -> Callable[..., Any]:
    """INSERT … ON CONFLICT is spelled the same on both back ends, but each dialect has its own construct."""
    return postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def ping(session: Session) -> None:
    """One round trip to the database; raises if it cannot be reached."""
    session.execute(text("SELECT 1"))


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def execute_dml(session: Session, statement: Executable) -> CursorResult[Any]:
    """Run an UPDATE or DELETE (no RETURNING) and get the result with its rowcount.

    Session.execute() is typed as returning Result, as it cannot promise more for every statement; for these
    statements it returns a CursorResult, and SQLAlchemy's advice is to cast to it to read rowcount.
    """
    return cast(CursorResult[Any], session.execute(statement))
