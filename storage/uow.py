"""The unit of work: one use case, one transaction (Cosmic Python, chapter 6).

    with uow:
        ...storage functions on uow.session...
        uow.commit()

Leaving the block without commit() rolls everything back, so a use case that fails half-way writes nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session


class UnitOfWork:
    """A session for one use case. Not shared between threads; make a new one per use case."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session: Session | None = None
        self.committed = False

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work in a `with` block")
        return self._session

    def __enter__(self) -> Self:
        self._session = Session(self.engine, expire_on_commit=False)
        self.committed = False
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        session, self._session = self.session, None
        try:
            session.rollback()  # a no-op after commit(); undoes everything otherwise
        finally:
            session.close()

    def commit(self) -> None:
        self.session.commit()
        self.committed = True

    def rollback(self) -> None:
        self.session.rollback()
