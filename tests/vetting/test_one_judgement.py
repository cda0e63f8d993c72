"""One disclosure judgement: /vet's "sponsored posts clearly disclosed" and `/disclosure check` give the same
verdict for the same caption, because /vet asks the checker (bot.vetting.caption_judgement).

The three captions of issue 13, under US, UK and EU rules:
- "Thanks @kettleco for sending this over!": a gift (a material connection), not clearly disclosed;
- "Kickhaus haul, thanks for the gift": a gift too, so a disclosure is needed (never "not needed");
- "This helps prevent acne": no "PR" read into "prevent", so nothing to disclose.
"""

from __future__ import annotations

import io
import json

import pytest

from bot.cli import main
from bot.vetting.caption_judgement import judge_caption
from bot.vetting.report import vet
from bot.vetting.signal import Signal
from bot.vetting.sponsored import looks_sponsored
from bot.vocabulary import Jurisdiction, Platform
from tests.vetting.builders import NOW, post, snapshot

THANKS = "Thanks @kettleco for sending this over!"
HAUL = "Kickhaus haul, thanks for the gift"
PREVENT = "This helps prevent acne"
JURISDICTIONS = ["US", "UK", "EU"]


def disclosure_cli(caption: str, jurisdiction: str, monkeypatch, capsys) -> dict:
    monkeypatch.setattr("sys.stdin", io.StringIO(caption + "\n"))
    assert main(["disclosure", "check", "--jurisdiction", jurisdiction]) == 0
    return json.loads(capsys.readouterr().out)


def disclosure_signal(captions: list[str], jurisdiction: str) -> Signal:
    posts = [post(i, caption=caption) for i, caption in enumerate(captions)]
    report = vet(snapshot(posts=posts), now=NOW, jurisdiction=jurisdiction)
    return next(s for s in report.signals if s.key == "disclosure")


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_thank_you_for_sending_it_over_is_a_gift_that_needs_a_disclosure_in_both(
    jurisdiction, monkeypatch, capsys
) -> None:
    checked = disclosure_cli(THANKS, jurisdiction, monkeypatch, capsys)
    assert checked["connection"] == "gift" and checked["connection_inferred"] is True
    assert checked["verdict"] == "needs_work"
    assert checked["fixed_caption"].startswith("#ad")
    assert any("'sending this over'" in f["message"] for f in checked["findings"])

    signal = disclosure_signal([THANKS, "Morning walk"], jurisdiction)
    assert signal.display == "0 of 1 sponsored-looking post clearly disclosed (0 %)"
    assert f"“{THANKS}”" in signal.evidence and "a weak disclosure" in signal.evidence


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_thanks_for_the_gift_is_a_material_connection_in_both(jurisdiction, monkeypatch, capsys) -> None:
    checked = disclosure_cli(HAUL, jurisdiction, monkeypatch, capsys)
    assert checked["verdict"] != "not_needed"
    assert checked["connection"] == "gift"
    assert "thanks for the gift" in " ".join(f["message"] for f in checked["findings"])

    signal = disclosure_signal([HAUL, "#ad Kickhaus serum, week one"], jurisdiction)
    assert signal.display == "1 of 2 sponsored-looking posts clearly disclosed (50 %)"
    assert f"“{HAUL}”" in signal.evidence


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_prevent_is_no_pr_in_either(jurisdiction, monkeypatch, capsys) -> None:
    checked = disclosure_cli(PREVENT, jurisdiction, monkeypatch, capsys)
    assert checked["verdict"] == "not_needed" and checked["connection"] == "none"
    assert [f["rule_id"] for f in checked["findings"]] == ["connection.not_found"]

    signal = disclosure_signal([PREVENT, "Morning walk"], jurisdiction)
    assert signal.evidence == "No sponsored-looking posts among the 2 recent posts, so nothing to disclose"


@pytest.mark.parametrize(
    "caption",
    [THANKS, HAUL, PREVENT, "#ad Kickhaus serum", "I work at GlowCo and this is our new serum", "#sp love it"],
)
@pytest.mark.parametrize("jurisdiction", list(Jurisdiction))
def test_vet_and_the_checker_agree_on_every_caption(caption, jurisdiction, monkeypatch, capsys) -> None:
    checked = disclosure_cli(caption, jurisdiction.value, monkeypatch, capsys)
    judged = judge_caption(caption, Platform.instagram, "image", jurisdiction)
    assert judged.result.verdict.value == checked["verdict"]
    assert judged.sponsored == (checked["verdict"] != "not_needed")
    assert judged.clearly_disclosed == (checked["verdict"] == "compliant")
    assert looks_sponsored(post(0, caption=caption), Platform.instagram, jurisdiction) == judged.sponsored


def test_employment_in_plain_words_is_a_clear_disclosure_where_the_rules_say_so(monkeypatch, capsys) -> None:
    caption = "I work at GlowCo and this is our new serum"
    us = disclosure_cli(caption, "US", monkeypatch, capsys)
    uk = disclosure_cli(caption, "UK", monkeypatch, capsys)
    assert (us["verdict"], us["connection"]) == ("compliant", "employee")
    assert (uk["verdict"], uk["connection"]) == ("needs_work", "employee")  # the ASA wants "Ad" as well
    assert disclosure_signal([caption], "US").display == "1 of 1 sponsored-looking post clearly disclosed (100 %)"


def test_a_post_another_detector_flags_is_judged_as_a_paid_post() -> None:
    posts = [post(0, caption="Morning walk by the lake"), post(1, caption="#ad Kickhaus serum")]
    report = vet(snapshot(posts=posts), now=NOW, sponsored_detector=lambda p: True)
    signal = next(s for s in report.signals if s.key == "disclosure")
    assert signal.display == "1 of 2 sponsored-looking posts clearly disclosed (50 %)"
    assert "Worst, no disclosure on" in signal.evidence and "“Morning walk by the lake”" in signal.evidence
