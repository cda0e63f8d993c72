"""The composition root: builds the Bolt App from settings. Nothing here runs at import time."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

from slack_bolt import App, BoltContext
from slack_bolt.error import BoltError
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from slack_sdk.oauth.installation_store import InstallationStore
from sqlalchemy import Engine

import handlers.actions
import handlers.commands
import handlers.events
import handlers.options
import handlers.shortcuts
import handlers.views
from bot.config import Mode, Settings, SettingsError
from bot.services import CONTEXT_KEY, Services, tokens, workspaces
from bot.sources.registry import CreatorSources, SourceConfig
from bot.sources.snapshot import SAMPLES_DIR
from handlers.failures import report_listener_error
from handlers.nul import drop_nul
from storage.db import make_engine
from storage.migrate import upgrade
from storage.slack_stores import installation_store, oauth_state_store
from storage.token_cipher import TokenCipher
from storage.uow import UnitOfWork

LISTENER_KINDS = (
    handlers.commands,
    handlers.actions,
    handlers.options,
    handlers.views,
    handlers.shortcuts,
    handlers.events,
)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"

NOT_INSTALLED = (
    ":warning: CreatorOps is not installed in this workspace (or its access was removed). "
    f"Ask a workspace admin to install it again from the app's {INSTALL_PATH} page."
)

logger = logging.getLogger("creatorops")


def open_database(settings: Settings) -> Engine:
    """The settings' database, migrated to the newest schema first."""
    upgrade(settings.database_url)
    return make_engine(settings.database_url)


def open_services(settings: Settings) -> Services:
    """The services over the settings' migrated database, with the platform sources (the worker's post-metrics
    refreshes read them); with OAuth, with the installation store too."""
    services = Services(settings=settings, engine=open_database(settings), sources=creator_sources(settings))
    if settings.mode is Mode.oauth:
        use_installation_store(settings, services)
    return services


def use_installation_store(settings: Settings, services: Services) -> InstallationStore:
    """slack_sdk's installation store with its tokens encrypted, once the keys are known to read them."""
    check_token_keys(settings, services)
    cipher = TokenCipher(settings.token_keys())
    services.installation_store = installation_store(settings.slack_client_id or "", services.engine, cipher)
    return services.installation_store


def make_web_client(base_url: str | None = None, token: str | None = None) -> WebClient:
    """A WebClient that waits out 429s (Retry-After) and retries Slack's 5xx answers."""
    client = WebClient(token=token, base_url=base_url or WebClient.BASE_URL, timeout=30)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    client.retry_handlers.append(ServerErrorRetryHandler(max_retry_count=2))
    return client


def create_app(
    settings: Settings,
    client: WebClient | None = None,
    *,
    engine: Engine | None = None,
    executor: Executor | None = None,
    services: Services | None = None,
) -> App:
    """A Bolt App for the mode the settings select (single workspace, several through OAuth, Socket Mode)."""
    client = client or make_web_client(settings.slack_api_url)
    engine = engine or make_engine(settings.database_url)
    services = services or Services(settings=settings, engine=engine)
    services.sources = services.sources or creator_sources(settings)
    executor = executor or ThreadPoolExecutor(max_workers=settings.listener_threads, thread_name_prefix="listener")
    secret = settings.secret("slack_signing_secret")

    if settings.mode is Mode.oauth:
        store = services.installation_store or use_installation_store(settings, services)
        app = App(
            signing_secret=secret,
            client=client,
            installation_store=store,
            oauth_settings=_oauth_settings(settings, engine, store),
            user_facing_authorize_error_message=NOT_INSTALLED,
            listener_executor=executor,
            logger=logger,
        )
    else:
        # Bolt takes the token from the client when it is given one.
        client.token = settings.secret("slack_bot_token")
        try:
            app = App(
                signing_secret=secret or "",
                client=client,
                listener_executor=executor,
                logger=logger,
            )
        except BoltError as exc:
            raise SettingsError(
                f"Slack refused SLACK_BOT_TOKEN ({exc}): copy the bot token again from your app's "
                "OAuth & Permissions page, or reinstall the app to the workspace."
            ) from None

    def attach_services(context: BoltContext, next) -> None:  # noqa: A002 - Bolt names it `next`
        context[CONTEXT_KEY] = services
        next()

    app.middleware(attach_services)
    app.middleware(drop_nul)
    app.error(report_listener_error)
    for kind in LISTENER_KINDS:
        kind.register(app)
    return app


def check_token_keys(settings: Settings, services: Services) -> None:
    """Refuse to start when the keys cannot read the stored tokens: every workspace would be told the app is
    not installed. Tokens stored before encryption was turned on still work, with a reminder to encrypt them."""
    stored = tokens.check(services.uow(), settings.token_keys())
    if unreadable := stored.unreadable_workspaces:
        named = ", ".join(unreadable[:5]) + (f" and {len(unreadable) - 5} more" if len(unreadable) > 5 else "")
        raise SettingsError(
            f"CREATOROPS_TOKEN_KEYS cannot decrypt the stored Slack tokens of {len(unreadable)} workspace(s)"
            f" ({named}): add the key they were encrypted with after the first one (retire a key only once"
            " `creatorops tokens rotate` has run with its successor in front)."
        )
    if stored.plaintext:
        logger.warning(
            "%d stored installation rows keep their Slack tokens in plain text: run `creatorops tokens rotate` to"
            " encrypt them.",
            stored.plaintext,
        )


def creator_sources(settings: Settings) -> CreatorSources:
    return CreatorSources(
        SourceConfig(
            youtube_api_key=settings.secret("youtube_api_key"),
            instagram_account_id=settings.instagram_business_account_id,
            instagram_access_token=settings.secret("instagram_access_token"),
            snapshot_dirs=(Path(settings.snapshot_dir), SAMPLES_DIR),
        )
    )


def _oauth_settings(settings: Settings, engine: Engine, store: InstallationStore) -> OAuthSettings:
    def on_success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        if installation.team_id:
            workspaces.ensure(
                UnitOfWork(engine),
                installation.team_id,
                settings.workspace_defaults,
                name=installation.team_name,
                enterprise_id=installation.enterprise_id,
            )
        return args.default.success(args)

    def on_failure(args: FailureArgs) -> BoltResponse:
        logger.warning("OAuth install failed: %s", args.reason)
        return args.default.failure(args)

    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.secret("slack_client_secret"),
        scopes=[scope.strip() for scope in settings.slack_scopes.split(",") if scope.strip()],
        installation_store=store,
        state_store=oauth_state_store(engine),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        callback_options=CallbackOptions(success=on_success, failure=on_failure),
    )
