"""A number in the report, or the reason there is none: never a 0 or an infinity standing in for "unknown"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Number = Decimal | int
MONEY_PLACES = 2


def decimal_text(metric: Metric, places: int) -> str | None:
    """The value as fixed-place text ('12.30'), for JSON; None when missing."""
    rounded = metric.rounded(places)
    return None if rounded is None else f"{rounded:f}"


@dataclass(frozen=True)
class Metric:
    value: Number | None
    reason: str | None = None  # why value is None, in words: "no impressions reported yet", "spend is 0"

    def __post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise ValueError("a Metric has a value or a reason it is missing, not both or neither")

    @classmethod
    def of(cls, value: Number) -> Metric:
        return cls(value)

    @classmethod
    def missing(cls, reason: str) -> Metric:
        return cls(None, reason)

    @property
    def known(self) -> bool:
        return self.value is not None

    def rounded(self, places: int) -> Decimal | None:
        """The value to `places` decimals (half up, as money is rounded), or None."""
        if self.value is None:
            return None
        return Decimal(self.value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def total(parts: Iterable[Metric], what: str) -> Metric:
    """The sum of the known parts; unknown ("no {what} reported yet") when none is known."""
    known = [p.value for p in parts if p.value is not None]
    if not known:
        return Metric.missing(f"no {what} reported yet")
    return Metric.of(sum(known[1:], known[0]))


def ratio(numerator: Metric, denominator: Metric, *, zero: str, scale: int = 1) -> Metric:
    """scale × numerator / denominator as a Decimal; missing when either is unknown, or with the reason
    `zero` ("spend is 0", "no conversions yet") when the denominator is 0."""
    if numerator.value is None:
        return numerator
    if denominator.value is None:
        return denominator
    if denominator.value == 0:
        return Metric.missing(zero)
    return Metric.of(Decimal(scale) * Decimal(numerator.value) / Decimal(denominator.value))
