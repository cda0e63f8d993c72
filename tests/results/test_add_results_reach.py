"""*Add results* is reachable for every live post, not only from its card: a button per live post without results
under the report's "Missing", and `/campaign results NAME [@handle]`, both opening the same form (over real HTTP)."""

from __future__ import annotations

from bot.services.results import ReportedResults, add_post_results
from storage.uow import UnitOfWork
from tests.reminders.test_metrics_refresh import OWNER, POSTED, VIDEO, campaign, live_post

MIA = "https://www.instagram.com/reel/MIA0001/"


def spring(slack) -> dict[str, int]:
    engine = slack.services.engine
    campaign_id = campaign(engine, channel=slack.channel_id)
    posts = {
        "mia": live_post(engine, campaign_id, "mia", "instagram", MIA),
        "lenaloafs": live_post(engine, campaign_id, "lenaloafs", "youtube", VIDEO),
    }
    slack.user_id = OWNER
    return posts


def opened_forms(slack) -> list[dict]:
    return [c.answer["view"] for c in slack.standin.calls_to("views.open")]


def test_the_reports_missing_section_has_an_add_results_button_per_live_post_without_results(slack) -> None:
    posts = spring(slack)
    reported = ReportedResults(proof_url="https://example.com/shot.png", counts={"views": 900})
    engine = slack.services.engine
    add_post_results(UnitOfWork(engine), slack.team_id, posts["lenaloafs"], reported, actor=OWNER, now=POSTED)

    slack.command("/campaign", "report spring")
    [posted] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == slack.channel_id)
    assert posted.answer["ok"], posted.answer
    [actions] = [b for b in posted.params["blocks"] if b["type"] == "actions"]
    [button] = actions["elements"]  # lenaloafs has results: only mia's reel is missing
    assert button["text"]["text"] == "Add results: @mia's reel"
    assert "@mia: live post without results" in str(posted.params["blocks"])

    slack.click(posted.params, button["action_id"])
    [form] = slack.wait_for("views.open")
    assert form.answer["ok"] and form.answer["view"]["title"]["text"] == "Add results"
    assert "@mia's reel" in form.answer["view"]["blocks"][0]["text"]["text"]


def test_campaign_results_opens_the_form_for_a_creators_live_post_or_lists_them(slack) -> None:
    spring(slack)
    slack.command("/campaign", "results spring @Mia")
    [form] = slack.wait_for("views.open")
    assert "@mia's reel" in form.answer["view"]["blocks"][0]["text"]["text"]

    slack.command("/campaign", "results spring")
    [listed] = slack.wait_for("response_url", lambda c: "live posts" in str(c.params.get("text")))
    assert listed.params["text"] == "2 live posts on Spring, 2 without results: pick one to add its numbers."
    [actions] = [b for b in listed.params["blocks"] if b["type"] == "actions"]
    assert [e["text"]["text"] for e in actions["elements"]] == [
        "Add results: @lenaloafs's video",
        "Add results: @mia's reel",
    ]
    assert len({e["action_id"] for e in actions["elements"]}) == 2  # Slack wants them unique in a block

    slack.command("/campaign", "results spring @nobody")
    [refused] = slack.wait_for("response_url", lambda c: "nobody" in str(c.params.get("text")))
    assert refused.params["text"].startswith(":no_entry: @nobody is not on Spring.")


def test_someone_outside_the_campaign_may_only_from_its_channel(slack) -> None:
    spring(slack)
    slack.command("/campaign", "results spring @mia", user_id="U0STRANGER")  # in the campaign's channel: fine
    slack.wait_for("views.open")
    slack.channel_id = "D0STRANGER"  # from a DM: only its owner and approvers
    slack.command("/campaign", "results spring @mia", user_id="U0STRANGER")
    [refused] = slack.wait_for("response_url", lambda c: "add its results" in str(c.params.get("text")))
    assert refused.params["text"].startswith(":no_entry:")
    assert len(slack.standin.calls_to("views.open")) == 1
