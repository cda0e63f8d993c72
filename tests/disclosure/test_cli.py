"""The `disclosure check` command contract, driven through register_cli on a bare argparse parser."""

from __future__ import annotations

import argparse
import io
import json

import pytest

from bot.cli.disclosure import register_cli


def run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    parser = argparse.ArgumentParser(prog="creatorops")
    register_cli(parser.add_subparsers())
    args = parser.parse_args(argv)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = args.func(args)
    return code, capsys.readouterr().out


def test_one_caption_on_stdin(monkeypatch, capsys) -> None:
    code, out = run(
        ["disclosure", "check", "--platform", "instagram", "--jurisdiction", "US"],
        "Loving my new serum! #sp\n",
        monkeypatch,
        capsys,
    )

    assert code == 0
    result = json.loads(out)
    assert result["verdict"] == "needs_work"
    assert result["fixed_caption"] == "#ad Loving my new serum!"
    assert result["connection"] == "paid" and result["connection_inferred"] is True
    sp = next(f for f in result["findings"] if f["term"] == "#sp")
    assert sp["rule_id"] == "term.insufficient" and sp["source_url"].startswith("https://")
    assert out.count("\n") == 1


def test_flags_are_case_insensitive_and_accept_aliases(monkeypatch, capsys) -> None:
    _, out = run(
        [
            "disclosure",
            "check",
            "--platform",
            "TikTok",
            "--jurisdiction",
            "gb",
            "--format",
            "Reels",
            "--connection",
            "gifted",
            "--brand",
            "@glossier",
        ],
        "#gifted loving @glossier",
        monkeypatch,
        capsys,
    )
    result = json.loads(out)
    assert (result["platform"], result["jurisdiction"], result["format"], result["connection"]) == (
        "tiktok",
        "UK",
        "reel",
        "gift",
    )
    assert result["connection_inferred"] is False
    assert result["verdict"] == "needs_work"


def test_a_bad_flag_is_a_usage_error(monkeypatch, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["disclosure", "check", "--jurisdiction", "Mars"], "", monkeypatch, capsys)
    assert exit_info.value.code == 2
    assert "unknown jurisdiction 'Mars'" in capsys.readouterr().err


def test_jsonl_one_result_per_line_in_order_and_bad_lines_carry_on(monkeypatch, capsys) -> None:
    lines = [
        {"id": "a", "text": "#ad Loving my serum", "connection": "paid"},
        {"text": "Werbung | Meine neue Creme", "jurisdiction": "de", "connection": "paid"},
        "this is not json",
        {"text": "hello", "platform": "myspace"},
        ["not", "an", "object"],
        {"platform": "x"},
        {"text": "Golden hour 🌅"},
        {"text": "New video!", "format": "video", "platform": "youtube", "connection": "paid", "brand": None},
    ]
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n\n"

    code, out = run(["disclosure", "check", "--jsonl", "--jurisdiction", "UK"], stdin, monkeypatch, capsys)

    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(lines)
    assert results[0]["id"] == "a" and results[0]["verdict"] == "compliant" and results[0]["jurisdiction"] == "UK"
    assert results[1]["verdict"] == "compliant" and results[1]["jurisdiction"] == "DE"
    assert results[2] == {"error": "line 3: not valid JSON (Expecting value)", "line": 3}
    assert results[3]["line"] == 4 and "unknown platform 'myspace'" in results[3]["error"]
    assert results[4]["line"] == 5 and "expected a JSON object" in results[4]["error"]
    assert results[5]["line"] == 6 and "'text' is required" in results[5]["error"]
    assert results[6]["verdict"] == "not_needed" and results[6]["platform"] == "instagram"
    assert results[7]["verdict"] == "missing" and results[7]["format"] == "video"
    for result in results:
        assert "error" in result or {
            "verdict",
            "findings",
            "fixed_caption",
            "connection",
            "connection_inferred",
        } <= set(result)


def test_jsonl_defaults_without_flags(monkeypatch, capsys) -> None:
    _, out = run(["disclosure", "check", "--jsonl"], '{"text": "Loving it #sp"}\n', monkeypatch, capsys)
    result = json.loads(out)
    assert (result["jurisdiction"], result["platform"], result["format"]) == ("US", "instagram", "post")
    assert result["verdict"] == "needs_work"


