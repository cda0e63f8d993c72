"""Campaign results at scale on PostgreSQL: `creatorops report` over millions of readings and orders, and a big
orders import.

    .venv/bin/python bench/results_scale.py [--observations 2000000] [--orders 500000] [--export 100000]
        [--runs 20] [--url postgresql+psycopg://postgres@127.0.0.1:5432/test] [--explain]

Into a fresh schema of the database at --url (migrated with the app's migrations, dropped at the end), it loads
with COPY, not through the app:

- workspace T0BENCH1, campaign "Scale Spring" (USD, 1 March to 29 April 2026 in New York, 14 attribution days):
  40 creators (instagram, tiktok, youtube; 36 with a discount code, half with a tracking link), 8 live posts
  each, `--observations` readings spread evenly over the posts and the 60 days (every ~14 minutes with the
  defaults), each post's latest reading, and `--orders` orders: codes typed as shoppers type them (any case,
  spaces, a leading @, `Straße` for the code STRASSE), tracking links, both, nobody's code (WELCOME10, one-off
  gift codes), outside the window, in EUR/GBP/CAD, cancelled;
- beside it, so that every query must pick its campaign and workspace out of others: two more campaigns in the
  same workspace and a "Scale Spring" in a second workspace, with a quarter as many readings and a fifth as many
  orders between them.

Then it times `bot.services.results.campaign_report` followed by `results_json` (what `creatorops report
NAME --json` runs) after two warm-up runs: p50/p95/max over `--runs`. Then `import_orders` of a Shopify export
of `--export` orders (one line-item row each, the sample file's 79 columns, new order ids, codes mixed as
above), `--imports` times with other ids (the median is printed), and of the last file again (0 new).
`--explain` prints EXPLAIN ANALYZE of each statement the report sends that takes 1 ms or more.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text

from bot.campaigns import models as domain
from bot.metrics import results_json
from bot.metrics.inputs import match_key
from bot.services.results import campaign_report, import_orders
from bot.vocabulary import Money
from storage import campaigns as campaign_store
from storage.db import make_engine, transaction
from storage.migrate import upgrade
from storage.uow import UnitOfWork

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "metrics" / "samples" / "sample_shopify_orders.csv"
TEAM, OTHER_TEAM = "T0BENCH1", "T0BENCH2"
NAME = "Scale Spring"
START, END, ATTRIBUTION_DAYS = date(2026, 3, 1), date(2026, 4, 29), 14
FIRST = datetime(2026, 3, 1, 5, tzinfo=UTC)  # 00:00 in New York on the start date
SPAN = timedelta(days=60)
PLATFORMS = ("instagram", "tiktok", "youtube")
KINDS = {"instagram": "reel", "tiktok": "video", "youtube": "video"}
POSTS_PER_CREATOR = 8
COPY_ROWS = 50_000  # rows per piece of COPY text


@dataclass(frozen=True)
class Creator:
    id: int
    handle: str
    code: str | None
    link: str | None  # the utm_content of their tracking link
    posts: tuple[str, ...]


@dataclass(frozen=True)
class Loaded:
    campaign_id: int
    creators: tuple[Creator, ...]
    others: tuple[tuple[str, int, tuple[Creator, ...]], ...]  # (team, campaign id, creators) beside it


@contextmanager
def bench_schema(url: str) -> Iterator[str]:
    """A schema of its own, migrated; dropped at the end whatever happens."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        scoped = f"{url}?options={quote(f'-csearch_path={schema}')}"
        upgrade(scoped)
        yield scoped
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# --- the workspace --------------------------------------------------------------------------------------------
def _campaign(engine: Engine, team: str, name: str, creators: int, *, prefix: str) -> tuple[int, tuple[Creator, ...]]:
    """A campaign with its creators and one live deliverable per post, through the storage functions."""
    made: list[Creator] = []
    with transaction(engine) as session:
        campaign = campaign_store.add_campaign(
            session,
            domain.Campaign(
                team_id=team,
                name=name,
                channel_id="C0BENCH",
                owner_user_id="U0BENCH",
                budget=Money(amount=Decimal(40_000), currency="USD"),
                timezone="America/New_York",
                start_date=START,
                end_date=END,
                attribution_days=ATTRIBUTION_DAYS,
            ),
            created_by="U0BENCH",
        )
        for n in range(creators):
            handle = f"{prefix}{n:02d}"
            platform = PLATFORMS[n % 3]
            code = None if n % 10 == 9 else ("STRASSE" if n == 1 else f"{handle.upper()}15")
            link = f"{handle}_spring" if n % 2 == 0 else None
            creator_id = campaign_store.add_creator(
                session,
                team,
                int(campaign.id),
                handle=handle,
                platform=platform,
                fee=Decimal(400 + 25 * n),
                gift_value=Decimal(60) if n % 3 == 0 else None,
                discount_code=code,
                tracking_link=f"https://shop.example/serum?utm_source=social&utm_content={link}" if link else None,
            )
            posts = tuple(f"https://{platform}.example/{handle}/p{p}" for p in range(POSTS_PER_CREATOR))
            for url in posts:
                campaign_store.add_deliverable(
                    session,
                    team,
                    campaign_id=int(campaign.id),
                    creator_id=creator_id,
                    kind=KINDS[platform],
                    count=1,
                    due_at=FIRST + timedelta(days=2),
                    state="live",
                    post_url=url,
                    posted_at=FIRST + timedelta(days=1),
                )
            made.append(Creator(creator_id, handle, code, link, posts))
    return int(campaign.id), tuple(made)


