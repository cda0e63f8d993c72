"""`creatorops campaign digest NAME ["monday 09:00"|off|none]` and `campaign new --digest`: when results digests go."""

from __future__ import annotations

import pytest

from bot.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_campaign_made_in_the_terminal_gets_its_digests_and_they_can_be_moved(capsys, offline_cli):
    code, _, err = run(
        capsys, "campaign", "new", "Glow Week", "--tz", "Europe/London", "--start", "2030-12-02", "--end",
        "2030-12-31", "--digest", "off",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "campaign", "digest", "glow")
    assert out.strip() == (
        "Results digests of Glow Week go out only as a final report after the end, with no weekly digest "
        "(Europe/London); "
        "next: the final report on Wed 1 Jan 2031 at 09:00."
    )
    code, out, _ = run(capsys, "campaign", "digest", "glow", "thu 16:00")
    assert out.strip() == (
        "Results digests of Glow Week now go out every Thursday at 16:00, and a final report after the end "
        "(Europe/London); next: the weekly digest on Thu 5 Dec 2030 at 16:00."
    )


def test_a_schedule_that_cannot_be_read_says_what_to_type(capsys, offline_cli):
    code, _, err = run(capsys, "campaign", "new", "Glow", "--start", "2030-12-02", "--end", "2030-12-31")
    assert code == 0, err
    code, _, err = run(capsys, "campaign", "digest", "glow", "mon 9am")
    assert code == 2
    assert "'9am' is not a time of day; write it like 09:00 or 17:30" in err
