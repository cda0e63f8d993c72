"""CreatorSources: the live APIs share one HTTP client, made on first use and closed by close()."""

from __future__ import annotations

import httpx
import pytest
import respx

from bot.sources import registry
from bot.sources.registry import CreatorSources, SourceConfig
from bot.vocabulary import Platform
from tests.sources.test_youtube_client import serve_channel


def test_live_fetches_share_one_http_client_until_close(
    monkeypatch: pytest.MonkeyPatch, router: respx.MockRouter
) -> None:
    made: list[httpx.Client] = []

    def build_client() -> httpx.Client:
        made.append(httpx.Client(timeout=2.0))
        return made[-1]

    monkeypatch.setattr(registry, "build_client", build_client)
    serve_channel(router)
    sources = CreatorSources(SourceConfig(youtube_api_key="test-key-not-real"))

    sources.fetch("@lenaloafs", Platform.youtube)
    sources.fetch("@lenaloafs", Platform.youtube)
    assert len(made) == 1 and not made[0].is_closed

    sources.close()
    assert made[0].is_closed


def test_snapshot_only_sources_build_no_http_client(monkeypatch: pytest.MonkeyPatch) -> None:
    def build_client() -> httpx.Client:
        raise AssertionError("no live API is configured, so no HTTP client should be built")

    monkeypatch.setattr(registry, "build_client", build_client)
    sources = CreatorSources(SourceConfig())

    assert sources.fetch("@nina_nano_sample", Platform.instagram).profile.handle == "nina_nano_sample"
    sources.close()
