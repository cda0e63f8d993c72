"""What a hostile or sloppy browser sends the creator's link: ids no row can have and NUL characters are answered
like any other unknown deliverable or text, the same on SQLite and PostgreSQL, never with a failure page."""

from __future__ import annotations

import logging

import pytest

from storage.drafts import draft_history
from tests.creatorlink.test_pages import csrf, deliverables, submit
from tests.databases import stored


@pytest.mark.parametrize("odd", [10**25, 2**63, 2**31], ids=["huge", "past-64-bit", "past-32-bit"])
def test_an_id_no_row_can_have_is_not_found_on_every_endpoint(site, caplog, odd):
    caplog.set_level(logging.ERROR)
    link = site.link()
    page = site.browser.get(link)
    key = csrf(page)
    check = site.browser.post(f"{link}/check", json={"deliverable": odd, "caption": "x"}, headers={"X-CSRF-Token": key})
    assert check.status_code == 404 and check.json() == {"error": "This link does not work any more."}
    draft = site.browser.post(f"{link}/draft/{odd}", data={"csrf": key, "caption": "#ad x"})
    assert draft.status_code == 404 and "This link does not work" in draft.text
    live = site.browser.post(f"{link}/live/{odd}", data={"csrf": key, "url": "https://www.instagram.com/reel/a/"})
    assert live.status_code == 404 and "This link does not work" in live.text
    assert caplog.records == []  # nothing failed on our side


def test_a_caption_with_nul_is_checked_and_kept_without_it(site, caplog):
    caplog.set_level(logging.ERROR)
    link = site.link()
    page = site.browser.get(link)
    [deliverable] = deliverables(page)
    check = site.browser.post(
        f"{link}/check",
        json={"deliverable": deliverable, "caption": "hello\x00 #ad"},
        headers={"X-CSRF-Token": csrf(page)},
    )
    assert check.status_code == 200
    answer, _ = submit(site, link, "hello\x00 #ad", links="https://drive.example/a\x00b")
    assert answer.status_code == 200 and "Thank you: draft v1" in answer.text
    [version] = stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable)
    assert (version.caption, version.links) == ("hello #ad", ["https://drive.example/ab"])
    assert caplog.records == []
