"""The hand-labelled case table (cases.csv): jurisdictions x platforms x formats x connections, including the 40
instasynth captions (MIT, see PROVENANCE.md). Each row names the verdict, a finding that must be there, and
for some, how the suggested caption must start."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.disclosure import CheckRequest, Format, Verdict, check_caption

HERE = Path(__file__).parent
CASES = list(csv.DictReader((HERE / "cases.csv").open(encoding="utf-8")))


def _request(row: dict[str, str]) -> CheckRequest:
    return CheckRequest(
        text=row["text"],
        platform=row["platform"],
        format=row["format"],
        jurisdiction=row["jurisdiction"],
        connection=row["connection"],
        brand=row["brand"] or None,
    )


def test_the_table_is_broad() -> None:
    assert len(CASES) >= 150
    assert {row["jurisdiction"] for row in CASES} >= {
        "US",
        "UK",
        "IE",
        "DE",
        "FR",
        "NL",
        "BE",
        "IT",
        "ES",
        "CA",
        "AU",
        "IN",
        "EU",
    }
    assert {row["platform"] for row in CASES} >= {
        "instagram",
        "tiktok",
        "youtube",
        "facebook",
        "x",
        "threads",
        "pinterest",
    }
    assert {row["format"] for row in CASES} >= {"post", "reel", "story", "video", "short", "live"}
    assert {row["expected_verdict"] for row in CASES} == {v.value for v in Verdict}


@pytest.mark.parametrize("row", CASES, ids=[f"{i + 2}-{row['exercises'][:40]}" for i, row in enumerate(CASES)])
def test_case(row: dict[str, str]) -> None:
    result = check_caption(_request(row))
    rule_ids = [f.rule_id for f in result.findings]
    assert result.verdict == row["expected_verdict"], (row["text"], [f.message for f in result.findings])
    if row["expected_rule"]:
        assert row["expected_rule"] in rule_ids, rule_ids
    if row["fixed_starts_with"]:
        assert result.fixed_caption.startswith(row["fixed_starts_with"]), result.fixed_caption


@pytest.mark.parametrize(
    "row",
    [r for r in CASES if r["expected_verdict"] in ("missing", "needs_work") and r["format"] == Format.post],
    ids=lambda row: row["text"][:40],
)
def test_the_fixed_caption_of_a_post_passes(row: dict[str, str]) -> None:
    first = check_caption(_request(row))
    again = check_caption(_request({**row, "text": first.fixed_caption, "connection": first.connection.value}))
    assert again.verdict == Verdict.compliant, (first.fixed_caption, [f.message for f in again.findings])
