"""The Slack tokens of OAuth installs are encrypted at rest, readable with the configured keys, and rotatable."""

from __future__ import annotations

import logging
import secrets

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import MetaData, String, text

from bot.app import create_app, open_services
from bot.cli import main
from bot.config import SettingsError
from handlers.jobs.slack_clients import bot_token_for
from storage.migrate import downgrade, upgrade
from storage.slack_stores import SECRET_COLUMNS, installation_store, slack_store_metadata
from storage.token_cipher import ENCRYPTED_WIDTH, MAX_SECRET_CHARS, TokenCipher, fernet_length
from tests.harness import OAUTH_CLIENT_ID, oauth_install, oauth_settings, realistic_token, serve_app

SECRET_SELECT = {
    "slack_bots": "SELECT bot_token, bot_refresh_token FROM slack_bots",
    "slack_installations": "SELECT bot_token, bot_refresh_token, user_token, user_refresh_token, incoming_webhook_url"
    " FROM slack_installations",
}


def new_key() -> str:
    return Fernet.generate_key().decode()


def raw_rows(engine) -> list[tuple]:
    """The store tables as a database dump has them."""
    with engine.connect() as connection:
        return [
            tuple(row)
            for table in ("slack_bots", "slack_installations")
            for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
        ]


def raw_secrets(engine) -> list[str]:
    with engine.connect() as connection:
        return [
            value
            for query in SECRET_SELECT.values()
            for row in connection.execute(text(query))
            for value in row
            if value
        ]


def store(engine, *keys: str):
    return installation_store(OAUTH_CLIENT_ID, engine, TokenCipher(keys))


