"""The arguments Slack's Web API accepts, per method the stand-in answers: one table, read from docs.slack.dev.

Each row names the method's reference page, its required arguments (groups: at least one name of each group must
be given) and every optional one the page lists. The stand-in refuses an argument a method does not list, so a
typo or a made-up argument fails a test instead of being silently ignored by Slack. `token` is accepted by every
method that takes one (in the Authorization header or the body; slack_sdk uses the header); oauth.v2.access takes
the client's id and secret instead (slack_sdk sends them as HTTP Basic auth). `team_id` too: Bolt builds each
request's WebClient with the request's team_id, and slack_sdk adds it to every call as a default parameter (the
workspace an org-wide token acts in: https://docs.slack.dev/enterprise/developing-for-enterprise-orgs).
"""

from __future__ import annotations

from dataclasses import dataclass

DOCS = "https://docs.slack.dev/reference/methods/"


@dataclass(frozen=True)
class MethodArguments:
    doc: str
    required: tuple[tuple[str, ...], ...]
    optional: frozenset[str]

    @property
    def accepted(self) -> frozenset[str]:
        return self.optional.union(*self.required)


def _method(name: str, required: tuple[tuple[str, ...], ...], optional: str = "") -> tuple[str, MethodArguments]:
    return name, MethodArguments(doc=DOCS + name, required=required, optional=frozenset(optional.split()))


MESSAGE_CONTENT = ("text", "blocks", "attachments", "markdown_text")
AUTHORSHIP = "as_user icon_emoji icon_url username link_names parse"

ARGUMENTS: dict[str, MethodArguments] = dict(
    [
        _method(
            "chat.postMessage",
            (("channel",), MESSAGE_CONTENT),
            f"{AUTHORSHIP} current_draft_last_updated_ts metadata mrkdwn reply_broadcast thread_ts unfurl_links "
            "unfurl_media",
        ),
        _method("chat.postEphemeral", (("channel",), ("user",), MESSAGE_CONTENT), f"{AUTHORSHIP} thread_ts"),
        _method(
            "chat.update",
            (("channel",), ("ts",)),
            "as_user attachments unfurled_attachments blocks markdown_text metadata link_names parse text "
            "reply_broadcast file_ids",
        ),
        _method("chat.delete", (("channel",), ("ts",)), "as_user"),
        _method("chat.getPermalink", (("channel",), ("message_ts",))),
        _method(
            "conversations.history",
            (("channel",),),
            "cursor include_all_metadata inclusive latest limit oldest",
        ),
        _method("conversations.info", (("channel",),), "include_locale include_num_members"),
        _method("conversations.join", (("channel",),)),
        _method("conversations.open", (("users", "channel"),), "prevent_creation return_im"),
        _method("users.info", (("user",),), "include_locale"),
        _method("views.open", (("view",), ("trigger_id", "interactivity_pointer"))),
        _method("views.push", (("view",), ("trigger_id", "interactivity_pointer"))),
        _method("views.update", (("view",), ("view_id", "external_id")), "hash"),
        _method("views.publish", (("user_id",), ("view",)), "hash"),
        _method("files.getUploadURLExternal", (("filename",), ("length",)), "alt_txt snippet_type"),
        _method(
            "files.completeUploadExternal",
            (("files",),),
            "blocks channel_id channels initial_comment thread_ts",
        ),
        _method("auth.test", ()),
        _method("apps.connections.open", ()),
        _method("oauth.v2.access", (), "client_id client_secret code grant_type redirect_uri refresh_token"),
    ]
)
NO_TOKEN_METHODS = {"oauth.v2.access"}
SDK_ARGUMENTS = frozenset({"team_id"})  # what slack_sdk adds by itself to a call with a token (see above)


def argument_error(method: str, params: dict[str, object]) -> dict[str, object] | None:
    """Slack's answer to arguments the method does not take, or lacks; None when they are fine."""
    arguments = ARGUMENTS.get(method)
    if arguments is None:
        return None  # the caller answers unknown_method
    sdk = SDK_ARGUMENTS if method not in NO_TOKEN_METHODS else frozenset()
    unknown = sorted(set(params) - arguments.accepted - sdk)
    if unknown:
        return {
            "ok": False,
            "error": "invalid_arguments",
            "response_metadata": {
                "messages": [f"[ERROR] unknown argument '{name}' (see {arguments.doc})" for name in unknown]
            },
        }
    for group in arguments.required:
        if not any(params.get(name) not in (None, "", []) for name in group):
            return {"ok": False, "error": "invalid_arguments", "needed": group[0]}
    return None
