"""`make screenshot` keeps working: the creator's page of the sample campaign, whole, at a phone's width."""

from __future__ import annotations

import struct

import pytest

from tests.browser import screenshot
from tests.browser.chrome import PHONE, missing_browser
from tests.browser.conftest import need_browser

pytestmark = pytest.mark.browser


def test_make_screenshot_saves_the_sample_creators_page_as_a_phone_shows_it(tmp_path, capsys):
    need_browser(missing_browser())
    out = tmp_path / "docs" / "creator-page.png"

    assert screenshot.main([str(out)]) == 0

    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert width == 2 * PHONE[0]  # 375 CSS pixels at a phone's 2 device pixels each
    assert height > 2 * PHONE[1]  # the whole page, not only the first screenful
    assert "@marco_micro_sample's page of the sample campaign" in capsys.readouterr().out
