"""DOCX with python-docx: paragraphs, lists and tables in reading order, with pages.

Page numbers come from explicit page breaks (``w:br w:type="page"``, "page break
before") and from the page breaks Word rendered when it last saved the file
(``w:lastRenderedPageBreak``). A rendered break right after an explicit one is
the same break and is counted once.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import ExtractionError
from ..model import Block, Extracted
from .layout import clean, looks_like_heading, split_glued

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a DOCX that unpacks to more is refused (zip bomb)

T, BR, RENDERED, TAB, CR = (
    qn("w:t"),
    qn("w:br"),
    qn("w:lastRenderedPageBreak"),
    qn("w:tab"),
    qn("w:cr"),
)
HEADING_STYLES = ("heading", "kop", "title", "titel", "subtitle", "ondertitel")


class _Reader:
    def __init__(self, style_names: dict[str, str]) -> None:
        self.style_names = style_names  # style id -> name; python-docx looks up each time
        self.page = 1
        self.section: str | None = None
        self.blocks: list[Block] = []
        self.after_explicit = False  # an explicit page break with no text since
        self.in_table = 0  # depth of tables around the current paragraph

    def _break(self, explicit: bool) -> None:
        if not explicit and self.after_explicit:
            return
        self.page += 1
        self.after_explicit = explicit

    def paragraph(self, p: Paragraph) -> None:
        if p.paragraph_format.page_break_before and self.blocks:
            self._break(explicit=True)
        pieces: list[tuple[int, str]] = []
        text: list[str] = []

        def cut() -> None:
            if text:
                pieces.append((self.page, "".join(text)))
                text.clear()

        for el in p._p.iter():
            if el.tag == T and el.text:
                text.append(el.text)
                if el.text.strip():
                    self.after_explicit = False
            elif el.tag in (TAB, CR):
                text.append(" ")
            elif el.tag == BR:
                if el.get(qn("w:type")) == "page":
                    cut()
                    self._break(explicit=True)
                else:
                    text.append(" ")
            elif el.tag == RENDERED:
                cut()
                self._break(explicit=False)
        cut()
        style_id = p._p.style  # pPr/pStyle/@w:val, or None for the default style
        style = self.style_names.get(style_id or "", "") or ""
        is_list = (
            "list" in style.lower()
            or "lijst" in style.lower()
            or p._p.pPr is not None
            and p._p.pPr.numPr is not None
        )
        runs = [r for r in p.runs if r.text.strip()]
        bold = bool(runs) and all(r.bold for r in runs)
        styled = style.lower().startswith(HEADING_STYLES)
        for page, raw in pieces:
            t = clean(raw)
            if not t:
                continue
            for piece, glued_heading in split_glued(t):
                # in a table, only a heading style makes a heading: a label cell
                # ("Omschrijving", "Schaal") is not the start of a section
                plain = styled or (bold and not self.in_table)
                heading = styled or not (is_list or self.in_table)
                if glued_heading or (heading and looks_like_heading(piece, plain)):
                    self.section = piece.rstrip(":").strip()
                    self.blocks.append(Block(page, self.section, self.section, heading=True))
                else:
                    self.blocks.append(Block(page, self.section, piece))

    def table(self, table: Table) -> None:
        self.in_table += 1
        try:
            self._rows(table)
        finally:
            self.in_table -= 1

    def _rows(self, table: Table) -> None:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                for item in cell.iter_inner_content():
                    self.item(item)

    def item(self, item: Any) -> None:
        if isinstance(item, Paragraph):
            self.paragraph(item)
        elif isinstance(item, Table):
            self.table(item)


def read(data: bytes) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNCOMPRESSED:
                raise ExtractionError(
                    f"the DOCX unpacks to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB; "
                    "refused as a possible zip bomb"
                )
        document = docx.Document(io.BytesIO(data))
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError):
        raise ExtractionError(
            "not a readable DOCX (damaged, or not a Word file); save it again as .docx"
        ) from None
    except Exception as exc:
        raise ExtractionError(f"cannot read the DOCX ({type(exc).__name__}: {exc})") from None
    styles = document.part.styles.element
    names = {s.get(qn("w:styleId")): (s.name_val or "") for s in styles.iterchildren(qn("w:style"))}
    reader = _Reader(names)
    for item in document.iter_inner_content():
        reader.item(item)
    return Extracted(blocks=reader.blocks, pages=reader.page)
