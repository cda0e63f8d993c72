"""`creatorops disclosure check`: one caption on stdin, or one JSON object per line with --jsonl.

    echo "Loving my new serum! #sp" | creatorops disclosure check --platform instagram --jurisdiction US
    creatorops disclosure check --jsonl --jurisdiction UK < captions.jsonl > results.jsonl

Prints one JSON object per caption: verdict, findings, fixed_caption, connection, connection_inferred (and
jurisdiction, platform, format). In --jsonl mode each line may carry text, platform, jurisdiction, format,
connection and brand (all but text optional: the flags give the defaults, else US / instagram / post /
unknown) and an optional id that is echoed back; a bad line prints {"error": ..., "line": N} and the run goes on.

A caption longer than the checker reads (MAX_CAPTION_CHARS) is such a bad line; without --jsonl it prints
{"error": ...} and exits 1. Input is read with a size limit, so a huge line is never held in memory.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import orjson
from pydantic import ValidationError

from bot.disclosure.checker import check_caption, check_caption_json
from bot.disclosure.models import (
    ALIASES,
    MAX_CAPTION_CHARS,
    CaptionTooLong,
    CheckRequest,
    ensure_checkable,
    parse_connection,
    parse_format,
    parse_jurisdiction,
    parse_platform,
)

REQUEST_FIELDS = ("platform", "jurisdiction", "format", "connection", "brand")
# The longest --jsonl line read: a caption of MAX_CAPTION_CHARS written with JSON escapes (up to 12 characters
# for one, a surrogate pair) and room for the other fields. A longer line is skipped, a bounded piece at a time.
MAX_LINE_CHARS = 12 * MAX_CAPTION_CHARS + 4_096


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """The request fields `values` (the flags, or one JSON line) sets; CheckRequest has the defaults for the rest."""
    return {name: values[name] for name in REQUEST_FIELDS if values.get(name) is not None}


def _argument_type(parse: Callable[[str], object]) -> Callable[[str], object]:
    def convert(value: str) -> object:
        try:
            return parse(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = parse.__name__.removeprefix("parse_")  # argparse names the option type in errors
    return convert


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `disclosure check` to the creatorops CLI."""
    disclosure = subparsers.add_parser("disclosure", help="check captions for a clear advertising disclosure")
    actions = disclosure.add_subparsers(metavar="ACTION")
    check = actions.add_parser(
        "check",
        help="check a caption read from stdin (or JSON lines with --jsonl) and print JSON",
        # The help names the limit a user can act on, not the constant that holds it.
        description=(__doc__ or "").replace("(MAX_CAPTION_CHARS)", f"({MAX_CAPTION_CHARS:,} characters)"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "--platform",
        type=_argument_type(parse_platform),
        help="instagram (default), tiktok, youtube, facebook, x, threads, pinterest",
    )
    check.add_argument(
        "--jurisdiction",
        type=_argument_type(parse_jurisdiction),
        help="US (default), UK, IE, DE, FR, NL, BE, IT, ES, CA, AU, IN, EU",
    )
    check.add_argument(
        "--format", type=_argument_type(parse_format), help="post (default), reel, story, video, short, live"
    )
    check.add_argument(
        "--connection",
        type=_argument_type(parse_connection),
        help="paid, gift, affiliate, employee, none, unknown (default: inferred from the text)",
    )
    check.add_argument("--brand", help="the brand's name or handle, to recognise it in the caption")
    check.add_argument("--jsonl", action="store_true", help="read one JSON object per line from stdin")
    check.set_defaults(func=run_check_command)


def run_check_command(args: argparse.Namespace) -> int:
    """The CLI entry point: real stdin and stdout, read and written as UTF-8."""
    for stream in (sys.stdin, sys.stdout):
        if stream in (sys.__stdin__, sys.__stdout__) and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace" if stream is sys.stdin else "strict")
    return run_check(args, sys.stdin, sys.stdout)


def run_check(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """What `disclosure check` does, on any pair of text streams (the bench and tests pass files)."""
    given = _given(vars(args))
    ascii_only = _needs_ascii(stdout)
    code = 0
    if getattr(args, "jsonl", False):
        for result in check_jsonl(read_lines(stdin), given):
            stdout.write(_dumps(result, ascii_only) + "\n")
    else:
        # the caption, its line ending, and one character more to tell a longer one: never the whole of stdin
        text = stdin.read(MAX_CAPTION_CHARS + 3).rstrip("\r\n")
        try:
            ensure_checkable(text)
            result = check_caption(CheckRequest(text=text, **given)).as_json()
        except CaptionTooLong:
            result, code = {"error": str(CaptionTooLong(None))}, 1
        stdout.write(json.dumps(result, ensure_ascii=ascii_only) + "\n")
    stdout.flush()
    return code


def read_lines(stream: TextIO, limit: int = MAX_LINE_CHARS) -> Iterator[str | None]:
    """The lines of `stream`, each read with a size limit; None for a line longer than `limit`, read past."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith("\n"):
            yield line
            continue
        while line and not line.endswith("\n"):  # the rest of the long line, dropped piece by piece
            line = stream.readline(limit)
        yield None


def check_jsonl(lines: Iterable[str | None], given: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One result (or {"error", "line"}) per non-blank input line, in order; `given`: the fields the flags set.

    A None line is one too long to read (see read_lines)."""
    for number, line in enumerate(lines, start=1):
        if line is None:
            problem = (
                f"the line is over {MAX_LINE_CHARS:,} characters, so its caption is too long. {CaptionTooLong(None)}"
            )
            yield {"error": f"line {number}: {problem}", "line": number}
            continue
        if not line.strip():
            continue
        yield check_line(line, number, given)


def _dumps(value: dict[str, Any], ascii_only: bool) -> str:
    """One JSON line: orjson (several times faster), or the standard library, escaping everything outside ASCII,
    where the stream is not UTF-8 or the text holds a lone surrogate (from a "\\ud800" escape in the input)."""
    if not ascii_only:
        try:
            return orjson.dumps(value).decode("utf-8")
        except orjson.JSONEncodeError:  # a lone surrogate cannot be written as UTF-8: escape it ("\\ud800")
            pass
    return json.dumps(value, ensure_ascii=True)


def _loads(line: str) -> Any:
    """orjson's parse; on bad input the standard library's, whose error messages the contract shows."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


def check_line(line: str, number: int, given: dict[str, Any]) -> dict[str, Any]:
    try:
        item = _loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"line {number}: not valid JSON ({exc.msg})", "line": number}
    if not isinstance(item, dict):
        return {"error": f"line {number}: expected a JSON object with a 'text' field", "line": number}
    echo = {"id": item["id"]} if "id" in item else {}
    text = item.get("text")
    if not isinstance(text, str):
        return {"error": f"line {number}: 'text' is required and must be a string", "line": number, **echo}
    try:
        ensure_checkable(text)
    except CaptionTooLong as exc:
        return {"error": f"line {number}: {exc}", "line": number, **echo}
    fields = given | _given(item)
    canonical = _canonical_fields(fields)
    if canonical is not None:  # every option a known spelling: no model to validate
        return {**echo, **check_caption_json(text=text, **canonical)}
    try:
        request = CheckRequest(text=text, **fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return {"error": f"line {number}: {problems}", "line": number, **echo}
    return {**echo, **check_caption_json(request)}


def _canonical_fields(fields: dict[str, Any]) -> dict[str, Any] | None:
    """The request's options as CheckRequest would make them (aliases read, the brand trimmed), or None when
    one is not a known spelling: then CheckRequest itself validates them, and explains what is wrong."""
    canonical: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "brand":
            if not isinstance(value, str):
                return None
            canonical[name] = value.strip().lstrip("@#").strip() or None
            continue
        found = ALIASES[name].get(value.strip().lower()) if isinstance(value, str) else None
        if found is None:
            return None
        canonical[name] = found
    return canonical


def _needs_ascii(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name != "utf-8"
    except LookupError:
        return True


def main(argv: list[str] | None = None) -> int:
    """`python -m bot.disclosure check …` reads as `creatorops disclosure check …`."""
    parser = argparse.ArgumentParser(prog="python -m bot.disclosure")
    register_cli(parser.add_subparsers(metavar="COMMAND"))
    args = parser.parse_args(["disclosure", *(sys.argv[1:] if argv is None else argv)])
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args))
