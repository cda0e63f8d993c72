"""Observations to posts: a post's value is its latest observation (by observed_at), never the sum."""

from __future__ import annotations

from collections.abc import Iterable

from bot.metrics.inputs import PostObservation


def latest_observations(observations: Iterable[PostObservation]) -> dict[str, PostObservation]:
    """post_url -> the observation with the latest observed_at; the input order does not matter (for two
    observations at the same moment, which a reader never returns, the larger one by its values wins)."""
    latest: dict[str, PostObservation] = {}
    for seen in observations:
        kept = latest.get(seen.post_url)
        if kept is None or _order(seen) > _order(kept):
            latest[seen.post_url] = seen
    return latest


def _order(observation: PostObservation) -> tuple[object, ...]:
    return (observation.observed_at, observation.model_dump_json())


def merge_observations(
    stored: Iterable[PostObservation], imported: Iterable[PostObservation]
) -> tuple[PostObservation, ...]:
    """What a campaign holds after an import: an imported (post_url, observed_at) replaces the stored one,
    never adds to it; the rest are kept."""
    merged = {o.key: o for o in stored}
    merged.update((o.key, o) for o in imported)
    return tuple(merged.values())
