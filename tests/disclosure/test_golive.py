"""The go-live instructions, per platform x format x jurisdiction: what the reminder tells the team and the
creator, and that the caption it asks for is one the checker passes."""

from __future__ import annotations

import pytest

from bot.disclosure.checker import check_caption
from bot.disclosure.golive import golive_instructions, switch_words
from bot.disclosure.models import CheckRequest, Format, Verdict
from bot.review.check import check_draft, connection_for
from bot.vocabulary import DeliverableKind, Jurisdiction, Platform

P, F, J = Platform, Format, Jurisdiction

# platform, format, jurisdiction -> the label, where it must be, the built-in switch and what it is worth there
TABLE = [
    (P.instagram, F.post, J.US, "#ad", "within the first 125 characters or 3 lines", "*Paid partnership*",
     "it does not replace the caption label in the US"),
    (P.instagram, F.reel, J.UK, "#ad", "within the first 125 characters or 3 lines", "*Paid partnership*",
     "the UK accepts it as a disclosure"),
    (P.instagram, F.story, J.AU, "#ad", "A story has no caption people read", "*Paid partnership*",
     "Australia accepts it as a disclosure"),
    (P.facebook, F.post, J.IE, "#ad", "Open the caption with '#ad'", "Facebook's *Paid partnership*",
     "Ireland accepts it as a disclosure"),
    (P.tiktok, F.video, J.DE, "Werbung", "Open the caption with 'Werbung', within the first 55 characters",
     "TikTok's *Content disclosure* setting (choose *Branded content*: the post then shows *Paid partnership*)",
     "it does not replace the caption label in Germany"),
    (P.tiktok, F.live, J.FR, "Publicité", "within the first 55 characters", "LIVE settings",
     "it does not replace the caption label in France"),
    (P.youtube, F.video, J.CA, "#ad", "at the very start of the description, within the first 100 characters or 2",
     "*Includes paid promotion*", "use it as well as the caption label"),
    (P.youtube, F.short, J.NL, "#reclame", "within the first 100 characters", "tick *My video contains paid promotion",
     "use it as well as the caption label"),
    (P.youtube, F.live, J.IN, "#ad", "within the first 100 characters", "*Includes paid promotion*",
     "use it as well as the caption label"),
    (P.instagram, F.post, J.BE, "#reclame", "Open the caption with '#reclame'", "*Paid partnership*",
     "use it as well as the caption label"),
    (P.instagram, F.reel, J.IT, "Pubblicità", "at the very start of the caption", "*Paid partnership*",
     "use it as well as the caption label"),
    (P.tiktok, F.video, J.ES, "Publicidad", "within the first 55 characters", "*Branded content*",
     "use it as well as the caption label"),
]  # fmt: skip


@pytest.mark.parametrize(("platform", "fmt", "where", "label", "caption", "switch", "worth"), TABLE)
def test_the_instructions_name_the_label_its_place_and_the_switch(platform, fmt, where, label, caption, switch, worth):
    steps = golive_instructions(platform, fmt, where)
    assert steps.label == label
    assert caption in steps.caption
    assert steps.built_in is not None
    assert switch in steps.built_in
    assert worth in steps.built_in
    assert f'"{label}"' in steps.creator_text or fmt is F.story


# format -> what the creator is told to do inside the content (the first step), and for how long
CONTENT = [
    (F.post, None),
    (F.reel, "Say \"This is an ad\" out loud in the first seconds and show '#ad' on screen"),
    (F.video, 'Say "This is an ad" out loud in the first seconds'),
    (F.short, 'Say "This is an ad" out loud in the first seconds'),
    (F.story, "Put '#ad' as text on every frame of the story"),
    (F.live, 'Say "This is an ad" out loud in the first seconds'),
]


