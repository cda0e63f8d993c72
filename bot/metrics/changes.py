"""What changed between two results snapshots (the weekly digest): posts gone live and the deltas.

Works on the JSON contract (`results_json`), the form a snapshot is stored in, or on CampaignResults.
A delta is None when either side is unknown: "views went from unknown to 5,000" is not "+5,000".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bot.metrics.contract import results_json
from bot.metrics.results import CampaignResults

Snapshot = Mapping[str, Any] | CampaignResults
Value = Decimal | int | None

TRACKED = ("views", "engagements", "clicks", "conversions")  # counts
TRACKED_MONEY = ("spend", "revenue")  # decimal strings in the contract


@dataclass(frozen=True)
class Delta:
    before: Value
    after: Value

    @property
    def change(self) -> Value:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class CreatorChanges:
    handle: str
    platform: str
    new: bool  # not in the previous snapshot
    deltas: dict[str, Delta]  # views, engagements, clicks, conversions, spend, revenue


@dataclass(frozen=True)
class ResultsChanges:
    new_posts_live: int | None  # posts live now minus then (None when either is unknown)
    deltas: dict[str, Delta]  # campaign-wide views, engagements, clicks, conversions, spend, revenue
    creators: tuple[CreatorChanges, ...]  # those that are new or whose numbers moved, in the current order

    @property
    def nothing_changed(self) -> bool:
        return not self.new_posts_live and not self.creators and all(not d.change for d in self.deltas.values())


def _as_json(snapshot: Snapshot | None) -> Mapping[str, Any]:
    if snapshot is None:
        return {}
    return results_json(snapshot) if isinstance(snapshot, CampaignResults) else snapshot


def _read(data: Mapping[str, Any], name: str) -> Value:
    value = data.get(name)
    if value is None:
        return None
    return Decimal(value) if name in TRACKED_MONEY else int(value)


def _deltas(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Delta]:
    return {name: Delta(_read(before, name), _read(after, name)) for name in (*TRACKED, *TRACKED_MONEY)}


def changes(before: Snapshot | None, after: Snapshot) -> ResultsChanges:
    """From the previous snapshot (None for the first digest) to the current one."""
    old, new = _as_json(before), _as_json(after)
    old_creators = {(c["handle"], c["platform"]): c for c in old.get("creators", [])}
    moved = []
    for creator in new.get("creators", []):
        key = (creator["handle"], creator["platform"])
        deltas = _deltas(old_creators.get(key, {}), creator)
        is_new = key not in old_creators
        if is_new or any(d.before != d.after for d in deltas.values()):
            moved.append(CreatorChanges(creator["handle"], creator["platform"], is_new, deltas))
    live_before = old.get("posts_live") if before is not None else 0  # a first digest: every live post is new
    live_after = new.get("posts_live")
    return ResultsChanges(
        new_posts_live=None if live_before is None or live_after is None else live_after - live_before,
        deltas=_deltas(old, new),
        creators=tuple(moved),
    )
