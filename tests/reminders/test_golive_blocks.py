"""The go-live reminder's message: the creator mentioned when they are in Slack, user text escaped, within
Slack's limits (the stand-in checks the blocks it is sent)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.campaigns.models import Campaign, CampaignCreator, Deliverable
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.states import DeliverableState
from bot.vocabulary import Money
from handlers.blocks.golive import golive_blocks, golive_fallback_text

DUE = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


def context(
    *, name: str = "Glow", slack_user_id: str | None = None, state: DeliverableState = DeliverableState.approved
) -> DeliverableContext:
    campaign = Campaign(
        id="1",
        team_id="T1",
        name=name,
        channel_id="C1",
        owner_user_id="U0OWNER",
        budget=Money(amount=1000),
        timezone="Europe/London",
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 31),
        jurisdiction="US",
    )
    creator = CampaignCreator(
        id="2", campaign_id="1", handle="maya", platform="youtube", fee=Money(amount=300), slack_user_id=slack_user_id
    )
    deliverable = Deliverable(id="3", campaign_id="1", creator_id="2", kind="video", due_at=DUE, state=state)
    return DeliverableContext(campaign, creator, deliverable)


def first_section(blocks: list) -> str:
    return blocks[0].to_dict()["text"]["text"]


def test_the_creator_is_mentioned_when_they_are_in_slack():
    blocks = golive_blocks(context(slack_user_id="U0MAYA"), on_approval=False)
    assert "<@U0MAYA> (@maya)" in first_section(blocks)
    assert "What @maya does:" in first_section(golive_blocks(context(), on_approval=False))


def test_a_hostile_campaign_name_is_shown_not_obeyed():
    hostile = context(name="<!channel> <https://evil.example|Glow>")
    text = golive_fallback_text(hostile, on_approval=True)
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text
    section = first_section(golive_blocks(hostile, on_approval=True))
    assert "<!channel>" not in section and "<https://evil" not in section
    assert "&lt;!channel&gt; &lt;https://evil.example|Glow&gt;" in section


def test_a_youtube_video_is_told_about_the_description_and_the_paid_promotion_box():
    section = first_section(golive_blocks(context(), on_approval=False))
    assert "Going live tomorrow: the disclosure. @maya's YouTube video for Glow goes live Sat 5 Dec 2026" in section
    assert "Put '#ad' at the very start of the description, within the first 100 characters or 2 lines" in section
    assert "tick *My video contains paid promotion like a product placement, sponsorship, or endorsement*" in section
    actions = [b.to_dict() for b in golive_blocks(context(), on_approval=False) if b.type == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == ["deliverable_mark_posted"]


def buttons(blocks: list) -> list[str]:
    return [e["text"]["text"] for b in blocks if b.type == "actions" for e in b.to_dict()["elements"]]


def test_before_any_draft_it_says_it_is_not_ready_and_offers_the_draft_not_mark_posted():
    blocks = golive_blocks(context(state=DeliverableState.draft_due), on_approval=False)
    section = first_section(blocks)
    assert section.startswith(
        ":mega: *Going live tomorrow, but no draft is approved yet. @maya's YouTube video for Glow goes live "
        "Sat 5 Dec 2026 at 17:00 (Europe/London)*.\n"
        ":warning: *Not ready to post:* no approved draft yet (now: draft due). Get it in and approved first, or "
        "move the go-live date (*Edit* on its card in `/campaign show Glow`).\n"
        "The disclosure it will need, what @maya does:\n• *Caption:* "
    )
    assert buttons(blocks) == ["Submit draft"]
    assert golive_fallback_text(context(state=DeliverableState.draft_due), on_approval=False).startswith(
        "Going live tomorrow, but no draft is approved yet. @maya's YouTube video"
    )


def test_a_draft_in_review_is_pointed_at_its_review_with_no_button_to_mark_it_posted():
    blocks = golive_blocks(context(state=DeliverableState.draft_submitted), on_approval=False)
    assert (
        ":warning: *Not ready to post:* its draft waits for review (now: draft submitted). Approve it or request "
        "changes, or move the go-live date"
    ) in first_section(blocks)
    assert buttons(blocks) == []


def test_an_approved_or_scheduled_draft_gets_the_instructions_and_mark_posted_as_before():
    for state in (DeliverableState.approved, DeliverableState.scheduled):
        blocks = golive_blocks(context(state=state), on_approval=False)
        assert first_section(blocks).startswith(":mega: *Going live tomorrow: the disclosure. @maya's YouTube video")
        assert "Not ready" not in first_section(blocks) and buttons(blocks) == ["Mark posted"]
