"""/vet @handle …: an explainable card per creator, with one progress message while they are fetched."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import Services, services_of, vetting
from bot.sources.errors import SourceError
from bot.vetting.command import VetRequest, VetUsageError, parse_vet_command
from bot.vetting.report import VetReport
from bot.vocabulary import Platform
from handlers.blocks.text import escape
from handlers.blocks.vet_card import card_text, vet_card_blocks
from handlers.context import team_of

NO_CHANNEL = {"channel_not_found", "not_in_channel", "is_archived", "restricted_action"}


def handle_vet(
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    services = services_of(context)
    try:  # syntax only, no I/O: the workspace's default platform is read after the ack
        parse_vet_command(command.get("text") or "", services.settings.default_platform)
    except VetUsageError as error:
        ack(response_type="ephemeral", text=escape(str(error)))
        return
    ack()
    workspace = services.workspace(team_of(context))
    request = parse_vet_command(command.get("text") or "", workspace.default_platform)
    _VetRun(services, client, respond, team_of(context), command, workspace.default_jurisdiction).run(request)


class _VetRun:
    """Posts progress and cards into the channel, or privately when the bot cannot post there."""

    def __init__(
        self,
        services: Services,
        client: WebClient,
        respond: Respond,
        team_id: str,
        command: dict[str, Any],
        jurisdiction: str,
    ) -> None:
        self.services, self.client, self.respond = services, client, respond
        self.jurisdiction = jurisdiction  # the workspace's: disclosures are judged by its audience's rules
        self.team_id, self.user_id, self.channel = team_id, command["user_id"], command["channel_id"]
        self.progress_ts: str | None = None
        self.private = False

    def run(self, request: VetRequest) -> None:
        targets = request.targets
        names = ", ".join(f"@{handle}" for handle, _ in targets)
        self._progress(f":mag: Vetting {names}… (0 of {len(targets)} done)")
        lines: list[str] = []
        for done, (handle, platform) in enumerate(targets, start=1):
            lines.append(self._vet_one(handle, platform, request, single=len(targets) == 1))
            if len(targets) > 1:
                state = "done" if done == len(targets) else f"{done} of {len(targets)} done"
                self._progress(f":mag: Vetting {names}: {state}\n" + "\n".join(lines))

    def _vet_one(self, handle: str, platform: Platform, request: VetRequest, *, single: bool) -> str:
        services = self.services
        try:
            report, run_id = vetting.vet_and_record(
                services.uow(),
                services.sources,
                self.team_id,
                (handle, platform),
                request,
                now=services.clock(),
                requested_by=self.user_id,
                jurisdiction=self.jurisdiction,
            )
        except SourceError as error:
            line = f":x: @{handle} ({platform.value}): {escape(str(error))}"
            if single:
                self._progress(line)
            return line
        self._post_card(report, run_id, replace_progress=single)
        score = f"{report.score}/100" if report.score is not None else "no score"
        return f":white_check_mark: @{report.handle}: {report.verdict.value} ({score})"

    def _post_card(self, report: VetReport, run_id: int, *, replace_progress: bool) -> None:
        decision = vetting.latest_decision(self.services.uow(), self.team_id, report)
        blocks, text = vet_card_blocks(report, run_id, decision=decision), card_text(report)
        if self.private:
            self.respond(response_type="ephemeral", text=text, blocks=blocks)
            return
        if replace_progress and self.progress_ts:
            answer = self.client.chat_update(channel=self.channel, ts=self.progress_ts, text=text, blocks=blocks)
        else:
            answer = self.client.chat_postMessage(channel=self.channel, text=text, blocks=blocks)
        vetting.remember_message(
            self.services.uow(), self.team_id, run_id, channel_id=answer["channel"], message_ts=answer["ts"]
        )

    def _progress(self, text: str) -> None:
        if self.private:
            self.respond(response_type="ephemeral", text=text)
            return
        try:
            if self.progress_ts:
                self.client.chat_update(channel=self.channel, ts=self.progress_ts, text=text, blocks=[])
            else:
                self.progress_ts = self.client.chat_postMessage(channel=self.channel, text=text)["ts"]
        except SlackApiError as error:
            if error.response.get("error") not in NO_CHANNEL:
                raise
            self.private = True  # e.g. a private channel or a DM the bot is not in: answer the user alone
            self.respond(
                response_type="ephemeral",
                text=f"{text}\n_(I can't post in this channel, so only you see this; invite me to share cards.)_",
            )
