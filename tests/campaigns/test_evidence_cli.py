"""`creatorops evidence NAME [@handle] [--out DIR] [--format pdf]` as a new user runs it: one Markdown (or PDF) file
per creator."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.cli import main

NOW = "2026-10-30T12:00:00Z"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def campaign(capsys, offline_cli: Path) -> Path:
    cli(capsys, "campaign", "new", "Hand Cream", "--budget", "2000", "--tz", "UTC", "--start", "2026-11-01",
        "--end", "2026-11-10")  # fmt: skip
    add = ("campaign", "add", "hand", "--due", "2026-11-08", "--now", NOW)
    assert cli(capsys, *add, "@ana", "--platform", "instagram", "--fee", "500")[0] == 0
    assert cli(capsys, *add, "@ben_b", "--platform", "youtube", "--kind", "video", "--fee", "300")[0] == 0
    assert cli(capsys, "campaign", "pay", "hand", "@ana", "250", "--on", "2026-11-02")[0] == 0
    return offline_cli


def test_one_file_per_creator_is_written_into_the_folder(capsys, campaign: Path) -> None:
    code, out, err = cli(capsys, "evidence", "hand", "--out", "packs")
    assert code == 0, err
    written = sorted(p.name for p in (campaign / "packs").iterdir())
    assert written == ["evidence-hand-cream-ana-instagram.md", "evidence-hand-cream-ben-b-youtube.md"]
    assert f"wrote packs/{written[0]} (" in out and " bytes)" in out
    ana = (campaign / "packs" / written[0]).read_text(encoding="utf-8")
    assert ana.startswith("# Evidence pack: Hand Cream — @ana (instagram)")
    assert "- 2026-11-02: 250.00 USD (recorded by" in ana
    assert "### Deliverable 1: a post — invited" in ana and "- **Due:** end of 2026-11-08\n" in ana
    ben = (campaign / "packs" / written[1]).read_text(encoding="utf-8")
    assert "No payments recorded." in ben and "Not vetted with /vet in this workspace." in ben


def test_one_creator_only_and_mistakes_say_what_to_type(capsys, campaign: Path) -> None:
    code, out, _ = cli(capsys, "evidence", "hand", "@BEN_B")
    assert code == 0 and [p.name for p in campaign.glob("evidence-*.md")] == ["evidence-hand-cream-ben-b-youtube.md"]
    code, _, err = cli(capsys, "evidence", "hand", "@zed")
    assert code == 2 and "@zed is not on Hand Cream. Creators: @ana (instagram), @ben_b (youtube)." in err
    (campaign / "taken").write_text("")
    code, _, err = cli(capsys, "evidence", "hand", "--out", "taken")
    assert code == 2 and "taken is a file; give --out a folder" in err
    code, _, err = cli(capsys, "evidence", "autumn")
    assert code == 2 and "No campaign matches 'autumn'" in err


def test_format_pdf_writes_one_pdf_per_creator_that_a_reader_can_read(capsys, campaign: Path) -> None:
    code, out, err = cli(capsys, "evidence", "hand", "--format", "pdf", "--out", "pdfs")
    assert code == 0, err
    written = sorted(p.name for p in (campaign / "pdfs").iterdir())
    assert written == ["evidence-hand-cream-ana-instagram.pdf", "evidence-hand-cream-ben-b-youtube.pdf"]
    assert f"wrote pdfs/{written[0]} (" in out
    ana = " ".join(page.extract_text() for page in PdfReader(campaign / "pdfs" / written[0]).pages)
    ana = " ".join(ana.split())
    assert "Evidence pack: Hand Cream — @ana (instagram)" in ana
    assert "Deliverable 1: a post — invited" in ana and "Due: end of 2026-11-08" in ana
    assert "2026-11-02: 250.00 USD (recorded by" in ana
    with pytest.raises(SystemExit) as refused:
        cli(capsys, "evidence", "hand", "--format", "docx")
    assert refused.value.code == 2 and "invalid choice: 'docx' (choose from 'md', 'pdf')" in capsys.readouterr().err
