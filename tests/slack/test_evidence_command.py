"""/campaign evidence over real HTTP: the ack says it is coming, the files go to the campaign's channel through
Slack's upload flow (the stand-in holds it to Slack's rules), only for the campaign's people; and the console shows
the files and lets the user read them."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from bot.config import Settings
from bot.localslack.console import LocalSlack
from bot.localslack.standin import Fault
from bot.services.sample_campaign import seed_sample_campaign

SAMPLE_FILES = [
    "evidence-glow-sample-nina-nano-sample-instagram.md",
    "evidence-glow-sample-marco-micro-sample-instagram.md",
    "evidence-glow-sample-yara-youtube-sample-youtube.md",
    "evidence-glow-sample-tariq-tiktok-sample-tiktok.md",
]


@pytest.fixture
def sample(slack):
    seed_sample_campaign(
        slack.services.uow(),
        slack.team_id,
        channel_id=slack.channel_id,
        owner_user_id=slack.user_id,
        now=datetime(2026, 11, 30, 12, tzinfo=UTC),
    )
    return slack


def test_the_pack_is_uploaded_to_the_campaigns_channel_one_file_per_creator(sample) -> None:
    ack = sample.command("/campaign", "evidence glow")
    assert ack.json()["text"] == "Preparing the evidence pack…"
    [shared] = sample.wait_for("files.completeUploadExternal", timeout=10)
    assert shared.answer["ok"], shared.answer
    assert shared.params["channel_id"] == sample.channel_id
    assert "Evidence pack for Glow Sample, asked for by <@U0ALICE>" in shared.params["initial_comment"]
    asked = sample.standin.calls_to("files.getUploadURLExternal")
    uploads = sample.standin.calls_to("upload")
    assert [c.params["filename"] for c in asked] == SAMPLE_FILES
    assert [c.status for c in uploads] == [200] * 4
    assert [f.name for f in sample.standin.files] == SAMPLE_FILES
    marco = sample.standin.files[1].data.decode("utf-8")
    assert marco.startswith("# Evidence pack: Glow Sample — @marco_micro_sample (instagram)")
    assert "- **Live post:** https://www.instagram.com/reel/MARCOq1/" in marco and "## Payments" in marco
    [message] = [m for m in sample.standin.messages[sample.channel_id] if m.get("files")]
    assert [f["name"] for f in message["files"]] == SAMPLE_FILES  # one message, all the files
    assert not sample.standin.calls_to("response_url")  # asked from the channel: the files are the answer


def test_one_creator_and_asked_from_elsewhere_by_the_owner(sample) -> None:
    sample.channel_id = "D0ALICE"
    sample.command("/campaign", "evidence glow @Tariq_TikTok_Sample")
    [told] = sample.wait_for("response_url", timeout=10)
    assert told.params["text"] == "Shared the evidence pack of Glow Sample (1 file(s)) in <#C0CAMPAIGNS>."
    assert [f.name for f in sample.standin.files] == [SAMPLE_FILES[3]]
    assert sample.standin.files[0].channels == ("C0CAMPAIGNS",)


def test_someone_outside_the_campaign_gets_nothing(sample) -> None:
    sample.channel_id = "D0STRANGER"
    sample.command("/campaign", "evidence glow", user_id="U0STRANGER")
    [refused] = sample.wait_for("response_url", timeout=10)
    assert refused.params["text"] == (
        "To get its evidence pack, work from the campaign's channel <#C0CAMPAIGNS> (or ask its owner or an approver)."
    )
    assert not sample.standin.calls_to("files.getUploadURLExternal") and not sample.standin.files


def test_a_public_channel_without_the_bot_is_joined_and_a_private_one_gets_a_dm(sample) -> None:
    sample.standin.add_channel(sample.channel_id, bot_member=False)
    sample.command("/campaign", "evidence glow @nina_nano_sample")
    sample.wait_for("files.completeUploadExternal", lambda c: c.answer.get("ok"), timeout=10)
    refused = sample.standin.calls_to("files.completeUploadExternal")[0]
    assert refused.answer == {"ok": False, "error": "not_in_channel"}  # chat:write.public does not cover files
    assert sample.standin.calls_to("conversations.join")[0].params["channel"] == sample.channel_id
    assert sample.standin.files[0].channels == (sample.channel_id,)

    sample.standin.add_channel(sample.channel_id, private=True, bot_member=False)
    sample.command("/campaign", "evidence glow @nina_nano_sample")
    [told] = sample.wait_for("response_url", timeout=10)
    assert (
        "I could not share files in <#C0CAMPAIGNS>, so I sent the 1 file(s) to you in a direct message"
        in (told.params["text"])
    )
    assert "/invite @CreatorOps" in told.params["text"]
    assert sample.standin.files[-1].channels == ("D0ALICE",) and sample.standin.files[-1].name == SAMPLE_FILES[0]


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("evidence", "Which campaign? `/campaign evidence <name> [@handle] [pdf]`"),
        ("evidence autumn", "No campaign matches 'autumn'. Campaigns: Glow Sample."),
        ("evidence glow @zed", "@zed is not on Glow Sample. Creators: @nina_nano_sample (instagram)"),
    ],
)
def test_mistakes_say_what_to_type(sample, typed: str, answer: str) -> None:
    ack = sample.command("/campaign", typed).json()["text"]
    if answer in ack:
        return
    [told] = sample.wait_for("response_url", timeout=10)
    assert answer in told.params["text"]


@contextmanager
def console(tmp_path) -> Iterator[LocalSlack]:
    """The console on the sample campaign, on a clock of its own."""
    local = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}"),
        clock=lambda: datetime(2026, 11, 30, 12, tzinfo=UTC),
        sample_campaign=True,
    )
    local.start()
    try:
        yield local
    finally:
        local.stop()


def test_in_the_console_the_upload_shows_and_the_file_can_be_read(tmp_path) -> None:
    with console(tmp_path) as local:
        shown = local.run("/campaign evidence glow @yara_youtube_sample")
        assert "Preparing the evidence pack…" in shown
        assert "#campaigns  CreatorOps: Evidence pack for Glow Sample (@yara_youtube_sample)" in shown
        size = len(local.standin.files[0].data)
        assert f"uploaded file {SAMPLE_FILES[2]} ({size:,} bytes): type `files 1` to read it" in shown
        assert local.run("files") == f"Files the app shared:\n  1. {SAMPLE_FILES[2]} ({size:,} bytes)"
        read = local.run("files 1")
        assert read.startswith(f"--- {SAMPLE_FILES[2]} ({size:,} bytes) ---\n# Evidence pack: Glow Sample — @yara")
        assert "There is no file '7'" in local.run("files 7")


def test_an_install_without_files_write_is_told_how_to_get_it(sample) -> None:
    sample.standin.inject("files.getUploadURLExternal", Fault(error="missing_scope"))
    sample.command("/campaign", "evidence glow")
    [told] = sample.wait_for("response_url", timeout=10)
    assert "CreatorOps needs its new *files:write* permission" in told.params["text"]
    assert "`creatorops evidence <name>`" in told.params["text"] and not sample.standin.files


def test_pdf_the_pack_is_one_pdf_per_creator_uploaded_to_the_channel(sample) -> None:
    sample.command("/campaign", "evidence glow @Marco_Micro_Sample pdf")
    [shared] = sample.wait_for("files.completeUploadExternal", timeout=20)
    assert shared.answer["ok"], shared.answer
    assert shared.params["channel_id"] == sample.channel_id
    assert shared.params["initial_comment"] == (
        "Evidence pack for Glow Sample (@Marco_Micro_Sample), asked for by <@U0ALICE>: one PDF per creator."
    )
    [asked] = sample.standin.calls_to("files.getUploadURLExternal")
    [pdf] = sample.standin.files
    assert asked.params["filename"] == pdf.name == "evidence-glow-sample-marco-micro-sample-instagram.pdf"
    assert int(asked.params["length"]) == pdf.size and pdf.data.startswith(b"%PDF-")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages).split())
    assert "Evidence pack: Glow Sample — @marco_micro_sample (instagram)" in text
    assert "Live post: https://www.instagram.com/reel/MARCOq1/" in text and "Payments" in text


def test_in_the_console_a_shared_pdf_can_be_saved(tmp_path) -> None:
    with console(tmp_path) as local:
        shown = local.run("/campaign evidence glow pdf @yara_youtube_sample")
        name = "evidence-glow-sample-yara-youtube-sample-youtube.pdf"
        [pdf] = local.standin.files
        assert f"uploaded file {name} ({pdf.size:,} bytes): type `files 1 save PATH` to save it" in shown
        assert local.run("files 1") == (
            f"{name} is a PDF ({pdf.size:,} bytes): type `files 1 save PATH` to save it, then open it with any PDF "
            "reader."
        )
        assert local.run(f"files 1 save {tmp_path}") == f"Saved {name} ({pdf.size:,} bytes) as {tmp_path / name}."
        assert (tmp_path / name).read_bytes() == pdf.data
        assert (
            local.run(f"files 1 save {tmp_path / name}")
            == f"{tmp_path / name} already exists: give another name, or delete it first."
        )
        assert local.run(f"files 1 save {tmp_path / 'pack.pdf'}").startswith("Saved ")
        assert (tmp_path / "pack.pdf").read_bytes() == pdf.data
        assert local.run(f"files 1 save {tmp_path / 'nowhere' / 'x.pdf'}").startswith("There is no folder ")
        assert (
            local.run("files 1 keep")
            == "To save it, type `files 1 save PATH` (a file name, or a folder to save it into)."
        )
