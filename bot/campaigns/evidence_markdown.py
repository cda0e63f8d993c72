"""One creator's evidence pack as a Markdown file: the document of bot/campaigns/evidence_document.py written out.

Everything typed by someone else is escaped so that it reads as the characters it is and never as Markdown or HTML
(no heading, link, image, table or script from a caption); the document already dropped the control and
bidirectional-override characters and bounded each text.
"""

from __future__ import annotations

import re

from bot.campaigns.evidence import CreatorEvidence, EvidencePack, file_name
from bot.campaigns.evidence_document import Block, Bullets, Heading, Line, Paragraph, Quote, evidence_document

# What Markdown (CommonMark with GitHub's tables and strikethrough) could read as markup inside a line: escaped
# with a backslash. An underscore inside a word (a handle like nina_nano) starts nothing and is left alone, and so
# are the characters that mean something only after an escaped one ("(" after "]", "!" before "[").
_ALWAYS = str.maketrans({char: "\\" + char for char in "\\`*[]<>|~"})
_WHERE_IT_STARTS_SOMETHING = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;)")
# What starts a block at the beginning of a line: a heading, a list item, a setext underline, a thematic break.
_LINE_START = re.compile(r"^(?:#{1,6}(?=[ \t]|$)|[+=-]|\d{1,9}[.)])")
_MARKS = {"plain": "", "bold": "**", "italic": "*"}


def _escape(text: str) -> str:
    text = text.translate(_ALWAYS)
    if "_" in text or "&" in text:
        text = _WHERE_IT_STARTS_SOMETHING.sub(lambda found: "\\" + found.group(0), text)
    return text


def _block_safe(line: str) -> str:
    """A line that would start a heading or a list says so in text: its marker escaped ("\\#", "1\\.")."""
    found = _LINE_START.match(line)
    if not found:
        return line
    marker = found.group(0)
    escaped = "\\" + marker if marker.startswith("#") else marker[:-1] + "\\" + marker[-1]
    return escaped + line[len(marker) :]


def _line(spans: Line) -> str:
    return "".join(_MARKS[span.style] + _escape(span.text) + _MARKS[span.style] for span in spans)


def _quoted(quote: Quote) -> list[str]:
    """A block quote, each line escaped; an empty text says so."""
    if not quote.lines:
        return ["> *(empty)*"]
    shown = ["> " + _block_safe(_escape(line.strip())) if line.strip() else ">" for line in quote.lines]
    # Two trailing spaces end a line where the caption did (Markdown would join the lines into one).
    return [line + "  " if line != ">" else line for line in shown[:-1]] + shown[-1:]


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _line(block.text)]
    if isinstance(block, Paragraph):
        return [_block_safe(_line(block.text))]
    if isinstance(block, Bullets):
        lines = []
        for item in block.items:
            lines.append("- " + _line(item.text))
            lines += ["  - " + _line(sub) for sub in item.sub]
        return lines
    return _quoted(block)


def render_markdown(pack: EvidencePack, creator: CreatorEvidence) -> str:
    """The whole file for one creator, blocks apart by an empty line."""
    document = evidence_document(pack, creator)
    return "\n\n".join("\n".join(_block(block)) for block in document.blocks) + "\n"


def markdown_files(pack: EvidencePack) -> list[tuple[str, bytes]]:
    """(file name, UTF-8 contents) of each creator's file, in the pack's order."""
    return [(file_name(pack, creator), render_markdown(pack, creator).encode("utf-8")) for creator in pack.creators]
