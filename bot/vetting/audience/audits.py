"""Synthetic audits that look like real ones: a known share of fakes among mostly low-activity real accounts.

A small creator's real audience is mostly lurkers (see features.lurker_mask), so an audit draws 60 % of its real
accounts from the lurkers and the rest from the other real accounts, and the fakes from every fake kind the data
has. Used to measure how far the estimated fake share is from the truth (bench/audience_audits.py, and the
in-data error `creatorops model train` stores in the model file).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.vetting.audience.quantify import ShareError

PREVALENCES = (0.02, 0.05, 0.10, 0.20, 0.40)
LURKER_SHARE = 0.6  # of the real accounts in an audit
AUDIT_SIZE = 1_000
AUDITS_PER_PREVALENCE = 20


@dataclass(frozen=True)
class Audit:
    prevalence: float  # the true share of fakes
    rows: np.ndarray  # indices into the labelled set (drawn with replacement)


def make_audits(
    labels: np.ndarray,
    lurkers: np.ndarray,
    rng: np.random.Generator,
    *,
    prevalences: Sequence[float] = PREVALENCES,
    per_prevalence: int = AUDITS_PER_PREVALENCE,
    size: int = AUDIT_SIZE,
    lurker_share: float = LURKER_SHARE,
) -> list[Audit]:
    fakes = np.flatnonzero(labels == 1)
    real_lurkers = np.flatnonzero((labels == 0) & lurkers)
    real_others = np.flatnonzero((labels == 0) & ~lurkers)
    if not len(fakes) or not (len(real_lurkers) or len(real_others)):
        return []
    if not len(real_lurkers) or not len(real_others):  # cannot mix: take the real accounts there are
        real_lurkers = real_others = np.flatnonzero(labels == 0)
    audits = []
    for prevalence in prevalences:
        k = round(prevalence * size)
        n_lurkers = round(lurker_share * (size - k))
        for _ in range(per_prevalence):
            rows = np.concatenate(
                [
                    rng.choice(fakes, k),
                    rng.choice(real_lurkers, n_lurkers),
                    rng.choice(real_others, size - k - n_lurkers),
                ]
            )
            audits.append(Audit(prevalence, rows))
    return audits


def errors_by_prevalence(audits: Sequence[Audit], estimate: Callable[[np.ndarray], float]) -> dict[float, np.ndarray]:
    """estimate(rows) - truth for every audit, grouped by the true share."""
    out: dict[float, list[float]] = {}
    for audit in audits:
        out.setdefault(audit.prevalence, []).append(estimate(audit.rows) - audit.prevalence)
    return {p: np.array(e) for p, e in out.items()}


def share_error(errors: dict[float, np.ndarray], measured_on: str) -> ShareError:
    """The worst mean over- and underestimate across prevalences (sampling is added per audience at scoring)."""
    means = [float(e.mean()) for e in errors.values()] or [0.0]
    return ShareError(over=max(0.0, max(means)), under=max(0.0, -min(means)), measured_on=measured_on)
