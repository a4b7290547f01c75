"""PDF text with pdfplumber: lines with their position and font, per page.

Selectable with ``--pdf-engine pdfplumber``; PDFium (pdfium.py) is the default,
chosen by measurement (docs/benchmarks.md).
"""

from __future__ import annotations

import io
import statistics
from typing import Any

from ..errors import ExtractionError
from ..i18n import _
from ..model import Block, Extracted
from . import pdfium
from .layout import Line, blocks_from_lines, check_pages, column_order, find_gutter, on_side


def _is_bold(chars: list[dict[str, Any]]) -> bool:
    letters = [c for c in chars if str(c.get("text", "")).strip()]
    return bool(letters) and all("bold" in str(c.get("fontname", "")).lower() for c in letters)


def _size(chars: list[dict[str, Any]]) -> float:
    sizes = [float(c.get("size", 0)) for c in chars if str(c.get("text", "")).strip()]
    return statistics.median(sizes) if sizes else 0.0


def _in_column_order(
    raw: list[dict[str, Any]], size: float, page_chars: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The page's lines with two columns read one after the other (layout.find_gutter):
    a line with text in both split at the white band between them, the left column
    first. ``page_chars`` are the page's characters, spaces too (a line's own have none)."""
    glyphs = [[(c["x0"], c["x1"]) for c in r["chars"]] for r in raw]
    band = find_gutter(glyphs, size)
    if band is None:
        return raw
    from pdfplumber.utils.text import extract_text

    order = column_order(glyphs, band)
    split = {i for i, part in order if part == "right"} & {i for i, part in order if part == "left"}
    pieces = []
    for i, part in order:
        if i not in split:
            pieces.append(raw[i])
            continue
        r = raw[i]
        chars = [
            c
            for c in page_chars
            if c["top"] >= r["top"] - 0.5
            and c["bottom"] <= r["bottom"] + 0.5
            and on_side(c["x0"], c["x1"], band, part)
        ]
        visible = [c for c in chars if str(c.get("text", "")).strip()]
        pieces.append(
            {
                "text": extract_text(chars).strip(),
                "chars": visible,
                "top": min(c["top"] for c in visible),
                "bottom": max(c["bottom"] for c in visible),
            }
        )
    return pieces


def _page_lines(page: Any) -> list[Line]:
    raw = page.extract_text_lines(return_chars=True)
    if not raw:
        return []
    body = statistics.median(_size(r["chars"]) for r in raw) or 1.0
    heights = [r["bottom"] - r["top"] for r in raw if r["bottom"] > r["top"]]
    line_height = statistics.median(heights) if heights else body
    lines: list[Line] = []
    prev_bottom: float | None = None
    prev_top = 0.0
    for r in _in_column_order(raw, body, page.chars):
        gap = None if prev_bottom is None else r["top"] - prev_bottom
        big = _size(r["chars"]) > body * 1.15
        lines.append(
            Line(
                text=r["text"],
                emphasised=_is_bold(r["chars"]) or big,
                # white space above the line wider than 0.6 of its height, or the top of
                # the next column (above the line before it)
                new_paragraph=gap is not None and (gap > line_height * 0.6 or r["top"] < prev_top),
            )
        )
        prev_bottom, prev_top = r["bottom"], r["top"]
    return lines


def _reason(exc: Exception) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    # pdfplumber wraps pdfminer's errors in PdfminerException(original)
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return _("the PDF is password-protected; save an unprotected copy")
    if isinstance(inner, PDFSyntaxError | PSException):
        return _("not a readable PDF (damaged, or not a PDF at all)")
    detail = str(inner).strip()
    return _("cannot read the PDF ({error})").format(
        error=f"{type(inner).__name__}: {detail}" if detail else type(inner).__name__
    )


def read(data: bytes, max_pages: int = 0, ocr: str = "auto") -> Extracted:
    import pdfplumber  # only when this engine is chosen: it takes a while to import

    try:
        with pdfplumber.open(io.BytesIO(data)) as doc:
            check_pages(len(doc.pages), max_pages)
            pages = [_page_lines(p) for p in doc.pages]
    except ExtractionError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise ExtractionError(_reason(exc)) from None
    wanted = [i for i, p in enumerate(pages) if ocr == "always" or (ocr == "auto" and not p)]
    confidence: dict[int, float] = {}
    warnings: list[str] = []
    if wanted:  # pages rendered and read by OCR as with the PDFium engine
        doc = pdfium._open(data)
        try:
            pages, confidence, warnings = pdfium.read_by_ocr(doc, pages, wanted, [])
        finally:
            doc.close()
    if pages and not any(pages):
        raise ExtractionError(_(pdfium.NOTHING_FOUND) if wanted else _(pdfium.NO_TEXT_LAYER))
    blocks: list[Block] = blocks_from_lines(pages)
    return Extracted(
        blocks=blocks,
        pages=len(pages),
        warnings=warnings,
        ocr=confidence,
        converter=pdfium.ocr_engine() if confidence else "",
    )
