"""PDF text with PDFium (pypdfium2): lines with their font and baseline, per page.

The default PDF engine: on the bundled corpus it gives the same blocks as
pdfplumber at a fraction of the time (docs/benchmarks.md, "PDF engines").
"""

from __future__ import annotations

import ctypes
import re
import statistics
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..errors import ExtractionError
from ..model import Extracted
from .layout import KEEP_HYPHEN_BEFORE, Line, blocks_from_lines, check_pages

LINE = re.compile(r"[^\r\n]+")
FORCE_BOLD = 0x40000  # PDFium font flag


def _join_hyphenated(text: str) -> str:
    """PDFium joins a word hyphenated across a line end, marking the hyphen U+FFFE:
    drop the mark ("onderhouds-|contracten"), but keep a real hyphen ("beleids- en/of")."""

    def repl(m: re.Match[str]) -> str:
        rest = m.group(1)
        return ("- " if rest.lower() in KEEP_HYPHEN_BEFORE else "") + rest

    return re.sub(r"\ufffe[\r\n]*(\w*)", repl, text)


def _font(textpage: Any, index: int) -> tuple[float, bool]:
    """Font size and boldness of one character."""
    size = float(raw.FPDFText_GetFontSize(textpage, index))
    flags = ctypes.c_int(0)
    n = raw.FPDFText_GetFontInfo(textpage, index, None, 0, ctypes.byref(flags))
    name = ""
    if n > 0:
        buf = ctypes.create_string_buffer(n)
        raw.FPDFText_GetFontInfo(textpage, index, buf, n, ctypes.byref(flags))
        name = buf.value.decode("utf-8", "replace")
    bold = (
        "bold" in name.lower()
        or bool(flags.value & FORCE_BOLD)
        or (raw.FPDFText_GetFontWeight(textpage, index) >= 600)
    )
    return size, bold


def _baseline(textpage: Any, index: int) -> float:
    x, y = ctypes.c_double(0), ctypes.c_double(0)
    raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    return float(y.value)


def _page_lines(page: Any) -> list[Line]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        found = []
        for m in LINE.finditer(text):
            line = m.group(0)
            if not line.strip():
                continue
            first = m.start() + (len(line) - len(line.lstrip()))
            last = m.start() + len(line.rstrip()) - 1
            size, bold = _font(textpage.raw, first)
            found.append(
                (
                    _join_hyphenated(line),
                    size,
                    bold,
                    _baseline(textpage.raw, first),
                    _baseline(textpage.raw, last),
                )
            )
    finally:
        textpage.close()
    if not found:
        return []
    body = statistics.median(f[1] for f in found) or 1.0
    lines = []
    previous: float | None = None  # baseline of the previous line's last character
    for line, size, bold, baseline, end in found:
        gap = None if previous is None else previous - baseline
        lines.append(
            Line(
                text=line,
                emphasised=bold or size > body * 1.15,
                # white space above the line wider than 0.6 of its height (as for pdfplumber),
                # or a jump upwards (a new column or text box)
                new_paragraph=gap is not None and (gap - size > max(size, 1.0) * 0.6 or gap < 0),
            )
        )
        previous = end
    return lines


def read(data: bytes, max_pages: int = 0) -> Extracted:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ExtractionError(
                "the PDF is password-protected; save an unprotected copy"
            ) from None
        raise ExtractionError("not a readable PDF (damaged, or not a PDF at all)") from None
    try:
        check_pages(len(doc), max_pages)
        pages = [_page_lines(doc[i]) for i in range(len(doc))]
    except pdfium.PdfiumError as exc:
        raise ExtractionError(f"cannot read the PDF ({exc})") from None
    finally:
        doc.close()
    if pages and not any(pages):
        raise ExtractionError("the PDF has no text layer; it may be a scan (run OCR first)")
    return Extracted(blocks=blocks_from_lines(pages), pages=len(pages))
