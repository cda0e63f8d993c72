"""Properties: totals are the sums of the creators; row order, repeated rows and chunking change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.metrics.contract import results_json
from bot.metrics.inputs import COUNT_FIELDS, CreatorTerms
from bot.metrics.metric import Metric
from bot.metrics.metrics_csv import METRICS_COLUMNS, read_metrics
from bot.metrics.orders_csv import GENERIC_COLUMNS, read_orders
from bot.metrics.results import campaign_results
from bot.metrics.samples import usd
from bot.vocabulary import Platform
from tests.metrics.builders import CAMPAIGN, csv_text

HANDLES = ("ana", "ben", "cy", "dee")
PLATFORMS = {"ana": "instagram", "ben": "tiktok", "cy": "youtube", "dee": "instagram"}
START = datetime(2026, 2, 25, tzinfo=UTC)

counts = st.none() | st.integers(min_value=0, max_value=10**7)


@st.composite
def observation_rows(draw: st.DrawFn) -> dict[str, object]:
    handle = draw(st.sampled_from(HANDLES))
    row: dict[str, object] = {
        "handle": handle,
        "platform": PLATFORMS[handle],
        # a post belongs to one creator: the URL carries the handle
        "post_url": f"https://example.com/{handle}/{draw(st.integers(0, 3))}",
        "observed_at": (START + timedelta(hours=draw(st.integers(0, 24 * 40)))).isoformat(),
    }
    row.update({name: draw(counts) for name in COUNT_FIELDS})
    return row


def unique_keys(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """One row per (post_url, observed_at), as a valid file has."""
    return list({(r["post_url"], r["observed_at"]): r for r in rows}.values())


@st.composite
def order_rows(draw: st.DrawFn) -> dict[str, object]:
    by_code = draw(st.booleans())
    who = draw(st.sampled_from((*HANDLES, "someone")))
    return {
        "order_id": f"o{draw(st.integers(0, 10**6))}",
        "created_at": (START + timedelta(hours=draw(st.integers(0, 24 * 60)))).isoformat(),
        "code": f"{who.upper()}10" if by_code else draw(st.sampled_from(["", "WELCOME"])),
        "utm_content": "" if by_code else who,
        "revenue": f"{draw(st.integers(0, 100_000)) / 100:.2f}",
        "currency": draw(st.sampled_from(["USD", "USD", "USD", "EUR"])),
    }


creators_st = st.lists(
    st.builds(
        lambda handle, fee, gift, followers: CreatorTerms(
            creator_id=f"c-{handle}",
            handle=handle,
            platform=Platform(PLATFORMS[handle]),
            fee=usd(str(fee)),
            gift_value=usd(str(gift)),
            discount_code=f"{handle.upper()}10",
            followers=followers,
        ),
        st.sampled_from(HANDLES),
        st.integers(0, 5_000),
        st.integers(0, 500),
        st.none() | st.integers(0, 10**6),
    ),
    max_size=4,
    unique_by=lambda c: c.handle,
)


def metrics_csv(rows: list[dict[str, object]]) -> str:
    return csv_text(METRICS_COLUMNS.required + COUNT_FIELDS, rows)


def orders_csv(rows: list[dict[str, object]]) -> str:
    return csv_text(GENERIC_COLUMNS.all, rows)


def known_sum(parts: list[Metric]) -> Metric | None:
    """What a total must be: the sum of the known parts, or None when no part is known."""
    known = [p.value for p in parts if p.value is not None]
    return Metric.of(sum(known)) if known else None


@settings(max_examples=60, deadline=None)
@given(creators=creators_st, rows=st.lists(observation_rows(), max_size=25), orders=st.lists(order_rows(), max_size=20))
def test_campaign_totals_are_the_sums_of_the_creators(creators, rows, orders) -> None:
    observations = read_metrics(metrics_csv(unique_keys(rows))) if rows else ()
    order_list = read_orders(orders_csv(list({o["order_id"]: o for o in orders}.values()))).orders
    results = campaign_results(CAMPAIGN, creators, observations, order_list)
    parts = [c.figures for c in results.creators]
    assert results.figures.spend == sum((p.spend for p in parts), Decimal(0))
    assert results.figures.paid == sum((p.paid for p in parts), Decimal(0))
    for name in ("views", "impressions", "reach", "engagements", "clicks", "conversions", "revenue"):
        total = getattr(results.figures, name)
        expected = known_sum([getattr(p, name) for p in parts])
        if not parts and name in ("conversions", "revenue"):
            expected = Metric.of(0)  # orders were imported: no creator, no sales
        assert total == expected if expected is not None else total.value is None, name
    data = results_json(results)
    assert sum(Decimal(c["spend"]) for c in data["creators"]) == Decimal(data["spend"])
    assert len(data["creators"]) == len(creators)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(observation_rows(), min_size=1, max_size=25), data=st.data())
def test_row_order_and_repeated_rows_change_nothing(rows, data) -> None:
    rows = unique_keys(rows)
    shuffled = data.draw(st.permutations(rows))
    repeated = shuffled + data.draw(st.lists(st.sampled_from(rows), max_size=10))
    creators = [CreatorTerms(creator_id=h, handle=h, platform=Platform(PLATFORMS[h]), fee=usd("100")) for h in HANDLES]

    def report(text: str) -> dict[str, object]:
        observations = read_metrics(text)
        return {
            "records": sorted(o.model_dump_json() for o in observations),
            "results": results_json(campaign_results(CAMPAIGN, creators, observations, None)),
        }

    first = report(metrics_csv(rows))
    assert report(metrics_csv(shuffled)) == first
    assert report(metrics_csv(data.draw(st.permutations(repeated)))) == first


@settings(max_examples=40, deadline=None)
@given(orders=st.lists(order_rows(), min_size=1, max_size=15), data=st.data())
def test_shopify_line_items_in_any_order_and_repeated_give_the_same_orders(orders, data) -> None:
    header = (
        "Name,Financial Status,Currency,Subtotal,Discount Code,Created at,Cancelled at,Refunded Amount,Lineitem name\n"
    )
    lines = []
    for o in {o["order_id"]: o for o in orders}.values():
        when = datetime.fromisoformat(str(o["created_at"])).strftime("%Y-%m-%d %H:%M:%S %z")
        lines.append(f"#{o['order_id']},paid,{o['currency']},{o['revenue']},{o['code']},{when},,,first\n")
        lines += [f"#{o['order_id']},,,,,{when},,,item {n}\n" for n in range(data.draw(st.integers(0, 2)))]
    expected = sorted(o.model_dump_json() for o in read_orders(header + "".join(lines)).orders)
    mixed = data.draw(st.permutations(lines + data.draw(st.lists(st.sampled_from(lines), max_size=5))))
    assert sorted(o.model_dump_json() for o in read_orders(header + "".join(mixed)).orders) == expected


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(observation_rows(), min_size=1, max_size=20), sizes=st.lists(st.integers(1, 200), min_size=1))
def test_any_chunking_of_the_text_reads_the_same(rows, sizes) -> None:
    text = metrics_csv(unique_keys(rows))
    pieces, at = [], 0
    while at < len(text):
        size = sizes[len(pieces) % len(sizes)]
        pieces.append(text[at : at + size])
        at += size
    assert read_metrics(iter(pieces)) == read_metrics(text)


def test_a_long_export_is_read_whole() -> None:
    # 50,000 observations of 10,000 posts, fed as a file would be: in 64 KiB chunks
    rows = (
        f"h{n % 10_000},instagram,https://example.com/p/{n % 10_000},2026-03-{1 + n // 10_000:02d}T00:00:00Z,{n},{n}\n"
        for n in range(50_000)
    )
    text = "handle,platform,post_url,observed_at,views,likes\n" + "".join(rows)
    chunks = (text[i : i + 65_536] for i in range(0, len(text), 65_536))
    observations = read_metrics(chunks)
    assert len(observations) == 50_000
    assert observations[-1].views == 49_999
