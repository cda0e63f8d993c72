"""Settings: each missing or contradictory value stops start-up with one sentence naming the variable."""

from __future__ import annotations

import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

from bot.config import MAKE_A_KEY, Mode, SettingsError, load_settings

SLACK_VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "CREATOROPS_TOKEN_KEYS",
    "DATABASE_URL",
    "DEFAULT_TIMEZONE",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in SLACK_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_no_credentials_means_console_mode_on_a_local_sqlite_file():
    settings = load_settings()
    assert settings.mode is Mode.console
    assert settings.database_url == "sqlite:///creatorops.db"


def test_single_workspace_needs_the_signing_secret(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET is not set"):
        load_settings()
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "abc")
    assert load_settings().mode is Mode.single


def test_socket_mode_does_not_need_a_signing_secret(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    assert load_settings().mode is Mode.single


def test_bot_token_and_client_id_together_are_contradictory(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_CLIENT_ID", "1.2")
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set"):
        load_settings()


def test_oauth_needs_the_client_secret(monkeypatch):
    monkeypatch.setenv("SLACK_CLIENT_ID", "1.2")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "abc")
    with pytest.raises(SettingsError, match="SLACK_CLIENT_SECRET is not set"):
        load_settings()


def oauth_env(monkeypatch) -> None:
    monkeypatch.setenv("SLACK_CLIENT_ID", "1.2")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "def")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "abc")


def test_oauth_without_a_token_key_refuses_to_start_and_says_how_to_make_one(monkeypatch):
    oauth_env(monkeypatch)
    with pytest.raises(SettingsError, match="CREATOROPS_TOKEN_KEYS is not set") as refused:
        load_settings()
    assert MAKE_A_KEY in str(refused.value)
    # The command it names makes a key that is then accepted.
    key = subprocess.run(
        [sys.executable, "-c", MAKE_A_KEY.split('"')[1]], capture_output=True, text=True, check=True
    ).stdout.strip()
    monkeypatch.setenv("CREATOROPS_TOKEN_KEYS", key)
    assert load_settings().mode is Mode.oauth


def test_a_token_key_that_is_not_a_fernet_key_is_refused_with_its_position(monkeypatch):
    oauth_env(monkeypatch)
    monkeypatch.setenv("CREATOROPS_TOKEN_KEYS", f"{Fernet.generate_key().decode()}, not-a-key")
    with pytest.raises(SettingsError, match="CREATOROPS_TOKEN_KEYS is not valid: key 2 is not a Fernet key"):
        load_settings()


def test_several_token_keys_are_read_first_one_first(monkeypatch):
    oauth_env(monkeypatch)
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("CREATOROPS_TOKEN_KEYS", f" {new} ,{old},")
    assert load_settings().token_keys() == [new, old]


def test_the_console_and_a_single_workspace_need_no_token_key(monkeypatch):
    assert load_settings().mode is Mode.console
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "abc")
    assert load_settings().mode is Mode.single


def test_a_user_token_in_place_of_the_bot_token_is_refused(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxp-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "abc")
    with pytest.raises(SettingsError, match="starts with xoxb-"):
        load_settings()


def test_an_unknown_time_zone_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Mars/Olympus")
    with pytest.raises(SettingsError, match="DEFAULT_TIMEZONE is not valid: use an IANA time zone"):
        load_settings()


def test_dotenv_file_is_read(tmp_path):
    (tmp_path / ".env").write_text("DEFAULT_JURISDICTION=uk\n")
    assert load_settings().default_jurisdiction == "UK"


def test_debug_logging_leaves_out_slack_sdk_answers_that_carry_tokens(monkeypatch):
    import logging

    from bot.cli import _configure_logging

    monkeypatch.setattr(logging.root, "handlers", [])  # let basicConfig run as on a fresh start
    monkeypatch.setattr(logging.root, "level", logging.root.level)
    monkeypatch.setattr(logging.getLogger("slack_sdk"), "level", logging.NOTSET)
    _configure_logging(load_settings(_env_file=None, log_level="DEBUG"))

    assert logging.getLogger("creatorops").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("slack_sdk.web.base_client").isEnabledFor(logging.DEBUG)