def rotate(monkeypatch, capsys, database_url: str, keys: str) -> tuple[int, str, str]:
    """`creatorops tokens rotate` as an operator runs it: settings from the environment."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("CREATOROPS_TOKEN_KEYS", keys)
    code = main(["tokens", "rotate"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_an_install_stores_no_token_in_plain_text_and_the_bot_still_uses_its_token(engine, database_url, standin):
    bot_token, user_token = realistic_token("xoxb"), realistic_token("xoxp")
    webhook = f"https://hooks.slack.com/services/T0ENC/B0HOOK/{secrets.token_hex(12)}"
    standin.add_oauth_code("code-enc", "T0ENC", bot_token, user_token=user_token, incoming_webhook_url=webhook)
    with serve_app(oauth_settings(database_url), engine, standin) as slack:
        assert oauth_install(slack, "code-enc").status_code == 200

        dump = repr(raw_rows(engine))
        assert "T0ENC" in dump  # the rows are there
        for secret in (bot_token, user_token, webhook, bot_token.split("-")[3], "hooks.slack.com"):
            assert secret not in dump
        assert len(raw_secrets(engine)) == 4  # bot token twice, user token, webhook URL
        assert all(value.startswith("gAAAAA") for value in raw_secrets(engine))

        slack.team_id = "T0ENC"
        slack.event({"type": "app_home_opened", "user": "U0BOB", "tab": "home"})
        [published] = slack.wait_for("views.publish")
        assert published.token == bot_token
        found = slack.services.installation_store.find_installation(enterprise_id=None, team_id="T0ENC")
        assert (found.user_token, found.incoming_webhook_url) == (user_token, webhook)


def test_rotation_to_a_new_key_keeps_every_token_readable_and_retires_the_old_key(
    env, capsys, engine, database_url, standin
):
    old, new = new_key(), new_key()
    bot_token = realistic_token("xoxb")
    standin.add_oauth_code("code-rot", "T0ROT", bot_token, user_token=realistic_token("xoxp"))
    with serve_app(oauth_settings(database_url, creatorops_token_keys=old), engine, standin) as slack:
        assert oauth_install(slack, "code-rot").status_code == 200
    before = raw_secrets(engine)

    code, out, err = rotate(env, capsys, database_url, f"{new},{old}")
    assert (code, err) == (0, "")
    assert "Re-encrypted the Slack tokens of 2 stored rows with the first key." in out
    assert "remove them from CREATOROPS_TOKEN_KEYS" in out
    assert bot_token not in out

    after = raw_secrets(engine)
    assert len(after) == len(before) == 3 and not set(after) & set(before)
    assert store(engine, new).find_bot(enterprise_id=None, team_id="T0ROT").bot_token == bot_token
    # The old key alone reads nothing any more: the app refuses to start with it.
    with pytest.raises(SettingsError, match=r"cannot decrypt the stored Slack tokens of 1 workspace\(s\) \(T0ROT\)"):
        create_app(oauth_settings(database_url, creatorops_token_keys=old), engine=engine)
    with serve_app(oauth_settings(database_url, creatorops_token_keys=new), engine, standin) as slack:
        slack.team_id = "T0ROT"
        slack.event({"type": "app_home_opened", "user": "U0BOB", "tab": "home"})
        [published] = slack.wait_for("views.publish")
        assert published.token == bot_token


def test_tokens_stored_before_encryption_still_work_and_rotation_encrypts_them(
    env, capsys, engine, database_url, caplog
):
    # Refresh tokens (token rotation turned on) are the longest secrets Slack hands out.
    legacy = Installation(
        app_id="A0OLD",
        team_id="T0OLD",
        user_id="U0ADMIN",
        bot_token=realistic_token("xoxb"),
        bot_id="B0OLD",
        bot_refresh_token="xoxe-1-" + secrets.token_hex(70),
        user_token=realistic_token("xoxp"),
        user_refresh_token="xoxe-1-" + secrets.token_hex(70),
    )
    SQLAlchemyInstallationStore(client_id=OAUTH_CLIENT_ID, engine=engine).save(legacy)  # as before this change
    key = new_key()
    with caplog.at_level(logging.WARNING, logger="creatorops"):
        create_app(oauth_settings(database_url, creatorops_token_keys=key), engine=engine)
    assert "2 stored installation rows keep their Slack tokens in plain text" in caplog.text
    assert store(engine, key).find_bot(enterprise_id=None, team_id="T0OLD").bot_token == legacy.bot_token

    code, out, _ = rotate(env, capsys, database_url, key)
    assert code == 0
    assert "of 2 stored rows with the first key (2 of them stored in plain text until now)" in out
    assert all(value.startswith("gAAAAA") for value in raw_secrets(engine))
    found = store(engine, key).find_installation(enterprise_id=None, team_id="T0OLD")
    assert (found.bot_token, found.bot_refresh_token, found.user_token, found.user_refresh_token) == (
        legacy.bot_token,
        legacy.bot_refresh_token,
        legacy.user_token,
        legacy.user_refresh_token,
    )


def test_a_rotation_that_meets_a_token_no_key_reads_changes_nothing(env, capsys, engine, database_url):
    first, other = new_key(), new_key()
    for team, key in (("T0ONE", first), ("T0TWO", other)):
        store(engine, key).save(
            Installation(app_id="A0", team_id=team, user_id="U0", bot_token=realistic_token("xoxb"))
        )
    before = raw_secrets(engine)

    code, out, err = rotate(env, capsys, database_url, f"{new_key()},{first}")
    assert (code, out) == (1, "")
    assert err.startswith("creatorops tokens rotate: a stored Slack token cannot be decrypted with any key")
    assert err.rstrip().endswith("Nothing was changed.")
    assert raw_secrets(engine) == before


def test_a_wrong_key_stops_start_up_with_one_sentence(env, capsys, engine, database_url):
    store(engine, new_key()).save(Installation(app_id="A0", team_id="T0", user_id="U0", bot_token="xoxb-1-2-3"))
    env.setenv("DATABASE_URL", database_url)
    for name, value in oauth_settings(database_url).model_dump().items():
        if name.startswith(("slack_client", "slack_signing")):
            env.setenv(name.upper(), value.get_secret_value() if hasattr(value, "get_secret_value") else value)
    env.setenv("CREATOROPS_TOKEN_KEYS", new_key())

    assert main(["serve", "--no-scheduler"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "creatorops: CREATOROPS_TOKEN_KEYS cannot decrypt the stored Slack tokens of 1 workspace(s) (T0):"
    )
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_token_no_key_reads_at_run_time_is_logged_without_a_traceback_and_the_workspace_is_told(
    engine, database_url, standin, caplog
):
    with serve_app(oauth_settings(database_url), engine, standin) as slack:
        # Another process, configured with another key, stores an install after this one started.
        store(engine, new_key()).save(
            Installation(app_id="A0", team_id="T0ELSE", user_id="U0", bot_token=realistic_token("xoxb"))
        )
        slack.team_id = "T0ELSE"
        assert slack.command("/creatorops", "help").status_code == 200
        [reply] = slack.wait_for("response_url", timeout=30)  # a busy machine: the answer comes after the ack
    assert "CreatorOps is not installed in this workspace" in reply.params["text"]
    unreadable = [r for r in caplog.records if "CREATOROPS_TOKEN_KEYS" in r.getMessage()]
    assert unreadable  # Bolt asks for the installation, then for the bot: a line each
    assert all(r.levelno == logging.ERROR and "workspace T0ELSE" in r.getMessage() for r in unreadable)
    # (waitress may log its own shutdown race as the test server stops on a busy machine: not the app's doing)
    assert not any(r.exc_info for r in caplog.records if not r.name.startswith("waitress"))


def test_the_worker_reads_the_encrypted_tokens_and_refuses_keys_that_cannot(engine, database_url):
    """`creatorops worker` posts reminders with each workspace's own token, from the installation store."""
    settings, token = oauth_settings(database_url), realistic_token("xoxb")
    store(engine, *settings.token_keys()).save(
        Installation(app_id="A0", team_id="T0WORK", user_id="U0", bot_token=token)
    )
    services = open_services(settings)
    assert bot_token_for(services, "T0WORK") == token
    services.engine.dispose()
    with pytest.raises(SettingsError, match=r"cannot decrypt the stored Slack tokens of 1 workspace\(s\) \(T0WORK\)"):
        open_services(oauth_settings(database_url))


