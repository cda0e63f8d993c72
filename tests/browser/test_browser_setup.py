"""The browser itself: headless Chromium from Debian drives the app served on localhost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.browser.chrome import PHONE, chromium, missing_browser, set_viewport
from tests.browser.conftest import need_browser

pytestmark = pytest.mark.browser


def test_the_browser_reaches_the_app_on_localhost(page, web):
    page.get(f"{web.server.url}/healthz")

    shown = json.loads(page.find_element(By.TAG_NAME, "body").text)
    assert shown["status"] == "ok"


def test_a_phone_viewport_is_375_css_pixels_wide(page):
    set_viewport(page, PHONE)
    page.get("data:text/html,<meta name=viewport content='width=device-width'><p>hello")

    assert page.execute_script("return [window.innerWidth, window.innerHeight]") == list(PHONE)


def test_without_chromium_the_browser_tests_skip_and_say_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    reason = missing_browser(tmp_path / "chromium", tmp_path / "chromedriver")

    with pytest.raises(pytest.skip.Exception) as skipped:
        need_browser(reason)

    assert "chromium is not installed" in str(skipped.value).lower()
    assert "make browser" in str(skipped.value)
    assert str(tmp_path / "chromedriver") in str(skipped.value)


def test_in_ci_a_missing_chromium_fails_the_browser_tests(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="CI=true and headless Chromium is not installed"):
        need_browser(missing_browser(tmp_path / "chromium", Path("/usr/bin/chromedriver")))


def test_the_browser_starts_without_selenium_manager_so_nothing_is_downloaded(monkeypatch):
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    need_browser(missing_browser())

    def download(*_args, **_kwargs):
        raise AssertionError("Selenium Manager was asked for a browser or driver")

    monkeypatch.setattr(SeleniumManager, "binary_paths", download)
    with chromium() as driver:
        driver.get("data:text/html,<p id=hello>hello")
        assert driver.find_element(By.ID, "hello").text == "hello"
        assert driver.capabilities["browserVersion"].split(".")[0].isdigit()
        assert "chromedriverVersion" in str(driver.capabilities["chrome"])
