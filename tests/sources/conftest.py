"""Fixtures for the platform clients: respx serves recorded answers, so no test reaches a real API."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx

from tests.sources.recording import Sleeps


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    # assert_all_mocked: a request that no route matches fails the test instead of reaching the network.
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
def http_client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=2.0) as client:
        yield client
