"""Rate limits for the creator's pages: token buckets kept in this process.

Each worker process keeps its own buckets, so with N web workers the effective limit is up to N times the one set
here; that is enough to stop a script hammering one link or one address, which is what it is for."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

MAX_KEYS = 10_000  # buckets kept; the least recently used goes first


@dataclass(frozen=True)
class Rate:
    burst: float  # requests allowed at once
    per_second: float  # refilled each second


class TokenBuckets:
    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, cost: float = 1.0) -> float:
        """0 when the request may go ahead (and is counted); else the seconds to wait before trying again."""
        now = self._clock()
        with self._lock:
            level, at = self._buckets.pop(key, (self.rate.burst, now))
            level = min(self.rate.burst, level + (now - at) * self.rate.per_second)
            wait = 0.0
            if level >= cost:
                level -= cost
            else:
                wait = (cost - level) / self.rate.per_second
            self._buckets[key] = (level, now)
            while len(self._buckets) > MAX_KEYS:
                self._buckets.popitem(last=False)
            return wait


@dataclass(frozen=True)
class Limits:
    """A page load or a live check costs 1; a submission (a draft, a live link) costs SUBMISSION_COST, since each
    one posts to the team's channel: a link sends at most 6 at once, then one every 10 seconds."""

    per_ip: Rate = Rate(burst=120, per_second=2.0)
    per_link: Rate = Rate(burst=60, per_second=1.0)


SUBMISSION_COST = 10
