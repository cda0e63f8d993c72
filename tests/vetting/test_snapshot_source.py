"""Snapshot folder, JSON and CSV import, and `creatorops import`, with the errors a user would read."""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli.snapshots import register_cli
from bot.sources.errors import CreatorNotFound, InvalidSnapshot, SourceError, SourceUnavailable
from bot.sources.snapshot import SAMPLES_DIR, SnapshotSource, import_file, save_snapshot
from bot.vocabulary import Platform
from tests.vetting.builders import sample

IMPORTED_AT = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)

CSV_HEADER = "handle,platform,followers,following,post_id,posted_at,caption,likes,comments,views,sample_comments\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- SnapshotSource ---------------------------------------------------------------------------------------------


def test_fetch_a_sample_by_handle_case_and_at_insensitive() -> None:
    snapshot = SnapshotSource(SAMPLES_DIR).fetch("@Nina_Nano_Sample", "instagram")

    assert snapshot.profile.handle == "nina_nano_sample"
    assert snapshot.source == "snapshot"
    assert len(snapshot.posts) == 18 and len(snapshot.follower_sample or []) == 200


def test_every_sample_is_listed() -> None:
    available = SnapshotSource(SAMPLES_DIR).available()

    assert len(available) == 9
    assert ("tariq_tiktok_sample", Platform.tiktok) in available


def test_unknown_creator_or_platform_raises_creator_not_found() -> None:
    source = SnapshotSource(SAMPLES_DIR)

    with pytest.raises(CreatorNotFound) as caught:
        source.fetch("nina_nano_sample", Platform.tiktok)
    assert str(caught.value) == (
        "We could not find @nina_nano_sample on tiktok, but @nina_nano_sample is on instagram: "
        "type /vet @nina_nano_sample instagram"
    )
    assert isinstance(caught.value, SourceError)
    with pytest.raises(CreatorNotFound) as unknown:
        source.fetch("nobody_at_all", Platform.tiktok)
    assert str(unknown.value) == (
        "We could not find @nobody_at_all on tiktok. Check the spelling of the handle and the platform "
        "(instagram, tiktok or youtube)."
    )


def test_missing_folder_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable, match="does not exist; import creators with `creatorops import`"):
        SnapshotSource(tmp_path / "nowhere").fetch("x", "instagram")


def test_files_with_any_name_are_found_and_broken_ones_skipped(tmp_path: Path) -> None:
    document = sample("hana_hidden_sample").model_dump(mode="json")
    write(tmp_path, "my creators.json", json.dumps([document]))
    write(tmp_path, "broken.json", "{not json")

    assert SnapshotSource(tmp_path).fetch("hana_hidden_sample", "instagram").profile.followers == 7_930


def test_a_broken_named_file_says_what_is_wrong(tmp_path: Path) -> None:
    write(tmp_path, "instagram_maya.json", '{"profile": {"handle": "maya", "platform": "instagram"}}')

    with pytest.raises(InvalidSnapshot) as caught:
        SnapshotSource(tmp_path).fetch("maya", "instagram")
    assert str(caught.value).startswith("instagram_maya.json: fetched_at: Field required; source: Field required")


def test_a_rewritten_file_is_read_again(tmp_path: Path) -> None:
    document = sample("hana_hidden_sample").model_dump(mode="json")
    path = write(tmp_path, "creators.json", json.dumps(document))
    source = SnapshotSource(tmp_path)
    assert source.fetch("hana_hidden_sample", "instagram").profile.followers == 7_930

    document["profile"]["followers"] = 8_930  # same length, so only the modification time tells them apart
    path.write_text(json.dumps(document), encoding="utf-8")
    modified = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(modified, modified))

    assert source.fetch("hana_hidden_sample", "instagram").profile.followers == 8_930


def test_save_then_fetch_round_trips(tmp_path: Path) -> None:
    original = sample("tariq_tiktok_sample", Platform.tiktok)
    path = save_snapshot(original, tmp_path / "store")

    assert path.name == "tiktok_tariq_tiktok_sample.json"
    assert SnapshotSource(tmp_path / "store").fetch("tariq_tiktok_sample", "tiktok") == original


