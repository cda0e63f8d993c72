"""The evidence pack as PDF, read back with pypdf as a reader would see it: the same record as the Markdown file (the
vet card and decision, every draft version with its check and each decision with who, when and why, the live checks),
and hostile captions (markup, right-to-left text, emoji, control characters, 20 KB) drawn without a crash."""

from __future__ import annotations

import io
from dataclasses import replace

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from bot.campaigns.evidence import CreatorEvidence, DeliverableEvidence, EvidencePack
from bot.campaigns.evidence_document import Bullets, Heading, Paragraph, evidence_document
from bot.campaigns.evidence_files import evidence_files
from bot.campaigns.evidence_markdown import render_markdown
from bot.campaigns.evidence_pdf import EMOJI_NOTE, FALLBACK_NOTE, REPLACEMENT, pdf_files, render_pdf
from tests.campaigns.test_evidence_markdown import HOSTILE, T0, VET, _pack, _reviewed_reel


def pages(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def seen(data: bytes) -> str:
    """What a reader sees, all pages, with line breaks and spacing made single spaces."""
    return " ".join(" ".join(pages(data)).split())


def _in_order(text: str, *parts: str) -> None:
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions), list(zip(parts, positions, strict=True))


def test_the_pdf_shows_the_vetting_every_version_and_every_decision_with_who_when_and_why() -> None:
    pack = _pack(_reviewed_reel(), vet=VET)
    text = seen(render_pdf(pack, pack.creators[0]))
    _in_order(
        text,
        "Evidence pack: Summer Launch — @maya.makes (instagram)",
        "Verdict: caution, score 58/100 — Engagement is low for the tier",
        "Engagement rate: 0.9 % against 2-4 %",
        "Team decision: approved by U0APPROVER, 2026-11-12 09:00 (on a caution card)",
        "Version 1 — submitted 2026-12-01 09:00 by U0CREATOR",
        "Loving this serum",
        "Disclosure check: missing",
        "No advertising label in the caption",
        "Label to switch on: Paid partnership",
        "#ad Loving this serum",
        "Changes requested by U0APPROVER, 2026-12-01 12:00 — disclosure; tone; Add #ad at the start.",
        "Version 2 — submitted 2026-12-02 09:00 by U0CREATOR",
        "Disclosure check: compliant",
        "Approved (brand step) by U0APPROVER, 2026-12-02 11:00.",
        "Approved (legal step) by U0LEGAL, 2026-12-02 14:00.",
        "Live checks",
        "2026-12-05 10:00: ok",
        "2026-12-06 09:00: disclosure removed — #ad is no longer in the caption",
        "History",
        "2026-12-05 09:00: approved → live by U0OWNER — https://www.instagram.com/reel/ABC/",
        "Payments",
        "2026-12-03: 225.00 GBP (recorded by U0OWNER)",
        "views 12,000, likes 800, proof https://example.com/proof.png",
    )
    assert FALLBACK_NOTE.split(";")[0] not in text  # nothing needed the replacement glyph


def test_the_pdf_and_the_markdown_say_the_same_things() -> None:
    """Every heading, paragraph and bullet of the shared document is in both files, in the same order."""
    pack = _pack(_reviewed_reel(), vet=VET)
    creator = pack.creators[0]
    pdf_text, markdown = seen(render_pdf(pack, creator)), render_markdown(pack, creator)
    said = []
    for block in evidence_document(pack, creator).blocks:
        if isinstance(block, Heading | Paragraph):
            said.append("".join(span.text for span in block.text))
        elif isinstance(block, Bullets):
            for item in block.items:
                said += ["".join(span.text for span in line) for line in (item.text, *item.sub)]
        else:
            said += list(block.lines)
    assert len(said) > 40
    at = 0
    for part in said:  # each one after the one before (a caption can repeat inside a later one)
        at = pdf_text.index(part, at) + len(part)
    markdown_plain = markdown.replace("**", "").replace("*", "")
    for line in said:
        assert line in markdown_plain, line


def test_hostile_captions_are_drawn_as_text_and_say_which_characters_the_font_lacks() -> None:
    hostile = HOSTILE + "\nשלום עולם مرحبا\x00 lone \ud800 surrogate 日本語"
    pack = _pack(_reviewed_reel(caption_v1=hostile, note=hostile), vet=VET)
    data = render_pdf(pack, pack.creators[0])
    text = seen(data)
    assert "<script>alert(1)</script> <b>bold</b> &lt;not a tag&gt; &#60;b&#62;" in text
    assert "[click here](https://evil.example/steal)" in text and "# Big news" in text
    assert "שלום" in text or "םולש" in text  # Hebrew is drawn (fpdf2 puts it in visual order)
    assert "nina_nano #ad" in text and "textevil" in text  # the direction override is gone
    assert REPLACEMENT in text and "日" not in text  # no glyph: the replacement character
    assert "💅" not in text and "[nail polish]" in text  # an emoji is written as its name
    assert f"{EMOJI_NOTE} {FALLBACK_NOTE}" in text
    assert f"lone surrogate {REPLACEMENT * 3}" in text  # NUL and the lone surrogate dropped; 日本語 replaced
    # The Markdown file of the same pack can be written although the caption held a lone surrogate and a NUL.
    markdown = render_markdown(pack, pack.creators[0])
    assert "\ud800" not in markdown and "\x00" not in markdown
    assert "lone surrogate 日本語" in markdown.encode("utf-8").decode("utf-8")


