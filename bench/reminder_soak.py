"""Reminders exactly once through crashes and a hostile Slack: `creatorops worker` processes killed -9 every second.

    .venv/bin/python bench/reminder_soak.py [--workers 3] [--reminders 300] [--chaos 150] [--kill-every 1]
                                            [--url postgresql+psycopg://postgres@127.0.0.1:5432/test]

1. Seeds a PostgreSQL schema of its own (dropped at the end): 3 workspaces installed through OAuth, 2 campaign
   channels each, one deliverable per reminder, and a few hundred reminders due over the next couple of minutes
   (some of them only after the chaos has ended).
2. Starts the Slack stand-in as its own process (bot/localslack/standin_control.py) and, through its control
   hook, draws a fault for some calls of chat.postMessage and conversations.history: 429 with Retry-After,
   500, 503, 503 after posting, slow answers (2-8 s), and answers slower than the client's timeout that post
   all the same. Other people write bursts of messages in the campaign channels (over 100 in each).
3. Starts N real `creatorops worker` processes and, for --chaos seconds, kills a random one with SIGKILL every
   --kill-every seconds and starts it again.
4. Recovery: the faults, the chatter and the kills stop. The bench waits until no reminder is pending or being
   sent (at most --settle seconds), then counts from the messages in the stand-in's channels:
   copies per reminder (exactly 1 each: 0 is lost, 2 or more a duplicate) and lateness, the time a reminder
   landed minus the later of its fire_at and the recovery (at most 60 s each).

Prints a summary table and exits 1 if a reminder was lost or doubled, came late, or the run did not settle.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine

from storage.db import make_engine, transaction
from storage.migrate import upgrade
from storage.models import Campaign, CampaignCreator, Deliverable, Reminder
from storage.slack_stores import installation_store
from storage.token_cipher import TokenCipher

ROOT = Path(__file__).resolve().parents[1]
CREATOROPS = Path(sys.executable).with_name("creatorops")
LATE_LIMIT = 60.0  # seconds after its recovery
FAULTS = {
    "chat.postMessage": {
        "429": 0.08,
        "500": 0.04,
        "503": 0.04,
        "applied_503": 0.08,
        "slow": 0.06,
        "slow_applied_503": 0.03,
        "timed_out": 0.03,
    },
    "conversations.history": {"429": 0.10, "500": 0.05, "503": 0.05, "slow": 0.10},
}


class StandIn:
    """The stand-in process and its control hook (one JSON line out, one JSON line back)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.localslack.standin_control"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.process.stdout and self.process.stdin
        self.url = self.process.stdout.readline().strip()
        self._lock = threading.Lock()

    def send(self, **command: Any) -> dict[str, Any]:
        assert self.process.stdout and self.process.stdin
        with self._lock:
            self.process.stdin.write(json.dumps(command) + "\n")
            self.process.stdin.flush()
            answer = json.loads(self.process.stdout.readline())
        if not answer.get("ok"):
            raise SystemExit(f"stand-in refused {command}: {answer}")
        return answer

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class Workers:
    """N `creatorops worker` processes; kill() takes one down with SIGKILL and starts it again at once."""

    def __init__(self, count: int, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.kills = 0
        self.processes = [self._start(n) for n in range(count)]

    def _start(self, n: int) -> subprocess.Popen:
        log = (self.logs / f"worker-{n}.log").open("a")
        return subprocess.Popen([str(CREATOROPS), "worker"], env=self.env, stdout=log, stderr=log, cwd=self.logs)

    def kill(self, rng: random.Random) -> None:
        n = rng.randrange(len(self.processes))
        process = self.processes[n]
        process.send_signal(signal.SIGKILL)
        process.wait()
        self.kills += 1
        self.processes[n] = self._start(n)

    def stop(self) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGKILL)
            process.wait()

    def lives_at_work(self) -> int:
        """How many of the processes started got as far as their scheduler (the rest died starting up)."""
        return sum(log.read_text().count("CreatorOps worker started") for log in self.logs.glob("worker-*.log"))


