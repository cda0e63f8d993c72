"""What a creator must do when a sponsored post goes live, per platform x format x jurisdiction.

Pure and table-driven. The caption label and the "more" cut come from the checker's own rule table
(disclosure_rules.json through label_for and the placement cuts), and the in-video notes from the checker, so the
go-live reminder asks for exactly what the checker will accept. This module adds only what the checker cannot
see: the platform's built-in label to switch on, and what to say and show inside the video.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.disclosure.checker import LABEL_ALONE_NOT_ENOUGH, LIVE_NOTES, PLATFORM_NAMES, VIDEO_NOTES, label_for
from bot.disclosure.models import VIDEO_FORMATS, Format
from bot.disclosure.rules import Source, load_rules
from bot.vocabulary import Jurisdiction, Platform


@dataclass(frozen=True)
class BuiltInLabel:
    """A platform's own paid-partnership switch: what viewers see, and where the creator turns it on."""

    name: str  # what viewers see on the post
    how: str  # where the switch is, in the app's own words
    source: Source
    setting: str = ""  # the switch's own name when it is not the label's (TikTok's Content disclosure)
    choice: str = ""  # what to pick in that setting for the label to show

    @property
    def switch(self) -> str:
        """The name the creator looks for in the app (what a draft's check stores as its label to enable)."""
        return self.setting or self.name


# Each platform's switch, from its own help pages (checked Nov 2026).
BUILT_IN_LABELS: dict[Platform, BuiltInLabel] = {
    Platform.instagram: BuiltInLabel(
        "Paid partnership",
        "before sharing, tap Advanced settings (for a story: the link icon), turn on "
        "*Add paid partnership label* and add the brand as partner",
        Source(
            "Instagram Help Centre, Branded content: tag the business partner; people see 'Paid partnership with …'",
            "https://help.instagram.com/116947042301556/",
        ),
    ),
    Platform.facebook: BuiltInLabel(
        "Paid partnership",
        "when posting, choose *Add paid partnership label* (the branded content tool) and tag the brand's Page",
        Source(
            "Meta, Branded content: creators must tag business partners with the branded content tool",
            "https://www.facebook.com/facebookmedia/get-started/branded-content",
        ),
    ),
    Platform.tiktok: BuiltInLabel(
        "Paid partnership",
        "on the post screen open *Content disclosure and ads* (or More options), turn on *Disclose commercial "
        "content* and pick *Branded content* (for a LIVE: LIVE settings → Content disclosure)",
        Source(
            "TikTok Help, Promoting a brand, product or service: the content disclosure setting is required; "
            "'Branded content' shows 'Paid partnership'",
            "https://support.tiktok.com/en/business-and-creator/creator-and-business-accounts/"
            "promoting-a-brand-product-or-service",
        ),
        setting="Content disclosure",
        choice="Branded content",
    ),
    Platform.youtube: BuiltInLabel(
        "Includes paid promotion",
        "in YouTube Studio → the video's details → *Show more*, tick *My video contains paid promotion like a "
        "product placement, sponsorship, or endorsement*",
        Source(
            "YouTube Help, Add paid product placements, sponsorships & endorsements: tick the paid promotion box; "
            "viewers see a disclosure at the start of the video",
            "https://support.google.com/youtube/answer/154235",
        ),
    ),
}


def switch_words(switch: str, mark: str = "*") -> str:
    """The switch to turn on, in the same words on the draft card, the creator's page, the terminal and the go-live
    reminder: "the *Paid partnership* label", or for TikTok "the *Content disclosure* setting (choose *Branded
    content*: the post then shows *Paid partnership*)". `switch` is a BuiltInLabel.switch; `mark` wraps names."""
    found = next((label for label in BUILT_IN_LABELS.values() if label.switch == switch and label.setting), None)
    if found is None:
        return f"the {mark}{switch}{mark} label"
    return (
        f"the {mark}{found.setting}{mark} setting (choose {mark}{found.choice}{mark}: the post then shows "
        f"{mark}{found.name}{mark})"
    )


# Where the platform's label is accepted on its own (still second to a caption label in this reminder).
LABEL_ALONE_ENOUGH = frozenset({Jurisdiction.UK, Jurisdiction.IE, Jurisdiction.AU})

# What to say out loud, in the label's language; other languages say the label word itself.
SPOKEN = {"en": "This is an ad", "de": "Werbung", "fr": "Publicité", "it": "Pubblicità", "nl": "Reclame"}


@dataclass(frozen=True)
class GoLiveInstructions:
    """Everything the go-live reminder says; plain text (the Slack face escapes it)."""

    platform: Platform
    format: Format
    jurisdiction: Jurisdiction
    label: str  # the caption label the checker accepts there, e.g. '#ad', 'Werbung'
    visible_chars: int  # the label must end within this many characters to be seen before "more"
    caption: str  # what must be in the caption, and where
    built_in: str | None  # the platform switch to turn on, and whether it is enough alone there
    in_content: tuple[str, ...]  # for video, story, live: what to say and show inside the content
    creator_text: str  # the same, in plain words a creator can paste
    sources: tuple[Source, ...]


