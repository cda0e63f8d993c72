"""/campaign edit over real HTTP: the forms open with what is there now, mistakes come back as field errors (so
Slack keeps what was typed), only the campaign's owner and approvers change it, and its channel is told."""

from __future__ import annotations

from collections import Counter

from storage.campaigns import campaign_creators, campaign_deliverables, find_campaign
from storage.reminders import list_reminders
from tests.databases import stored
from tests.harness import seen
from tests.slack.test_campaign_flow import add_creator, create_campaign, open_modal

STRANGER = "U0STRANGER"


def initial(modal: dict, block_id: str):
    """What a field of `modal` shows before anyone types."""
    element = next(b["element"] for b in modal["blocks"] if b.get("block_id") == block_id)
    for key in ("initial_value", "initial_date", "initial_users"):
        if key in element:
            return element[key]
    return None


def changed_lines(slack) -> list[str]:
    return [c.params["text"] for c in slack.standin.calls_to("chat.postMessage") if " changed " in c.params["text"]]


def test_the_edit_form_opens_with_the_campaign_as_it_is_and_saving_tells_the_channel(slack):
    create_campaign(slack, approvers=["U0APPROVER"])
    view = open_modal(slack, "edit spring")
    shown = {b: initial(view, b) for b in ("budget", "start", "end", "attribution", "approvers", "reminders", "digest")}
    assert shown == {
        "budget": "5000",
        "start": "2030-01-01",
        "end": "2030-03-31",
        "attribution": "30",
        "approvers": ["U0APPROVER"],
        "reminders": "-3d, -1d, 0, +1d",
        "digest": "monday 09:00",
    }
    assert "Results digest in the channel" in seen(view)
    assert slack.submit(view, {"budget": "6000", "digest": "fri 17:30", "escalation": "never"}).status_code == 200
    [line] = slack.wait_for("chat.postMessage", lambda c: " changed " in c.params.get("text", ""))
    assert line.params["channel"] == slack.channel_id
    assert line.params["text"] == (
        f"<@{slack.user_id}> changed *Spring Glow*: budget $5,000 → $6,000, owner DM when overdue by +3d → never, "
        "digest Mondays 09:00 → Fridays 17:30."
    )
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring")
    assert (campaign.budget.amount, campaign.digest.as_text(), campaign.reminder_policy.owner_escalation_at) == (
        6000,
        "friday 17:30",
        None,
    )


def test_every_mistake_comes_back_at_once_as_a_field_error_and_nothing_changes(slack):
    create_campaign(slack)
    view = open_modal(slack, "edit spring")
    typed = {
        "budget": "-5",
        "end": "2029-12-01",
        "attribution": "400",
        "reminders": "-3d, soon",
        "escalation": "-1d",
        "digest": "someday 09:00",
    }
    answer = slack.submit(view, typed).json()
    # "errors" keeps the form open with what was typed (an "update" or "clear" would not).
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {
        "budget": "The budget cannot be negative.",
        "end": "The campaign must end on or after its start.",
        "attribution": "The attribution window must be from 0 to 365.",
        "reminders": answer["errors"]["reminders"],
        "escalation": "owner escalation at: the owner escalation must be after the deadline, like +3d, not '-1d'",
        "digest": "'someday' is not a weekday; write monday, tue, wednesday …",
    }
    assert "'soon' is not a reminder offset" in answer["errors"]["reminders"]
    assert all(len(message) <= 150 for message in answer["errors"].values())
    assert changed_lines(slack) == []
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring")
    assert (campaign.budget.amount, campaign.end_date.isoformat(), campaign.attribution_days) == (
        5000,
        "2030-03-31",
        30,
    )


def test_someone_who_is_neither_owner_nor_approver_is_refused_and_told_who_may(slack):
    create_campaign(slack, approvers=["U0APPROVER"])
    opened = len(slack.standin.calls_to("views.open"))
    slack.command("/campaign", "edit spring", user_id=STRANGER)
    [refused] = slack.wait_for("response_url")
    assert refused.params["text"] == (
        ":no_entry: Only the campaign's owner and approvers can edit Spring Glow. Ask <@U0ALICE>, <@U0APPROVER>."
    )
    assert len(slack.standin.calls_to("views.open")) == opened
    view = open_modal(slack, "edit spring")  # the owner's form, submitted by someone else (a forged request)
    slack.submit(view, {"budget": "1"}, user_id=STRANGER)
    [dm] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == STRANGER)
    assert dm.params["text"].startswith("Nothing was changed. :no_entry: Only the campaign's owner and approvers")
    assert stored(slack.services.engine, find_campaign, slack.team_id, "spring").budget.amount == 5000


