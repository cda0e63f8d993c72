"""Reading campaign-results files: time per row at growing sizes (linear or not), and junk that must fail fast.

    .venv/bin/python bench/metrics_import.py [--rows 10000 50000 100000] [--repeat 3]

Builds Shopify orders exports (two line items per order, the sample file's 79 columns) and post-results files
in memory, feeds each to its reader in 64 KiB chunks as a file would be, and prints the best of `--repeat`
runs (CPU time of the process). Then 1 GB of junk without line breaks, and 1 GB of junk rows under a valid
header, each generated lazily in 1 MB chunks: how long until the reader refuses it, and how much was read.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.metrics.errors import MetricsInputError
from bot.metrics.metrics_csv import read_metrics
from bot.metrics.orders_csv import read_orders

SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "metrics" / "samples" / "sample_shopify_orders.csv"
CHUNK = 65_536


def shopify_export(rows: int) -> str:
    lines = SAMPLE.read_text().splitlines(keepends=True)
    header, first, item = lines[0], lines[1], lines[2]  # #1001: its order row and one more line item
    out = [header]
    for n in range(rows // 2):
        name = f"#{100_000 + n}"
        out.append(first.replace("#1001", name, 1))
        out.append(item.replace("#1001", name, 1))
    return "".join(out)


def metrics_file(rows: int) -> str:
    body = (
        f"h{n % 5_000},instagram,https://example.com/p/{n % 5_000},2026-03-01T{n // 5_000 % 24:02d}:"
        f"{n // 120_000:02d}:00Z,{n},{n},{n % 97},{n % 13},{n % 7},{n},{n},{n % 50},api,\n"
        for n in range(rows)
    )
    header = "handle,platform,post_url,observed_at,views,likes,comments,shares,saves,reach,impressions,link_clicks,"
    return header + "source,proof_url\n" + "".join(body)


def chunks(text: str) -> Iterator[str]:
    return (text[i : i + CHUNK] for i in range(0, len(text), CHUNK))


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()  # CPU time: steadier than wall time on a machine shared with other work
        run()
        times.append(time.process_time() - start)
    return min(times)


def junk(first: str, piece: str, total: int, taken: list[int]) -> Iterator[str]:
    yield first
    for _ in range(total // len(piece)):
        taken[0] += len(piece)
        yield piece


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'file':<22}{'rows':>9}{'MB':>8}{'CPU s':>10}{'µs/row':>9}")
    for name, build, reader in (
        ("Shopify orders export", shopify_export, lambda t: read_orders(chunks(t))),
        ("post results", metrics_file, lambda t: read_metrics(chunks(t))),
    ):
        for rows in args.rows:
            text = build(rows)
            seconds = best(lambda text=text, reader=reader: reader(text), args.repeat)
            print(f"{name:<22}{rows:>9,}{len(text) / 1e6:>8.1f}{seconds:>10.2f}{seconds / rows * 1e6:>9.1f}")
    gigabyte = 1_000_000_000
    for label, first, piece in (
        ("1 GB, no line breaks", "", "x" * 1_000_000),
        ("1 GB of junk rows", "handle,platform,post_url,observed_at,likes\n", "a,b,c,d,e\n" * 100_000),
    ):
        taken = [0]
        start = time.perf_counter()
        try:
            read_metrics(junk(first, piece, gigabyte, taken))
        except MetricsInputError as refused:
            message = refused.problems[-1]
        print(f"{label}: refused after {time.perf_counter() - start:.3f} s, {taken[0] / 1e6:.0f} MB read: {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
