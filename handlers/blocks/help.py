"""The help message and the App Home view: what a new user reads first."""

from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

COMMANDS: tuple[tuple[str, str], ...] = (
    (
        "/vet @handle [instagram|tiktok|youtube]",
        "Vet a creator: tier, engagement, fake followers, red flags, a fair rate (ask:$800 reel exclusive usage).",
    ),
    (
        "/disclosure check <caption>",
        "Check a caption against the FTC's (and UK, EU, CA, AU) disclosure rules.",
    ),
    (
        "/disclosure jurisdiction [UK]",
        "Which country's disclosure rules this workspace checks by default; with a code (UK, EU, CA, AU…), change it.",
    ),
    (
        "/campaign new | add | list | show <name> | edit <name> [@handle]",
        "Campaigns, creators, deliverables, deadlines and approvals; budgets, creators' terms and results.",
    ),
    (
        "/campaign report <name> | plan $5000",
        "Results in the channel: spend, views, engagements, conversions, CPE, ROI, with charts; a budget planner.",
    ),
    (
        "/campaign results <name> @handle",
        "Add a live post's numbers (views, likes, clicks…) as the creator reported them.",
    ),
    (
        "/campaign digest <name> [monday 09:00 | off | none]",
        "When the weekly results digest and the final report go to the campaign's channel.",
    ),
    (
        "/campaign draft @handle",
        "Submit a creator's draft (caption, media links) for review: checked for #ad, then Approve or Request changes.",
    ),
    (
        "/campaign evidence <name> [@handle] [pdf]",
        "The evidence pack: a file per creator with the vetting, drafts, decisions, history and payments (Markdown, "
        "or PDF with `pdf`).",
    ),
    ("/creatorops help", "This list."),
)


def help_blocks(intro: str | None = None) -> list:
    blocks: list = [HeaderBlock(text="CreatorOps commands")]
    if intro:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=intro)))
    blocks.extend(SectionBlock(text=MarkdownTextObject(text=f"*`{usage}`*\n{summary}")) for usage, summary in COMMANDS)
    tagline = "Vetting, disclosure, deadlines and results, in Slack."
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=tagline)]))
    return blocks


def help_text() -> str:
    """Plain-text fallback for notifications and screen readers."""
    return "CreatorOps commands: " + "; ".join(usage for usage, _ in COMMANDS)


def home_view(user_id: str, middle: list | None = None) -> View:
    """Welcome, then `middle` (the user's campaigns and deadlines), then the commands."""
    blocks: list = [
        HeaderBlock(text="Welcome to CreatorOps"),
        SectionBlock(
            text=MarkdownTextObject(
                text=f"Hi <@{user_id}>! CreatorOps vets creators, checks #ad disclosures and chases deliverable "
                "deadlines and approvals, right here in Slack."
            )
        ),
        DividerBlock(),
        *(middle or []),
    ]
    blocks.extend(help_blocks()[1:])
    return View(type="home", blocks=blocks)
