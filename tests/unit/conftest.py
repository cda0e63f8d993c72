from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tests.unit.fakes import CountingUnitOfWork, in_memory_engine


@pytest.fixture
def memory() -> Iterator[Engine]:
    engine = in_memory_engine()
    yield engine
    engine.dispose()


@pytest.fixture
def uow(memory: Engine) -> CountingUnitOfWork:
    return CountingUnitOfWork(memory)
