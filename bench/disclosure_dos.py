"""One huge message against everyone else: a *Check disclosure* shortcut on a long message from one workspace
while another workspace sends `/creatorops help`, against `creatorops serve` in its own process.

    .venv/bin/python bench/disclosure_dos.py [--chars 500000] [--shape word] [--interval 0.02]

Starts the Slack stand-in in this process and `creatorops serve` as a child process on 127.0.0.1, keeps one
signed `/creatorops help` going from workspace B (one after another, `--interval` apart), sends workspace A's
shortcut on a message of `--chars` characters, and reports the time until A's answer reaches its response_url
and B's ack latency p50 / p99 / max while A's request was being handled (targets: under 1 s; acks under 100 ms).
Shapes: `word` is one long word of letters and digits ("a1a1…"), `www` is "www." and a long run.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ack_latency import QUIET, free_port, percentiles, wait_healthy

from bot.localslack import payloads
from bot.localslack.sender import SignedSender
from bot.localslack.standin import SlackStandIn

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "xoxb-bench"
ATTACKER, OTHER, USER = "T0BIGTEXT", "T0OTHER", "U0BENCH"
SHAPES = {"word": lambda n: ("a1" * n)[:n], "www": lambda n: ("www." + "a" * n)[:n]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=500_000)  # the most the 1 MiB body cap lets through
    parser.add_argument("--shape", choices=sorted(SHAPES), default="word")
    parser.add_argument("--interval", type=float, default=0.02, help="pause between workspace B's commands")
    parser.add_argument("--timeout", type=float, default=600, help="give up waiting for A's answer after this")
    args = parser.parse_args()

    secret = secrets.token_hex(16)
    with SlackStandIn() as standin, tempfile.TemporaryDirectory() as tmp:
        for team in (ATTACKER, OTHER):
            standin.add_workspace(team, TOKEN, name=team)
        standin.add_user(USER, name="bench")
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": secret,
            "SLACK_API_URL": standin.api_url,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "LOG_LEVEL": "WARNING",
        }
        for name in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
            env.pop(name, None)
        port = free_port()
        creatorops = str(Path(sys.executable).with_name("creatorops"))
        server = subprocess.Popen(
            [creatorops, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=tmp, **QUIET
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, server)
            acks: list[tuple[float, float]] = []  # (sent at, latency)
            stop = threading.Event()

            def other_workspace() -> None:
                sender = SignedSender(url, secret, timeout=max(args.timeout, 30))
                n = 0
                while not stop.is_set():
                    n += 1
                    body = payloads.slash_command(
                        "/creatorops",
                        "help",
                        team_id=OTHER,
                        user_id=USER,
                        channel_id="C0OTHER",
                        response_url=f"{standin.url}/response/other-{n}",
                    )
                    sent = time.perf_counter()
                    response = sender.post(body)
                    acks.append((sent, time.perf_counter() - sent))
                    if response.status_code != 200:
                        raise SystemExit(f"/creatorops help: HTTP {response.status_code}")
                    time.sleep(args.interval)
                sender.close()

            background = threading.Thread(target=other_workspace, daemon=True)
            background.start()
            time.sleep(1.0)  # B's warm-up and a baseline
            message = {"type": "message", "user": USER, "text": SHAPES[args.shape](args.chars), "ts": "1.1"}
            body = payloads.message_shortcut(
                "check_disclosure",
                message,
                team_id=ATTACKER,
                user_id=USER,
                channel_id="C0BIG",
                response_url=standin.new_response_url(),
            )
            big = SignedSender(url, secret, timeout=args.timeout)
            started = time.perf_counter()
            ack = big.post(body)
            acked = time.perf_counter() - started
            [answer] = standin.wait_for("response_url", timeout=args.timeout)
            answered = time.perf_counter() - started
            time.sleep(0.5)  # B's requests that were queued behind A finish
            stop.set()
            background.join(timeout=args.timeout)
            big.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    during = [latency for sent, latency in acks if started - 0.1 <= sent <= started + answered]
    before = [latency for sent, latency in acks if sent < started - 0.1][5:]  # after B's first few
    print(f"shortcut on a {args.chars:,}-character message ({args.shape}) from workspace A")
    print(f"  ack {acked * 1000:.1f} ms (HTTP {ack.status_code}); answer posted after {answered * 1000:.1f} ms")
    print(f"  answer: {(answer.params.get('text') or '')[:110]}")
    for label, values in (("before A", before), ("during A", during)):
        if len(values) >= 2:
            row = percentiles(values)
            cells = "  ".join(f"{key} {row[key]:.1f}" for key in ("p50", "p99", "max"))
            print(f"workspace B /creatorops help acks {label} (n={len(values)}), ms: {cells}")
        else:
            print(f"workspace B acks {label}: n={len(values)} " + " ".join(f"{v * 1000:.1f}" for v in values))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