# --- import: JSON -----------------------------------------------------------------------------------------------


def test_import_json_document_or_list_filling_source_and_time(tmp_path: Path) -> None:
    document = {"profile": {"handle": "maya", "platform": "tiktok", "followers": 1200}, "posts": []}
    one = import_file(write(tmp_path, "one.json", json.dumps(document)), now=IMPORTED_AT)
    many = import_file(write(tmp_path, "many.json", json.dumps([document, document])), now=IMPORTED_AT)

    assert [s.profile.handle for s in one] == ["maya"]
    assert one[0].source == "import" and one[0].fetched_at == IMPORTED_AT
    assert len(many) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{oops", "bad.json: not valid JSON (line 1, column 2"),
        ("[1]", "bad.json, creator 1: expected an object with profile, posts, fetched_at"),
        ('{"profile": {"handle": "m"}}', "bad.json: profile.platform: Field required"),
        ('{"profile": {"handle": "m", "platform": "myspace"}}', "bad.json: profile.platform: Input should be"),
        (
            '{"profile": {"handle": "m", "platform": "tiktok", "followers": "many"}}',
            "bad.json: profile.followers: Input should be a valid integer",
        ),
    ],
)
def test_import_json_errors_name_the_place(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidSnapshot) as caught:
        import_file(write(tmp_path, "bad.json", text))

    assert str(caught.value).startswith(message)


def test_import_rejects_missing_files_and_other_formats(tmp_path: Path) -> None:
    with pytest.raises(InvalidSnapshot, match="does not exist"):
        import_file(tmp_path / "nope.csv")
    with pytest.raises(InvalidSnapshot, match=r"creators.xlsx: import reads .json or .csv files"):
        import_file(write(tmp_path, "creators.xlsx", "x"))


# --- import: CSV ------------------------------------------------------------------------------------------------


def test_import_csv_one_row_per_post(tmp_path: Path) -> None:
    text = CSV_HEADER + (
        '@maya,instagram,"12,400",300,p1,2026-03-20T18:00:00Z,Banana bread #ad,410,12,,'
        '"@ana: so good | Saving this!"\n'
        "maya,instagram,,,p2,2026-03-17,Sourdough,,9,,\n"
        "leo,tiktok,1.2k,,v1,2026-03-25 10:30,Kettle pasta,300,4,2.5k,\n"
    )
    creators = {s.profile.handle: s for s in import_file(write(tmp_path, "posts.csv", text), now=IMPORTED_AT)}

    maya, leo = creators["maya"], creators["leo"]
    assert (maya.profile.followers, maya.profile.following) == (12_400, 300)
    assert [p.id for p in maya.posts] == ["p1", "p2"]
    assert maya.posts[0].sample_comments[0].username == "ana"
    assert maya.posts[0].sample_comments[1].text == "Saving this!"
    assert maya.posts[1].likes is None  # an empty cell is hidden, not zero
    assert maya.posts[1].posted_at == datetime(2026, 3, 17, tzinfo=UTC)
    assert (leo.profile.platform, leo.profile.followers, leo.posts[0].views) == (Platform.tiktok, 1_200, 2_500)
    assert maya.fetched_at == IMPORTED_AT and maya.source == "import"