def caption_word(platform: Platform) -> str:
    """What the platform calls the text under a post: a YouTube video has a description."""
    return "description" if platform is Platform.youtube else "caption"


def _caption(platform: Platform, fmt: Format, label: str, cut: int, lines: int | None, must_lead: bool) -> str:
    if fmt is Format.story:
        return f"A story has no caption people read: the label goes on the frames themselves (below), as '{label}'."
    text = caption_word(platform)
    place = f"Open the {text} with" if must_lead else "Put"
    where = "" if must_lead else f" at the very start of the {text}"
    lines_note = f" or {lines} lines" if lines else ""
    return (
        f"{place} '{label}'{where}, within the first {cut} characters{lines_note}, before "
        f'{PLATFORM_NAMES[platform]}\'s "more" cut, and apart from other hashtags.'
    )


def _built_in(platform: Platform, jurisdiction: Jurisdiction, where: str) -> str | None:
    switch = BUILT_IN_LABELS.get(platform)
    if switch is None:
        return None
    if jurisdiction in LABEL_ALONE_NOT_ENOUGH:
        enough = f"it does not replace the caption label in {where}"
    elif jurisdiction in LABEL_ALONE_ENOUGH:
        enough = f"{where} accepts it as a disclosure; keep the caption label too"
    else:
        enough = "use it as well as the caption label"
    words = switch_words(switch.switch).removeprefix("the ")
    return f"Switch on {PLATFORM_NAMES[platform]}'s {words}: {switch.how} ({enough})."


def _in_content(fmt: Format, jurisdiction: Jurisdiction, label: str, spoken: str) -> tuple[str, ...]:
    if fmt not in VIDEO_FORMATS:
        return ()
    steps = []
    if fmt is Format.story:
        steps.append(f"Put '{label}' as text on every frame of the story, big enough and long enough to read.")
    else:
        steps.append(f"Say \"{spoken}\" out loud in the first seconds and show '{label}' on screen at the same time.")
    note = VIDEO_NOTES.get(jurisdiction)
    if note:
        steps.append(note[0].upper() + note[1:] + ".")
    if fmt is Format.live:
        again = LIVE_NOTES.get(jurisdiction, "repeat it every few minutes so people who join late hear it too")
        steps.append(again[0].upper() + again[1:] + ".")
    return tuple(steps)


def _creator_text(platform: Platform, fmt: Format, label: str, cut: int, content: tuple[str, ...]) -> str:
    steps = []
    if fmt is not Format.story:
        text = caption_word(platform)
        steps.append(f'Start your {text} with "{label}" (in the first {cut} characters, so it shows before "more").')
    switch = BUILT_IN_LABELS.get(platform)
    if switch is not None:
        quoted = switch_words(switch.switch, mark='"')
        steps.append(f"Turn on {quoted} when you post.")
    # what to say and show; for a live stream also how often (the last step), not the regulator's note
    steps.extend(content[:1] + (content[-1:] if fmt is Format.live else ()))
    numbered = " ".join(f"{n}) {step}" for n, step in enumerate(steps, 1))
    what = "live stream" if fmt is Format.live else fmt.value
    return f"Before your {PLATFORM_NAMES[platform]} {what} goes live, please: {numbered} Thank you!"


def golive_instructions(platform: Platform, fmt: Format, jurisdiction: Jurisdiction) -> GoLiveInstructions:
    """The go-live instructions for one deliverable. The caption language is not known before the post, so
    the label is the one for the jurisdiction's first language (the checker's own choice for such captions)."""
    rules = load_rules()
    rule = rules.jurisdictions[jurisdiction]
    language = rule.languages[0]
    label = label_for(rules, rule, language)
    cut = rules.placement[platform]
    spoken = SPOKEN.get(language, label.lstrip("#").capitalize())
    content = _in_content(fmt, jurisdiction, label, spoken)
    switch = BUILT_IN_LABELS.get(platform)
    sources = [rules.sources[rule.source], rules.sources[cut.source]]
    if switch is not None:
        sources.append(switch.source)
    if content:
        sources.append(rules.sources[rule.video_source])
    return GoLiveInstructions(
        platform=platform,
        format=fmt,
        jurisdiction=jurisdiction,
        label=label,
        visible_chars=cut.pass_chars,
        caption=_caption(platform, fmt, label, cut.pass_chars, cut.lines, rule.must_lead),
        built_in=_built_in(platform, jurisdiction, rule.name),
        in_content=content,
        creator_text=_creator_text(platform, fmt, label, cut.pass_chars, content),
        sources=tuple(dict.fromkeys(sources)),
    )
