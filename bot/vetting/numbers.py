"""Small number helpers shared by the signals: robust statistics and how numbers are written in reports."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

MAD_TO_SIGMA = 1.4826  # scales the median absolute deviation to a standard deviation for normal data


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def mad(values: Sequence[float]) -> float:
    """Median absolute deviation from the median."""
    centre = median(values)
    return median([abs(v - centre) for v in values])


def coefficient_of_variation(values: Sequence[float]) -> float | None:
    """Standard deviation over mean; None when it means nothing (fewer than 2 values, mean not positive)."""
    if len(values) < 2:
        return None
    mean = statistics.fmean(values)
    if mean <= 0:
        return None
    return statistics.pstdev(values) / mean


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when the denominator is not positive or the result is not finite."""
    if denominator <= 0:
        return None
    result = numerator / denominator
    return result if math.isfinite(result) else None


def pct(share: float, digits: int = 1) -> str:
    """0.0291 -> '2.9 %'."""
    return f"{share * 100:.{digits}f} %"


def count(n: float) -> str:
    """12345 -> '12,345'."""
    return f"{round(n):,}"


def signed(n: float) -> str:
    """5000 -> '+5,000'."""
    return f"{round(n):+,}"


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """(1, 'red flag') -> '1 red flag'; (2, 'red flag') -> '2 red flags'; `nouns` for an irregular plural."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"
