"""Sharing files in Slack with its current upload flow (files.getUploadURLExternal, the bytes to the upload URL,
files.completeUploadExternal; files.upload is retired), through slack_sdk's files_upload_v2.

Sharing a file needs the bot in the channel: chat:write.public lets it post in public channels it is not in, but
not share files there (Slack answers not_in_channel). It joins a public channel then (channels:join) and tries
once more; a private channel needs /invite @CreatorOps.
https://docs.slack.dev/reference/methods/files.completeUploadExternal
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

NOT_THERE = {"channel_not_found", "not_in_channel"}


class NotInChannel(Exception):
    """The bot may not share files in the channel (private and not invited, or it could not join)."""


def share_files(client: WebClient, channel_id: str, files: list[tuple[str, bytes]], *, comment: str) -> None:
    """All `files` ((name, bytes)) in one message in the channel, under `comment` (mrkdwn, already escaped)."""
    uploads = [{"filename": name, "content": data, "title": name} for name, data in files]
    try:
        client.files_upload_v2(file_uploads=uploads, channel=channel_id, initial_comment=comment)
        return
    except SlackApiError as error:
        if error.response.get("error") not in NOT_THERE:
            raise
        reason = error.response.get("error")
    if reason == "not_in_channel":
        try:
            client.conversations_join(channel=channel_id)
        except SlackApiError:
            raise NotInChannel(channel_id) from None
        try:
            client.files_upload_v2(file_uploads=uploads, channel=channel_id, initial_comment=comment)
            return
        except SlackApiError as error:
            if error.response.get("error") not in NOT_THERE:
                raise
    raise NotInChannel(channel_id)


def share_with_user(client: WebClient, user_id: str, files: list[tuple[str, bytes]], *, comment: str) -> None:
    """The files in the app's DM with the user (the campaign's channel would not take them)."""
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    share_files(client, dm, files, comment=comment)
