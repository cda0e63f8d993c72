"""/campaign over real HTTP: modals, deliverables with planned reminders, buttons, permissions."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.campaigns.post_links import InvalidPostLink
from bot.services.campaigns import mark_posted, move
from storage.campaigns import campaign_deliverables, find_campaign, transitions
from storage.reminders import list_reminders
from tests.databases import stored
from tests.harness import seen


def open_modal(slack, text: str) -> dict:
    before = len(slack.standin.calls_to("views.open"))
    slack.command("/campaign", text)
    return slack.wait_for("views.open", count=before + 1)[-1].answer["view"]


def create_campaign(slack, name: str = "Spring Glow", approvers: list[str] | None = None) -> None:
    view = open_modal(slack, "new")
    values = {"name": name, "start": "2030-01-01", "end": "2030-03-31", "budget": "5000", "timezone": "Europe/London"}
    if approvers:
        values["approvers"] = approvers
    assert slack.submit(view, values).status_code == 200
    slack.wait_for("chat.postMessage", lambda c: f"created the campaign *{name}*" in c.params.get("text", ""))


def add_creator(slack, handle: str, due: str = "2030-02-10 17:00", kind: str = "reel", campaign: str = ""):
    """Through the add modal; `campaign` is typed into its menu (empty: the one campaign, picked already)."""
    view = open_modal(slack, f"add @{handle}")
    response = slack.submit(view, {"campaign": campaign, "kind": kind, "due": due})
    if response.content:
        return response.json()
    slack.wait_for(
        "chat.postMessage", lambda c: f"@{handle}" in c.params.get("text", "") and "added to" in c.params["text"]
    )
    return None


@pytest.fixture
def campaign(slack):
    create_campaign(slack, approvers=["U0APPROVER"])
    add_creator(slack, "glowwithmia")
    return stored(slack.services.engine, find_campaign, slack.team_id, "spring glow")


def test_new_campaign_modal_creates_the_campaign_and_announces_it(slack):
    create_campaign(slack)
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring")
    assert (campaign.name, campaign.timezone, campaign.channel_id) == ("Spring Glow", "Europe/London", slack.channel_id)
    assert campaign.owner_user_id == slack.user_id


def test_the_bot_joins_the_campaigns_public_channel(slack):
    """chat:write.public posts without joining, but only a member may read the channel back (the dispatcher's
    check for a reminder a crashed worker already posted)."""
    slack.standin.add_channel(slack.channel_id, bot_member=False)
    create_campaign(slack)
    [join] = slack.standin.calls_to("conversations.join")
    assert (join.params["channel"], join.answer["ok"]) == (slack.channel_id, True)
    assert slack.standin.channels[slack.channel_id].bot_member


def test_a_campaign_in_a_private_channel_the_bot_is_not_in_asks_its_creator_to_invite_it(slack):
    slack.standin.add_channel(slack.channel_id, private=True, bot_member=False)
    create_campaign(slack, name="Quiet Launch")
    [dm] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == slack.user_id)
    assert "*Quiet Launch*" in dm.params["text"] and "`/invite @CreatorOps`" in dm.params["text"]
    assert stored(slack.services.engine, find_campaign, slack.team_id, "quiet").channel_id == slack.channel_id


def test_new_campaign_mistakes_come_back_as_field_errors(slack):
    view = open_modal(slack, "new")
    answer = slack.submit(
        view, {"name": " ", "start": "2030-03-01", "end": "2030-01-01", "timezone": "Mars/Base"}
    ).json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"name", "end", "timezone"}
    assert "IANA" in answer["errors"]["timezone"] or "time zone" in answer["errors"]["timezone"].lower()


def test_a_duplicate_name_creates_nothing_and_says_so(slack):
    create_campaign(slack)
    view = open_modal(slack, "new")
    slack.submit(view, {"name": "spring glow", "start": "2030-01-01", "end": "2030-02-01", "timezone": "UTC"})
    [note] = slack.wait_for("chat.postEphemeral")
    assert "already a campaign called" in note.params["text"]


def test_adding_a_creator_plans_reminders_in_the_campaign_zone(slack, campaign):
    [context] = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))
    assert context.deliverable.due_at.isoformat() == "2030-02-10T17:00:00+00:00"  # London is on GMT in February
    reminders = stored(slack.services.engine, list_reminders, slack.team_id, deliverable_id=int(context.deliverable.id))
    kinds = Counter(r.kind for r in reminders)
    assert kinds["before"] == 2 and kinds["due"] == 1 and kinds["escalation"] == 1 and kinds["overdue"] >= 14
    assert {r.status for r in reminders} == {"pending"}


def test_an_unreadable_due_date_is_a_field_error(slack):
    create_campaign(slack)
    answer = add_creator(slack, "someone", due="whenever")
    assert answer["response_action"] == "errors"
    assert "due" in answer["errors"]


def test_more_revision_rounds_than_the_terms_allow_are_refused_while_the_form_is_open(slack):
    create_campaign(slack)
    view = open_modal(slack, "add @someone")
    answer = slack.submit(view, {"kind": "reel", "due": "2030-02-10 17:00", "rounds": "99"}).json()
    assert answer == {"response_action": "errors", "errors": {"rounds": "The revision rounds must be from 0 to 20."}}
    [element] = [b["element"] for b in view["blocks"] if b.get("block_id") == "rounds"]
    assert element["max_value"] == "20"  # the same limit, where Slack shows it
    assert not [c for c in slack.standin.calls_to("chat.postMessage") if "@someone" in c.params.get("text", "")]


def test_show_lists_deliverables_with_their_buttons(slack, campaign):
    slack.command("/campaign", "show spring")
    [shown] = slack.wait_for("response_url")
    lines = seen(shown.params).splitlines()
    assert lines[1:3] == ["SPRING GLOW", "==========="]
    coming_up = lines.index("📅 Coming up (1)")
    assert lines[coming_up + 1].startswith("@glowwithmia (instagram) · a reel · Invited · Due in ")
    assert lines[coming_up + 2] == "Deadline: Sun 10 Feb 2030 at 17:00 (Europe/London)"
    assert lines[coming_up + 3] == "  [1] Accepted   [2] Drop   [3] Edit   [4] Copy creator link"


def walk(slack, campaign, targets: tuple[str, ...], *, actor: str):
    """Move the campaign's one deliverable through `targets` as `actor` would with the buttons."""
    [context] = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))
    for target in targets:
        context = move(
            slack.services.uow(),
            slack.team_id,
            int(context.deliverable.id),
            target,
            actor=actor,
            now=slack.services.clock(),
            where=campaign.channel_id,  # as a click in the campaign's channel
        )
    return context


