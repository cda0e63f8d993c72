"""The creator's private link in a real browser (headless Chromium): a creator with no Slack account opens their
link, sees the disclosure check as they type, accepts the fix, sends the draft, and the team finds it in the
campaign channel; links that no longer work, another creator's link, hostile captions, keyboard only, a phone.

One browser for the module, and one app on SQLite then one on PostgreSQL; each test works with a creator of its
own (who joins the campaign with their first link), so no test depends on another.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as shown

from storage.migrate import upgrade
from tests.browser.chrome import PHONE, SMALL_PHONE, set_viewport
from tests.browser.conftest import migrated_sqlite
from tests.browser.pages import (
    console_errors,
    draft_form,
    no_horizontal_scroll,
    read,
    text_of,
    type_without_disclosure,
    waiting,
    words_broken_across_lines,
)
from tests.databases import postgres_schema_url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def web_database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """These flows run on both databases, as the app does: PostgreSQL in a schema of its own."""
    if request.param == "sqlite":
        yield migrated_sqlite(tmp_path_factory)
        return
    with postgres_schema_url() as url:
        upgrade(url)
        yield url


HOSTILE = "Loving the serum <!channel> <script>alert(1)</script> & more"


def test_a_creator_sees_missing_as_they_type_accepts_the_fix_and_the_draft_lands_in_the_channel(page, site):
    page.get(site.link("glowwithmia"))
    assert page.find_element(By.ID, "campaign-name").text == "Spring Glow"
    deliverable, _ = draft_form(page)

    caption = page.find_element(By.ID, f"caption-{deliverable}")
    verdict = type_without_disclosure(page, deliverable, "Loving this serum, link in bio")
    assert verdict.get_attribute("data-verdict") == "missing"
    assert verdict.text == "Disclosure: missing"
    fixed = page.find_element(By.ID, f"fixed-{deliverable}").text
    assert "Loving this serum, link in bio" in fixed and "#ad" in fixed.lower()

    use = page.find_element(By.ID, f"use-fixed-{deliverable}")
    assert use.text == "Use this caption"
    waiting(page).until(lambda _: use.is_enabled())
    use.click()
    assert caption.get_property("value") == fixed
    # Checked again at once: the caption now discloses; a reel still needs it said in the video, which no text
    # check can see, so the verdict asks for that rather than passing.
    waiting(page).until(lambda _: verdict.get_attribute("data-verdict") != "missing")
    assert verdict.text == "Disclosure: needs work"
    assert "inside the content" in page.find_element(By.ID, f"findings-{deliverable}").text
    assert not page.find_element(By.ID, f"fix-{deliverable}").is_displayed()  # nothing left to accept

    page.find_element(By.ID, f"submit-{deliverable}").click()
    heading = waiting(page).until(shown.visibility_of_element_located((By.CSS_SELECTOR, "#result h1")))
    assert heading.text == "Thank you: draft v1 is with the Spring Glow team"
    assert page.find_element(By.ID, "result-caption").text == fixed
    assert console_errors(page) == []  # the live check ran under the strict CSP without a script error

    card = read(site.wait_for_draft("glowwithmia"))
    assert "Submitted by @glowwithmia · From the creator's link" in card
    assert fixed in card
    assert "Disclosure: needs work" in card and "Disclosure: missing" not in card


@pytest.mark.parametrize("how", ["expired", "revoked", "rotated"])
def test_a_link_that_no_longer_works_shows_a_friendly_page_and_nothing_of_the_campaign(page, site, how):
    if how == "expired":
        link = site.link("expiredone", now=datetime.now(UTC) - timedelta(days=3), days=1)
    elif how == "revoked":
        link = site.link("revokedone")
        site.revoke("revokedone")
    else:
        link = site.link("rotatedone")
        site.link("rotatedone", rotate=True)  # a new link for the same creator ends the old one

    page.get(link)

    assert page.find_element(By.TAG_NAME, "h1").text == "This link does not work"
    assert "Ask the brand team you work with to send you a new link." in text_of(page)
    assert page.title == "This link does not work"
    assert "Spring Glow" not in page.page_source and f"{how}one" not in page.page_source
    assert page.find_elements(By.TAG_NAME, "form") == []


def test_a_second_creators_link_shows_none_of_the_first_ones_deliverables_nor_posts_to_them(page, site):
    page.get(site.link("glowwithmia"))
    [first] = [s.get_attribute("id") for s in page.find_elements(By.CSS_SELECTOR, "section.deliverable")]
    before = len(site.drafts("glowwithmia"))

    other = site.link("otherone")
    page.get(other)
    body = text_of(page)
    assert "@otherone" in body and "@glowwithmia" not in body and "glowwithmia" not in page.page_source
    mine = [s.get_attribute("id") for s in page.find_elements(By.CSS_SELECTOR, "section.deliverable")]
    assert len(mine) == 1 and first not in mine

    # The live check, asked from the second creator's page about the first one's deliverable: as if it did not exist.
    answer = page.execute_async_script(
        """const [url, deliverable, done] = arguments;
        const key = document.querySelector("input[name=csrf]").value;
        fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": key},
                    body: JSON.stringify({deliverable: deliverable, caption: "#ad hello"})})
          .then(async (r) => done([r.status, await r.text()]));""",
        f"{other}/check",
        int(first.removeprefix("deliverable-")),
    )
    assert answer[0] == 404 and "glowwithmia" not in answer[1] and "Spring Glow" not in answer[1]

    # A form sent straight to the first creator's deliverable with the second one's link and form key.
    _, form = draft_form(page)
    page.execute_script(
        "arguments[0].action = arguments[1];", form, f"{other}/draft/{first.removeprefix('deliverable-')}"
    )
    form.find_element(By.TAG_NAME, "textarea").send_keys("#ad Not my deliverable")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    waiting(page).until(shown.text_to_be_present_in_element((By.TAG_NAME, "h1"), "This link does not work"))
    assert "glowwithmia" not in page.page_source
    site.slack.deliver()  # whatever the worker would post by now
    assert len(site.drafts("glowwithmia")) == before
    assert site.drafts("otherone") == []


def test_a_hostile_caption_is_inert_on_the_page_and_escaped_in_slack(page, site):
    page.get(site.link("hostileone"))
    deliverable, _ = draft_form(page)
    type_without_disclosure(page, deliverable, HOSTILE)
    assert HOSTILE in page.find_element(By.ID, f"fixed-{deliverable}").text  # the suggestion, shown as text

    page.find_element(By.ID, f"submit-{deliverable}").click()
    waiting(page).until(shown.visibility_of_element_located((By.ID, "result-caption")))
    assert page.find_element(By.ID, "result-caption").text == HOSTILE
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - reading it is what raises when no alert is open
    assert page.execute_script("return document.querySelectorAll('script:not([src])').length") == 0

    card = site.wait_for_draft("hostileone")
    raw = json.dumps(card["blocks"])
    assert "<!channel>" not in raw and "<script>" not in raw
    assert "&lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in raw
    assert HOSTILE in read(card)  # what the team reads: the text as the creator typed it, pinging no one

    page.get(site.link("hostileone"))  # the creator's page now lists v1 with its caption, still as text
    [sent] = page.find_elements(By.CSS_SELECTOR, ".feedback pre.caption")
    assert sent.text == HOSTILE
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018
    assert console_errors(page) == []


def test_the_form_can_be_filled_and_sent_with_the_keyboard_alone_and_every_field_has_a_label(page, site):
    page.get(site.link("keyboardone"))
    deliverable, form = draft_form(page)
    for field in form.find_elements(By.CSS_SELECTOR, "textarea, input:not([type=hidden])"):
        [label] = page.find_elements(By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']")
        assert label.text and field.accessible_name == label.text
    assert form.find_element(By.TAG_NAME, "legend").text == "Send a draft"

    keyboard = ActionChains(page)
    keyboard.send_keys(Keys.TAB).perform()
    assert page.switch_to.active_element.text == "Skip to content"
    focused: list[str] = []
    for _ in range(12):  # the form's fields come before anything else that takes focus
        keyboard.send_keys(Keys.TAB).perform()
        active = page.switch_to.active_element
        focused.append(active.get_attribute("id"))
        if active.get_attribute("id") == f"caption-{deliverable}":
            keyboard.send_keys("#ad Morning routine with the serum").perform()
        if active.get_attribute("id") == f"submit-{deliverable}":
            break
    assert focused[-1] == f"submit-{deliverable}", focused
    assert f"caption-{deliverable}" in focused and f"links-{deliverable}" in focused
    outline = page.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # where the focus is can be seen

    keyboard.send_keys(Keys.ENTER).perform()
    heading = waiting(page).until(shown.visibility_of_element_located((By.CSS_SELECTOR, "#result h1")))
    assert heading.text == "Thank you: draft v1 is with the Spring Glow team"
    assert "#ad Morning routine with the serum" in read(site.wait_for_draft("keyboardone"))


@pytest.mark.parametrize("phone", [PHONE, SMALL_PHONE], ids=["375px", "320px"])
def test_on_a_phone_the_page_never_scrolls_sideways(page, site, phone):
    set_viewport(page, phone)
    page.get(site.link(f"phone{phone[0]}"))
    assert page.execute_script("return window.innerWidth") == phone[0]
    assert no_horizontal_scroll(page)
    assert words_broken_across_lines(page, ".facts dd") == []  # e.g. the time zone, "Europe/London"

    deliverable, _ = draft_form(page)
    long_word = "https://shop.example.com/products/glow-serum?utm_source=creator&utm_campaign=spring_glow_2030"
    type_without_disclosure(page, deliverable, f"Loving it {long_word}")
    assert page.find_element(By.ID, f"fixed-{deliverable}").is_displayed()
    assert no_horizontal_scroll(page)
    submit = page.find_element(By.ID, f"submit-{deliverable}")
    assert submit.rect["x"] >= 0 and submit.rect["x"] + submit.rect["width"] <= phone[0]

    submit.click()
    waiting(page).until(shown.visibility_of_element_located((By.ID, "result-caption")))
    assert no_horizontal_scroll(page)
