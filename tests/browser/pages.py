"""What the browser tests share: the creator's site (a campaign set up through Slack, links issued as
`creatorops link` issues them) and how a test reads the page as a creator sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from bot.services import creator_links
from tests.harness import USER, SlackHarness, seen
from tests.slack.test_campaign_flow import add_creator

APPROVER = "U0APPROVER"
CAMPAIGN = "Spring Glow"
WAIT = 10  # seconds: the live check answers in well under one; a slow CI machine gets room
CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text()


@dataclass
class Site:
    """The campaign *Spring Glow* (approver U0APPROVER) on the app the module serves."""

    slack: SlackHarness
    creators: set[str] = field(default_factory=set)

    def link(self, handle: str, *, now: datetime | None = None, days: int = 30, rotate: bool = False) -> str:
        """A fresh private link for @handle (added to the campaign with a reel on first use, through Slack), as
        `creatorops link spring @handle [--rotate]` gives one."""
        if handle not in self.creators:
            add_creator(self.slack, handle)
            self.creators.add(handle)
        issued = creator_links.issue_link(
            self.slack.services.uow(),
            self.slack.team_id,
            "spring",
            handle,
            keys=self.slack.services.settings.require_link_keys(),
            actor=USER,
            now=now or datetime.now(UTC),
            days=days,
            rotate=rotate,
        )
        return f"{self.slack.server.url}/c/{issued.token}"

    def revoke(self, handle: str) -> None:
        now = datetime.now(UTC)
        creator_links.revoke_link(self.slack.services.uow(), self.slack.team_id, "spring", handle, now=now)

    def drafts(self, handle: str) -> list[dict]:
        """The draft cards about @handle in the campaign channel, as the channel shows them now."""
        return [
            message
            for message in self.slack.standin.messages.get(self.slack.channel_id, [])
            if message.get("text", "").startswith("Draft v") and f"@{handle}" in message.get("text", "")
        ]

    def wait_for_draft(self, handle: str, version: int = 1) -> dict:
        """The card of draft v`version` from @handle, once it is in the channel."""
        title = f"Draft v{version}"
        self.slack.deliver_until(  # the worker posts it: ticked here, as `creatorops worker` does every few seconds
            "chat.postMessage",
            lambda c: c.params.get("text", "").startswith(title) and f"@{handle}" in c.params["text"],
            timeout=WAIT,
        )
        [card] = [m for m in self.drafts(handle) if m["text"].startswith(title)]
        return card


def waiting(driver) -> WebDriverWait:
    return WebDriverWait(driver, WAIT)


def draft_form(driver) -> tuple[str, WebElement]:
    """The page's one draft form and the number of its deliverable."""
    [form] = driver.find_elements(By.CSS_SELECTOR, "form.draft-form")
    return form.get_attribute("data-deliverable"), form


def type_without_disclosure(driver, deliverable: str, text: str) -> WebElement:
    """Type `text`, a caption without a disclosure, and wait until the live check has answered for all of it (a
    check asked while typing paused answers for a part): the caption it suggests holds the whole text and can be
    used. The verdict."""
    driver.find_element(By.ID, f"caption-{deliverable}").send_keys(text)
    verdict = driver.find_element(By.ID, f"verdict-{deliverable}")
    fixed = driver.find_element(By.ID, f"fixed-{deliverable}")
    use = driver.find_element(By.ID, f"use-fixed-{deliverable}")
    waiting(driver).until(lambda _: verdict.get_attribute("data-verdict") and text in fixed.text and use.is_enabled())
    return verdict


def text_of(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def console_errors(driver) -> list[str]:
    """What the page logged as errors: a script error or a Content-Security-Policy violation shows here (the
    browser's own ask for /favicon.ico, which the app does not serve, is no error of the page)."""
    logged = driver.get_log("browser")
    return [e["message"] for e in logged if e["level"] == "SEVERE" and "/favicon.ico " not in e["message"]]


def read(message: dict) -> str:
    """What the team reads of a message in the channel, with the console's line wrapping undone."""
    return " ".join(seen(message).split())


def no_horizontal_scroll(driver) -> bool:
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def lowest_contrast(driver, below: float) -> list[list]:
    """The visible text on the page whose contrast with its background is below `below`: [[ratio, element, text]]."""
    return [row for row in driver.execute_script(CONTRAST_JS) if row[0] < below]


BROKEN_WORDS = """
const [selector, longest] = arguments;
const broken = [];
for (const element of document.querySelectorAll(selector)) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      if (match[0].length > longest) continue;  // longer than a phone's line: it has to break
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (range.getClientRects().length > 1) broken.push(match[0]);
    }
  }
}
return broken;
"""


def words_broken_across_lines(driver, selector: str, longest: int = 20) -> list[str]:
    """The words of up to `longest` characters in the elements matching `selector` that the layout splits over two
    lines (a narrow column breaking "America/New_York" in the middle); such a word would fit on a line of its own."""
    return driver.execute_script(BROKEN_WORDS, selector, longest)