@pytest.mark.parametrize("length", [0, 1, 15, 16, 56, 60, 76, 150, 200, MAX_SECRET_CHARS])
def test_fernet_length_is_what_fernet_writes(length):
    assert len(TokenCipher([new_key()]).encrypt("x" * length)) == fernet_length(length)


def test_the_widened_columns_hold_the_longest_secret_and_refuse_a_longer_one_clearly(engine):
    assert fernet_length(MAX_SECRET_CHARS) <= ENCRYPTED_WIDTH < fernet_length(MAX_SECRET_CHARS + 1)
    longest = "xoxe-1-" + "a" * (MAX_SECRET_CHARS - 7)
    key = new_key()
    store(engine, key).save(
        Installation(app_id="A0", team_id="T0LONG", user_id="U0", bot_token=longest, bot_refresh_token=longest)
    )
    assert store(engine, key).find_bot(enterprise_id=None, team_id="T0LONG").bot_refresh_token == longest
    with pytest.raises(Exception, match=f"longer than {MAX_SECRET_CHARS} bytes does not fit"):
        store(engine, key).save(Installation(app_id="A0", team_id="T0", user_id="U0", bot_token=longest + "a"))


def test_our_store_tables_are_slack_sdks_but_for_wider_secret_columns():
    ours = slack_store_metadata().tables
    theirs = MetaData()
    SQLAlchemyInstallationStore.build_bots_table(theirs, "slack_bots")
    SQLAlchemyInstallationStore.build_installations_table(theirs, "slack_installations")
    for name, table in theirs.tables.items():
        assert ours[name].columns.keys() == table.columns.keys()
        for column in table.columns:
            mine = ours[name].c[column.name]
            if column.name in SECRET_COLUMNS:
                assert isinstance(mine.type, String) and mine.type.length == ENCRYPTED_WIDTH > column.type.length
            else:
                assert repr(mine.type) == repr(column.type)


def test_downgrading_below_the_widened_columns_refuses_while_long_tokens_are_stored(engine, database_url):
    store(engine, new_key()).save(
        Installation(app_id="A0", team_id="T0", user_id="U0", bot_token=realistic_token("xoxb"), user_token="x" * 80)
    )
    with pytest.raises(RuntimeError, match="slack_installations.user_token holds values of 204 characters"):
        downgrade(database_url, "0005")
    upgrade(database_url)
