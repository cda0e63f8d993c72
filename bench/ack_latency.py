"""Ack latency of `creatorops serve` against a bare Bolt app behind the same server, in one run.

    .venv/bin/python bench/ack_latency.py [--requests 400] [--concurrency 20]

Starts the local Slack stand-in, (a) `creatorops serve` and (b) bench/bare_app.py, each as its own process on
127.0.0.1 (so the load generator shares no interpreter with them), sends N signed `/creatorops help`
commands at concurrency C to each, and prints p50 / p95 / p99 / max ack latency for both, their ratio, and
the CPU time each server process spent per request. Our command answers with the help inside the ack.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from bot.localslack import payloads
from bot.localslack.sender import SignedSender

ROOT = Path(__file__).resolve().parents[1]
TEAM, TOKEN = "T0BENCH", "xoxb-bench"
QUIET = {"stderr": subprocess.DEVNULL}  # waitress logs a warning for every queued request under this load


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not come up")


def measure(url: str, secret: str, standin_url: str, requests: int, concurrency: int) -> list[float]:
    sender = SignedSender(url, secret, timeout=30)

    def one(n: int) -> float:
        body = payloads.slash_command(
            "/creatorops",
            "help",
            team_id=TEAM,
            user_id="U0BENCH",
            channel_id="C0BENCH",
            response_url=f"{standin_url}/response/{n}",
        )
        started = time.perf_counter()
        response = sender.post(body)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"HTTP {response.status_code}: {response.text[:200]}")
        return elapsed

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(min(40, requests))))  # warm up
        latencies = list(pool.map(one, range(requests)))
    sender.close()
    return latencies


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000, "max": max(values) * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()

    secret = secrets.token_hex(16)
    standin = subprocess.Popen(
        [sys.executable, "-m", "bot.localslack.standin", TEAM, TOKEN], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    standin_url = standin.stdout.readline().strip()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": secret,
            "SLACK_API_URL": standin_url + "/api/",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "LOG_LEVEL": "WARNING",
        }
        for name in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
            env.pop(name, None)
        ours_port, bare_port = free_port(), free_port()
        creatorops = str(Path(sys.executable).with_name("creatorops"))
        ours = subprocess.Popen(
            [creatorops, "serve", "--host", "127.0.0.1", "--port", str(ours_port)], env=env, cwd=tmp, **QUIET
        )
        bare = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "bare_app.py"), str(bare_port)], env=env, cwd=ROOT, **QUIET
        )
        try:
            results, cpu = {}, {}
            for name, port, process in (("creatorops serve", ours_port, ours), ("bare Bolt app", bare_port, bare)):
                url = f"http://127.0.0.1:{port}"
                wait_healthy(url, process)
                cpu_before = cpu_seconds(process.pid)
                results[name] = measure(url, secret, standin_url, args.requests, args.concurrency)
                cpu[name] = (cpu_seconds(process.pid) - cpu_before) / (args.requests + min(40, args.requests))
        finally:
            for process in (ours, bare, standin):
                process.terminate()
                process.wait(timeout=10)

    print(f"{args.requests} signed slash commands at concurrency {args.concurrency} (ack latency, ms)")
    print(f"{'server':<18} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} {'CPU/req':>8}")
    table = {name: percentiles(values) for name, values in results.items()}
    for name, row in table.items():
        cells = " ".join(f"{row[key]:>8.1f}" for key in ("p50", "p95", "p99", "max"))
        print(f"{name:<18} {cells} {cpu[name] * 1000:>8.2f}")
    ours_row, bare_row = table["creatorops serve"], table["bare Bolt app"]
    print(
        f"ratio p99 ours / bare: {ours_row['p99'] / bare_row['p99']:.2f}  (p50 {ours_row['p50'] / bare_row['p50']:.2f})"
    )
    over = sum(1 for values in results.values() for v in values if v > 3)
    print(f"requests over 3 s: {over}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
