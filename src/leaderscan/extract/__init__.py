"""Extraction: a file's text as blocks (paragraphs, list items, table cells) with
their page number and the section heading they stand under.

``extract(path)`` picks the reader by extension; each reader raises
``ExtractionError`` with a one-line reason when a file cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ExtractionError
from ..model import Extracted
from . import docx, pdf, txt

READERS = {".pdf": pdf.read, ".docx": docx.read, ".txt": txt.read}


def extract(path: Path) -> Extracted:
    """Read a PDF, DOCX or TXT file into blocks; raise ExtractionError if it cannot."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ExtractionError(f"unsupported file type '{path.suffix}'; use PDF, DOCX or TXT")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExtractionError(f"cannot open the file: {exc.strerror or exc}") from None
    if size == 0:
        raise ExtractionError("the file is empty (0 bytes)")
    result = reader(path)
    if not any(b.text.strip() for b in result.blocks):
        raise ExtractionError("no text found in the file")
    return result


__all__ = ["extract", "ExtractionError"]
