"""The creator's link in a real browser, over more than one visit: the page without JavaScript, a suggestion
accepted while the creator keeps typing, and a round trip with the team (sent back with a reason, the reason on
the creator's page, v2, approved, the live link given on the page and announced in the channel).

Its own app and browser (a module of its own), so its submissions do not count against the other module's
rate limits.
"""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shown

from tests.browser.pages import (
    APPROVER,
    console_errors,
    draft_form,
    lowest_contrast,
    read,
    text_of,
    type_without_disclosure,
    waiting,
)

pytestmark = pytest.mark.browser

LIVE_POST = "https://www.instagram.com/reel/C0roundtrip1/"
# The smallest whole PNG: a 1×1 pixel image.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def send(page, deliverable: str) -> str:
    """Press the form's send button; the heading of the page that answers."""
    page.find_element(By.ID, f"submit-{deliverable}").click()
    return waiting(page).until(shown.visibility_of_element_located((By.CSS_SELECTOR, "#result h1"))).text


def test_without_javascript_the_form_still_sends_and_the_check_shows_on_the_next_page(page, site):
    link = site.link("nojsone")
    page.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        page.get(link)
        deliverable, _ = draft_form(page)
        page.find_element(By.ID, f"caption-{deliverable}").send_keys("Loving this serum, link in bio")
        time.sleep(1.5)  # well past the live check's 400 ms wait: with scripts off it never asks
        assert not page.find_element(By.ID, f"check-{deliverable}").is_displayed()

        assert send(page, deliverable) == "Thank you: draft v1 is with the Spring Glow team"
    finally:
        page.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    assert page.find_element(By.ID, "result-verdict").text == "Disclosure: missing"
    assert "#ad" in page.find_element(By.ID, "result-fixed").text
    assert "From the creator's link" in read(site.wait_for_draft("nojsone"))


def test_a_suggestion_never_drops_what_was_typed_after_the_check(page, site):
    page.get(site.link("typingone"))
    deliverable, _ = draft_form(page)
    caption = page.find_element(By.ID, f"caption-{deliverable}")
    verdict = type_without_disclosure(page, deliverable, "Loving this serum")
    assert verdict.get_attribute("data-verdict") == "missing"
    use = page.find_element(By.ID, f"use-fixed-{deliverable}")
    first = page.find_element(By.ID, f"fixed-{deliverable}").text

    # One more word typed, and the suggestion clicked at once, before the check has answered for the new text:
    # in one go in the page, so a slow machine cannot let the answer in between.
    disabled, kept = page.execute_script(
        """const [caption, use, more] = arguments;
        caption.value += more;
        caption.dispatchEvent(new Event("input", {bubbles: true}));  // what a keystroke fires
        const disabled = use.disabled;
        use.click();
        return [disabled, caption.value];""",
        caption,
        use,
        " and the new cleanser",
    )
    assert disabled  # the stale suggestion cannot be taken
    assert kept == "Loving this serum and the new cleanser"
    assert caption.get_property("value") == "Loving this serum and the new cleanser"

    fixed = page.find_element(By.ID, f"fixed-{deliverable}")
    waiting(page).until(lambda _: use.is_enabled() and fixed.text != first)
    suggestion = fixed.text
    assert "Loving this serum and the new cleanser" in suggestion
    use.click()
    assert caption.get_property("value") == suggestion
    assert console_errors(page) == []


