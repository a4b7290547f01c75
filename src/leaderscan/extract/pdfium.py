"""PDF text with PDFium (pypdfium2): lines with their font and baseline, per page.

The default PDF engine: on the bundled corpus it gives the same blocks as
pdfplumber at a fraction of the time (docs/benchmarks.md, "PDF engines").

With ``ocr="auto"`` a page without a text layer, or whose text layer cannot be
read (a font without a ToUnicode map: control characters, or characters PDFium
reports as unmapped), is read by OCR instead (ocr.py); ``"always"`` reads every
page by OCR, ``"never"`` none.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..errors import ExtractionError, ToolMissing
from ..i18n import N_, _, ngettext
from ..model import Extracted
from .layout import (
    KEEP_HYPHEN_BEFORE,
    MIN_COLUMN_LINES,
    Line,
    blocks_from_lines,
    check_pages,
    column_order,
    find_gutter,
    on_side,
)

LINE = re.compile(r"[^\r\n]+")
# what a font without a Unicode map gives: control characters, private use, U+FFFD
GARBLED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]")
NOTHING_FOUND = N_("the PDF has no text layer; it may be a scan, but OCR found no text in it")
NO_TEXT_LAYER = N_(
    "the PDF has no text layer; it may be a scan (--ocr auto reads it with Tesseract)"
)
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


def _unreadable(textpage: Any, text: str) -> bool:
    """Whether a page's text layer is garbage: mostly control or private-use characters,
    or characters PDFium could not map to Unicode (a sample of up to 200)."""
    letters = len(text) - sum(text.count(c) for c in " \r\n\t")
    if not letters:
        return False
    if len(GARBLED.findall(text)) > 0.25 * letters:
        return True
    count = raw.FPDFText_CountChars(textpage)
    step = max(1, count // 200)
    sample = range(0, count, step)
    errors = sum(bool(raw.FPDFText_HasUnicodeMapError(textpage, i)) for i in sample)
    return errors > 0.25 * len(sample)


def _side_by_side(textpage: Any) -> bool:
    """Whether PDFium's text rectangles show MIN_COLUMN_LINES pieces of text that start
    a quarter of the text width or more right of where the text starts: a quick test,
    so that the position of each character is read only on pages that may have two
    columns (layout.find_gutter decides)."""
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    if len(rects) < MIN_COLUMN_LINES:
        return False
    left = min(r[0] for r in rects)
    width = max(r[2] for r in rects) - left
    return bool(sum(r[0] >= left + width / 4 for r in rects) >= MIN_COLUMN_LINES)


def _ends(text: str, start: int, end: int) -> tuple[int, int]:
    """The index of the first and of the last character of a line that are no space."""
    line = text[start:end]
    return start + len(line) - len(line.lstrip()), start + len(line.rstrip()) - 1


def _in_column_order(textpage: Any, text: str) -> list[tuple[str, int, int]]:
    """The page's lines as (text, index of the first and of the last character), with
    two columns read one after the other (layout.find_gutter): each line split at the
    white band between them, the left column first."""
    spans = [m.span() for m in LINE.finditer(text) if m.group(0).strip()]
    if not _side_by_side(textpage):
        return [(text[a:b].strip(), *_ends(text, a, b)) for a, b in spans]
    boxes: list[list[tuple[float, float, int]]] = []  # x0, x1, index of each visible character
    for start, end in spans:
        line = []
        for i in range(start, end):
            if not text[i].isspace():
                left, _bottom, right, _top = textpage.get_charbox(i)
                line.append((left, right, i))
        boxes.append(line)
    glyphs = [[(x0, x1) for x0, x1, _ in line] for line in boxes]
    sizes = [raw.FPDFText_GetFontSize(textpage.raw, line[0][2]) for line in boxes if line]
    band = find_gutter(glyphs, statistics.median(sizes)) if sizes else None
    if band is None:
        order = [(i, "all") for i in range(len(spans))]
    else:
        order = column_order(glyphs, band)
    out = []
    for i, part in order:
        kept = [k for x0, x1, k in boxes[i] if on_side(x0, x1, band or (0, 0), part)]
        if not kept:
            continue
        piece = text[kept[0]]
        for prev, k in zip(kept, kept[1:], strict=False):
            between = text[prev + 1 : k]  # spaces, or the other column's characters
            piece += text[prev + 1 : k + 1] if not between.strip() else " " + text[k]
        out.append((piece, kept[0], kept[-1]))
    return out


def _page_lines(page: Any) -> list[Line]:
    return _page_text(page)[0]


def _page_text(page: Any) -> tuple[list[Line], bool]:
    """The page's lines, and whether its text layer is unreadable."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if _unreadable(textpage.raw, text):
            return [Line(text=GARBLED.sub("", t)) for t in LINE.findall(text)], True
        found = []
        for line, first, last in _in_column_order(textpage, text):
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
        return [], False
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
    return lines, False


