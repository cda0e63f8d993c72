"""`creatorops draft NAME @handle --caption … [--link …] [--json]`: a version submitted from the terminal, its
check printed in words or as the JSON contract."""

from __future__ import annotations

import json

from tests.results.test_campaign_setup_cli import run


def booked(capsys) -> None:
    for argv in (
        ("campaign", "new", "Glow Week", "--budget", "5000", "--start", "2026-12-01", "--end", "2030-12-31"),
        ("campaign", "add", "glow", "@nina.nano", "--platform", "tiktok", "--kind", "video", "--due", "2030-12-10",
         "--fee", "400"),
    ):  # fmt: skip
        code, _, err = run(capsys, *argv)
        assert code == 0, err


def test_draft_json_is_the_contract_and_a_second_version_is_v2(capsys, offline_cli):
    booked(capsys)
    code, out, err = run(capsys, "draft", "glow", "@Nina.Nano", "--caption", "Obsessed with this serum", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert list(answer) == ["version", "verdict", "findings", "fixed_caption", "label_to_enable"]
    assert (answer["version"], answer["verdict"], answer["label_to_enable"]) == (1, "missing", "Content disclosure")
    assert answer["fixed_caption"] == "#ad Obsessed with this serum"
    assert {"rule_id", "severity", "message"} <= set(answer["findings"][0])

    code, out, err = run(
        capsys, "draft", "glow", "@nina.nano", "--caption", "#ad Obsessed with this serum",
        "--link", "https://drive.example.com/v2.mp4",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[0] == "Draft v2 of @nina.nano's video for Glow Week: disclosure needs work."
    assert "Switch on the platform's Content disclosure label when posting." in out


def test_draft_mistakes_say_what_to_type(capsys, offline_cli):
    booked(capsys)
    code, _, err = run(capsys, "draft", "glow", "@nina.nano", "--caption", "hi", "--link", "http://insecure.example")
    assert code == 2 and "The draft's link must be one https:// address" in err
    code, _, err = run(capsys, "draft", "glow", "@mia", "--caption", "hi")
    assert code == 2 and "@mia is not on Glow Week. Creators: @nina.nano (tiktok)." in err
    code, _, err = run(capsys, "draft", "glow", "@nina.nano", "--caption", "x" * 10_001)
    assert code == 2 and "That caption is 10,001 characters; I check up to 10,000" in err