@pytest.mark.parametrize(("fmt", "first"), CONTENT)
def test_video_story_and_live_are_told_what_to_say_and_show(fmt, first):
    steps = golive_instructions(P.instagram, fmt, J.UK)
    if first is None:
        assert steps.in_content == ()
        assert "Say" not in steps.creator_text
    else:
        assert steps.in_content[0].startswith(first)
        assert first in steps.creator_text
    if fmt is F.live:
        assert steps.in_content[-1] == "Repeat it every few minutes so people who join late hear it too."
        assert "join late" in steps.creator_text


def test_jurisdiction_notes_for_video_come_from_the_checker():
    french_live = golive_instructions(P.tiktok, F.live, J.FR)
    assert (
        "French law wants 'Publicité' or 'Collaboration commerciale' on the image or video"
        in (french_live.in_content[1])
    )
    assert french_live.in_content[-1] == "Keep it on screen for the whole stream."
    indian_live = golive_instructions(P.youtube, F.live, J.IN)
    assert indian_live.in_content[-1] == "Show it continuously, as a ticker, for the whole stream."


def test_the_creator_text_is_plain_words_to_paste():
    steps = golive_instructions(P.tiktok, F.video, J.US)
    assert steps.creator_text == (
        "Before your TikTok video goes live, please: "
        '1) Start your caption with "#ad" (in the first 55 characters, so it shows before "more"). '
        '2) Turn on the "Content disclosure" setting (choose "Branded content": the post then shows "Paid '
        'partnership") when you post. '
        "3) Say \"This is an ad\" out loud in the first seconds and show '#ad' on screen at the same time. Thank you!"
    )
    assert "*" not in steps.creator_text  # no Slack markup in what the creator pastes elsewhere


def test_every_instruction_cites_its_sources():
    steps = golive_instructions(P.youtube, F.video, J.US)
    urls = [source.url for source in steps.sources]
    assert urls == [
        "https://www.ftc.gov/system/files/documents/plain-language/1001a-influencer-guide-508_1.pdf",
        "https://help-influence.later.com/hc/en-us/articles/20462346346775-YouTube-FTC-Sponsored-Content-Disclosures",
        "https://support.google.com/youtube/answer/154235",
        "https://www.ftc.gov/business-guidance/resources/ftcs-endorsement-guides-what-people-are-asking",
    ]


def test_a_platform_without_a_built_in_label_asks_only_for_the_caption():
    steps = golive_instructions(P.x, F.post, J.UK)
    assert steps.built_in is None
    assert steps.creator_text == (
        'Before your X post goes live, please: 1) Start your caption with "#ad" (in the first 280 characters, '
        'so it shows before "more"). Thank you!'
    )


@pytest.mark.parametrize("where", list(Jurisdiction))
@pytest.mark.parametrize("platform", list(Platform))
def test_the_caption_the_reminder_asks_for_passes_the_checker(platform, where):
    steps = golive_instructions(platform, F.post, where)
    caption = f"{steps.label} @glowbrand"
    result = check_caption(CheckRequest(text=caption, platform=platform, jurisdiction=where, connection="paid"))
    assert result.verdict is Verdict.compliant, result.findings
    assert len(caption) <= steps.visible_chars


@pytest.mark.parametrize("platform", [P.instagram, P.tiktok, P.youtube])
def test_the_draft_card_and_the_go_live_reminder_name_the_platforms_switch_in_the_same_words(platform):
    from bot.review.check import connection_for as check_draft_paid_for

    def check_draft_paid():
        return check_draft_paid_for(True)

    kind = DeliverableKind.video if platform is not P.instagram else DeliverableKind.reel
    check = check_draft(
        "Loving this serum", platform=platform, format=kind, jurisdiction=J.US, connection=connection_for(True)
    )
    assert check.label_to_enable is not None
    on_the_card = switch_words(check.label_to_enable)
    reminder = golive_instructions(platform, F.video if platform is not P.instagram else F.reel, J.US).built_in
    assert reminder is not None and on_the_card.removeprefix("the ") in reminder
    if platform is P.tiktok:
        assert on_the_card == (
            "the *Content disclosure* setting (choose *Branded content*: the post then shows *Paid partnership*)"
        )
