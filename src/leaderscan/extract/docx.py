"""DOCX with python-docx: paragraphs, lists and tables in reading order, with pages.

Only the two parts the reader needs are opened: the main document and its styles
(the names of paragraph styles, read when a paragraph has one), parsed into
python-docx's element classes. ``docx.Document`` opens and parses every part of the
package (Word's template alone brings two style parts of 350 and 440 kB, a theme and
a thumbnail), which took half the time of reading a DOCX (docs/benchmarks.md).

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

import hashlib
import io
import posixpath
import zipfile
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
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


RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
STYLE, NAME, STYLE_ID, VAL = qn("w:style"), qn("w:name"), qn("w:styleId"), qn("w:val")
NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
# the parent python-docx gives a Paragraph, for looking up its style: the reader does that
NO_PARENT: Any = None


class _Package:
    """The parts of a DOCX's zip that the reader needs, found by their relationships
    (``_rels/.rels`` names the main document, its ``.rels`` its styles), as python-docx
    finds them: the main document parsed, the styles as they are stored."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        main = self._related("", "/officeDocument")
        if main is None:
            raise KeyError("officeDocument")
        self.body = parse_xml(zf.read(main)).find(qn("w:body"))
        if self.body is None:
            raise KeyError("w:body")
        styles = self._related(main, "/styles")
        self.styles = zf.read(styles) if styles in zf.NameToInfo else None

    def _related(self, part: str, kind: str) -> str | None:
        """The zip name of the part that ``part`` ('' for the package) relates to by a
        relationship type ending in ``kind``, or None."""
        folder, name = posixpath.split(part)
        try:
            root = parse_xml(self.zf.read(posixpath.join(folder, "_rels", f"{name}.rels")))
        except KeyError:
            return None
        for rel in root.iterchildren(RELATIONSHIPS):
            if rel.get("Type", "").endswith(kind) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = target if target.startswith("/") else posixpath.join(folder, target)
                return posixpath.normpath(path).lstrip("/")
        return None


# the style names of the styles parts read last, by their content: the files of one
# organisation mostly share a template, whose styles part is the largest part of a DOCX
_style_memo: dict[bytes, dict[str, str]] = {}


def _names_of(styles: bytes) -> dict[str, str]:
    key = hashlib.blake2b(styles, digest_size=16).digest()
    names = _style_memo.get(key)
    if names is None:
        names = {}
        for s in parse_xml(styles).iterchildren(STYLE):
            name = s.find(NAME)
            names[s.get(STYLE_ID) or ""] = name.get(VAL) or "" if name is not None else ""
        if len(_style_memo) >= 16:
            _style_memo.clear()
        _style_memo[key] = names
    return names


class _StyleNames:
    """Style id -> name, from the styles part, read when a paragraph first has a style."""

    def __init__(self, styles: bytes | None):
        self.styles = styles
        self.names: dict[str, str] | None = None

    def get(self, style_id: str) -> str:
        if self.names is None:
            self.names = _names_of(self.styles) if self.styles else {}
        return self.names.get(style_id, "")


def _has_text(run: Any) -> bool:
    """Whether a run shows more than white space (what ``Run.text.strip()`` tells,
    without its XPath per run)."""
    return any(
        child.tag == NO_BREAK_HYPHEN or child.tag == T and bool((child.text or "").strip())
        for child in run.iterchildren()
    )


class _Reader:
    def __init__(self, style_names: _StyleNames) -> None:
        self.style_names = style_names
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
        style = self.style_names.get(style_id) if style_id else ""
        is_list = (
            "list" in style.lower()
            or "lijst" in style.lower()
            or p._p.pPr is not None
            and p._p.pPr.numPr is not None
        )
        runs = [r for r in p.runs if _has_text(r._r)]
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
                self.paragraph(Paragraph(el, NO_PARENT))
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
            package = _Package(zf)
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, KeyError):
        raise ExtractionError(
            _("not a readable DOCX (damaged, or not a Word file); save it again as .docx")
        ) from None
    except Exception as exc:
        raise ExtractionError(
            _("cannot read the DOCX ({error})").format(error=f"{type(exc).__name__}: {exc}")
        ) from None
    reader = _Reader(_StyleNames(package.styles))
    reader.content(package.body)
    return Extracted(blocks=reader.blocks, pages=reader.page)