def _open(data: bytes) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ExtractionError(
                _("the PDF is password-protected; save an unprotected copy")
            ) from None
        raise ExtractionError(_("not a readable PDF (damaged, or not a PDF at all)")) from None


def read(data: bytes, max_pages: int = 0, ocr: str = "auto") -> Extracted:
    doc = _open(data)
    warnings: list[str] = []
    confidence: dict[int, float] = {}
    try:
        check_pages(len(doc), max_pages)
        pages = []
        wanted: list[int] = []  # pages to read by OCR
        garbled: list[int] = []
        for i in range(len(doc)):
            lines, unreadable = _page_text(doc[i])
            pages.append(lines)
            if ocr == "always" or (ocr == "auto" and (unreadable or not lines)):
                wanted.append(i)
            if unreadable:
                garbled.append(i + 1)
        if wanted:
            pages, confidence, warnings = read_by_ocr(doc, pages, wanted, garbled)
        tried = bool(wanted)  # and Tesseract ran: without it, read_by_ocr raised
    except pdfium.PdfiumError as exc:
        raise ExtractionError(_("cannot read the PDF ({error})").format(error=exc)) from None
    finally:
        doc.close()
    if pages and not any(pages):
        if ocr == "never":
            raise ExtractionError(_(NO_TEXT_LAYER))
        raise ExtractionError(_(NOTHING_FOUND) if tried else _("the PDF has no text layer"))
    if garbled and ocr == "never" and not any(ln.text.strip() for p in pages for ln in p):
        raise ExtractionError(
            _(
                "the PDF's text cannot be read (a font without a Unicode map); --ocr auto reads "
                "it with Tesseract"
            )
        )
    if garbled and ocr == "never":
        warnings.append(
            _(
                "unreadable text (a font without a Unicode map) on {pages}; --ocr auto reads it "
                "with Tesseract"
            ).format(pages=_pages(garbled))
        )
    return Extracted(
        blocks=blocks_from_lines(pages),
        pages=len(pages),
        warnings=warnings,
        ocr=confidence,
        converter=ocr_engine() if confidence else "",
    )


def _pages(numbers: list[int]) -> str:
    return ngettext("page {numbers}", "pages {numbers}", len(numbers)).format(
        numbers=", ".join(map(str, numbers))
    )


def ocr_engine() -> str:
    from . import ocr

    return ocr.description()


def read_by_ocr(
    doc: Any, pages: list[list[Line]], wanted: list[int], garbled: list[int]
) -> tuple[list[list[Line]], dict[int, float], list[str]]:
    """The pages with those in ``wanted`` read by OCR; their confidence; warnings.

    Without Tesseract, a PDF with no text at all is refused with how to install it;
    a PDF with text on some pages is read without the others, with a warning.
    """
    from . import ocr

    if ocr.unavailable():
        if not any(pages) or len(garbled) == len(pages):
            raise ocr.missing(_("the PDF has no text layer; it may be a scan"))
        empty = sorted({i + 1 for i in wanted if not pages[i]} | set(garbled))
        warning = _("no readable text on {pages}, not read by OCR ({why}; {install})").format(
            pages=_pages(empty), why=ocr.unavailable(), install=ocr.install_hint()
        )
        return pages, {}, [warning]
    pages = list(pages)
    confidence: dict[int, float] = {}
    warnings: list[str] = []
    for i in wanted:
        try:
            result = ocr.read_page(doc[i])
        except ToolMissing:
            raise
        except ExtractionError as exc:
            warnings.append(_("page {number}: {error}").format(number=i + 1, error=exc))
            continue
        pages[i] = result.lines
        if result.lines:
            confidence[i + 1] = result.confidence
    return pages, confidence, warnings