def test_the_module_runs_standalone() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "bot.disclosure", "check", "--jurisdiction", "FR", "--connection", "paid"],
        input="Mon nouveau sérum préféré ✨".encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    result = json.loads(done.stdout.decode("utf-8"))
    assert result["verdict"] == "missing"
    assert result["fixed_caption"] == "Publicité | Mon nouveau sérum préféré ✨"


def test_an_over_long_caption_prints_the_limit_and_exits_1(monkeypatch, capsys) -> None:
    code, out = run(["disclosure", "check"], "a" * 1_048_576 + "\n", monkeypatch, capsys)
    assert code == 1
    assert json.loads(out) == {
        "error": "That caption is over 10,000 characters; I check up to 10,000 (the longest caption any platform "
        "allows is 5,000). Paste the caption itself."
    }


def test_a_caption_of_exactly_the_limit_is_checked(monkeypatch, capsys) -> None:
    code, out = run(["disclosure", "check"], "#ad " + "x" * 9_996 + "\r\n", monkeypatch, capsys)
    assert code == 0 and "verdict" in json.loads(out)


def test_jsonl_an_over_long_caption_is_an_error_line_and_the_run_goes_on(monkeypatch, capsys) -> None:
    from bot.cli.disclosure import MAX_LINE_CHARS

    lines = [
        json.dumps({"id": "long", "text": "a" * 10_001}),
        '"' + "a" * (MAX_LINE_CHARS + 10) + '"',  # a line too long even to read: skipped, not held
        json.dumps({"id": "ok", "text": "#ad my serum"}),
    ]
    code, out = run(["disclosure", "check", "--jsonl"], "\n".join(lines) + "\n", monkeypatch, capsys)
    first, second, third = (json.loads(line) for line in out.splitlines())
    assert code == 0
    assert first == {
        "error": "line 1: That caption is 10,001 characters; I check up to 10,000 (the longest caption any "
        "platform allows is 5,000). Paste the caption itself.",
        "line": 1,
        "id": "long",
    }
    assert second["line"] == 2 and "the line is over 124,096 characters" in second["error"]
    assert "I check up to 10,000" in second["error"]
    assert third["id"] == "ok" and third["verdict"] == "compliant"


def test_jsonl_lines_are_read_with_a_size_limit() -> None:
    from bot.cli.disclosure import read_lines

    class Counting(io.StringIO):
        largest = 0

        def readline(self, size: int | None = -1, /) -> str:
            line = super().readline(size)
            Counting.largest = max(Counting.largest, len(line))
            return line

    stream = Counting("short\n" + "x" * 1000 + "\nlast")
    assert list(read_lines(stream, limit=100)) == ["short\n", None, "last"]
    assert Counting.largest <= 101


def test_the_help_gives_the_caption_limit_in_characters(capsys) -> None:
    parser = argparse.ArgumentParser(prog="creatorops")
    register_cli(parser.add_subparsers())
    with pytest.raises(SystemExit):
        parser.parse_args(["disclosure", "check", "--help"])
    shown = capsys.readouterr().out
    assert "A caption longer than the checker reads (10,000 characters) is such a bad line" in shown
    assert "MAX_CAPTION_CHARS" not in shown


def test_the_fast_json_result_is_pydantics_dump_on_every_case() -> None:
    import csv
    from pathlib import Path

    from bot.disclosure import CheckRequest, check_caption

    rows = list(csv.DictReader((Path(__file__).parent / "cases.csv").read_text(encoding="utf-8").splitlines()))
    for row in rows:
        options = {k: row[k] for k in ("platform", "format", "jurisdiction", "connection", "brand") if row[k]}
        result = check_caption(CheckRequest(text=row["text"], **options))
        assert result.as_json() == result.model_dump(mode="json")
        assert list(result.as_json()) == list(result.model_dump(mode="json"))


def test_a_lone_surrogate_in_the_input_is_written_back_as_the_standard_library_would(monkeypatch, capsys) -> None:
    _, out = run(["disclosure", "check", "--jsonl"], '{"id": "\\ud800", "text": "#ad serum"}\n', monkeypatch, capsys)
    assert '"id": "\\ud800"' in out  # escaped, so the line is valid UTF-8 and valid JSON
    assert json.loads(out)["id"] == "\ud800" and json.loads(out)["verdict"] == "compliant"
