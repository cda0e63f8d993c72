"""`creatorops campaign new|edit --review-sla`: the business days a campaign's approvers have to review a draft."""

from __future__ import annotations

from bot.cli.local import LOCAL_TEAM
from storage import campaigns as campaign_store
from tests.databases import stored
from tests.results.test_campaign_setup_cli import cli_services, run

__all__ = ["cli_services"]  # the fixture


def test_a_review_sla_is_set_when_created_and_changed_later(capsys, cli_services):
    code, out, err = run(
        capsys, "campaign", "new", "Glow Week", "--tz", "Europe/London", "--start", "2026-12-01", "--end",
        "2026-12-31", "--review-sla", "3",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip().endswith(
        "orders attributed until 30 days after the end, drafts reviewed within 3 business days."
    )

    code, out, err = run(capsys, "campaign", "edit", "glow", "--review-sla", "1")
    assert (code, out, err) == (0, "Changed Glow Week: review SLA 3 business days → 1 business day.\n", "")
    code, out, _ = run(capsys, "campaign", "edit", "glow", "--review-sla", "1")
    assert out == "Glow Week is as it was: drafts are reviewed within 1 business day.\n"
    campaign = stored(cli_services.engine, campaign_store.find_campaign, LOCAL_TEAM, "glow")
    assert campaign is not None and campaign.review_sla_days == 1


def test_a_review_sla_that_is_no_number_of_business_days_says_what_to_type(capsys, cli_services):
    run(capsys, "campaign", "new", "Glow Week", "--start", "2026-12-01", "--end", "2026-12-31")
    for typed in ("0", "21", "two"):
        try:
            code = run(capsys, "campaign", "edit", "glow", "--review-sla", typed)[0]
        except SystemExit as exit:  # argparse refuses it before anything runs
            code = int(exit.code or 0)
        assert code == 2
        err = capsys.readouterr().err
        assert f"'{typed}' is not a review SLA; write business days from 1 to 20, like 2" in err


def test_only_the_owner_or_an_approver_changes_the_review_sla(capsys, cli_services):
    run(capsys, "campaign", "new", "Glow Week", "--start", "2026-12-01", "--end", "2026-12-31")
    code, out, err = run(capsys, "campaign", "edit", "glow", "--review-sla", "4", "--user", "U0SOMEONE")
    assert (code, out) == (2, "")
    assert err == "creatorops campaign: Only the campaign's owner and approvers can edit Glow Week.\n"
