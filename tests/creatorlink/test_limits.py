"""Uploads (size, type by magic bytes, stored outside the web root under a random name), rate limits per link and
per address, and the live link once the draft is approved."""

from __future__ import annotations

import re
from pathlib import Path

from bot.web import WebConfig, create_web
from bot.web.limits import Limits, Rate, TokenBuckets
from bot.web.uploads import MAX_UPLOAD, sniff
from storage.drafts import draft_history
from tests.creatorlink.test_pages import csrf, deliverables
from tests.databases import stored

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200


def post_file(site, link: str, name: str, content: bytes, caption: str = "#ad the serum", links: str = ""):
    page = site.browser.get(link)
    [deliverable] = deliverables(page)
    answer = site.browser.post(
        f"{link}/draft/{deliverable}",
        data={"csrf": csrf(page), "caption": caption, "links": links},
        files={"file": (name, content, "image/png")},
    )
    return answer, deliverable


def test_a_photo_is_stored_under_a_random_name_outside_the_web_root_and_named_on_the_card(site, tmp_path):
    answer, deliverable = post_file(site, site.link(), "my <b>photo</b>.png", PNG)
    assert answer.status_code == 200, answer.text
    [version] = stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable)
    [file] = version.files
    assert re.fullmatch(r"[0-9a-f]{24}\.png", file.id) and file.name == "my <b>photo</b>.png"
    [kept] = list((tmp_path / "uploads").rglob("*.png"))
    assert kept.name == file.id and kept.read_bytes() == PNG
    assert site.browser.get(f"/c/static/{file.id}").status_code == 404  # never served back
    assert site.slack.standin.files == []  # Slack is not waited for: the worker shares it
    site.slack.deliver()
    [card] = [c for c in site.slack.standin.calls_to("chat.postMessage") if c.params["text"].startswith("Draft v1")]
    assert "my &lt;b&gt;photo&lt;/b&gt;.png" in str(card.params["blocks"])
    [shared] = site.slack.standin.files  # the photo itself, in the card's thread, for the team to look at
    assert (shared.name, shared.data, shared.channels) == ("my <b>photo</b>.png", PNG, (site.slack.channel_id,))
    [completed] = site.slack.standin.calls_to("files.completeUploadExternal")
    assert completed.params["thread_ts"] == card.answer["ts"]


def test_a_file_that_is_not_a_photo_or_video_is_refused_whatever_its_name_says(site, tmp_path):
    link = site.link()
    answer, deliverable = post_file(site, link, "cat.png", b"<html><script>alert(1)</script></html>")
    assert answer.status_code == 422
    assert "Only photos (JPEG, PNG, GIF, WebP) and videos (MP4, MOV, WebM)" in answer.text
    assert "#ad the serum" in answer.text  # the caption typed is kept
    assert stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable) == []
    assert not list((tmp_path / "uploads").rglob("*.*"))


def test_a_draft_the_service_refuses_leaves_no_file_behind_and_an_accepted_one_keeps_its_own(site, tmp_path):
    link = site.link()
    too_many = "\n".join(f"https://drive.example/{n}" for n in range(11))
    answer, deliverable = post_file(site, link, "glow.png", PNG, links=too_many)
    assert answer.status_code == 422 and "A draft carries at most 10 links" in answer.text
    not_https, _ = post_file(site, link, "glow.png", PNG, links="ftp://drive.example/a")
    assert not_https.status_code == 422
    assert stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable) == []
    assert not [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()]  # the upload folder is as it was
    ok, _ = post_file(site, link, "glow.png", PNG)
    assert ok.status_code == 200
    [version] = stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable)
    [kept] = [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()]
    assert kept.name == version.files[0].id and kept.read_bytes() == PNG


