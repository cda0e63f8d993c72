"""Settings from the environment and `.env`, checked once at start-up.

A missing or contradictory setting stops start-up with one sentence that names the variable and what to do
(`SettingsError`), instead of a traceback from deep inside Bolt.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.review.creator_link import LinkKeys
from bot.vocabulary import CREATOR_PLATFORMS, Jurisdiction

DEFAULT_DATABASE_URL = "sqlite:///creatorops.db"
MAKE_A_KEY = 'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one sentence for the operator."""


class Mode(StrEnum):
    console = "console"  # no Slack credentials: the local stand-in drives the app
    single = "single"  # one workspace: SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET
    oauth = "oauth"  # several workspaces: SLACK_CLIENT_ID + SLACK_CLIENT_SECRET + SLACK_SIGNING_SECRET


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    # Fernet keys, comma-separated: the first encrypts the stored Slack tokens, every one decrypts (rotation).
    creatorops_token_keys: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"  # a proxy, or the local stand-in in benchmarks
    slack_scopes: str = (
        "commands,chat:write,chat:write.public,im:write,channels:history,groups:history,im:history,channels:join,"
        "files:write"
    )
    database_url: str = DEFAULT_DATABASE_URL
    port: int = Field(default=3000, ge=1, le=65535)
    log_level: str = "INFO"
    default_timezone: str = "UTC"
    default_jurisdiction: str = "US"
    default_platform: str = "instagram"
    youtube_api_key: SecretStr | None = None
    instagram_business_account_id: str | None = None
    instagram_access_token: SecretStr | None = None
    snapshot_dir: str = "snapshots"  # where `creatorops import` writes creator snapshots
    http_threads: int = Field(default=16, ge=1, le=256)
    # Bolt runs each listener, ack and the slow work after it, in this pool (its own default is 5 threads):
    # when every thread is busy with slow work, new requests wait for their ack.
    listener_threads: int = Field(default=64, ge=1, le=1024)
    # The fake-follower model /vet and `creatorops audience score` use; unset: models/audience_model.json when
    # `creatorops model train --install` put one there, else the shipped one.
    audience_model: str | None = None
    # The creator's private link (/c/<token>): the key its tokens are hashed and its forms signed with, the
    # address printed links start with, where uploads go (outside any web root), whether to believe
    # X-Forwarded-For (only behind a proxy that sets it).
    creatorops_link_key: SecretStr | None = None
    creatorops_public_url: str | None = None  # default http://localhost:<PORT>
    creatorops_upload_dir: str = "uploads"
    creatorops_trusted_proxy: bool = False

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError("use one of DEBUG, INFO, WARNING, ERROR")
        return level

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("use an IANA time zone such as Europe/London or America/New_York") from None
        return value

    @field_validator("default_jurisdiction")
    @classmethod
    def _known_jurisdiction(cls, value: str) -> str:
        try:
            return Jurisdiction.parse(value).value
        except ValueError:
            raise ValueError(f"use one of {', '.join(Jurisdiction)}") from None

    @field_validator("default_platform")
    @classmethod
    def _known_platform(cls, value: str) -> str:
        platform = value.lower()
        if platform not in CREATOR_PLATFORMS:
            raise ValueError("use instagram, tiktok or youtube")
        return platform

    def secret(self, name: str) -> str | None:
        value = getattr(self, name)
        return value.get_secret_value() if value else None

    def _link_key_list(self) -> list[str]:
        value = self.secret("creatorops_link_key") or ""
        return [key.strip() for key in value.split(",") if key.strip()]

    def link_keys(self) -> LinkKeys | None:
        """CREATOROPS_LINK_KEY's keys, newest first (comma-separated); None when it is not set (no creator links
        can be made or opened)."""
        keys = self._link_key_list()
        return LinkKeys(tuple(key.encode() for key in keys)) if keys else None

    def require_link_keys(self) -> LinkKeys:
        keys = self.link_keys()
        if keys is None or any(len(key) < 32 for key in keys.keys):
            raise SettingsError(
                "CREATOROPS_LINK_KEY is not set (or a key in it is shorter than 32 characters): creators' links are"
                ' signed with it; make one with python -c "import secrets; print(secrets.token_urlsafe(32))" and set'
                " it in the environment or .env. To change it without ending every link, put the new key first and"
                " keep the old one after a comma."
            )
        return keys

    def public_url(self) -> str:
        """Where links printed for creators point: CREATOROPS_PUBLIC_URL, else this machine's port."""
        return (self.creatorops_public_url or f"http://localhost:{self.port}").rstrip("/")

    def token_keys(self) -> list[str]:
        """The keys of CREATOROPS_TOKEN_KEYS, the one that encrypts first."""
        value = self.secret("creatorops_token_keys") or ""
        return [key.strip() for key in value.split(",") if key.strip()]

    def secret_values(self) -> list[str]:
        """Every secret setting that is set, for the log formatter to blank out wherever it shows up."""
        secrets = [value.get_secret_value() for value in self.__dict__.values() if isinstance(value, SecretStr)]
        return [secret for secret in secrets + self.token_keys() + self._link_key_list() if secret]

    @property
    def workspace_defaults(self) -> dict[str, str]:
        """What a workspace starts with the first time we see it."""
        return {
            "default_timezone": self.default_timezone,
            "default_jurisdiction": self.default_jurisdiction,
            "default_platform": self.default_platform,
        }

    @property
    def mode(self) -> Mode:
        if self.slack_client_id or self.slack_client_secret:
            return Mode.oauth
        if self.slack_bot_token or self.slack_signing_secret or self.slack_app_token:
            return Mode.single
        return Mode.console

    def check(self) -> Settings:
        """Refuse contradictory or incomplete Slack credentials with one actionable sentence."""
        if self.slack_client_id and self.slack_bot_token:
            raise SettingsError(
                "SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: unset SLACK_BOT_TOKEN to serve several"
                " workspaces through OAuth, or unset SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for one."
            )
        if self.mode is Mode.oauth:
            _require(self.slack_client_id, "SLACK_CLIENT_ID", "OAuth for several workspaces")
            _require(self.slack_client_secret, "SLACK_CLIENT_SECRET", "OAuth for several workspaces")
            _require(self.slack_signing_secret, "SLACK_SIGNING_SECRET", "OAuth for several workspaces")
            self.require_token_keys()
        elif self.mode is Mode.single:
            _require(self.slack_bot_token, "SLACK_BOT_TOKEN", "a single workspace")
            if not self.slack_app_token:
                _require(self.slack_signing_secret, "SLACK_SIGNING_SECRET", "a single workspace over HTTP")
        token = self.secret("slack_bot_token") or ""
        if token and not token.startswith("xoxb-"):
            raise SettingsError(
                "SLACK_BOT_TOKEN must be the bot token that starts with xoxb- "
                "(OAuth & Permissions page of your Slack app)."
            )
        app_token = self.secret("slack_app_token") or ""
        if app_token and not app_token.startswith("xapp-"):
            raise SettingsError(
                "SLACK_APP_TOKEN must be an app-level token that starts with xapp- "
                "(Basic Information > App-Level Tokens, scope connections:write)."
            )
        return self

    def require_token_keys(self) -> list[str]:
        """The keys of CREATOROPS_TOKEN_KEYS, or a SettingsError that says how to make one."""
        keys = self.token_keys()
        if not keys:
            raise SettingsError(
                "CREATOROPS_TOKEN_KEYS is not set: the Slack tokens of OAuth installs are stored encrypted with it;"
                f" make a key with {MAKE_A_KEY}, set it in the environment or .env, and keep a copy somewhere safe."
            )
        for position, key in enumerate(keys, start=1):
            try:
                Fernet(key)
            except ValueError:
                raise SettingsError(
                    f"CREATOROPS_TOKEN_KEYS is not valid: key {position} is not a Fernet key (32 url-safe base64"
                    f" bytes); make one with {MAKE_A_KEY}."
                ) from None
        return keys


def _require(value: object, name: str, purpose: str) -> None:
    if not value:
        raise SettingsError(f"{name} is not set: set it in the environment or .env to run CreatorOps for {purpose}.")


def load_settings(**overrides: Any) -> Settings:
    """Read and check the settings; every failure becomes one SettingsError sentence."""
    try:
        # Any, as in BaseSettings.__init__: field values of every type, and its own _env_file-style options.
        settings = Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "a setting"
        raise SettingsError(f"{name} is not valid: {first['msg'].removeprefix('Value error, ')}.") from None
    return settings.check()