def test_only_an_approver_may_approve(slack, campaign):
    engine = slack.services.engine
    context = walk(slack, campaign, ("accepted", "draft_due", "draft_submitted"), actor="U0CREATOR")
    slack.command("/campaign", "show spring")
    shown = slack.wait_for("response_url")[-1]
    message = {"blocks": shown.params["blocks"], "is_ephemeral": True}
    slack.click(message, "deliverable_move_approved", user_id=slack.user_id)  # the owner, but not an approver
    denial = slack.wait_for("response_url", count=2)[-1]
    assert "approver" in denial.params["text"].lower()
    slack.click(message, "deliverable_move_approved", user_id="U0APPROVER")
    slack.wait_for("chat.postMessage", lambda c: "moved a deliverable to *approved*" in c.params.get("text", ""))
    audit = stored(engine, transitions, slack.team_id, int(context.deliverable.id))
    assert [(t.to_state, t.actor_user_id) for t in audit][-1] == ("approved", "U0APPROVER")


def test_extend_moves_the_deadline_and_plans_again(slack, campaign):
    engine = slack.services.engine
    [context] = stored(engine, campaign_deliverables, slack.team_id, int(campaign.id))
    message = {
        "ts": "1.1",
        "blocks": [
            {
                "type": "actions",
                "block_id": f"reminder:{context.deliverable.id}",
                "elements": [{"type": "datepicker", "action_id": "deliverable_extend"}],
            }
        ],
    }
    slack.click(message, "deliverable_extend", selected_date="2030-02-20")
    [note] = slack.wait_for("response_url")
    assert "deadline to Wed 20 Feb 2030 at 17:00 (Europe/London)" in note.params["text"]
    reminders = stored(engine, list_reminders, slack.team_id, deliverable_id=int(context.deliverable.id))
    pending = [r for r in reminders if r.status == "pending"]
    assert min(r.fire_at for r in pending if r.kind == "due").isoformat() == "2030-02-20T17:00:00+00:00"
    assert all(r.deliverable_version == 2 for r in pending)
    assert any(r.status == "cancelled" for r in reminders)