def test_arabic_letters_are_joined_and_read_back_in_the_order_typed() -> None:
    pack = _pack(_reviewed_reel(caption_v1="مرحبا بكم #اعلان with @glowco"))
    data = render_pdf(pack, pack.creators[0])

    assert "مرحبا بكم" in seen(data)  # copied out of the PDF as typed, not letter by letter reversed
    glyphs = {name for font in _embedded_fonts(data) for name in font.getGlyphOrder()}
    assert {"uniFEE3", "uniFEA3"} <= glyphs  # meem and hah in their joined (initial) forms
    assert "uni0645" not in glyphs  # not the separate letter


def _embedded_fonts(data: bytes) -> list[TTFont]:
    fonts = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts.append(TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data())))
    return fonts


def test_tabs_are_spaces_and_invisible_characters_are_not_replaced() -> None:
    pack = _pack(_reviewed_reel(caption_v1="Day\tone\U000e0067 of the routine #ad"))
    text = seen(render_pdf(pack, pack.creators[0]))
    assert "Day one of the routine #ad" in text and REPLACEMENT not in text and FALLBACK_NOTE not in text
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # a flag: one emoji
    pack = _pack(_reviewed_reel(caption_v1=f"Made in {scotland} #ad"))
    assert "Made in [flag GB-SCT] #ad" in seen(render_pdf(pack, pack.creators[0]))


def test_emoji_are_written_as_their_names_and_flags_as_their_country() -> None:
    caption = "Thank you 🤝🏽 @glowco 🇺🇸 1️⃣ ✓ 👩‍👩‍👧 #ad"  # a skin tone, a flag, a keycap, a family (joined)
    text = seen(render_pdf(*_one(caption)))
    invisible = str.maketrans("", "", "\u200d\ufe0f")  # the font has these (drawn as nothing): left in place
    assert "Thank you [handshake] @glowco [flag US] 1 ✓ [woman][woman][girl] #ad" in text.translate(invisible)
    assert EMOJI_NOTE in text and FALLBACK_NOTE not in text and REPLACEMENT not in text


def _one(caption: str) -> tuple[EvidencePack, CreatorEvidence]:
    pack = _pack(_reviewed_reel(caption_v1=caption))
    return pack, pack.creators[0]


def test_a_20_kb_caption_wraps_and_breaks_pages_and_says_where_it_was_cut() -> None:
    words = ("ad " * 3000) + "x" * 14_000  # short words, then one 14,000-character word
    pack = _pack(_reviewed_reel(caption_v1=words))
    data = render_pdf(pack, pack.creators[0])
    shown = pages(data)
    assert len(shown) >= 3
    assert all(f"page {n} of {len(shown)}" in page for n, page in enumerate(shown, start=1))
    text = seen(data)
    assert "… (cut here: 23,000 characters in all)" in text
    assert "Disclosure check: missing" in text  # what follows the caption is all there
    longest = max(len(line) for page in shown for line in page.splitlines())
    assert longest < 200  # the long word was broken to fit the page


def test_many_deliverables_run_over_several_pages_in_order() -> None:
    reel = _reviewed_reel()
    many = [replace(reel, description=f"reel number {n}") for n in range(1, 9)]
    pack = _pack(*many)
    shown = pages(render_pdf(pack, pack.creators[0]))
    assert len(shown) > 2
    for page in shown:  # the line above the footer is never a heading left alone
        last = [line for line in page.splitlines() if line.strip()][-2]
        assert not last.startswith(("Deliverable ", "Version ", "Draft versions", "Live checks", "History")), last
    _in_order(" ".join(" ".join(shown).split()), *[f"Deliverable #{n}: reel number {n} — live" for n in range(1, 9)])


def test_one_pdf_per_creator_named_like_the_markdown() -> None:
    pack = _pack(_reviewed_reel())
    two = EvidencePack(**{**pack.__dict__, "creators": (*pack.creators, replace(pack.creators[0], handle="Ana_B"))})
    files = pdf_files(two)
    assert [name for name, _ in files] == [
        "evidence-summer-launch-maya.makes-instagram.pdf",
        "evidence-summer-launch-ana-b-instagram.pdf",
    ]
    assert [name for name, _ in evidence_files(two, "md")] == [
        "evidence-summer-launch-maya.makes-instagram.md",
        "evidence-summer-launch-ana-b-instagram.md",
    ]
    assert "Evidence pack: Summer Launch — @Ana_B (instagram)" in seen(files[1][1])
    empty = _pack(DeliverableEvidence(description="a story", state="invited", due_at=T0))
    text = seen(render_pdf(empty, empty.creators[0]))
    assert "No draft versions recorded." in text and "No checks of the live post recorded." in text


def test_a_deliverable_with_many_versions_gives_the_latest_in_full_and_earlier_captions_cut() -> None:
    from bot.campaigns.evidence_document import EARLIER_CAPTION, FULL_VERSIONS

    reel = _reviewed_reel()
    template = reel.drafts[0]
    drafts = tuple(
        replace(template, version=n, caption=f"v{n} " + "long caption words " * 300, decisions=()) for n in range(1, 31)
    )
    pack = _pack(replace(reel, drafts=drafts))
    markdown = render_markdown(pack, pack.creators[0])
    assert f"20 earlier versions (of 30): captions cut to {EARLIER_CAPTION} characters" in markdown
    assert f"the latest {FULL_VERSIONS} are in full" in markdown
    assert markdown.count(" characters in all)") == 30  # each caption over its limit says it was cut
    assert "v30 " + "long caption words " * 200 in markdown  # the latest in full (up to MAX_TEXT)
    assert "v1 " + "long caption words " * 20 not in markdown  # an early one cut at EARLIER_CAPTION
    text = seen(render_pdf(pack, pack.creators[0]))
    assert "20 earlier versions (of 30)" in text and "Version 30" in text and "Version 1 " in text