def test_a_file_over_8_mb_is_refused_with_what_to_do_instead(site):
    link = site.link()
    just_over = MP4 + b"\x00" * (MAX_UPLOAD - len(MP4) + 1)
    answer, deliverable = post_file(site, link, "clip.mp4", just_over)
    assert answer.status_code == 422 and "larger than 8 MB" in answer.text
    far_over = MP4 + b"\x00" * (MAX_UPLOAD + 1024 * 1024)
    answer, _ = post_file(site, link, "clip.mp4", far_over)
    assert answer.status_code == 413 and "Files up to 8 MB can be uploaded" in answer.text
    assert stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable) == []
    ok, _ = post_file(site, link, "clip.mp4", MP4 + b"\x00" * (MAX_UPLOAD - len(MP4)))
    assert ok.status_code == 200


def test_magic_bytes_decide_the_type():
    assert [sniff(h) for h in (b"\xff\xd8\xff\xe0", PNG[:16], b"GIF89a..", b"RIFF1234WEBPVP8 ", MP4[:16])] == [
        "jpg",
        "png",
        "gif",
        "webp",
        "mp4",
    ]
    assert sniff(b"\x1a\x45\xdf\xa3") == "webm"
    assert sniff(b"%PDF-1.7") is None and sniff(b"") is None


def test_buckets_refill_and_say_how_long_to_wait():
    now = [0.0]
    buckets = TokenBuckets(Rate(burst=2, per_second=0.5), clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == 2.0 and buckets.take("b") == 0.0
    now[0] = 2.0
    assert buckets.take("a") == 0.0


def test_too_many_requests_on_one_link_or_from_one_address_get_a_429_with_retry_after(site, tmp_path):
    services = site.slack.services
    strict = WebConfig(
        keys=site.keys, upload_dir=tmp_path / "up", limits=Limits(per_ip=Rate(50, 0.01), per_link=Rate(3, 0.01))
    )
    client = create_web(services, strict).test_client()  # Flask's own test client: the app is not under /c here
    link = site.link().removeprefix("/c")
    assert [client.get(link).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(link)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "Wait" in refused.get_data(as_text=True)
    assert client.get(site.link("otherone").removeprefix("/c")).status_code == 200  # another link has its own bucket
    by_ip = WebConfig(keys=site.keys, upload_dir=tmp_path / "up", limits=Limits(per_ip=Rate(2, 0.01)))
    client = create_web(services, by_ip).test_client()
    assert [
        client.get(site.link(h).removeprefix("/c")).status_code for h in ("glowwithmia", "otherone", "glowwithmia")
    ] == [
        200,
        200,
        429,
    ]


def test_static_files_stay_out_of_the_web_root_of_uploads(site):
    root = Path(create_web.__code__.co_filename).parent / "static"
    assert sorted(p.name for p in root.iterdir()) == ["creator.css", "creator.js"]


def test_submissions_cost_more_than_page_loads_so_a_link_cannot_flood_the_channel(site, tmp_path):
    config = WebConfig(keys=site.keys, upload_dir=tmp_path / "up", limits=Limits(per_link=Rate(25, 0.01)))
    client = create_web(site.slack.services, config).test_client()
    link = site.link().removeprefix("/c")
    page = client.get(link).get_data(as_text=True)
    key = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    deliverable = re.search(r'id="draft-form-(\d+)"', page).group(1)
    sent = [client.post(f"{link}/draft/{deliverable}", data={"csrf": key, "caption": f"#ad v{n}"}) for n in range(3)]
    assert [s.status_code for s in sent] == [200, 200, 429]  # 1 + 10 + 10, then 10 more is over 25
    checked = client.post(f"{link}/check", json={"deliverable": int(deliverable), "caption": "x"})
    assert checked.status_code == 403 and "Reload the page" in checked.get_json()["error"]  # 1 left over: it fits
    assert [client.get(link).status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = client.post(f"{link}/check", json={"deliverable": int(deliverable), "caption": "x"})
    assert refused.status_code == 429 and refused.get_json()["error"].startswith("That was a lot of requests")
