"""The go-live reminder's message: the creator mentioned when they are in Slack, user text escaped, within
Slack's limits (the stand-in checks the blocks it is sent)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.campaigns.models import Campaign, CampaignCreator, Deliverable
from bot.campaigns.read_models import DeliverableContext
from bot.vocabulary import Money
from handlers.blocks.golive import golive_blocks, golive_fallback_text

DUE = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


def context(*, name: str = "Glow", slack_user_id: str | None = None) -> DeliverableContext:
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
    deliverable = Deliverable(id="3", campaign_id="1", creator_id="2", kind="video", due_at=DUE)
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
