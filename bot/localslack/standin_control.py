"""The Slack stand-in as a process of its own, driven over stdin: the control hook of a soak run.

    python -m bot.localslack.standin_control

prints the stand-in's base URL, then reads one JSON command a line and answers each with one JSON line:

    {"op": "workspace", "team_id": "T1", "bot_token": "xoxb-…"}      the app is installed there
    {"op": "faults", "methods": {"chat.postMessage": {"429": 0.1, "applied_503": 0.05, …}}, "seed": 7}
        from now on each call of those methods draws a fault at random (kinds in FAULT_KINDS, rates per call);
        {"op": "faults", "methods": {}} stops them
    {"op": "chatter", "channel": "C1", "count": 40}                    other people write 40 messages there
    {"op": "report"}         every message that carries reminder metadata, the faults drawn, the calls answered
    {"op": "stop"}
"""

from __future__ import annotations

import json
import random
import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from bot.localslack.standin import Fault, SlackStandIn
from handlers.ids import REMINDER_EVENT

SLOW = (2.0, 8.0)  # seconds: slow, but answered within the posting client's 10 s timeout
TIMED_OUT = 12.0  # seconds: the client gives up first, and the call takes effect all the same
RETRY_AFTER = (1, 5)  # seconds a 429 asks for
FAULT_KINDS: dict[str, Callable[[random.Random], Fault]] = {
    "429": lambda rng: Fault(status=429, retry_after=rng.randint(*RETRY_AFTER)),
    "500": lambda rng: Fault(status=500),
    "503": lambda rng: Fault(status=503),
    "applied_503": lambda rng: Fault(status=503, applied=True),  # posted, but answered 503
    "slow": lambda rng: Fault(delay=rng.uniform(*SLOW)),
    "slow_applied_503": lambda rng: Fault(status=503, applied=True, delay=rng.uniform(*SLOW)),
    "timed_out": lambda rng: Fault(applied=True, delay=TIMED_OUT),
}
MAX_CHATTER = 1000  # messages one command may add


@dataclass
class FaultMix:
    """A fault drawn at random for each call of a method: {method: {kind: rate}}; the rest answer normally."""

    rates: dict[str, dict[str, float]]
    rng: random.Random = field(default_factory=random.Random)
    drawn: Counter[str] = field(default_factory=Counter)  # "method kind" -> how many
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        for method, kinds in self.rates.items():
            unknown = set(kinds) - set(FAULT_KINDS)
            if unknown or sum(kinds.values()) > 1:
                raise ValueError(f"{method}: kinds are {sorted(FAULT_KINDS)} and rates add up to at most 1")

    def __call__(self, method: str) -> Fault | None:
        with self._lock:
            draw = self.rng.random()
            for kind, rate in self.rates.get(method, {}).items():
                if draw < rate:
                    self.drawn[f"{method} {kind}"] += 1
                    return FAULT_KINDS[kind](self.rng)
                draw -= rate
        return None


class Controller:
    def __init__(self, standin: SlackStandIn) -> None:
        self.standin = standin
        self.drawn: Counter[str] = Counter()  # faults of the mixes already replaced
        self.mix: FaultMix | None = None

    def handle(self, command: dict[str, Any]) -> dict[str, Any]:
        op = command.get("op")
        if op == "workspace":
            self.standin.add_workspace(command["team_id"], command["bot_token"])
        elif op == "faults":
            self._retire_mix()
            if command.get("methods"):
                self.mix = FaultMix(command["methods"], random.Random(command.get("seed")))
                self.standin.chaos = self.mix
        elif op == "chatter":
            count = min(int(command["count"]), MAX_CHATTER)
            for n in range(count):
                self.standin.add_message(command["channel"], f"Unrelated message {n + 1} of {count}")
        elif op == "report":
            return {"ok": True, **self.report()}
        else:
            return {"ok": False, "error": f"unknown op {op!r}"}
        return {"ok": True}

    def _retire_mix(self) -> None:
        self.standin.chaos = None
        if self.mix:
            self.drawn.update(self.mix.drawn)
        self.mix = None

    def report(self) -> dict[str, Any]:
        standin = self.standin
        with standin._lock:  # a consistent copy while workers keep posting
            messages = {channel: list(found) for channel, found in standin.messages.items()}
            landed = dict(standin.landed_at)
            calls = Counter(f"{call.method} {call.status}" for call in standin.calls)
        posted = [
            {
                "channel": channel,
                "ts": message["ts"],
                "reminder_id": message["metadata"]["event_payload"].get("reminder_id"),
                "landed": landed.get((channel, message["ts"])),
            }
            for channel, found in messages.items()
            for message in found
            if (message.get("metadata") or {}).get("event_type") == REMINDER_EVENT
        ]
        others = {channel: sum(1 for m in found if "bot_id" not in m) for channel, found in messages.items()}
        drawn = self.drawn + (self.mix.drawn if self.mix else Counter())
        return {"posted": posted, "others": others, "faults": dict(drawn), "calls": dict(calls)}


def serve(commands: TextIO, answers: TextIO) -> None:
    standin = SlackStandIn().start()
    controller = Controller(standin)
    print(standin.url, file=answers, flush=True)
    for line in commands:
        command = json.loads(line)
        if command.get("op") == "stop":
            break
        print(json.dumps(controller.handle(command)), file=answers, flush=True)
    standin.stop()


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout)