def test_sent_back_with_a_reason_the_creator_reads_it_sends_v2_and_once_approved_gives_the_live_link(page, site):
    slack = site.slack
    link = site.link("roundtrip")
    page.get(link)
    deliverable, _ = draft_form(page)
    page.find_element(By.ID, f"caption-{deliverable}").send_keys("Loving this serum, link in bio")
    assert send(page, deliverable) == "Thank you: draft v1 is with the Spring Glow team"

    # The approver sends v1 back from its card in Slack, with a reason and a note.
    v1 = site.wait_for_draft("roundtrip")
    slack.sender.post(slack.click_body(v1, "review_changes", user_id=APPROVER))
    [opened] = slack.wait_for("views.open", lambda c: c.answer["view"]["callback_id"] == "review_changes")
    answer = slack.submit(opened.answer["view"], {"reasons": ["disclosure"], "note": "Put #ad first"}, user_id=APPROVER)
    assert answer.status_code == 200
    slack.wait_for("chat.postMessage", lambda c: "back for changes" in c.params.get("text", ""))

    page.get(link)
    feedback = page.find_element(By.ID, f"feedback-{deliverable}").text
    assert "Loving this serum, link in bio" in feedback and "Put #ad first" in feedback
    assert page.find_element(By.CSS_SELECTOR, f"#draft-form-{deliverable} legend").text == "Send a draft (version 2)"
    page.find_element(By.ID, f"caption-{deliverable}").send_keys("#ad Loving this serum, link in bio")
    assert send(page, deliverable) == "Thank you: draft v2 is with the Spring Glow team"

    v2 = site.wait_for_draft("roundtrip", version=2)
    slack.sender.post(slack.click_body(v2, "review_approve", user_id=APPROVER))
    slack.wait_for("chat.postMessage", lambda c: "approved v2" in c.params.get("text", ""))

    page.get(link)
    assert page.find_elements(By.ID, f"draft-form-{deliverable}") == []  # approved: nothing more to send
    page.find_element(By.ID, f"live-url-{deliverable}").send_keys(LIVE_POST)
    page.find_element(By.ID, f"live-submit-{deliverable}").click()
    heading = waiting(page).until(shown.visibility_of_element_located((By.CSS_SELECTOR, "#live-result h1")))
    assert heading.text == "Thank you: your post is recorded as live"
    assert page.find_element(By.ID, "live-url").text == LIVE_POST
    [said] = slack.deliver_until(  # the worker says it in the channel
        "chat.postMessage", lambda c: "marked it live from the creator's link" in c.params.get("text", "")
    )
    assert said.params["text"].startswith(":tada: @roundtrip marked it live from the creator's link")

    page.get(link)
    assert page.find_element(By.ID, f"post-url-{deliverable}").text == LIVE_POST
    assert "Live" in text_of(page)


def test_a_photo_chosen_on_the_page_is_shared_in_the_drafts_thread(page, site, tmp_path):
    photo = tmp_path / "my glow photo.png"
    photo.write_bytes(PNG)
    page.get(site.link("photoone"))
    deliverable, _ = draft_form(page)
    page.find_element(By.ID, f"caption-{deliverable}").send_keys("#ad Morning glow with the serum")
    page.find_element(By.ID, f"file-{deliverable}").send_keys(str(photo))  # what choosing the file does

    assert send(page, deliverable) == "Thank you: draft v1 is with the Spring Glow team"
    card = site.wait_for_draft("photoone")
    assert "my glow photo.png" in read(card)
    [shared] = site.slack.deliver_until("files.completeUploadExternal")  # shared by the worker, under the card
    assert shared.params["thread_ts"] == card["ts"]
    assert [(f.name, f.data) for f in site.slack.standin.files] == [("my glow photo.png", PNG)]


def test_a_file_that_is_no_photo_or_video_is_refused_in_words_and_what_was_typed_is_kept(page, site, tmp_path):
    disguised = tmp_path / "cat.png"
    disguised.write_text("<html><script>alert(1)</script></html>")
    page.get(site.link("wrongfileone"))
    deliverable, _ = draft_form(page)
    page.find_element(By.ID, f"caption-{deliverable}").send_keys("#ad The serum, day one")
    page.find_element(By.ID, f"file-{deliverable}").send_keys(str(disguised))
    page.find_element(By.ID, f"submit-{deliverable}").click()

    error = waiting(page).until(shown.visibility_of_element_located((By.ID, f"error-{deliverable}")))
    assert error.text.startswith("Only photos (JPEG, PNG, GIF, WebP) and videos (MP4, MOV, WebM)")
    assert error.get_attribute("role") == "alert"
    assert page.find_element(By.ID, f"caption-{deliverable}").get_property("value") == "#ad The serum, day one"
    assert site.drafts("wrongfileone") == []


def test_all_text_on_the_page_the_live_check_and_the_answer_has_a_contrast_of_at_least_7_to_1(page, site):
    page.get(site.link("contrastone"))
    deliverable, _ = draft_form(page)
    type_without_disclosure(page, deliverable, "Loving this serum")
    assert lowest_contrast(page, 7.0) == []

    assert send(page, deliverable) == "Thank you: draft v1 is with the Spring Glow team"
    assert lowest_contrast(page, 7.0) == []
