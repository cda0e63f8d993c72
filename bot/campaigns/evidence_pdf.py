"""One creator's evidence pack as a PDF: the document of bot/campaigns/evidence_document.py laid out on A4 pages.

fpdf2 draws it with DejaVu Sans, shipped inside the project (fonts/, with its licence and PROVENANCE.md): nothing is
downloaded and no system font is needed. The only reading is of those two font files, as packaged data.

Captions are hostile and any Unicode is welcome. DejaVu Sans has no emoji, so an emoji is written as its Unicode
name in brackets ("[nail polish]", a flag as "[flag US]"): in evidence, what a caption said matters more than how
it looked. Another character it has no glyph for (Chinese, Japanese…) is drawn as the replacement character "�",
and the file says so at its end; the Markdown file keeps every character as typed. Right-to-left text (Hebrew,
Arabic) is put in reading order by fpdf2's own bidirectional algorithm; text in the Arabic script is shaped by
HarfBuzz (uharfbuzz), so its letters join as they are read - only there, as shaping every line would make a pack
several times slower to draw. Long captions wrap (a word longer than the line is broken), and pages break wherever
the text needs.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from importlib import resources

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from bot.campaigns.evidence import CreatorEvidence, EvidencePack, file_name
from bot.campaigns.evidence_document import (
    Block,
    Bullets,
    Document,
    Heading,
    Line,
    Paragraph,
    Quote,
    evidence_document,
    one_line,
)

FAMILY = "DejaVu"
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}  # italic is drawn upright: one font less to ship
REPLACEMENT = "\ufffd"
MARGIN = 18  # mm
BODY = 9.5  # pt
LINE = 4.8  # mm: the height of a line of body text
HEADING_SIZES = {1: 15.0, 2: 12.5, 3: 11.0, 4: 10.0}
INDENT = 5.0  # mm, per bullet level
KEEP_WITH_HEADING = 25.0  # mm: less room than this left on a page, and a heading starts the next one
GREY = (243, 243, 243)
FALLBACK_NOTE = (
    f"Characters the font of this PDF cannot draw (some scripts) are shown as {REPLACEMENT}; "
    "the Markdown evidence pack has them as typed."
)
EMOJI_NOTE = "Emoji are written as their names in brackets; the Markdown evidence pack has them as typed."
# A flag is two regional indicator letters ("🇺🇸"), or a black flag with tag letters ("🏴" + "gbsct" + cancel tag).
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff]{2})|\U0001f3f4([\U000e0061-\U000e007a]{2,8})\U000e007f")
# Parts of an emoji that only change how the one before it looks: variation selectors, skin tones, the keycap.
_MODIFIERS = re.compile("[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\u20e3]")


def _flag_name(match: re.Match[str]) -> str:
    if match[1]:
        return "[flag " + "".join(chr(ord(char) - 0x1F1E6 + ord("A")) for char in match[1]) + "]"
    letters = "".join(chr(ord(char) - 0xE0000) for char in match[2]).upper()
    return f"[flag {letters[:2]}-{letters[2:]}]"


def _named(char: str) -> str | None:
    """An emoji or other pictograph as "[its name]", lower case; None for a character of a script."""
    name = unicodedata.name(char, "")
    return f"[{name.lower()}]" if name and unicodedata.category(char) == "So" else None


# Scripts whose letters change shape with their neighbours (Arabic, Syriac, Thaana, N'Ko and Arabic's presentation
# forms): a line holding one is shaped by HarfBuzz.
_JOINING_SCRIPT = re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


class _Pages(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer_text
        self.replaced = False  # whether a character was drawn as REPLACEMENT
        self.named = False  # whether an emoji was written as its name

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(110, 110, 110)
        self.shape_for(self._footer_text)
        self.cell(0, 5, self.drawable(self._footer_text), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def shape_for(self, text: str) -> None:
        """Shape the next text with HarfBuzz when its script joins letters; plain drawing otherwise."""
        joining = _JOINING_SCRIPT.search(text) is not None
        if joining != bool(self.text_shaping):
            self.set_text_shaping(joining)

    def drawable(self, text: str) -> str:
        """The text with each character the current font has no glyph for written as its name (an emoji) or
        replaced by REPLACEMENT; a tab is four spaces, and an invisible formatting character or an emoji's modifier
        without a glyph is left out."""
        font = self.current_font
        cmap = font.cmap if isinstance(font, TTFFont) else {}
        text = text.expandtabs(4)
        if all(ord(char) in cmap for char in text):
            return text
        flagged = _FLAG.sub(_flag_name, text)
        self.named = self.named or flagged != text
        parts = []
        for char in flagged:
            if ord(char) in cmap:
                parts.append(char)
            elif unicodedata.category(char) == "Cf" or _MODIFIERS.match(char):
                continue
            elif (name := _named(char)) is not None:
                parts.append(name)
                self.named = True
            else:
                parts.append(REPLACEMENT)
                self.replaced = True
        return "".join(parts)


def _spans(pdf: _Pages, spans: Line, size: float, height: float, *, bold: bool = False) -> None:
    for span in spans:
        pdf.set_font(FAMILY, "B" if bold or span.style == "bold" else "", size)
        pdf.shape_for(span.text)
        pdf.write(height, pdf.drawable(span.text))
    pdf.ln(height)


def _hanging(pdf: _Pages, marker: str, spans: Line, level: int) -> None:
    """A bullet: the marker in the margin, the text wrapping under itself."""
    base = MARGIN + INDENT * (level - 1)
    pdf.set_font(FAMILY, "", BODY)
    pdf.set_x(base)
    pdf.cell(INDENT, LINE, marker)
    pdf.set_left_margin(base + INDENT)
    pdf.set_x(base + INDENT)
    _spans(pdf, spans, BODY, LINE)
    pdf.set_left_margin(MARGIN)


def _quote(pdf: _Pages, quote: Quote) -> None:
    """Someone's text on a grey ground, indented, each line as typed."""
    pdf.set_left_margin(MARGIN + INDENT)
    pdf.set_fill_color(*GREY)
    pdf.set_font(FAMILY, "", BODY)
    lines = quote.lines or ("(empty)",)
    for line in lines:
        pdf.set_x(MARGIN + INDENT)
        pdf.shape_for(line)
        pdf.multi_cell(0, LINE, pdf.drawable(line) or " ", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_left_margin(MARGIN)


def _block(pdf: _Pages, block: Block) -> None:
    if isinstance(block, Heading):
        size = HEADING_SIZES.get(block.level, BODY)
        if pdf.will_page_break(KEEP_WITH_HEADING):
            pdf.add_page()  # a heading never ends a page alone
        else:
            pdf.ln(3 if block.level > 2 else 5)
        _spans(pdf, block.text, size, size * 0.5, bold=True)
    elif isinstance(block, Paragraph):
        if all(span.style == "bold" for span in block.text) and pdf.will_page_break(KEEP_WITH_HEADING):
            pdf.add_page()  # so does a label such as "Live checks"
        _spans(pdf, block.text, BODY, LINE)
    elif isinstance(block, Bullets):
        for item in block.items:
            _hanging(pdf, "•", item.text, 1)
            for sub in item.sub:
                _hanging(pdf, "–", sub, 2)
    else:
        _quote(pdf, block)
    pdf.ln(1.5)


def write_pdf(document: Document, *, footer: str, created: datetime | None = None) -> bytes:
    """The PDF of a document; `footer` on every page with its number."""
    pdf = _Pages(footer)
    fonts = resources.files(__package__).joinpath("fonts")
    for style, name in FONTS.items():
        with resources.as_file(fonts.joinpath(name)) as path:
            pdf.add_font(FAMILY, style, str(path))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_title(document.title)
    pdf.set_creator("CreatorOps")
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_page()
    for block in document.blocks:
        _block(pdf, block)
    notes = [note for note, needed in ((EMOJI_NOTE, pdf.named), (FALLBACK_NOTE, pdf.replaced)) if needed]
    if notes:
        pdf.set_text_color(90, 90, 90)
        pdf.ln(LINE)
        pdf.set_font(FAMILY, "", 8)
        pdf.multi_cell(0, 4, " ".join(notes), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def render_pdf(pack: EvidencePack, creator: CreatorEvidence) -> bytes:
    document = evidence_document(pack, creator)
    footer = f"Evidence pack · {one_line(pack.campaign, 60)} · @{one_line(creator.handle, 60)}"
    return write_pdf(document, footer=footer, created=pack.generated_at.astimezone(UTC))


def pdf_files(pack: EvidencePack) -> list[tuple[str, bytes]]:
    """(file name, PDF bytes) of each creator's file, in the pack's order."""
    return [(file_name(pack, creator, "pdf"), render_pdf(pack, creator)) for creator in pack.creators]
