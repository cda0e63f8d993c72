"""Reminder dispatcher cost on PostgreSQL with 100,000 deliverables and 500,000 planned reminders (Slack excluded).

    .venv/bin/python bench/dispatcher_claims.py [--url postgresql://postgres@127.0.0.1:5432/test]

Builds the data in a schema of its own (dropped at the end), then times (a) a dispatcher tick that finds
nothing due (`Dispatcher.tick`, one claim query) and (b) one claim of 1,000 due reminders (`claim_due`),
each repeated, and prints the median, p95 and max in milliseconds.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from sqlalchemy import create_engine, text

from bot.config import Settings
from bot.services import Services
from handlers.jobs.dispatcher import Dispatcher
from storage.db import make_engine, transaction
from storage.migrate import upgrade
from storage.reminders import claim_due

NOW = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)
DELIVERABLES, PER_DELIVERABLE, CAMPAIGNS = 100_000, 5, 1_000


def copy_rows(engine, table: str, columns: list[str], rows) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        raw.commit()
    finally:
        raw.close()


def build(engine) -> None:  # type: ignore[no-untyped-def]
    team = "T0BENCH"
    copy_rows(
        engine,
        "campaign",
        [
            "id",
            "team_id",
            "name",
            "name_key",
            "channel_id",
            "owner_user_id",
            "approver_user_ids",
            "currency",
            "timezone",
            "jurisdiction",
            "created_by",
            "created_at",
        ],
        (
            (i, team, f"C{i}", f"c{i}", f"C{i:06d}", "U0", "[]", "USD", "UTC", "US", "U0", NOW.isoformat())
            for i in range(1, CAMPAIGNS + 1)
        ),
    )
    copy_rows(
        engine,
        "campaign_creator",
        ["id", "team_id", "campaign_id", "handle", "platform", "exclusivity", "max_revision_rounds", "added_at"],
        (
            (i, team, (i % CAMPAIGNS) + 1, f"creator{i}", "instagram", "f", 2, NOW.isoformat())
            for i in range(1, DELIVERABLES + 1)
        ),
    )
    copy_rows(
        engine,
        "deliverable",
        [
            "id",
            "team_id",
            "campaign_id",
            "creator_id",
            "kind",
            "count",
            "due_at",
            "state",
            "revision_rounds",
            "version",
            "created_at",
            "updated_at",
        ],
        (
            (
                i,
                team,
                (i % CAMPAIGNS) + 1,
                i,
                "reel",
                1,
                (NOW + timedelta(days=3 + i % 60)).isoformat(),
                "invited",
                0,
                1,
                NOW.isoformat(),
                NOW.isoformat(),
            )
            for i in range(1, DELIVERABLES + 1)
        ),
    )

    def reminders():  # type: ignore[no-untyped-def]
        n = 0
        for d in range(1, DELIVERABLES + 1):
            due = NOW + timedelta(days=4 + d % 60)
            for k, offset in enumerate((-3, -1, 0, 1, 2)[:PER_DELIVERABLE]):
                n += 1
                at = (due + timedelta(days=offset)).isoformat()
                yield (
                    n,
                    team,
                    (d % CAMPAIGNS) + 1,
                    d,
                    1,
                    "before" if offset < 0 else "due",
                    "channel",
                    at,
                    at,
                    f"{d}:{k}:v1",
                    "pending",
                    0,
                    "f",
                )

    copy_rows(
        engine,
        "reminder",
        [
            "id",
            "team_id",
            "campaign_id",
            "deliverable_id",
            "deliverable_version",
            "kind",
            "audience",
            "fire_at",
            "next_attempt_at",
            "idempotency_key",
            "status",
            "attempts",
            "late",
        ],
        reminders(),
    )
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def timings(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(name: str, values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    return f"{name:<42} median {statistics.median(values):7.2f} ms   p95 {cuts[18]:7.2f} ms   max {max(values):7.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{args.url}?options={quote(f'-csearch_path={schema}')}"
    try:
        upgrade(url)
        engine = make_engine(url)
        started = time.perf_counter()
        build(engine)
        print(
            f"built {DELIVERABLES:,} deliverables and {DELIVERABLES * PER_DELIVERABLE:,} reminders "
            f"in {time.perf_counter() - started:.1f} s"
        )

        services = Services(settings=Settings(_env_file=None, database_url=url), engine=engine, clock=lambda: NOW)
        dispatcher = Dispatcher(services, worker="bench", batch=50)
        dispatcher.tick()  # warm the connection pool and the plan cache
        empty = timings(dispatcher.tick, args.runs)

        def make_due() -> None:
            with engine.begin() as connection:
                connection.execute(
                    text(
                        "UPDATE reminder SET next_attempt_at = :past, status = 'pending', claimed_by = NULL "
                        "WHERE id IN (SELECT id FROM reminder WHERE status = 'pending' ORDER BY random() LIMIT 1000)"
                    ),
                    {"past": NOW - timedelta(minutes=1)},
                )
                connection.execute(text("ANALYZE reminder"))

        claims = []
        for _ in range(max(5, args.runs // 5)):
            make_due()
            started = time.perf_counter()
            with transaction(engine) as session:
                claimed = claim_due(session, worker="bench", now=NOW, lease=timedelta(minutes=5), limit=1000)
            claims.append((time.perf_counter() - started) * 1000)
            if len(claimed) != 1000:
                with engine.connect() as connection:
                    due = connection.execute(
                        text("SELECT count(*), min(next_attempt_at) FROM reminder WHERE next_attempt_at <= :now"),
                        {"now": NOW},
                    ).one()
                raise SystemExit(f"claimed {len(claimed)} of 1,000 due reminders (due in the table: {due})")
        print(summary("tick that finds nothing due", empty))
        print(summary("claim of 1,000 due reminders", claims))
        engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
