"""Reading follower files: what is accepted, and what a person is told when something is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.sources.models import FollowerProfile
from bot.vetting.audience import RecordError, read_profiles, read_records, records_from_dicts
from tests.audience.conftest import OBVIOUS_REAL

HEADER = "username,has_profile_pic,is_private,follower_count,following_count,media_count"


def csv_file(tmp_path: Path, body: str, header: str = HEADER, name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + "\n" + body, encoding="utf-8")
    return path


def test_booleans_and_counts_in_the_spellings_exports_use(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "a,TRUE,no,1200,300,12.0\nb,0,Yes,0,7000,0\n")

    records = read_records(path)

    assert records.fields["has_profile_pic"] == [True, False]
    assert records.fields["is_private"] == [False, True]
    assert records.fields["follower_count"] == [1200, 0]
    assert records.fields["media_count"] == [12, 0]


def test_extra_columns_blank_lines_and_a_byte_order_mark_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("\ufeff" + HEADER + ",country\n\na,1,0,5,6,7,CH\n\n", encoding="utf-8")

    assert read_profiles(path) == [
        FollowerProfile(
            username="a",
            has_profile_pic=True,
            is_private=False,
            follower_count=5,
            following_count=6,
            media_count=7,
        )
    ]


def test_optional_fields_left_out_are_unknown_not_empty(tmp_path: Path) -> None:
    without = read_records(csv_file(tmp_path, "a,1,0,5,6,7\n")).columns()
    with_empty_bio = read_records(
        csv_file(tmp_path, "a,1,0,5,6,7,,\n", header=HEADER + ",biography,has_external_url", name="g.csv")
    ).columns()

    assert np.isnan(without.biography_length[0]) and np.isnan(without.has_external_url[0])
    assert with_empty_bio.biography_length[0] == 0  # the export had bios: this one is empty
    assert np.isnan(with_empty_bio.has_external_url[0])  # an empty yes/no cell tells nothing


def test_a_json_array_is_read_like_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps([OBVIOUS_REAL]), encoding="utf-8")

    assert read_profiles(path) == [FollowerProfile(**OBVIOUS_REAL)]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"username": ...}, "record 1, field 'username' is missing (it is required)"),
        ({"media_count": None}, "record 1, field 'media_count' is null (it is required)"),
        ({"following_count": -4}, "record 1, field 'following_count': expected a whole number >= 0, got -4"),
        ({"follower_count": 3.5}, "record 1, field 'follower_count': expected a whole number >= 0, got 3.5"),
        ({"is_private": "sometimes"}, "record 1, field 'is_private': expected true/false (or 1/0)"),
        ({"biography": ["a", "list"]}, "record 1, field 'biography': expected text, got ['a', 'list']"),
    ],
)
def test_bad_records_name_the_record_and_field(changes: dict, expected: str) -> None:
    record = {**OBVIOUS_REAL, **changes}
    record = {key: value for key, value in record.items() if value is not ...}  # ... = leave the key out

    with pytest.raises(RecordError) as raised:
        records_from_dicts([record])

    assert expected in str(raised.value)


def test_many_problems_are_listed_then_counted(tmp_path: Path) -> None:
    body = "".join(f"u{i},1,0,x,6,7\n" for i in range(14))

    with pytest.raises(RecordError) as raised:
        read_records(csv_file(tmp_path, body))

    message = str(raised.value)
    assert message.startswith(f"14 problems in {tmp_path / 'f.csv'}:")
    assert "line 2, column 'follower_count'" in message and "line 11, column 'follower_count'" in message
    assert message.endswith("... and 4 more")


def test_an_unquoted_comma_and_a_non_utf8_file_are_explained(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "\nzoë,1,0,5,6,7\n").encode("latin-1"))

    with pytest.raises(RecordError, match=r"line 2 has 7 cells but the header has 6 columns"):
        read_records(csv_file(tmp_path, "a,1,0,5,6,7,extra\n"))
    with pytest.raises(RecordError, match=r"is not UTF-8 text"):
        read_records(latin)


def test_a_training_file_needs_the_fake_column(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match=r"has no column 'fake'"):
        read_records(csv_file(tmp_path, "a,1,0,5,6,7\n"), labelled=True)

    labelled = read_records(
        csv_file(tmp_path, "a,1,0,5,6,7,true\nb,1,0,5,6,7,0\n", header=HEADER + ",fake"), labelled=True
    )
    assert labelled.labels is not None and labelled.labels.tolist() == [1.0, 0.0]
