"""The --jsonl contract gives, caption for caption, the results recorded before the checker was made faster.

golden_jsonl.jsonl holds 200 short captions and 10 long video descriptions from the throughput bench's generators
(bench/disclosure_throughput.py, seed 7, every 100th caption; bench/youtube_descriptions.py, every 200th), each
with the result the checker gave for it before its hot path was rewritten: verdict, findings with their
positions and messages, the fixed caption, the connection. The library's check_caption must agree with the
contract's own path, which builds no models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli.disclosure import check_jsonl
from bot.disclosure import CheckRequest, check_caption

GOLDEN = Path(__file__).with_name("golden_jsonl.jsonl")
ROWS: list[dict[str, Any]] = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


def test_the_golden_file_covers_every_verdict_and_long_descriptions() -> None:
    verdicts = {row["result"]["verdict"] for row in ROWS}
    assert verdicts == {"compliant", "needs_work", "missing", "not_needed"}
    assert sum(row["request"].get("format") == "video" and len(row["request"]["text"]) > 900 for row in ROWS) >= 10


def test_the_jsonl_contract_gives_the_recorded_results() -> None:
    lines = [json.dumps(row["request"], ensure_ascii=False) + "\n" for row in ROWS]
    results = list(check_jsonl(lines, {}))
    assert len(results) == len(ROWS)
    for row, result in zip(ROWS, results, strict=True):
        assert result == row["result"], row["request"]["text"]


@pytest.mark.parametrize("row", ROWS[::7], ids=lambda row: str(row["request"]["id"]))
def test_the_library_gives_what_the_contract_gives(row: dict[str, Any]) -> None:
    fields = {name: value for name, value in row["request"].items() if name != "id"}
    expected = {name: value for name, value in row["result"].items() if name != "id"}
    assert check_caption(CheckRequest(**fields)).as_json() == expected
