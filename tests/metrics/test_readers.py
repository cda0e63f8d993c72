"""What the user reads when a file cannot be imported: the row, the column, and what to write instead."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot.metrics.csv_table import Limits
from bot.metrics.errors import MetricsInputError
from bot.metrics.formats import FileFormat
from bot.metrics.metrics_csv import read_metrics
from bot.metrics.orders_csv import read_orders

HEADER = "handle,platform,post_url,observed_at,views,likes\n"
ROW = "ana,instagram,https://x.com/p/1,2026-11-13T00:00:00Z,{views},{likes}\n"
GENERIC = "order_id,created_at,code,utm_content,revenue,currency\n"


def metrics_problems(text: str, limits: Limits | None = None) -> tuple[str, ...]:
    with pytest.raises(MetricsInputError) as caught:
        read_metrics(text, limits) if limits else read_metrics(text)
    assert str(caught.value).startswith("Nothing was imported")
    return caught.value.problems


def order_problems(text: str, **options: object) -> tuple[str, ...]:
    with pytest.raises(MetricsInputError) as caught:
        read_orders(text, **options)  # type: ignore[arg-type]
    return caught.value.problems


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("12k", 'row 2, column likes: "12k" is not a whole number — write 12000'),
        ("1.5M", 'row 2, column likes: "1.5M" is not a whole number — write 1500000'),
        ('"1,234"', 'row 2, column likes: "1,234" is not a whole number — write 1234'),
        ("5.5", 'row 2, column likes: "5.5" is not a whole number — write a count without decimals, such as 5'),
        (
            "-5",
            'row 2, column likes: "-5" is negative; write the count (0 or more), or leave the cell blank if unknown',
        ),
        (
            "lots",
            'row 2, column likes: "lots" is not a whole number — write digits only, such as 1200, or leave the '
            "cell blank",
        ),
    ],
)
def test_bad_counts_say_what_to_write(cell: str, message: str) -> None:
    assert metrics_problems(HEADER + ROW.format(views=10, likes=cell)) == (message,)


def test_counts_as_spreadsheets_save_them_and_blanks_are_unknown() -> None:
    (seen,) = read_metrics(HEADER + ROW.format(views="120.0", likes=""))
    assert (seen.views, seen.likes) == (120, None)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("13/11/2026", '"13/11/2026" is not a date and time — write it like 2026-11-13T09:30:00Z'),
        (
            "2026-11-13 10:00",
            '"2026-11-13 10:00" has no time zone — write 2026-11-13T10:00:00Z for UTC, or add '
            "the offset (e.g. 2026-11-13T10:00:00+01:00)",
        ),
        ("", "is empty — write a date and time such as 2026-11-13T09:30:00Z"),
    ],
)
def test_bad_dates(cell: str, message: str) -> None:
    text = HEADER + f"ana,instagram,https://x.com/p/1,{cell},1,1\n"
    assert metrics_problems(text) == (f"row 2, column observed_at: {message}",)


def test_offsets_and_shopify_dates_are_read_as_utc() -> None:
    text = HEADER + "ana,instagram,https://x.com/p/1,2026-11-13T09:30:00+01:00,1,1\n"
    assert read_metrics(text)[0].observed_at == datetime(2026, 11, 13, 8, 30, tzinfo=UTC)


def test_missing_and_misspelt_columns_stop_at_the_header() -> None:
    assert metrics_problems("handle,platform,post_url,views\n") == (
        "row 1: the header has no column observed_at. The header must name the columns handle, platform, "
        "post_url, observed_at (optional: views, likes, comments, shares, saves, reach, impressions, link_clicks, "
        "source, proof_url)",
    )
    assert metrics_problems("handle,platform,post_url,observed_at,likse\n") == (
        'row 1, column 5: "likse" is not a column I read; did you mean likes? Rename it',
    )
    assert metrics_problems("handle,platform,post_url,observed_at,likes,Likes\n") == (
        "row 1: the column likes appears 2 times; keep one",
    )


def test_columns_are_matched_in_any_case_and_extra_columns_are_ignored() -> None:
    text = "\ufeffHandle, Platform ,POST_URL,Observed_At,Likes,notes\n@ana,Instagram,https://x.com/p/1,2026-11-13T00:00:00Z,7,hi\n"
    (seen,) = read_metrics(text)
    assert (seen.handle, seen.platform.value, seen.likes) == ("ana", "instagram", 7)


def test_other_bad_cells() -> None:
    text = (
        HEADER
        + "ana,insta,x.com/p/1,2026-11-13T00:00:00Z,1,1\n"
        + "a b,tiktok,https://x.com/p/2,2026-11-13T00:00:00Z,1,1\n"
    )
    assert metrics_problems(text) == (
        'row 2, column platform: "insta" is not a platform — write instagram, tiktok or youtube',
        'row 2, column post_url: "x.com/p/1" is not a link — write the full address, starting with https://',
        'row 3, column handle: "a b" is not a handle — write it like @name',
    )


def test_identical_repeated_rows_are_kept_once_and_conflicting_ones_refused() -> None:
    row = ROW.format(views=10, likes=5)
    assert len(read_metrics(HEADER + row + row)) == 1
    assert metrics_problems(HEADER + row + ROW.format(views=10, likes=6)) == (
        "row 3, column likes: row 2 has the same post_url and observed_at with another likes (6 here, 5 there); "
        "keep one of the two rows",
    )


def test_one_post_cannot_belong_to_two_creators() -> None:
    other = "ben,instagram,https://x.com/p/1,2026-11-14T00:00:00Z,1,1\n"
    assert metrics_problems(HEADER + ROW.format(views=1, likes=1) + other) == (
        "row 3, column handle: this post is @ana's on instagram in row 2; one post has one creator",
    )


def test_a_row_with_more_cells_than_the_header() -> None:
    assert metrics_problems(HEADER + "ana,instagram,https://x.com/p/1,2026-11-13T00:00:00Z,1,1,2\n") == (
        "row 2 has 7 cells but the header has 6 columns; put quotes around values that contain a comma",
    )


def test_all_or_nothing_and_rows_numbered_as_a_spreadsheet_shows_them() -> None:
    text = HEADER + ROW.format(views=1, likes=1) + "\n" + ROW.format(views="x", likes=1).replace("p/1", "p/2")
    assert metrics_problems(text) == (
        'row 4, column views: "x" is not a whole number — write digits only, such as 1200, or leave the cell blank',
    )


def test_reading_stops_at_the_tenth_problem() -> None:
    text = HEADER + "".join(ROW.format(views="x", likes=n).replace("p/1", f"p/{n}") for n in range(50))
    with pytest.raises(MetricsInputError) as caught:
        read_metrics(text)
    assert len(caught.value.problems) == 10
    assert caught.value.stopped_at_row == 11
    assert str(caught.value).startswith(
        "Nothing was imported: at least 10 problems in the file (reading stopped at row 11):\n  row 2, column views:"
    )


def test_the_wrong_kind_of_file_is_named() -> None:
    assert metrics_problems(GENERIC) == ("row 1: this is an orders file, not post results; import it as orders",)
    assert order_problems(HEADER) == ("row 1: this is a post results file, not orders; import it as post results",)
    assert metrics_problems("") == ("the file is empty: its first row must be the header",)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("$64.41", '"$64.41" has a currency sign — write 64.41 (the currency goes in its own column)'),
        ('"1,064.41"', '"1,064.41" is not an amount — write 1064.41'),
        ('"64,41"', '"64,41" is not an amount — write 64.41'),
        ("64.415", '"64.415" has more than 2 decimals — write 64.42'),
        ("-3.00", '"-3.00" is negative; write the amount (0 or more)'),
    ],
)
def test_bad_amounts(cell: str, message: str) -> None:
    assert order_problems(GENERIC + f"G-1,2026-11-13T00:00:00Z,,,{cell},USD\n") == (
        f"row 2, column revenue: {message}",
    )


def test_currencies() -> None:
    assert order_problems(GENERIC + "G-1,2026-11-13T00:00:00Z,,,1.00,dollars\n") == (
        'row 2, column currency: "dollars" is not a currency code — write USD',
    )
    # by default another currency is read (the results report it apart); a caller may allow only some
    euro = GENERIC + "G-1,2026-11-13T00:00:00Z,,,1.00,eur\n"
    assert read_orders(euro).orders[0].currency == "EUR"
    assert order_problems(euro, allowed_currencies={"USD"}) == (
        "row 2, column currency: EUR is not the campaign's currency (USD); leave this order out",
    )


def test_generic_orders() -> None:
    text = GENERIC + "G-1,2026-11-13T00:00:00Z,NINA10,,64.41,USD\nG-2,2026-11-14T00:00:00+01:00,,nina,10,USD\n"
    read = read_orders(text)
    assert read.format is FileFormat.generic_orders
    assert [(o.order_id, o.code, o.utm_content, o.revenue) for o in read.orders] == [
        ("G-1", "NINA10", None, Decimal("64.41")),
        ("G-2", None, "nina", Decimal("10")),
    ]


def test_repeated_order_ids() -> None:
    row = "G-1,2026-11-13T00:00:00Z,,,64.41,USD\n"
    assert len(read_orders(GENERIC + row + row).orders) == 1
    assert order_problems(GENERIC + row + row.replace("64.41", "64.40")) == (
        'row 3, column revenue: row 2 has order "G-1" with another revenue (64.40 here, 64.41 there); keep one of '
        "the two rows",
    )


def test_neither_orders_nor_metrics() -> None:
    assert order_problems("a,b\n1,2\n") == (
        "row 1: this is neither a Shopify orders export (columns Name, Financial Status, …) nor an orders CSV with "
        "the columns order_id, created_at, revenue, currency, code, utm_content",
    )


SHOPIFY = (
    "Name,Financial Status,Currency,Subtotal,Discount Code,Created at,Lineitem name,Cancelled at,Refunded Amount\n"
)


def test_shopify_orders_group_line_items_by_name() -> None:
    text = SHOPIFY + (
        "#1,paid,USD,93.60,nina10,2026-11-24 11:00:00 +0000,Cleanser,,9.00\n"
        "#1,,,,,2026-11-24 11:00:00 +0000,Serum,,\n"
        "#2,paid,USD,20.00,,2026-11-25 11:00:00 +0000,Balm,2026-11-26 10:00:00 +0000,\n"
        "#3,voided,USD,50.00,NINA10,2026-11-25 12:00:00 +0000,Balm,,\n"
        "#4,refunded,USD,30.00,NINA10,2026-11-25 12:00:00 +0000,Balm,,34.90\n"
    )
    read = read_orders(text)
    assert read.format is FileFormat.shopify
    assert read.voided == ("#3",)
    assert [(o.order_id, o.code, o.revenue, o.cancelled) for o in read.orders] == [
        ("#1", "nina10", Decimal("84.60"), False),  # Subtotal 93.60 - Refunded 9.00
        ("#2", None, Decimal("20.00"), True),  # Cancelled at is set
        ("#4", "NINA10", Decimal("0"), False),  # a refund with shipping exceeds the subtotal: no revenue left
    ]
    assert read.orders[0].created_at == datetime(2026, 11, 24, 11, tzinfo=UTC)


def test_shopify_order_without_its_order_row() -> None:
    text = SHOPIFY + "#1,,,,,2026-11-24 11:00:00 +0000,Serum,,\n"
    assert order_problems(text) == (
        'row 2, column Name: order "#1" has no row with its Financial Status, Currency and Subtotal; export the '
        "orders again with every column",
    )


def test_shopify_export_imported_twice_in_one_file() -> None:
    orders = "#1,paid,USD,93.60,,2026-11-24 11:00:00 +0000,Cleanser,,\n#1,,,,,2026-11-24 11:00:00 +0000,Serum,,\n"
    assert len(read_orders(SHOPIFY + orders + orders).orders) == 1
    assert order_problems(SHOPIFY + orders + orders.replace("93.60", "90.00")) == (
        'row 4, column Subtotal: row 2 has order "#1" with another Subtotal (90.00 here, 93.60 there); keep one of '
        "the two rows",
    )


def test_shopify_columns_that_matter_must_be_there() -> None:
    assert order_problems("Name,Financial Status,Currency\n") == (
        "row 1: the header has no column Created at, Subtotal, Discount Code, Refunded Amount, Cancelled at. The "
        "header must name the columns Name, Created at, Financial Status, Currency, Subtotal, Discount Code, "
        "Refunded Amount, Cancelled at",
    )


# Bounded sizes: a file far too big, or junk, fails early with a sentence, not after reading all of it.


def chunks(piece: str, count: int, taken: list[int]) -> Iterator[str]:
    for _ in range(count):
        taken[0] += 1
        yield piece


def test_a_gigabyte_without_line_breaks_stops_after_the_first_megabyte() -> None:
    taken = [0]
    with pytest.raises(MetricsInputError) as caught:
        read_metrics(chunks("x" * 1_000_000, 1_000, taken))  # 1 GB if all were read
    assert taken[0] == 2
    assert caught.value.problems == (
        "a line is longer than 1,000,000 characters, which no export writes; save the file as CSV "
        "(comma-separated values) and import that",
    )


def test_a_gigabyte_of_junk_lines_stops_at_its_header() -> None:
    taken = [0]
    with pytest.raises(MetricsInputError) as caught:
        read_orders(chunks("junk,more junk\n" * 70_000, 1_000, taken))
    assert taken[0] == 1
    assert caught.value.stopped_at_row == 1


def test_a_gigabyte_of_bad_rows_stops_at_the_tenth_problem() -> None:
    taken = [0]
    with pytest.raises(MetricsInputError):
        read_metrics(chunks(HEADER + ROW.format(views="?", likes=1) * 50_000, 400, taken))
    assert taken[0] == 1


def test_file_size_row_count_and_cell_length_limits() -> None:
    row = ROW.format(views=1, likes=1)
    rows = HEADER + "".join(row.replace("p/1", f"p/{n}") for n in range(5))
    assert metrics_problems(rows, Limits(max_chars=100)) == (
        "the file is longer than 100 characters; split it into smaller files",
    )
    assert metrics_problems(rows, Limits(max_rows=3)) == ("the file has more than 3 rows; split it into smaller files",)
    long_url = "https://x.com/" + "p" * 200
    assert metrics_problems(HEADER + row.replace("https://x.com/p/1", long_url), Limits(max_cell=100)) == (
        "row 2, column post_url: 214 characters; a cell holds at most 100",
    )


def test_binary_files_and_broken_quotes() -> None:
    assert metrics_problems(HEADER + "ana\x00\x01,instagram\n") == (
        "this is not a text file (it holds NUL bytes); save it as CSV (comma-separated values)",
    )
    with pytest.raises(MetricsInputError, match="is not CSV text"):
        read_metrics(HEADER + 'ana,instagram,"https://x.com/p/1' + "x" * 200_000 + "\n")


def test_extra_columns_are_ignored_and_misspelt_ones_named() -> None:
    text = "order_id,created_at,revenue,currency,email\nG-1,2026-11-13T00:00:00Z,5.00,USD,a@example.com\n"
    assert [o.order_id for o in read_orders(text).orders] == ["G-1"]
    assert order_problems("order_id,created_at,revnue,currency\n") == (
        'row 1, column 3: "revnue" is not a column I read; did you mean revenue? Rename it',
        "row 1: the header has no column revenue. The header must name the columns order_id, created_at, revenue, "
        "currency (optional: code, utm_content)",
    )


def test_a_long_note_in_a_column_not_read_does_not_matter() -> None:
    text = (
        SHOPIFY.replace("\n", ",Notes\n") + "#1,paid,USD,5.00,,2026-11-24 11:00:00 +0000,Serum,,," + "n" * 20_000 + "\n"
    )
    assert [o.order_id for o in read_orders(text).orders] == ["#1"]
