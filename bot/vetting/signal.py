"""The one shape every vetting signal returns, so the score, the report and the Slack blocks read them alike."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class Verdict(StrEnum):
    ok = "ok"
    warn = "warn"
    bad = "bad"
    unknown = "unknown"  # the data was hidden or missing: never read as good or bad


class Signal(BaseModel):
    key: str  # stable identifier, also the key into weights.WEIGHTS
    label: str  # what a person reads, e.g. "Engagement rate"
    value: float | None = None  # the measured number (a share as 0-1, a rate in %, a count ...)
    display: str  # the value as a person reads it, e.g. "2.9 % (median of 18 posts)"
    benchmark: str | None = None  # what the value is held against, in words
    verdict: Verdict
    evidence: str  # why this verdict, with the numbers
    innocent_cause: str | None = None  # what else could explain a warn/bad, so nobody is accused on numbers alone


def unmeasured(key: str, label: str, display: str, verdict: Verdict, evidence: str, benchmark: str | None) -> Signal:
    """A signal with no number to show: nothing to measure, or nothing we could read."""
    return Signal(key=key, label=label, display=display, benchmark=benchmark, verdict=verdict, evidence=evidence)


def unknown(key: str, label: str, evidence: str, benchmark: str | None = None) -> Signal:
    """A signal we could not compute: hidden, private, or too little data."""
    return unmeasured(key, label, "not available", Verdict.unknown, evidence, benchmark)


def graded(value: float, warn_from: float, bad_from: float) -> Verdict:
    """For measures where more is worse: ok below `warn_from`, warn from it, bad from `bad_from`."""
    if value >= bad_from:
        return Verdict.bad
    if value >= warn_from:
        return Verdict.warn
    return Verdict.ok


def measured(
    key: str,
    label: str,
    *,
    value: float,
    display: str,
    verdict: Verdict,
    evidence: str,
    benchmark: str | None = None,
    cause: str | None = None,
) -> Signal:
    """A computed signal; `cause`, the innocent explanation, is shown only when the verdict flags something."""
    return Signal(
        key=key,
        label=label,
        value=value,
        display=display,
        benchmark=benchmark,
        verdict=verdict,
        evidence=evidence,
        innocent_cause=cause if verdict in (Verdict.warn, Verdict.bad) else None,
    )