def seed(engine: Engine, *, client_id: str, key: str, workspaces: int, channels: int, fire_ats: list[datetime]) -> dict:
    """Installations (tokens encrypted with `key`), campaigns (one per channel) and one deliverable with one
    reminder per fire_at."""
    store = installation_store(client_id, engine, TokenCipher([key]))
    tokens = {}
    for w in range(workspaces):
        team = f"T0SOAK{w}"
        tokens[team] = f"xoxb-{secrets.token_hex(12)}"
        store.save(
            Installation(
                app_id="A0SOAK",
                enterprise_id=None,
                team_id=team,
                bot_token=tokens[team],
                bot_id=f"B0SOAK{w}",
                bot_user_id=f"U0BOT{w}",
                bot_scopes="chat:write,chat:write.public,channels:history,channels:join",
                user_id="U0ADMIN",
            )
        )
    due = datetime.now(UTC) + timedelta(days=3)
    with transaction(engine) as session:
        places = []
        for team in tokens:
            for c in range(channels):
                campaign = Campaign(
                    team_id=team,
                    name=f"Soak {c}",
                    name_key=f"soak {c}",
                    channel_id=f"C0{team[-1]}{c:03d}",
                    owner_user_id="U0OWNER",
                    approver_user_ids=["U0OWNER"],
                    created_by="U0OWNER",
                )
                session.add(campaign)
                session.flush()
                creator = CampaignCreator(
                    team_id=team, campaign_id=campaign.id, handle="glowwithmia", platform="tiktok"
                )
                session.add(creator)
                session.flush()
                places.append((team, campaign.id, creator.id))
        for n, fire_at in enumerate(fire_ats):
            team, campaign_id, creator_id = places[n % len(places)]
            deliverable = Deliverable(
                team_id=team, campaign_id=campaign_id, creator_id=creator_id, kind="reel", due_at=due
            )
            session.add(deliverable)
            session.flush()
            session.add(
                Reminder(
                    team_id=team,
                    campaign_id=campaign_id,
                    deliverable_id=deliverable.id,
                    deliverable_version=1,
                    kind="before",
                    fire_at=fire_at,
                    next_attempt_at=fire_at,
                    idempotency_key=f"soak:{n}",
                )
            )
    return tokens


