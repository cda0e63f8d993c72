"""`make screenshot`: docs/creator-page.png, the creator's private page on a phone (375 CSS pixels wide), taken by
headless Chromium from the sample campaign a new user finds in the console.

The console is started as `make run` starts it (the real app on a local port, the stand-in for Slack, the sample
campaign), its `link` command gives @marco_micro_sample's link (one reel live, one draft due), and a caption
without a disclosure is typed so the picture shows the check as the creator sees it while typing.

Usage: python -m tests.browser.screenshot [OUT.png]
"""

from __future__ import annotations

import base64
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.config import Settings
from bot.localslack.console import LocalSlack
from tests.browser.chrome import PHONE, chromium, missing_browser

CREATOR = "marco_micro_sample"
CAPTION = "Morning glow with the serum, my skin has never looked this good. Link in bio"
WAIT = 10


@contextmanager
def sample_creator_link() -> Iterator[str]:
    """@marco_micro_sample's link, from the console started as `make run` starts it (in a temporary folder);
    it works until the block ends."""
    with tempfile.TemporaryDirectory(prefix="creatorops-browser-") as folder:
        settings = Settings(
            _env_file=None, database_url=f"sqlite:///{folder}/creatorops.db", creatorops_upload_dir=f"{folder}/up"
        )
        local = LocalSlack(settings=settings, sample_campaign=True).start()
        try:
            answer = local.run(f"link Glow Sample @{CREATOR}")
            found = re.search(r"http://\S+/c/\S+", answer)
            if found is None:
                raise SystemExit(f"The console gave no link: {answer}")
            yield found.group(0)
        finally:
            local.stop()


def take(url: str, out: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with chromium(PHONE) as driver:
        driver.get(url)
        [form] = driver.find_elements(By.CSS_SELECTOR, "form.draft-form")
        deliverable = form.get_attribute("data-deliverable")
        driver.find_element(By.ID, f"caption-{deliverable}").send_keys(CAPTION)
        verdict = driver.find_element(By.ID, f"verdict-{deliverable}")
        WebDriverWait(driver, WAIT).until(lambda _: verdict.get_attribute("data-verdict") == "missing")
        driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
        # The whole page at the phone's width, not only the first screenful.
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(base64.b64decode(shot["data"]))


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/creator-page.png")
    reason = missing_browser()
    if reason:
        print(f"No screenshot: {reason}", file=sys.stderr)
        return 1
    with sample_creator_link() as url:
        take(url, out)
    print(f"Saved {out}: @{CREATOR}'s page of the sample campaign, {PHONE[0]}×{PHONE[1]} viewport, whole page.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
