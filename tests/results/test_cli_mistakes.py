"""Mistakes a new user makes at the terminal: each gets one sentence saying what to type, exit status 2, and never
a traceback; and a budget typed in euros or pounds is planned and booked in that currency, not in dollars."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_budget_of_nothing_is_refused_in_words(capsys, offline_cli: Path) -> None:
    code, out, err = run(capsys, "plan", "0")
    assert (code, out) == (2, "")
    assert err == "creatorops plan: the budget must be above 0, e.g. creatorops plan 5000\n"


@pytest.mark.parametrize(
    ("argv", "first_line"),
    [
        (("plan", "€4000"), "€4,000 on instagram: one micro creator or 10 nano?"),
        (("plan", "£300", "--platform", "tiktok"), "£300 on tiktok: one micro creator or 10 nano?"),
        (("plan", "2500", "--currency", "cad"), "2,500 CAD on instagram: one micro creator or 10 nano?"),
        (("plan", "$5,000"), "$5,000 on instagram: one micro creator or 10 nano?"),
    ],
)
def test_the_planner_plans_in_the_currency_typed(
    capsys, offline_cli: Path, argv: tuple[str, ...], first_line: str
) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.splitlines()[0] == first_line


def test_a_symbol_and_a_currency_that_disagree_are_refused(capsys, offline_cli: Path) -> None:
    code, _, err = run(capsys, "plan", "€4000", "--currency", "USD")
    assert code == 2
    assert "the budget is written in EUR but --currency is USD; give one currency" in err


def test_a_campaign_budget_in_pounds_is_booked_in_pounds(capsys, offline_cli: Path) -> None:
    code, out, _ = run(capsys, "campaign", "new", "Tea", "--budget", "£5,000", "--start", "2026-12-01",
                       "--end", "2026-12-31")  # fmt: skip
    assert code == 0
    assert "budget 5,000.00 GBP" in out


def test_a_report_csv_that_cannot_be_written_says_so(capsys, offline_cli: Path) -> None:
    run(capsys, "campaign", "new", "Tea", "--start", "2026-12-01", "--end", "2026-12-31")
    code, _, err = run(capsys, "report", "tea", "--csv", str(offline_cli / "no such folder" / "tea.csv"))
    assert code == 2
    assert err.startswith("creatorops report: cannot write ")
    assert "(No such file or directory); give a file in a folder you can write to" in err


@pytest.mark.parametrize(
    ("group", "action_help"), [("metrics", "import a post results CSV"), ("campaign", "record a payment")]
)
def test_a_group_without_its_action_shows_its_own_actions(
    capsys, offline_cli: Path, group: str, action_help: str
) -> None:
    code, _, err = run(capsys, group)
    assert code == 2
    assert err.startswith(f"usage: creatorops {group} [-h] ACTION ...")
    assert action_help in err
    assert "serve Slack over HTTP" not in err


def test_a_campaign_that_ends_before_it_starts_is_told_so_plainly(capsys, offline_cli: Path) -> None:
    code, _, err = run(capsys, "campaign", "new", "Tea", "--start", "2026-12-01", "--end", "2026-11-02")
    assert code == 2
    assert err == "creatorops campaign: the campaign ends (2026-11-02) before it starts (2026-12-01)\n"


def test_a_fee_or_payment_in_another_currency_is_refused_not_booked_as_dollars(capsys, offline_cli: Path) -> None:
    args = ("--tz", "UTC", "--start", "2030-01-01", "--end", "2030-01-31")
    assert run(capsys, "campaign", "new", "Dollar Spring", "--budget", "5000", *args)[0] == 0
    add = (
        "campaign",
        "add",
        "Dollar Spring",
        "@mia",
        "--platform",
        "instagram",
        "--kind",
        "reel",
        "--due",
        "2030-01-20",
    )
    code, out, err = run(capsys, *add, "--fee", "€400")
    assert (code, out) == (2, "")
    assert "the fee is written in EUR but the campaign is in USD; give it in USD (amounts are never converted)" in err
    assert run(capsys, *add, "--fee", "$400")[0] == 0
    code, _, err = run(capsys, "campaign", "pay", "Dollar Spring", "@mia", "£100")
    assert code == 2 and "the payment is written in GBP but the campaign is in USD" in err
    code, out, _ = run(capsys, "campaign", "pay", "Dollar Spring", "@mia", "100")
    assert code == 0 and out.startswith("Recorded 100.00 USD paid to @mia")


def test_a_currency_a_campaign_cannot_be_in_is_refused(capsys, offline_cli: Path) -> None:
    code, out, err = run(capsys, "campaign", "new", "Odd", "--currency", "XYZ", "--start", "2030-01-01",
                         "--end", "2030-01-31")  # fmt: skip
    assert (code, out) == (2, "")
    assert "'XYZ' is not a currency a campaign can be in; pick one of USD, EUR, GBP, CAD, AUD." in err


def test_a_report_over_budget_says_so_as_the_board_does(capsys, offline_cli: Path) -> None:
    run(capsys, "campaign", "new", "Tiny", "--budget", "100", "--start", "2030-01-01", "--end", "2030-01-31")
    add = ("campaign", "add", "Tiny", "@mia", "--platform", "instagram", "--kind", "reel", "--due", "2030-01-20")
    assert run(capsys, *add, "--fee", "400")[0] == 0
    code, out, _ = run(capsys, "report", "Tiny")
    assert code == 0
    assert "  Spend: $400 of $100\n  Paid: $0\n  Over budget: by $300\n" in out


@pytest.mark.parametrize(
    "argv",
    [
        ("plan", "$1e309"),
        ("plan", "99999999999999999999"),
        ("campaign", "new", "Tea", "--budget", "1e20", "--start", "2026-12-01", "--end", "2026-12-31"),
    ],
)
def test_an_amount_too_big_to_keep_is_refused_in_words_not_a_traceback(
    capsys, offline_cli: Path, argv: tuple[str, ...]
) -> None:
    with pytest.raises(SystemExit) as stopped:  # argparse refuses the argument
        main(list(argv))
    err = capsys.readouterr().err

    assert stopped.value.code == 2
    assert "is more than 999,999,999,999.99; write it like 5000 or 400.50" in err
    assert "Traceback" not in err and "validation error" not in err
