"""The evidence pack's files in the format asked for: Markdown (`md`, the default) or PDF (`pdf`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from bot.campaigns.evidence import EvidencePack
from bot.campaigns.evidence_markdown import markdown_files
from bot.campaigns.evidence_pdf import pdf_files

Format = Literal["md", "pdf"]
FORMATS: dict[str, Callable[[EvidencePack], list[tuple[str, bytes]]]] = {"md": markdown_files, "pdf": pdf_files}


def evidence_files(pack: EvidencePack, file_format: Format = "md") -> list[tuple[str, bytes]]:
    """(file name, contents) of each creator's file, in the pack's order."""
    return FORMATS[file_format](pack)