def test_mark_posted_asks_for_the_link_then_stops_the_reminders(slack, campaign):
    engine = slack.services.engine
    context = walk(slack, campaign, ("accepted", "draft_due", "draft_submitted"), actor="U0CREATOR")
    walk(slack, campaign, ("approved",), actor="U0APPROVER")
    value = str(context.deliverable.id)
    message = {
        "ts": "1.1",
        "blocks": [
            {
                "type": "actions",
                "block_id": "r",
                "elements": [{"type": "button", "action_id": "deliverable_mark_posted", "value": value}],
            }
        ],
    }
    before = len(slack.standin.calls_to("views.open"))
    slack.click(message, "deliverable_mark_posted")
    modal = slack.wait_for("views.open", count=before + 1)[-1].answer["view"]
    assert slack.submit(modal, {"url": "not a link"}).json()["errors"]["url"].startswith("Paste the full link")
    slack.submit(modal, {"url": "https://www.instagram.com/p/abc123/"})
    slack.wait_for("chat.postMessage", lambda c: "marked it live" in c.params.get("text", ""))
    reminders = stored(engine, list_reminders, slack.team_id, deliverable_id=int(context.deliverable.id))
    follow_ups = ("metrics_refresh", "live_recheck")
    assert {r.status for r in reminders if r.kind not in follow_ups} == {"cancelled"}
    assert [r.status for r in reminders if r.kind == "metrics_refresh"] == ["pending"] * 3  # its numbers, read back
    assert [r.status for r in reminders if r.kind == "live_recheck"] == ["pending"]  # its caption, a day on
    [after] = stored(engine, campaign_deliverables, slack.team_id, int(campaign.id))
    assert (after.deliverable.state, after.deliverable.post_url) == ("live", "https://www.instagram.com/p/abc123/")


def test_campaign_usage_and_unknown_names(slack):
    assert "Usage: `/campaign new`" in slack.command("/campaign", "").json()["text"]
    slack.command("/campaign", "show nothing-like-this")
    [reply] = slack.wait_for("response_url")
    assert "No campaign matches 'nothing-like-this'" in reply.params["text"]


def test_a_campaign_can_have_its_own_reminder_schedule(slack):
    view = open_modal(slack, "new")
    answer = slack.submit(
        view, {"name": "Quick", "start": "2030-01-01", "end": "2030-02-01", "reminders": "-2h, banana"}
    )
    assert "reminders" in answer.json()["errors"]
    slack.submit(
        view,
        {"name": "Quick", "start": "2030-01-01", "end": "2030-02-01", "reminders": "-2h, 0", "escalation": "never"},
    )
    slack.wait_for("chat.postMessage", lambda c: "created the campaign *Quick*" in c.params.get("text", ""))
    add_creator(slack, "mia", due="2030-01-20 12:00")
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "quick")
    [context] = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))
    kinds = Counter(
        r.kind
        for r in stored(
            slack.services.engine, list_reminders, slack.team_id, deliverable_id=int(context.deliverable.id)
        )
    )
    assert kinds["before"] == 1 and kinds["due"] == 1 and "escalation" not in kinds
    [added] = [c for c in slack.standin.calls_to("chat.postMessage") if "added to" in c.params.get("text", "")]
    # The confirmation tells this campaign's schedule, not the default one.
    assert added.params["text"].endswith(
        "Reminders are planned 2 hours before, at the deadline, and daily once overdue."
    )


def test_text_a_user_typed_comes_back_escaped_in_error_replies(slack):
    create_campaign(slack)
    slack.command("/campaign", "show nothing<!here>")
    [reply] = slack.wait_for("response_url")
    assert reply.params["text"] == (
        "No campaign matches 'nothing&lt;!here&gt;'. Campaigns: Spring Glow. Create one with /campaign new."
    )


def test_a_post_link_must_be_the_deliverables_platform_over_https(slack, campaign):
    walk(slack, campaign, ("accepted", "draft_due", "draft_submitted"), actor="U0CREATOR")
    context = walk(slack, campaign, ("approved",), actor="U0APPROVER")
    value = str(context.deliverable.id)
    message = {
        "ts": "1.1",
        "blocks": [
            {
                "type": "actions",
                "block_id": "r",
                "elements": [{"type": "button", "action_id": "deliverable_mark_posted", "value": value}],
            }
        ],
    }
    before = len(slack.standin.calls_to("views.open"))  # the campaign's own forms were opened already
    slack.click(message, "deliverable_mark_posted")
    modal = slack.wait_for("views.open", count=before + 1)[-1].answer["view"]
    for link, error in (
        (
            "https://www.tiktok.com/@mia/video/1",
            "That is a TikTok link, but this deliverable is on Instagram: "
            "paste the post's link from www.instagram.com.",
        ),
        ("https://www.instagram.com/p/x> <!channel> <https://a.b", "Paste the full link, starting with https://"),
        ("http://www.instagram.com/p/abc/", "Paste the full link, starting with https://"),
        ("https://www.instagram.com/p/" + "a" * 600, "That link is 628 characters long; paste the post's own link."),
    ):
        assert slack.submit(modal, {"url": link}).json()["errors"] == {"url": error}  # the form stays open
    with pytest.raises(InvalidPostLink):  # the service refuses it too, whoever calls it
        mark_posted(
            slack.services.uow(),
            slack.team_id,
            int(context.deliverable.id),
            url="https://instagram.com/p/x>|<!channel>",
            actor="U0APPROVER",
            now=slack.services.clock(),
        )
