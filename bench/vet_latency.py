"""/vet end to end on the snapshot source: ack latency and time until the card, through the real app over HTTP.

    .venv/bin/python bench/vet_latency.py [--requests 180] [--concurrency 1] [--repeat 30]

Starts the local Slack stand-in and the real app (bot.app.create_app, single workspace, SQLite in a temporary
folder) served on 127.0.0.1 by the production WSGI server, then sends N signed `/vet @<sample>` commands, cycling
over the built-in samples, each from its own channel. For each command it measures the ack (the HTTP answer to
the slash command) and the card (the stand-in's chat.update of the progress message the app posted first).
Then it times, in-process, the fetch from the snapshot files and `vet_snapshot` for each sample on its own.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform as host
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from bot.app import create_app, make_web_client
from bot.config import Settings
from bot.localslack import payloads
from bot.localslack.sender import SignedSender
from bot.localslack.standin import SlackStandIn
from bot.server import start_background_server
from bot.services import Services
from bot.sources.registry import CreatorSources, SourceConfig
from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource
from bot.vetting.command import parse_vet_command
from bot.vetting.service import vet_snapshot
from bot.vocabulary import Platform
from storage.db import make_engine
from storage.migrate import upgrade

TEAM, TOKEN, USER = "T0BENCH", "xoxb-bench", "U0BENCH"
CARD_TIMEOUT = 60.0


def percentiles(values: list[float]) -> dict[str, float]:
    """p50 / p95 / p99 / max in milliseconds."""
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000, "max": max(values) * 1000}


def samples() -> list[tuple[str, Platform]]:
    return SnapshotSource(SAMPLES_DIR).available()


class VetDriver:
    """The real app over HTTP against the stand-in; `one(n)` sends /vet and waits for its card."""

    def __init__(self, standin: SlackStandIn, database_url: str) -> None:
        self.standin = standin
        self.targets = samples()
        secret = secrets.token_hex(16)
        settings = Settings(
            _env_file=None,
            slack_bot_token=TOKEN,
            slack_signing_secret=secret,
            slack_api_url=standin.api_url,
            database_url=database_url,
            log_level="WARNING",
        )
        self.engine = make_engine(database_url)
        sources = CreatorSources(SourceConfig())  # the snapshot source only: no live API, whatever the env says
        services = Services(settings=settings, engine=self.engine, sources=sources)
        app = create_app(settings, make_web_client(base_url=standin.api_url), engine=self.engine, services=services)
        self.server = start_background_server(app)
        self.sender = SignedSender(self.server.url, secret, timeout=30)

    def close(self) -> None:
        self.sender.close()
        self.server.stop()
        self.engine.dispose()

    def one(self, n: int) -> tuple[float, float]:
        """(ack seconds, card seconds) of the n-th /vet, both from the moment the request was sent."""
        handle, platform = self.targets[n % len(self.targets)]
        channel = f"C{n:06d}"
        body = payloads.slash_command(
            "/vet",
            f"@{handle} {platform.value}",
            team_id=TEAM,
            user_id=USER,
            channel_id=channel,
            response_url=self.standin.new_response_url(),
        )
        started = time.monotonic()  # the stand-in stamps its calls with time.monotonic()
        response = self.sender.post(body)
        acked = time.monotonic() - started
        if response.status_code != 200:
            raise SystemExit(f"/vet @{handle}: HTTP {response.status_code}: {response.text[:200]}")
        progress = self.standin.wait_for(
            "chat.postMessage", lambda call: call.params.get("channel") == channel, timeout=CARD_TIMEOUT
        )[0]
        ts = progress.answer["ts"]
        card = self.standin.wait_for(
            "chat.update",
            lambda call: call.params.get("channel") == channel and call.params.get("ts") == ts,
            timeout=CARD_TIMEOUT,
        )[0]
        if not card.params.get("blocks"):
            raise SystemExit(f"/vet @{handle}: the progress message became {card.params.get('text')!r}, not a card")
        return acked, card.at - started


def end_to_end(requests: int, concurrency: int) -> tuple[list[float], list[float]]:
    with SlackStandIn() as standin, tempfile.TemporaryDirectory() as tmp:
        standin.add_workspace(TEAM, TOKEN, name="bench")
        standin.add_user(USER, name="bench")
        database_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(database_url)
        driver = VetDriver(standin, database_url)
        try:
            warm = len(driver.targets)  # each sample once: imports, the audience model, SQLite pages
            with ThreadPoolExecutor(concurrency) as pool:
                list(pool.map(driver.one, range(warm)))
                results = list(pool.map(driver.one, range(warm, warm + requests)))
        finally:
            driver.close()
    return [ack for ack, _ in results], [card for _, card in results]


def timed(action: Callable[[], object], repeat: int) -> float:
    """Median seconds of `action` over `repeat` runs, after one untimed run."""
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def in_process(repeat: int) -> list[tuple[str, float, float]]:
    """(creator, fetch seconds, vet_snapshot seconds) per sample, each the median of `repeat` runs."""
    sources = CreatorSources(SourceConfig())
    rows = []
    for handle, platform in samples():
        request = parse_vet_command(f"@{handle}", platform)
        snapshot = sources.fetch(handle, platform)
        now = snapshot.fetched_at + timedelta(days=1)
        fetch = timed(lambda h=handle, p=platform: sources.fetch(h, p), repeat)
        vetting = timed(lambda s=snapshot, r=request, t=now: vet_snapshot(s, r, now=t), repeat)
        rows.append((f"@{handle} ({platform.value})", fetch, vetting))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=180, help="timed /vet commands (after one per sample)")
    parser.add_argument("--concurrency", type=int, default=1, help="commands in flight at once")
    parser.add_argument("--repeat", type=int, default=30, help="in-process runs per sample")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    acks, cards = end_to_end(args.requests, args.concurrency)
    print(f"Python {sys.version.split()[0]}, {host.machine()}, {os.cpu_count()} CPUs")
    print(f"{args.requests} /vet commands over {len(samples())} samples at concurrency {args.concurrency} (ms)")
    print(f"{'measure':<22} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}")
    for name, values in (("ack (HTTP answer)", acks), ("card (chat.update)", cards)):
        row = percentiles(values)
        print(f"{name:<22} " + " ".join(f"{row[key]:>8.1f}" for key in ("p50", "p95", "p99", "max")))

    rows = in_process(args.repeat)
    print(f"\nIn-process, one creator, median of {args.repeat} runs (ms)")
    print(f"{'creator':<38} {'fetch':>8} {'vet_snapshot':>13}")
    for name, fetch, vetting in rows:
        print(f"{name:<38} {fetch * 1000:>8.2f} {vetting * 1000:>13.2f}")
    fetches, vets = [r[1] for r in rows], [r[2] for r in rows]
    print(
        f"{'median over samples':<38} {statistics.median(fetches) * 1000:>8.2f} {statistics.median(vets) * 1000:>13.2f}"
    )
    name, fetch, vetting = max(rows, key=lambda r: r[2])  # slowest by vet_snapshot time
    handle = name.partition(" ")[0]  # "@handle (platform)" -> "@handle", to fit the column
    print(f"{f'slowest sample ({handle})':<38} {fetch * 1000:>8.2f} {vetting * 1000:>13.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