def outstanding(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM reminder WHERE status IN ('pending', 'sending')")).scalar()


def chatter(standin: StandIn, channels: list[str], stop: threading.Event, rng: random.Random) -> None:
    """Other people's messages: a burst of 5-30 every few seconds, and once in each channel a burst of 110."""
    big = list(channels)
    rng.shuffle(big)
    while not stop.wait(rng.uniform(1.5, 4.0)):
        if big and rng.random() < 0.15:
            standin.send(op="chatter", channel=big.pop(), count=110)
        else:
            standin.send(op="chatter", channel=rng.choice(channels), count=rng.randint(5, 30))


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summary_row(name: str, values: list[float]) -> str:
    if not values:
        return f"{name:<44} n=0"
    return (
        f"{name:<44} n={len(values):<4} p50 {percentile(values, 50):6.1f} s   p95 {percentile(values, 95):6.1f} s"
        f"   max {max(values):6.1f} s"
    )


def measure(engine: Engine, report: dict, recovery: datetime) -> dict[str, Any]:
    with transaction(engine) as session:
        rows = session.execute(
            select(
                Reminder.id,
                Reminder.fire_at,
                Reminder.status,
                Reminder.last_error,
                Reminder.attempts,
                Reminder.first_claimed_at,
                Reminder.posting_since,
            )
        ).all()
    landed: dict[int, list[float]] = {}
    posts: dict[int, list[dict]] = {}
    for post in report["posted"]:
        landed.setdefault(int(post["reminder_id"]), []).append(post["landed"])
        posts.setdefault(int(post["reminder_id"]), []).append(post)
    copies = {row.id: len(landed.get(row.id, [])) for row in rows}
    clock = recovery.timestamp()

    def describe(row: Any) -> dict[str, Any]:  # in seconds from the recovery
        return {
            "status": row.status,
            "attempts": row.attempts,
            "last_error": row.last_error,
            "fire_at": round(row.fire_at.timestamp() - clock, 1),
            "first_claimed_at": row.first_claimed_at and round(row.first_claimed_at.timestamp() - clock, 1),
            "posting_since": row.posting_since and round(row.posting_since.timestamp() - clock, 1),
            "copies": [(p["channel"], p["ts"], round(p["landed"] - clock, 1)) for p in posts.get(row.id, [])],
        }

    # what went wrong, for the lost, the doubled and the late
    odd = {row.id: describe(row) for row in rows if copies[row.id] != 1}
    after_recovery, during_chaos = [], []
    for row in rows:
        if not landed.get(row.id):
            continue
        first = datetime.fromtimestamp(min(landed[row.id]), UTC)
        start = max(row.fire_at, recovery)
        if first >= start:
            after_recovery.append((first - start).total_seconds())
            if (first - start).total_seconds() > LATE_LIMIT:
                odd[row.id] = describe(row)
        else:
            during_chaos.append((first - row.fire_at).total_seconds())
    return {
        "reminders": len(rows),
        "copies": copies,
        "lost": sorted(i for i, n in copies.items() if n == 0),
        "duplicated": sorted(i for i, n in copies.items() if n > 1),
        "statuses": dict(Counter(row.status for row in rows)),
        "odd": odd,
        "late_after_recovery": after_recovery,
        "late_during_chaos": during_chaos,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--workspaces", type=int, default=3)
    parser.add_argument("--channels", type=int, default=2, help="campaign channels per workspace")
    parser.add_argument("--reminders", type=int, default=300)
    parser.add_argument("--chaos", type=float, default=150, help="seconds of kills, faults and chatter")
    parser.add_argument("--kill-every", type=float, default=1.0)
    parser.add_argument("--settle", type=float, default=180, help="at most this long for the rest to go out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", help="also write the figures (copies per reminder, …) to this file")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    schema = f"soak_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{args.url}?options={quote(f'-csearch_path={schema}')}"
    logs = Path(tempfile.mkdtemp(prefix="reminder_soak_"))
    standin = StandIn()
    workers: Workers | None = None
    try:
        upgrade(url)
        engine = make_engine(url)
        started = datetime.now(UTC)
        # Most come due during the first two minutes of chaos; a fifth of them later, some after the recovery.
        first = min(120.0, args.chaos)
        soon = [started + timedelta(seconds=rng.uniform(0, first)) for _ in range(args.reminders * 4 // 5)]
        later = [
            started + timedelta(seconds=rng.uniform(first, args.chaos + 30)) for _ in range(args.reminders - len(soon))
        ]
        client_id = f"{rng.randint(1000, 9999)}.{rng.randint(1000, 9999)}"
        key = Fernet.generate_key().decode()  # a fresh key per run: the workers read the tokens with it
        tokens = seed(
            engine,
            client_id=client_id,
            key=key,
            workspaces=args.workspaces,
            channels=args.channels,
            fire_ats=sorted(soon + later),
        )
        channels = [f"C0{team[-1]}{c:03d}" for team in tokens for c in range(args.channels)]
        for team, token in tokens.items():
            standin.send(op="workspace", team_id=team, bot_token=token)
        standin.send(op="faults", methods=FAULTS, seed=args.seed)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("SLACK_")},
            "DATABASE_URL": url,
            "SLACK_API_URL": standin.url + "/api/",
            "SLACK_CLIENT_ID": client_id,
            "SLACK_CLIENT_SECRET": secrets.token_hex(16),
            "SLACK_SIGNING_SECRET": secrets.token_hex(16),
            "CREATOROPS_TOKEN_KEYS": key,
            "LOG_LEVEL": "INFO",
        }
        stop_chatter = threading.Event()
        chatter_thread = threading.Thread(
            target=chatter, args=(standin, channels, stop_chatter, random.Random(args.seed)), daemon=True
        )
        print(
            f"{args.reminders} reminders, {len(channels)} channels in {len(tokens)} workspaces, {args.workers} workers"
        )
        print(f"chaos for {args.chaos:.0f} s: a worker killed every {args.kill_every} s; logs in {logs}", flush=True)
        workers = Workers(args.workers, env, logs)
        chatter_thread.start()
        chaos_ends = time.monotonic() + args.chaos
        while time.monotonic() < chaos_ends:
            time.sleep(args.kill_every)
            workers.kill(rng)
        standin.send(op="faults", methods={})
        stop_chatter.set()
        chatter_thread.join()
        recovery = datetime.now(UTC)
        left = outstanding(engine)
        print(f"recovery: {left} reminders pending or being sent; settling (at most {args.settle:.0f} s)", flush=True)
        settle_ends = time.monotonic() + args.settle
        while time.monotonic() < settle_ends and (
            left or datetime.now(UTC) < started + timedelta(seconds=args.chaos + 30)
        ):
            time.sleep(2)
            left = outstanding(engine)
        settled = (datetime.now(UTC) - recovery).total_seconds()
        workers.stop()
        report = standin.send(op="report")
        figures = measure(engine, report, recovery)
        engine.dispose()
    finally:
        if workers:
            workers.stop()
        standin.stop()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    copies = Counter(figures["copies"].values())
    faults = report["faults"]
    late = figures["late_after_recovery"]
    print()
    print(
        f"run: {args.chaos:.0f} s of chaos + {settled:.0f} s to settle; {workers.kills} kills (SIGKILL); "
        f"{workers.lives_at_work()} of {workers.kills + args.workers} worker processes got as far as their scheduler"
    )
    print(f"faults injected ({sum(faults.values())}): " + ", ".join(f"{k} {v}" for k, v in sorted(faults.items())))
    reads = {call.split()[-1]: n for call, n in report["calls"].items() if call.startswith("conversations.history")}
    print("conversations.history answers: " + ", ".join(f"{status} {n}" for status, n in sorted(reads.items())))
    print("other people's messages per channel: " + ", ".join(f"{c} {n}" for c, n in sorted(report["others"].items())))
    print(
        f"reminders {figures['reminders']}: statuses "
        + ", ".join(f"{k} {v}" for k, v in sorted(figures["statuses"].items()))
    )
    print("copies per reminder: " + ", ".join(f"{n} copies: {count}" for n, count in sorted(copies.items())))
    for reminder_id, what in figures["odd"].items():
        print(f"  reminder {reminder_id} (seconds from recovery): {what}")
    print(summary_row("lateness after recovery (landed - max(fire_at, recovery))", late))
    print(summary_row("for information: landed - fire_at during chaos", figures["late_during_chaos"]))
    failures = []
    if figures["lost"]:
        failures.append(f"{len(figures['lost'])} lost: {figures['lost'][:20]}")
    if figures["duplicated"]:
        failures.append(f"{len(figures['duplicated'])} duplicated: {figures['duplicated'][:20]}")
    if late and max(late) > LATE_LIMIT:
        failures.append(f"{sum(1 for s in late if s > LATE_LIMIT)} later than {LATE_LIMIT:.0f} s after recovery")
    if left:
        failures.append(f"{left} reminders still pending or being sent after {args.settle:.0f} s")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {**figures, "kills": workers.kills, "faults": faults, "others": report["others"], "failures": failures}
            )
        )
    print("PASS: every reminder exactly once" if not failures else "FAIL: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
