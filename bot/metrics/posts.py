"""Observations to posts: a post's value is, per count, its latest reading that measured that count (by
observed_at), never a sum.

Sources measure different counts: an automatic refresh reads views, likes and comments from the platform's API,
while shares, saves, reach, impressions and link clicks only come from the creator's own insights. A count left
unknown (None) by a newer reading therefore does not wipe the one an older reading measured."""

from __future__ import annotations

from collections.abc import Iterable

from bot.metrics.inputs import COUNT_FIELDS, PostObservation


def latest_observations(observations: Iterable[PostObservation]) -> dict[str, PostObservation]:
    """post_url -> the post's latest reading (its time, source and proof), each count taken from the latest
    reading that knows it. The input order does not matter (for two readings at the same moment, which a reader
    never returns, the larger one by its values wins)."""
    by_post: dict[str, list[PostObservation]] = {}
    for seen in observations:
        by_post.setdefault(seen.post_url, []).append(seen)
    return {url: _merged(readings) for url, readings in by_post.items()}


def _merged(readings: list[PostObservation]) -> PostObservation:
    newest_first = sorted(readings, key=_order, reverse=True)
    latest = newest_first[0]
    if len(newest_first) == 1:
        return latest
    counts: dict[str, int] = {}
    for name in COUNT_FIELDS:
        value = next((v for r in newest_first if (v := getattr(r, name)) is not None), None)
        if value is not None and getattr(latest, name) is None:
            counts[name] = value
    return latest.model_copy(update=counts) if counts else latest


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