def test_import_csv_profile_only_row_and_fetched_at_column(tmp_path: Path) -> None:
    text = "handle,platform,followers,is_private,fetched_at\npriv,instagram,900,yes,2026-03-01T08:00:00+01:00\n"
    (creator,) = import_file(write(tmp_path, "p.csv", text))

    assert creator.profile.is_private and creator.posts == []
    assert creator.fetched_at == datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "maya,instagram,100,,p1,2026-03-01,x,12a,1,,\n",
            "c.csv line 2, column likes: '12a' is not a count (write 1234, 1,234 or 1.2k; leave it empty if hidden).",
        ),
        (
            "maya,myspace,100,,p1,2026-03-01,x,1,1,,\n",
            "c.csv line 2, column platform: 'myspace' is not instagram, tiktok or youtube.",
        ),
        (",instagram,100,,p1,2026-03-01,x,1,1,,\n", "c.csv line 2, column handle: empty."),
        ("maya,instagram,100,,p1,yesterday,x,1,1,,\n", "c.csv line 2, column posted_at: 'yesterday' is not a date"),
        ("maya,instagram,100,,p1,,x,1,1,,\n", "c.csv line 2, column posted_at: every post needs the time"),
        ("maya,instagram,100,,,,caption only,1,1,,\n", "c.csv line 2: a post needs a post_id."),
        (
            "maya,instagram,100,,p1,2026-03-01,x,1,1,,\nmaya,instagram,100,,p1,2026-03-02,y,1,1,,\n",
            "c.csv line 3: post p1 of @maya already on line 2.",
        ),
        (
            "maya,instagram,100,,p1,2026-03-01,x,1,1,,\nmaya,instagram,200,,p2,2026-03-02,y,1,1,,\n",
            "c.csv line 3, column followers: 200 differs from 100 on line 2 for @maya",
        ),
        ("", "c.csv: no rows after the header."),
    ],
)
def test_import_csv_errors_name_line_and_column(tmp_path: Path, rows: str, message: str) -> None:
    with pytest.raises(InvalidSnapshot) as caught:
        import_file(write(tmp_path, "c.csv", CSV_HEADER + rows))

    assert str(caught.value).startswith(message)


def test_import_csv_without_required_columns(tmp_path: Path) -> None:
    with pytest.raises(InvalidSnapshot, match=r"c.csv: missing column\(s\) platform; the first line must name"):
        import_file(write(tmp_path, "c.csv", "handle,likes\nmaya,3\n"))


# --- creatorops import ------------------------------------------------------------------------------------------


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="creatorops")
    register_cli(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_import_writes_snapshots_a_source_can_serve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = write(tmp_path, "c.csv", CSV_HEADER + "maya,instagram,100,,p1,2026-03-01,x,1,1,,\n")
    store = tmp_path / "store"

    assert run_cli("import", str(csv_file), "--into", str(store)) == 0

    out = capsys.readouterr().out
    assert f"@maya (instagram): 1 post, saved to {store / 'instagram_maya.json'}" in out
    assert out.strip().endswith("1 creator imported.")
    assert SnapshotSource(store).fetch("maya", "instagram").posts[0].id == "p1"


def test_cli_import_check_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = write(tmp_path, "c.csv", CSV_HEADER + "maya,instagram,100,,p1,2026-03-01,x,1,1,,\n")

    assert run_cli("import", str(csv_file), "--check", "--into", str(tmp_path / "store")) == 0
    assert "1 creator valid." in capsys.readouterr().out
    assert not (tmp_path / "store").exists()


def test_cli_import_reports_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "c.csv", CSV_HEADER + "maya,instagram,lots,,p1,2026-03-01,x,1,1,,\n")

    assert run_cli("import", str(bad)) == 1
    assert capsys.readouterr().err.startswith("creatorops import: c.csv line 2, column followers: 'lots'")


def test_a_handle_cannot_write_outside_the_snapshot_folder(tmp_path: Path) -> None:
    evil = sample("priya_private_sample").model_copy(deep=True)
    evil.profile.handle = "../../evil"
    path = save_snapshot(evil, tmp_path / "store")

    assert path.parent == tmp_path / "store"
    assert path.name == "instagram_.._.._evil.json"
    assert SnapshotSource(tmp_path / "store").fetch("../../evil", "instagram").profile.handle == "../../evil"


def test_cli_import_without_into_writes_where_vet_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`creatorops import` with no --into saves into SNAPSHOT_DIR, the folder /vet and `creatorops vet` read."""
    csv_file = write(tmp_path, "c.csv", CSV_HEADER + "maya,instagram,100,,p1,2026-03-01,x,1,1,,\n")
    team_dir = tmp_path / "team-snapshots"
    monkeypatch.setenv("SNAPSHOT_DIR", str(team_dir))
    monkeypatch.chdir(tmp_path)

    assert run_cli("import", str(csv_file)) == 0

    assert f"saved to {team_dir / 'instagram_maya.json'}" in capsys.readouterr().out
    assert SnapshotSource(team_dir).fetch("maya", "instagram").posts[0].id == "p1"
    assert not (tmp_path / "snapshots").exists()
