"""The report's follower counts: each creator's latest snapshot that had one, read for all creators at once."""

from __future__ import annotations

from datetime import UTC, datetime

from storage import vetting as vetting_store
from tests.databases import stored


def snapshot(engine, team: str, handle: str, day: int, followers: int | None) -> None:
    stored(
        engine,
        vetting_store.save_snapshot,
        team,
        platform="instagram",
        handle=handle,
        source="snapshot",
        fetched_at=datetime(2026, 11, day, tzinfo=UTC),
        followers=followers,
        payload={},
    )


def test_the_latest_known_count_of_each_creator_of_this_workspace_only(engine) -> None:
    snapshot(engine, "T0ONE", "ana", 1, 4000)
    snapshot(engine, "T0ONE", "ana", 9, 4200)
    snapshot(engine, "T0ONE", "ana", 12, None)  # a fetch that hid the count does not erase the last known one
    snapshot(engine, "T0ONE", "ben", 3, 51000)
    snapshot(engine, "T0TWO", "cy", 5, 900)  # another workspace's creator of the same name is not ours
    wanted = [("instagram", "ana"), ("instagram", "ben"), ("instagram", "cy"), ("tiktok", "ana")]
    assert stored(engine, vetting_store.latest_followers, "T0ONE", wanted) == {
        ("instagram", "ana"): 4200,
        ("instagram", "ben"): 51000,
    }
