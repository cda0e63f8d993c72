"""The workspace setting accepts exactly the jurisdictions the checker has rules for."""

from __future__ import annotations

import bot.config
import bot.disclosure


def test_config_jurisdictions_match_the_checker() -> None:
    assert set(bot.config.JURISDICTIONS) == {j.value for j in bot.disclosure.Jurisdiction}
