"""Which source answers for a platform: the live API when it is configured, else snapshot files.

Snapshot folders are searched in order: the team's imported snapshots first, then the built-in samples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import httpx

from bot.sources.errors import CreatorNotFound
from bot.sources.http import build_client
from bot.sources.instagram import InstagramClient
from bot.sources.models import CreatorSnapshot
from bot.sources.post_stats import PostStats, find_post, youtube_video_id
from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource
from bot.sources.youtube import YouTubeClient
from bot.vocabulary import Platform


@dataclass(frozen=True)
class SourceConfig:
    youtube_api_key: str | None = None
    instagram_account_id: str | None = None
    instagram_access_token: str | None = None
    snapshot_dirs: tuple[Path, ...] = field(default_factory=lambda: (SAMPLES_DIR,))


class CreatorSources:
    """Call close() when done: the live APIs share one HTTP client (and its open connections) across fetches."""

    def __init__(self, config: SourceConfig) -> None:
        self.config = config
        self.snapshots = [SnapshotSource(directory) for directory in config.snapshot_dirs]

    @cached_property
    def _http_client(self) -> httpx.Client:
        """Created on the first live API call; the platform clients borrow it and leave it open."""
        return build_client()

    def fetch(self, handle: str, platform: Platform) -> CreatorSnapshot:
        config = self.config
        if platform is Platform.youtube and config.youtube_api_key:
            with YouTubeClient(config.youtube_api_key, http_client=self._http_client) as client:
                return client.fetch(handle)
        if platform is Platform.instagram and config.instagram_access_token and config.instagram_account_id:
            with InstagramClient(
                config.instagram_account_id, config.instagram_access_token, http_client=self._http_client
            ) as client:
                return client.fetch(handle)
        return self._from_snapshots(handle, platform)

    def live_api(self, platform: Platform) -> bool:
        """Whether `platform`'s own API is configured, so a post read from it is the live post itself (without it,
        a post comes from snapshot files, which say what it was when the snapshot was taken)."""
        config = self.config
        if platform is Platform.youtube:
            return bool(config.youtube_api_key)
        if platform is Platform.instagram:
            return bool(config.instagram_access_token and config.instagram_account_id)
        return False

    def post_stats(self, handle: str, platform: Platform, post_url: str) -> PostStats | None:
        """A live post's public numbers now, from its platform (or the snapshot files without API access);
        None when the platform no longer shows it (deleted, private, or past Instagram's recent media)."""
        config = self.config
        if platform is Platform.youtube and config.youtube_api_key:
            video_id = youtube_video_id(post_url)
            if video_id is None:
                return None
            with YouTubeClient(config.youtube_api_key, http_client=self._http_client) as client:
                return client.video_stats(video_id, post_url)
        snapshot = self.fetch(handle, platform)
        post = find_post(snapshot.posts, post_url)
        return PostStats.of(post, post_url, snapshot.fetched_at, snapshot.source) if post else None

    def is_creators_post(self, handle: str, platform: Platform, post_url: str) -> bool | None:
        """Whether the platform says the live post is the creator's: YouTube compares the video's channel with
        the creator's; Instagram (business discovery) and the snapshot files can only confirm a post among the
        creator's recent ones. None: it cannot tell (no API, or an older post)."""
        if platform is Platform.youtube and self.config.youtube_api_key:
            video_id = youtube_video_id(post_url)
            if video_id is None:
                return None
            with YouTubeClient(self.config.youtube_api_key, http_client=self._http_client) as client:
                return client.is_channels_video(handle, video_id)
        try:
            snapshot = self.fetch(handle, platform)
        except CreatorNotFound:
            return None
        return True if find_post(snapshot.posts, post_url) else None

    def close(self) -> None:
        """Close the shared HTTP client, if a live API call ever created it."""
        client = self.__dict__.pop("_http_client", None)
        if client is not None:
            client.close()

    def _from_snapshots(self, handle: str, platform: Platform) -> CreatorSnapshot:
        elsewhere: str | None = None
        for source in self.snapshots:
            if not source.directory.is_dir():
                continue
            try:
                return source.fetch(handle, platform)
            except CreatorNotFound as missing:
                elsewhere = elsewhere or missing.elsewhere
        raise CreatorNotFound(handle=handle.lstrip("@"), platform=platform.value, elsewhere=elsewhere)