def _copy(engine: Engine, table: str, columns: str, lines: Iterator[str]) -> None:
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            piece: list[str] = []
            for line in lines:
                piece.append(line)
                if len(piece) == COPY_ROWS:
                    copy.write("".join(piece))
                    piece.clear()
            copy.write("".join(piece))
        raw.commit()
    finally:
        raw.close()


READING = "team_id, campaign_id, creator_id, post_url, observed_at, views, likes, comments, shares, saves, reach, "
READING += "impressions, link_clicks, source, proof_url"


def _reading(team: str, campaign_id: int, creator: Creator, url: str, at: datetime, share: float, seed: int) -> str:
    views = int((20_000 + seed % 7 * 15_000) * share)
    counts = (views, views // 12, views // 90, views // 200, views // 150, views * 7 // 10, views * 13 // 10)
    clicks = views // 300 if seed % 4 else "\\N"
    numbers = "\t".join(str(n) for n in counts)
    return f"{team}\t{campaign_id}\t{creator.id}\t{url}\t{at.isoformat()}\t{numbers}\t{clicks}\tapi\t\\N"


def _readings(
    team: str, campaign_id: int, creators: tuple[Creator, ...], total: int
) -> tuple[Iterator[str], list[str]]:
    """`total` readings spread evenly over the campaign's posts and days, views growing; and each post's latest."""
    posts = [(creator, url) for creator in creators for url in creator.posts]
    each = max(total // len(posts), 1)
    step = SPAN / each
    latest = [
        _reading(team, campaign_id, creator, url, FIRST + step * (each - 1), 1.0, seed)
        for seed, (creator, url) in enumerate(posts)
    ]

    def history() -> Iterator[str]:
        for seed, (creator, url) in enumerate(posts):
            for i in range(each):
                yield _reading(team, campaign_id, creator, url, FIRST + step * i, (i + 1) / each, seed) + (
                    f"\t{FIRST.isoformat()}\n"
                )

    return history(), [line + "\n" for line in latest]


ORDER = "team_id, campaign_id, order_id, created_at, day, code, utm_content, revenue, currency, cancelled, source, "
ORDER += "code_key, link_key"


def typed(code: str, rng: random.Random) -> str:
    """A code as shoppers type it: mostly as given, else in another case, with spaces, or with an @."""
    pick = rng.random()
    if code == "STRASSE" and pick < 0.3:
        return "Straße"
    if pick < 0.6:
        return code
    if pick < 0.8:
        return code.lower()
    if pick < 0.93:
        return f" {code.title()} "
    return f"@{code}"


def order_fields(creators: tuple[Creator, ...], rng: random.Random, n: int) -> tuple[datetime, str, str, str, bool]:
    """(created_at, code, utm_content, currency, cancelled) of a realistic order; '' is an empty cell."""
    creator = rng.choice(creators)
    window_end = SPAN + timedelta(days=ATTRIBUTION_DAYS)
    created = FIRST + timedelta(seconds=rng.randrange(int(window_end.total_seconds())))
    kind = rng.random()
    code, utm = "", ""
    if kind < 0.50 and creator.code:
        code = typed(creator.code, rng)
    elif kind < 0.65 and creator.link:
        utm = typed(creator.link, rng)
    elif kind < 0.70 and creator.code and creator.link:
        code, utm = typed(creator.code, rng), typed(creator.link, rng)
    elif kind < 0.80:
        code = "WELCOME10"
    elif kind < 0.85:
        code = f"GIFT-{n:08X}"  # a one-off code: every order its own
    if rng.random() < 0.08:
        created = FIRST - timedelta(days=rng.randint(1, 30)) if rng.random() < 0.5 else created + window_end
    currency = rng.choice(("EUR", "GBP", "CAD")) if rng.random() < 0.06 else "USD"
    return created, code, utm, currency, rng.random() < 0.04


def _orders(team: str, campaign_id: int, creators: tuple[Creator, ...], count: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    for n in range(count):
        created, code, utm, currency, cancelled = order_fields(creators, rng, n)
        revenue = Decimal(rng.randint(500, 30_000)) / 100
        code_key, link_key = match_key(code), match_key(utm)  # as save_orders stores them
        cells = (code, utm, str(revenue), currency, "t" if cancelled else "f", "shopify", code_key, link_key)
        yield (
            f"{team}\t{campaign_id}\t#{seed}{n:07d}\t{created.isoformat()}\t{created.astimezone(UTC).date()}\t"
            + "\t".join(cell if cell else "\\N" for cell in cells)
            + "\n"
        )


def load(engine: Engine, observations: int, orders: int) -> Loaded:
    started = time.perf_counter()
    campaign_id, creators = _campaign(engine, TEAM, NAME, 40, prefix="creator")
    others = []
    for team, name, prefix in ((TEAM, "Autumn Glow", "autumn"), (TEAM, "Winter", "winter"), (OTHER_TEAM, NAME, "z")):
        other_id, other_creators = _campaign(engine, team, name, 10, prefix=prefix)
        others.append((team, other_id, other_creators))
    history, latest = _readings(TEAM, campaign_id, creators, observations)
    _copy(engine, "metric_observation", READING + ", recorded_at", history)
    _copy(engine, "post_metric", READING, iter(latest))
    _copy(engine, "shop_order", ORDER, _orders(TEAM, campaign_id, creators, orders, seed=1))
    for seed, (team, other_id, other_creators) in enumerate(others, start=2):
        history, latest = _readings(team, other_id, other_creators, observations // 4 // len(others))
        _copy(engine, "metric_observation", READING + ", recorded_at", history)
        _copy(engine, "post_metric", READING, iter(latest))
        _copy(engine, "shop_order", ORDER, _orders(team, other_id, other_creators, orders // 5 // len(others), seed))
    with engine.connect() as connection:
        # Each post's highest views per UTC day, as save_observations keeps them.
        connection.execute(
            text(
                "INSERT INTO post_views_day (team_id, campaign_id, creator_id, post_url, day, views) SELECT team_id, "
                "campaign_id, max(creator_id), post_url, CAST(observed_at AT TIME ZONE 'UTC' AS date), max(views) "
                "FROM metric_observation WHERE views IS NOT NULL "
                "GROUP BY team_id, campaign_id, post_url, CAST(observed_at AT TIME ZONE 'UTC' AS date)"
            )
        )
        # The orders' day tallies, as save_orders keeps them.
        connection.execute(
            text(
                "INSERT INTO order_day (team_id, campaign_id, day, code_key, link_key, currency, cancelled, orders, "
                "cents, member_id) SELECT team_id, campaign_id, day, "
                "coalesce(code_key, ''), coalesce(link_key, ''), currency, cancelled, count(*), "
                "sum(CAST(round(revenue * 100) AS BIGINT)), min(id) FROM shop_order GROUP BY team_id, campaign_id, "
                "day, coalesce(code_key, ''), coalesce(link_key, ''), "
                "currency, cancelled"
            )
        )
        connection.execute(text("ANALYZE"))
        connection.commit()
    print(f"loaded in {time.perf_counter() - started:.0f} s")
    return Loaded(campaign_id, creators, tuple(others))


# --- the measurements -------------------------------------------------------------------------------------------
def time_report(engine: Engine, runs: int) -> None:
    def once() -> float:
        start = time.perf_counter()
        report = campaign_report(UnitOfWork(engine), TEAM, NAME)
        results_json(report.results)
        return (time.perf_counter() - start) * 1000

    for _ in range(2):
        once()
    times = sorted(once() for _ in range(runs))
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"report over {runs} runs (ms): p50 {statistics.median(times):.0f}  p95 {p95:.0f}  max {times[-1]:.0f}")
    data = results_json(campaign_report(UnitOfWork(engine), TEAM, NAME).results)
    orders = data["orders"]
    print(
        f"  {data['conversions']} conversions ({data['conversions_code']} by code), revenue {data['revenue']}, "
        f"views {data['views']}; unattributed {orders['unattributed']} ({orders['unattributed_revenue']}), "
        f"cancelled {orders['cancelled']}, outside the window {orders['outside_window']}"
    )


def shopify_export(creators: tuple[Creator, ...], count: int, batch: int = 0) -> str:
    """`count` orders, one line item each, in the sample export's columns; ids unlike the loaded ones and unlike
    other batches'."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    template = next(csv.reader([lines[1]]))
    column = {name: header.index(name) for name in header}
    rng = random.Random(99 + batch)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for n in range(count):
        created, code, _utm, currency, cancelled = order_fields(creators, rng, n)
        row = list(template)
        when = created.strftime("%Y-%m-%d %H:%M:%S +0000")
        row[column["Name"]] = f"#9{batch}{n:07d}"
        row[column["Created at"]] = row[column["Paid at"]] = when
        row[column["Discount Code"]] = code
        row[column["Currency"]] = currency
        row[column["Subtotal"]] = f"{rng.randint(500, 30_000) / 100:.2f}"
        row[column["Cancelled at"]] = when if cancelled else ""
        writer.writerow(row)
    return out.getvalue()


def time_import(engine: Engine, creators: tuple[Creator, ...], count: int, repeat: int) -> None:
    """`repeat` exports of new orders, then the last one again; the median of the new ones."""
    firsts = []
    for batch in range(repeat):
        export = shopify_export(creators, count, batch)
        seconds, new = _imported(engine, export)
        firsts.append(seconds)
        print(f"import {batch + 1}: {count:,} orders ({len(export) / 1e6:.1f} MB) in {seconds:.2f} s, {new:,} new")
    seconds, new = _imported(engine, export)
    print(
        f"the last file again: {seconds:.2f} s, {new:,} new; "
        f"new orders, median of {repeat}: {statistics.median(firsts):.2f} s"
    )


def _imported(engine: Engine, export: str) -> tuple[float, int]:
    pieces = (export[i : i + 65_536] for i in range(0, len(export), 65_536))  # as `creatorops orders import` reads
    start = time.perf_counter()
    done = import_orders(UnitOfWork(engine), TEAM, NAME, pieces)
    return time.perf_counter() - start, done.new


def explain(engine: Engine, slower_than_ms: float = 1.0) -> None:
    """EXPLAIN ANALYZE of each statement one report runs, as the app sends it, for those over `slower_than_ms`."""
    statements: list[tuple[str, object]] = []

    def seen(_conn: object, _cursor: object, statement: str, parameters: object, *_: object) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        campaign_report(UnitOfWork(engine), TEAM, NAME)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            for statement, parameters in statements:
                if statement.startswith("SET LOCAL"):  # planner settings the report takes: replayed as they were
                    cursor.execute(statement, parameters)
                    continue
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT TEXT) {statement}", parameters)
                plan = [row[0] for row in cursor.fetchall()]
                took = float(plan[-1].rsplit(" ", 2)[-2])  # "Execution Time: 1.234 ms"
                if took >= slower_than_ms:
                    print(f"--- {took:.1f} ms: {' '.join(statement.split())[:300]}")
                    print("\n".join(plan))
        raw.rollback()
    finally:
        raw.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--observations", type=int, default=2_000_000)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--export", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--imports", type=int, default=3, help="exports of new orders to time (then one again)")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    with bench_schema(args.url) as url:
        engine = make_engine(url)
        try:
            loaded = load(engine, args.observations, args.orders)
            print(f"{args.observations:,} readings and {args.orders:,} orders in the campaign under test")
            if args.explain:
                explain(engine)
            time_report(engine, args.runs)
            time_import(engine, loaded.creators, args.export, args.imports)
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
