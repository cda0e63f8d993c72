"""The evidence pack's Markdown, on constructed data: every draft version and decision in order, the live checks,
the history, and hostile text (captions, notes, links) shown as the characters it is, never as markup."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from markdown_it import MarkdownIt

from bot.campaigns.evidence import (
    CreatorEvidence,
    DecisionEvidence,
    DeliverableEvidence,
    DraftEvidence,
    EvidencePack,
    LinkEvent,
    LiveCheckEvidence,
    PaymentEvidence,
    ResultEvidence,
    TransitionEvidence,
    VetEvidence,
    file_name,
)
from bot.campaigns.evidence_markdown import markdown_files, render_markdown
from bot.vocabulary import Money

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)  # 09:00 in London, the campaign's zone
GBP = "GBP"
HOSTILE = (
    "# Big news\n"
    "[click here](https://evil.example/steal) ![pixel](https://evil.example/p.png)\n"
    "<script>alert(1)</script> <b>bold</b> &lt;not a tag&gt; &#60;b&#62;\n"
    "| a | b |\n|---|---|\n"
    "* a list\n1. a numbered list\n- a dash\n"
    "`code` ~~gone~~ **loud** _shy_ @everyone <!channel>\n"
    "===\n"
    "text\u202eevil\u202c\x07 done 💅🏽 👩\u200d💻 nina_nano #ad"
)


VET = VetEvidence(
    vetted_at=T0 - timedelta(days=20),
    requested_by="U0OWNER",
    verdict="caution",
    verdict_reason="Engagement is low for the tier",
    score=58,
    tier="micro",
    followers=24100,
    source="snapshot",
    red_flags=("Engagement rate: 0.9 % against 2-4 %",),
    rate="$300-$600",
    decision="approved",
    decided_by="U0APPROVER",
    decided_at=T0 - timedelta(days=19),
    decided_on_verdict="caution",
)


def _pack(
    *deliverables: DeliverableEvidence, vet: VetEvidence | None = None, handle: str = "maya.makes"
) -> EvidencePack:
    creator = CreatorEvidence(
        handle=handle,
        platform="instagram",
        fee=Money(amount=Decimal("450"), currency=GBP),
        vet=vet,
        deliverables=deliverables,
        payments=(
            PaymentEvidence(
                amount=Money(amount=Decimal("225"), currency=GBP), paid_on=date(2026, 12, 3), recorded_by="U0OWNER"
            ),
        ),
        results=(
            ResultEvidence(
                post_url="https://www.instagram.com/reel/ABC/",
                observed_at=T0 + timedelta(days=5),
                source="creator",
                counts=(("views", 12000), ("likes", 800)),
                proof_url="https://example.com/proof.png",
            ),
        ),
    )
    return EvidencePack(
        campaign="Summer Launch",
        channel_id="C0CAMPAIGN",
        timezone="Europe/London",
        jurisdiction="UK",
        generated_at=T0 + timedelta(days=9),
        creators=(creator,),
    )


def _reviewed_reel(caption_v1: str = "Loving this serum", note: str = "Add #ad at the start") -> DeliverableEvidence:
    v1 = DraftEvidence(
        version=1,
        submitted_by="U0CREATOR",
        submitted_at=T0,
        caption=caption_v1,
        links=("https://drive.example/v1.mp4",),
        disclosure_verdict="missing",
        findings=("No advertising label in the caption",),
        fixed_caption="#ad Loving this serum",
        label_to_enable="Paid partnership",
        decisions=(
            DecisionEvidence(
                version=1,
                decision="changes_requested",
                decided_by="U0APPROVER",
                decided_at=T0 + timedelta(hours=3),
                reasons=("disclosure", "tone"),
                note=note,
            ),
        ),
    )
    v2 = DraftEvidence(
        version=2,
        submitted_by="U0CREATOR",
        submitted_at=T0 + timedelta(days=1),
        caption="#ad Loving this serum",
        disclosure_verdict="compliant",
        # Listed out of order on purpose: the file shows them as they happened.
        decisions=(
            DecisionEvidence(
                version=2,
                decision="approved",
                decided_by="U0LEGAL",
                decided_at=T0 + timedelta(days=1, hours=5),
                step="legal",
            ),
            DecisionEvidence(
                version=2,
                decision="approved",
                decided_by="U0APPROVER",
                decided_at=T0 + timedelta(days=1, hours=2),
                step="brand",
            ),
        ),
    )
    return DeliverableEvidence(
        description="a reel",
        state="live",
        due_at=T0 + timedelta(days=4),
        post_url="https://www.instagram.com/reel/ABC/",
        posted_at=T0 + timedelta(days=4),
        transitions=(
            TransitionEvidence("draft_due", "draft_submitted", "U0CREATOR", T0),
            TransitionEvidence("draft_submitted", "changes_requested", "U0APPROVER", T0 + timedelta(hours=3)),
            TransitionEvidence(
                "approved", "live", "U0OWNER", T0 + timedelta(days=4), note="https://www.instagram.com/reel/ABC/"
            ),
        ),
        drafts=(v2, v1),  # out of order too
        live_checks=(
            LiveCheckEvidence(
                checked_at=T0 + timedelta(days=5),
                post_url="https://www.instagram.com/reel/ABC/",
                result="disclosure_removed",
                detail="#ad is no longer in the caption",
                caption_seen="Loving this serum",
            ),
            LiveCheckEvidence(
                checked_at=T0 + timedelta(days=4, hours=1), post_url="https://www.instagram.com/reel/ABC/", result="ok"
            ),
        ),
    )


def _in_order(text: str, *parts: str) -> None:
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions), list(zip(parts, positions, strict=True))


def test_every_version_and_decision_is_listed_in_the_order_it_happened() -> None:
    pack = _pack(_reviewed_reel())
    text = render_markdown(pack, pack.creators[0])
    _in_order(
        text,
        "# Evidence pack: Summer Launch — @maya.makes (instagram)",
        "#### Version 1 — submitted 2026-12-01 09:00 by U0CREATOR",
        "> Loving this serum",
        "- Link: https://drive.example/v1.mp4",
        "- **Disclosure check:** missing",
        "  - No advertising label in the caption",
        "- **Label to switch on:** Paid partnership",
        "> #ad Loving this serum",  # the fixed caption: its '#' is not at the start of a Markdown line
        "- **Changes requested** by U0APPROVER, 2026-12-01 12:00 — disclosure; tone; Add #ad at the start.",
        "#### Version 2 — submitted 2026-12-02 09:00 by U0CREATOR",
        "- **Disclosure check:** compliant",
        "- **Approved** (brand step) by U0APPROVER, 2026-12-02 11:00.",
        "- **Approved** (legal step) by U0LEGAL, 2026-12-02 14:00.",
        "**Live checks**",
        "- 2026-12-05 10:00: **ok**",
        "- 2026-12-06 09:00: **disclosure removed** — #ad is no longer in the caption",
        "Caption read on 2026-12-06 09:00:",
        "**History**",
        "- 2026-12-01 09:00: draft due → draft submitted by U0CREATOR",
        "- 2026-12-01 12:00: draft submitted → changes requested by U0APPROVER",
        "- 2026-12-05 09:00: approved → live by U0OWNER — https://www.instagram.com/reel/ABC/",
        "## Payments",
        "- 2026-12-03: 225.00 GBP (recorded by U0OWNER)",
        "## Results",
        "views 12,000, likes 800, proof https://example.com/proof.png",
    )


def test_the_vet_card_and_the_teams_decision_head_the_file() -> None:
    pack = _pack(vet=VET)
    text = render_markdown(pack, pack.creators[0])
    assert "- **Verdict:** caution, score 58/100 — Engagement is low for the tier" in text
    assert "- **Tier:** micro, 24,100 followers" in text
    assert "  - Engagement rate: 0.9 % against 2-4 %" in text
    assert "- **Team decision:** approved by U0APPROVER, 2026-11-12 09:00 (on a *caution* card)" in text
    assert "No deliverables booked." in text
    unvetted = _pack()
    assert "Not vetted with /vet in this workspace." in render_markdown(unvetted, unvetted.creators[0])


def test_hostile_captions_notes_and_links_are_shown_as_text_never_as_markup() -> None:
    reel = _reviewed_reel(caption_v1=HOSTILE, note=HOSTILE)
    pack = _pack(reel, handle="maya.makes")
    through_link = (
        LinkEvent(at=T0, kind="draft", network="203.0.113.0/24", deliverable_number=1, version=1, files=(HOSTILE,)),
        LinkEvent(at=T0, kind="live", network=HOSTILE, deliverable_number=1, live_url=HOSTILE),
    )
    pack = replace(pack, creators=(replace(pack.creators[0], link_events=through_link),))
    text = render_markdown(pack, pack.creators[0])
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(text)

    def kinds(tree: list) -> set[str]:
        found: set[str] = set()
        for token in tree:
            found.add(token.type)
            found |= kinds(token.children or [])
        return found

    used = kinds(tokens)
    for markup in ("link_open", "image", "html_block", "html_inline", "table_open", "code_inline", "s_open", "hr"):
        assert markup not in used, markup
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [t.tag for t in headings] == ["h1", "h2", "h2", "h3", "h4", "h4", "h2", "h2", "h2"]  # only the file's own
    html = parser.render(text)
    # What the caption says is all there, as characters.
    assert "[click here](https://evil.example/steal)" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp;#60;b&amp;#62;" in html
    assert "# Big news" in html and "1. a numbered list" in html and "**loud**" in html and "~~gone~~" in html
    assert "💅🏽 👩\u200d💻 nina_nano #ad" in html  # emoji keep their joiners; a handle keeps its underscore
    # Direction overrides and control characters are gone: the file shows what it holds.
    assert "\u202e" not in text and "\x07" not in text and "textevil done" in html


def test_a_caption_longer_than_any_platform_takes_is_cut_and_says_so() -> None:
    pack = _pack(_reviewed_reel(caption_v1="a" * 20_000))
    text = render_markdown(pack, pack.creators[0])
    assert "a" * 5000 + " … (cut here: 20,000 characters in all)" in text
    assert "a" * 5001 not in text


def test_one_file_per_creator_with_a_name_safe_for_any_folder() -> None:
    pack = _pack(_reviewed_reel(), handle="Maya.Makes")
    odd = CreatorEvidence(handle="..__x", platform="tiktok", fee=Money(amount=Decimal(0), currency=GBP))
    pack = EvidencePack(**{**pack.__dict__, "campaign": "Summer / Launch: ../etc", "creators": (*pack.creators, odd)})
    names = [name for name, _ in markdown_files(pack)]
    assert names == [
        "evidence-summer-launch-etc-maya.makes-instagram.md",
        "evidence-summer-launch-etc-x.x.x-tiktok.md",
    ]
    assert file_name(pack, odd) == names[1]
    assert (
        markdown_files(pack)[0][1].decode("utf-8").startswith("# Evidence pack: Summer / Launch: ../etc — @Maya.Makes")
    )
