"""`creatorops vet` on the built-in samples: the text and JSON a person sees in the terminal."""

from __future__ import annotations

import argparse
import json

import pytest

from bot.vetting.cli import register_cli
from tests.vetting.builders import NOW, rule_fake_scorer

NOW_ARG = NOW.isoformat()


def run_cli(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="creatorops")
    register_cli(parser.add_subparsers(), fake_scorer=rule_fake_scorer)
    args = parser.parse_args(argv)
    code = args.func(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_vet_prints_verdict_red_flags_and_rate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli("vet", "@bella_bought_sample", "ask:$800", "--now", NOW_ARG, capsys=capsys)

    assert code == 0
    assert out.startswith("@bella_bought_sample (instagram, micro, 52,310 followers)\nVerdict: AVOID, score 44/100")
    assert "  [FAIL] Follower growth: 2 unexplained spike(s), biggest +10,014 (10,000 above usual)" in out
    assert "      Could also be: A giveaway, a shout-out" in out
    assert "Fair rate: $84-$422 per post" in out
    assert "Ask: $800 is 90 % above the fair range $84-$422" in out
    assert "Data: snapshot, fetched 2026-03-02 09:00 UTC, 1 day ago" in out


def test_vet_several_creators_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli("vet", "tiktok", "@tariq_tiktok_sample", "--json", "--now", NOW_ARG, capsys=capsys)

    assert code == 0
    report = json.loads(out)
    assert (report["handle"], report["verdict"], report["red_flags"]) == ("tariq_tiktok_sample", "recommended", [])


def test_vet_unknown_creator_and_bad_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli("vet", "@nina_nano_sample", "@nobody", "--now", NOW_ARG, capsys=capsys)
    assert code == 1
    assert "Verdict: RECOMMENDED" in out
    assert "creatorops vet: We could not find @nobody on instagram." in err

    code, _, err = run_cli("vet", "@a", "ask:free", capsys=capsys)
    assert code == 2
    assert "Usage: /vet @handle" in err