def test_new_reminder_offsets_replace_the_pending_reminders_once_each(slack):
    create_campaign(slack)
    add_creator(slack, "glowwithmia", due="2030-02-10 17:00")
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring")
    [context] = stored(slack.services.engine, campaign_deliverables, slack.team_id, int(campaign.id))

    def pending() -> Counter:
        rows = stored(slack.services.engine, list_reminders, slack.team_id, deliverable_id=int(context.deliverable.id))
        return Counter((r.kind, r.fire_at.isoformat()) for r in rows if r.status == "pending")

    first = pending()
    slack.submit(open_modal(slack, "edit spring"), {"reminders": "-2d, 0", "escalation": "never"})
    [line] = slack.wait_for("chat.postMessage", lambda c: " changed " in c.params.get("text", ""))
    assert "reminders -3d, -1d, 0, +1d → -2d, 0" in line.params["text"]
    assert line.params["text"].endswith("Reminders of 1 open deliverable follow the new schedule.")
    now = pending()
    assert set(now.values()) == {1}  # none twice
    assert ("before", "2030-02-08T17:00:00+00:00") in now and ("before", "2030-02-07T17:00:00+00:00") not in now
    assert ("escalation", "2030-02-13T17:00:00+00:00") not in now
    assert [k for k in first if k[0] in ("due", "overdue")] == [k for k in now if k[0] in ("due", "overdue")]


def test_a_creators_terms_open_as_they_are_and_change_for_the_managers_only(slack):
    create_campaign(slack)
    add_creator(slack, "glowwithmia")
    view = open_modal(slack, "edit spring @GlowWithMia")
    assert "@glowwithmia (instagram) on Spring Glow" in seen(view)
    assert (initial(view, "rounds"), initial(view, "code")) == ("2", None)
    answer = slack.submit(view, {"fee": "x", "code": "10% off!", "link": "http://shop.example", "rounds": "99"}).json()
    assert answer["errors"] == {
        "fee": "Type the fee as a number, e.g. 5000.",
        "code": "'10% off!' is not a discount code; use up to 64 letters, digits, - or _ (e.g. NINA10)",
        "link": "The tracking link must be one https:// address of at most 500 characters",
        "rounds": "The revision rounds must be from 0 to 20.",
    }
    slack.submit(
        view,
        {
            "fee": "450",
            "gift": "60",
            "code": "mia10",
            "link": "https://shop.example/?utm_content=mia",
            "terms": ["exclusivity"],
        },
    )
    [line] = slack.wait_for("chat.postMessage", lambda c: " changed " in c.params.get("text", ""))
    assert line.params["text"] == (
        f"<@{slack.user_id}> changed @glowwithmia's terms on *Spring Glow*: fee $0 → $450, gift value none → $60, "
        "discount code none → MIA10, tracking link none → https://shop.example/?utm_content=mia, exclusivity no → yes."
    )
    campaign = stored(slack.services.engine, find_campaign, slack.team_id, "spring")
    [creator] = stored(slack.services.engine, campaign_creators, slack.team_id, campaign)
    assert (creator.fee.amount, creator.gift_value.amount, creator.discount_code) == (450, 60, "MIA10")
    slack.submit(open_modal(slack, "edit spring @glowwithmia"), {})  # opens as saved: saved again, nothing changes
    [same] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == slack.user_id)
    assert (
        same.params["text"]
        == "@glowwithmia's terms on *Spring Glow* are as they were: nothing in the form was changed."
    )
    slack.command("/campaign", "edit spring @glowwithmia", user_id=STRANGER)
    [refused] = slack.wait_for("response_url")
    assert (
        "Only the campaign's owner and approvers can change creators' terms on Spring Glow." in refused.params["text"]
    )


def test_edit_without_a_name_says_how(slack):
    assert "`/campaign edit <name>`" in slack.command("/campaign", "edit").json()["text"]
