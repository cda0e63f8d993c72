"""How wide the fair rate's band is, before and after the point estimate, on the built-in sample creators.

    .venv/bin/python bench/fair_rate.py

Vets every built-in sample (the snapshot files, no network) once per deal: a plain post (a video on TikTok and
YouTube), the platform's other kinds, exclusivity, usage rights, and both. For each, the width of what the card
shows as fair, as a share of its middle:
* before: the range the card showed until now, the rule-of-thumb min-max moved by engagement with each premium's
  low end added to the low and its high end to the high (exclusivity then +30-50 %, as the code had it) - its
  width over the range's arithmetic middle;
* after: the band (the 25th-75th percentile) around the point - its width over the point.
Prints one row per deal kind with the median width over the creators, and the issue's example.
"""

from __future__ import annotations

import statistics
from datetime import UTC, datetime

from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource
from bot.vetting.benchmarks import band_tier
from bot.vetting.command import VetRequest
from bot.vetting.rate_facts import RATE_TABLE
from bot.vetting.rates import RateRange
from bot.vetting.report import VetReport
from bot.vetting.service import vet_snapshot
from bot.vocabulary import PLATFORM_KINDS, DeliverableKind, Money, Platform

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
OLD_EXCLUSIVITY, OLD_USAGE = (0.30, 0.50), (0.50, 2.00)  # what the range used until now


def old_range(report: VetReport, exclusivity: bool, usage_rights: bool) -> tuple[float, float] | None:
    """The range the card showed before: min-max of the tier's rule of thumb, x engagement, + premiums."""
    rate = report.rate
    if rate is None or report.tier is None:
        return None
    low, high = RATE_TABLE[report.platform][band_tier(report.tier)]
    if high is None:
        return None  # open-ended: no width
    low, high = low * rate.engagement_factor, high * rate.engagement_factor
    for wanted, (add_low, add_high) in ((exclusivity, OLD_EXCLUSIVITY), (usage_rights, OLD_USAGE)):
        if wanted:
            low, high = low * (1 + add_low), high * (1 + add_high)
    return low, high


def _row(name: str, before: list[float], after: list[float]) -> str:
    return f"{name:<18} {len(before):>3} {statistics.median(before):>21.0f}% {statistics.median(after):>20.0f}%"


def old_width(span: tuple[float, float]) -> float:
    low, high = span
    return (high - low) / ((low + high) / 2) * 100


DEALS: list[tuple[str, bool, bool]] = [
    ("plain", False, False),
    ("exclusive", True, False),
    ("usage", False, True),
    ("exclusive usage", True, True),
]


def main() -> None:
    source = SnapshotSource(SAMPLES_DIR)
    snapshots = [source.fetch(handle, platform) for handle, platform in source.available()]
    rows: dict[str, tuple[list[float], list[float]]] = {}
    creators: set[str] = set()
    for snapshot in snapshots:
        platform = snapshot.profile.platform
        kinds = [k for k in PLATFORM_KINDS[platform] if k != DeliverableKind.live]
        for name, exclusivity, usage_rights in DEALS:
            for kind in kinds:
                request = VetRequest(
                    targets=[(snapshot.profile.handle, platform)],
                    kind=kind,
                    exclusivity=exclusivity,
                    usage_rights=usage_rights,
                )
                report = vet_snapshot(snapshot, request, now=NOW)
                span, rate = old_range(report, exclusivity, usage_rights), report.rate
                if span is None or rate is None or rate.width_pct() is None:
                    continue
                before, after = rows.setdefault(f"{name}", ([], []))
                before.append(old_width(span))
                creators.add(snapshot.profile.handle)
                after.append(rate.width_pct())  # type: ignore[arg-type]
    print(f"{len(creators)} sample creators with a tier, every kind their platform has (live left out)")
    print(f"{'deal':<18} {'n':>3} {'before: median width':>22} {'after: median width':>21}")
    everything: tuple[list[float], list[float]] = ([], [])
    for name, (before, after) in rows.items():
        everything[0].extend(before)
        everything[1].extend(after)
        print(_row(name, before, after))
    print(_row("all", *everything))
    example()


def example() -> None:
    """The issue's example: a micro Instagram creator, ask $800, exclusive usage."""
    snapshot = SnapshotSource(SAMPLES_DIR).fetch("bella_bought_sample", Platform.instagram)
    request = VetRequest(
        targets=[("bella_bought_sample", Platform.instagram)],
        ask=Money(amount=800),
        exclusivity=True,
        usage_rights=True,
    )
    report = vet_snapshot(snapshot, request, now=NOW)
    span = old_range(report, True, True)
    rate: RateRange | None = report.rate
    assert span is not None and rate is not None and report.ask is not None
    print("\n@bella_bought_sample ask:$800 exclusive usage")
    print(f"  before: ${span[0]:,.0f}-${span[1]:,.0f} ({old_width(span):.0f}% of its middle)")
    print(f"  after:  {rate.display()} ({rate.width_pct():.0f}% of the point); {report.ask.text}")


if __name__ == "__main__":
    main()
