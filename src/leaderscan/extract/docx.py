"""DOCX with python-docx: paragraphs, lists and tables in reading order, with pages.

The body is walked element by element, so that text in content controls
(``w:sdt``, which Word templates of HR departments use for the whole vacancy) and
in custom XML (``w:customXml``) is read, in the body and in table cells. A text box
is read once (``mc:Choice``, not its ``mc:Fallback`` copy), as paragraphs of its own
after the paragraph it is anchored in; text moved away (``w:moveFrom``) or deleted
with track changes on is not read.

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
from docx.text.paragraph import Paragraph

from ..errors import ExtractionError
from ..i18n import _
from ..model import Block, Extracted
from .layout import BULLET_RE, check_unpacked_size, clean, looks_like_heading, split_glued

T, BR, RENDERED, TAB, CR = (
    qn("w:t"),
    qn("w:br"),
    qn("w:lastRenderedPageBreak"),
    qn("w:tab"),
    qn("w:cr"),
)
HEADING_STYLES = ("heading", "kop", "title", "titel", "subtitle", "ondertitel")
P, TBL, TR, TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
SDT, SDT_CONTENT, CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
TEXT_BOX = qn("w:txbxContent")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# not the text of the document as it stands: moved away, deleted (track changes), or a
# second copy of what mc:Choice holds
NOT_READ = {qn("w:moveFrom"), qn("w:del"), MC_FALLBACK}
# wrappers whose children are read as if they stood in the wrapper's place
WRAPPERS = {CUSTOM_XML, qn("w:ins"), qn("w:moveTo"), qn("w:smartTag")}


def _unwrapped(el: Any, tag: str) -> Any:
    """The children of ``el`` with tag ``tag``, also those inside content controls and
    custom XML (a table row or cell can be one)."""
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content, tag)
        elif child.tag in WRAPPERS:
            yield from _unwrapped(child, tag)


def _inline(el: Any, boxes: list[Any]) -> Any:
    """The elements of a paragraph in document order, without what is not read; text
    boxes are put in ``boxes`` to be read as paragraphs of their own."""
    for child in el.iterchildren():
        if child.tag in NOT_READ:
            continue
        if child.tag == TEXT_BOX:
            boxes.append(child)
            continue
        yield child
        yield from _inline(child, boxes)


class _Reader:
    def __init__(self, style_names: dict[str, str], parent: Any = None) -> None:
        self.parent = parent  # what python-docx's Paragraph wants as its parent
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

        boxes: list[Any] = []
        for el in _inline(p._p, boxes):
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
                else:  # a bullet typed before the text (not Word's numbering) goes too
                    self.blocks.append(Block(page, self.section, BULLET_RE.sub("", piece)))
        for box in boxes:
            self.content(box)

    def content(self, container: Any) -> None:
        """The paragraphs and tables of the body, a table cell, a content control, a
        text box, in order."""
        for el in container.iterchildren():
            if el.tag == P:
                self.paragraph(Paragraph(el, self.parent))
            elif el.tag == TBL:
                self.table(el)
            elif el.tag == SDT:
                inner = el.find(SDT_CONTENT)
                if inner is not None:
                    self.content(inner)
            elif el.tag in WRAPPERS:
                self.content(el)

    def table(self, tbl: Any) -> None:
        self.in_table += 1
        try:
            for tr in _unwrapped(tbl, TR):
                for tc in _unwrapped(tr, TC):
                    self.content(tc)
        finally:
            self.in_table -= 1


def read(data: bytes) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_unpacked_size(zf, "DOCX")
        document = docx.Document(io.BytesIO(data))
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError):
        raise ExtractionError(
            _("not a readable DOCX (damaged, or not a Word file); save it again as .docx")
        ) from None
    except Exception as exc:
        raise ExtractionError(
            _("cannot read the DOCX ({error})").format(error=f"{type(exc).__name__}: {exc}")
        ) from None
    styles = document.part.styles.element
    names = {s.get(qn("w:styleId")): (s.name_val or "") for s in styles.iterchildren(qn("w:style"))}
    reader = _Reader(names, document._body)
    reader.content(document.element.body)
    return Extracted(blocks=reader.blocks, pages=reader.page)
