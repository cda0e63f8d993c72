"""What encrypting the stored Slack tokens costs: a token lookup, the start-up key check, a key rotation.

    .venv/bin/python bench/token_store.py [--workspaces 2000] [--lookups 2000] [--database-url URL]

Stores N OAuth installations (realistic token lengths: a bot token, a user token, an incoming webhook URL) in a
fresh SQLite file (or the schema of --database-url), then times `find_bot` as Bolt calls it for each request
(slack_sdk's plain store against ours), the start-up key check over every stored row, and `tokens rotate`.
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from bot.services import tokens
from storage.db import make_engine
from storage.migrate import upgrade
from storage.slack_stores import installation_store
from storage.token_cipher import TokenCipher
from storage.uow import UnitOfWork


def token(prefix: str) -> str:
    return f"{prefix}-{random.randrange(10**11, 10**12)}-{random.randrange(10**12, 10**13)}-{secrets.token_hex(12)}"


def installation(team_id: str) -> Installation:
    return Installation(
        app_id="A0BENCH",
        team_id=team_id,
        user_id="U0ADMIN",
        bot_token=token("xoxb"),
        bot_id="B0BENCH",
        user_token=token("xoxp"),
        incoming_webhook_url=f"https://hooks.slack.com/services/{team_id}/B0HOOK/{secrets.token_hex(12)}",
    )


def lookups_us(store: SQLAlchemyInstallationStore, teams: list[str], count: int) -> list[float]:
    took = []
    for _ in range(count):
        team = random.choice(teams)
        start = time.perf_counter()
        assert store.find_bot(enterprise_id=None, team_id=team) is not None
        took.append((time.perf_counter() - start) * 1e6)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspaces", type=int, default=2000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--database-url", default=None, help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
        plain = SQLAlchemyInstallationStore(client_id="bench.plain", engine=engine)
        ours = installation_store("bench.ours", engine, TokenCipher([old]))
        teams = [f"T{n:08d}" for n in range(args.workspaces)]
        for team in teams:
            plain.save(installation(team))
            ours.save(installation(team))

        print(f"{args.workspaces} installations each, {args.lookups} find_bot calls ({engine.dialect.name})")
        print(f"{'store':<24}{'p50 µs':>10}{'p95 µs':>10}")
        for name, store in (("slack_sdk plain", plain), ("encrypted (ours)", ours)):
            took = sorted(lookups_us(store, teams, args.lookups))
            print(f"{name:<24}{statistics.median(took):>10.0f}{took[int(len(took) * 0.95)]:>10.0f}")

        start = time.perf_counter()
        checked = tokens.check(UnitOfWork(engine), [old])
        check_s = time.perf_counter() - start
        start = time.perf_counter()
        rotated = tokens.rotate(UnitOfWork(engine), [new, old])
        rotate_s = time.perf_counter() - start
        print(f"start-up key check over {checked.rows} rows: {check_s:.2f} s")
        print(f"tokens rotate over {rotated.rows} rows ({rotated.plaintext} in plain text): {rotate_s:.2f} s")
        engine.dispose()


if __name__ == "__main__":
    main()
