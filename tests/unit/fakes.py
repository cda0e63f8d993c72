"""An in-memory unit of work for fast service tests: the real storage code on an SQLite database in memory,
with a count of commits, so a test can tell that a use case committed once, or not at all."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from storage.models import Base
from storage.uow import UnitOfWork


def in_memory_engine() -> Engine:
    # One connection shared by every session (StaticPool): an in-memory database lives as long as its connection.
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA foreign_keys=ON"))
    Base.metadata.create_all(engine)
    return engine


class CountingUnitOfWork(UnitOfWork):
    """A unit of work that counts its commits (over every use case it served)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.commits = 0

    def commit(self) -> None:
        super().commit()
        self.commits += 1
