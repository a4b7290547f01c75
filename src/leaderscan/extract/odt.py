"""ODT (OpenDocument Text, LibreOffice Writer) with odfdo: headings, paragraphs,
lists and tables in reading order, with pages.

Page numbers come from page breaks in paragraph and table styles
(``fo:break-before``/``fo:break-after="page"``, also through the parent style)
and from the page breaks LibreOffice laid out when it saved the file
(``text:soft-page-break``); a laid-out break right after an explicit one is the
same break. A heading is a ``text:h``, a paragraph in a heading or title style,
or a short paragraph in bold (layout.looks_like_heading, as for DOCX). Page
headers and footers, notes, comments, tracked deletions and tables of contents
are not read.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import ExtractionError
from ..i18n import _
from ..model import Block, Extracted
from .layout import check_unpacked_size, clean, looks_like_heading

MIMETYPES = (
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
)
HEADING_STYLES = ("heading", "kop", "title", "titel", "subtitle", "ondertitel")
SKIP = {
    "text:note",
    "office:annotation",
    "office:annotation-end",
    "text:tracked-changes",
    "text:table-of-content",
    "text:alphabetical-index",
    "text:illustration-index",
    "text:table-index",
    "text:object-index",
    "text:user-index",
    "text:bibliography",
    "text:sequence-decls",
    "text:variable-decls",
    "text:user-field-decls",
    "table:covered-table-cell",
    "draw:image",
    "svg:desc",
    "svg:title",
}
PARAGRAPHS = {"text:p", "text:h"}


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.page = 1
        self.section: str | None = None
        self.blocks: list[Block] = []
        self.after_explicit = False
        self._styles: dict[tuple[str, str], dict[str, Any]] = {}

    def style(self, family: str, name: str | None) -> dict[str, Any]:
        """What leaderscan needs of a style and its parents: breaks, bold, heading name."""
        if not name:
            return {}
        key = (family, name)
        if key in self._styles:
            return self._styles[key]
        self._styles[key] = {}  # a style that is its own parent
        found: dict[str, Any] = {}
        style = self.document.get_style(family, name)
        if style is not None:
            parent = self.style(family, style.get_attribute("style:parent-style-name"))
            found = dict(parent)
            display = str(style.get_attribute("style:display-name") or name).lower()
            if display.startswith(HEADING_STYLES) or name.lower().startswith(HEADING_STYLES):
                found["heading"] = True
            props = style.get_properties(area=family) or {}
            text_props = style.get_properties(area="text") or {}
            for edge in ("fo:break-before", "fo:break-after"):
                if props.get(edge):
                    found[edge] = props[edge]
            if text_props.get("fo:font-weight"):
                found["bold"] = text_props["fo:font-weight"] in ("bold", "700", "800", "900")
        self._styles[key] = found
        return found

    def _break(self, explicit: bool) -> None:
        if not explicit and self.after_explicit:
            return
        if not explicit and not self.blocks:
            return  # a laid-out break before any text
        self.page += 1
        self.after_explicit = explicit

    def _text(self, el: Any, parts: list[str], bold: list[bool], inherited: bool) -> None:
        """The text of a paragraph's inline content; whether each run of text is bold."""
        for child in el.children:
            tag = child.tag
            if tag in SKIP:
                pass
            elif tag == "text:s":
                parts.append(" " * int(child.get_attribute("text:c") or 1))
            elif tag in ("text:tab", "text:line-break"):
                parts.append(" ")
            elif tag == "text:soft-page-break":
                self._break(explicit=False)
            elif tag == "draw:frame" or tag == "draw:text-box":
                pass  # text boxes are read after the paragraph
            else:
                style = self.style("text", child.get_attribute("text:style-name"))
                is_bold = style.get("bold", inherited)
                if child.text:
                    parts.append(child.text)
                    bold.append(is_bold or not child.text.strip())
                self._text(child, parts, bold, is_bold)
            if child.tail:
                parts.append(child.tail)
                bold.append(inherited or not child.tail.strip())

    def paragraph(self, el: Any, in_list: bool) -> None:
        style = self.style("paragraph", el.get_attribute("text:style-name"))
        if style.get("fo:break-before") == "page" and self.blocks:
            self._break(explicit=True)
        page = self.page
        parts: list[str] = [el.text or ""]
        bold = [style.get("bold", False) or not (el.text or "").strip()]
        self._text(el, parts, bold, style.get("bold", False))
        t = clean("".join(parts))
        if t:
            self.after_explicit = False
            emphasised = el.tag == "text:h" or style.get("heading", False) or all(bold)
            if not in_list and looks_like_heading(t, emphasised):
                self.section = t.rstrip(":").strip()
                self.blocks.append(Block(page, self.section, self.section, heading=True))
            else:
                self.blocks.append(Block(page, self.section, t))
        for frame in el.get_elements("descendant::draw:text-box"):
            self.children(frame, in_list)
        if style.get("fo:break-after") == "page":
            self._break(explicit=True)

    def element(self, el: Any, in_list: bool = False) -> None:
        tag = el.tag
        if tag in SKIP:
            return
        if tag in PARAGRAPHS:
            self.paragraph(el, in_list)
        elif tag == "text:soft-page-break":
            self._break(explicit=False)
        elif tag == "table:table":
            style = self.style("table", el.get_attribute("table:style-name"))
            if style.get("fo:break-before") == "page" and self.blocks:
                self._break(explicit=True)
            self.children(el, in_list)
            if style.get("fo:break-after") == "page":
                self._break(explicit=True)
        else:
            self.children(el, in_list or tag == "text:list")

    def children(self, el: Any, in_list: bool = False) -> None:
        for child in el.children:
            self.element(child, in_list)


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_unpacked_size(zf, "ODT")
            names = set(zf.namelist())
            mimetype = (
                zf.read("mimetype").decode("ascii", "replace").strip()
                if "mimetype" in names
                else ""
            )
            if "META-INF/manifest.xml" in names and b"encryption-data" in zf.read(
                "META-INF/manifest.xml"
            ):
                raise ExtractionError(_("the ODT is password-protected; save an unprotected copy"))
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        raise ExtractionError(
            _("not a readable ODT (damaged, or not an OpenDocument text); save it again as .odt")
        ) from None
    if mimetype and mimetype not in MIMETYPES:
        kind = mimetype.rsplit(".", 1)[-1]
        raise ExtractionError(
            _("not an OpenDocument text but an OpenDocument {kind}; save it as .odt").format(
                kind=kind
            )
        )
    if "content.xml" not in names:
        raise ExtractionError(
            _("not a readable ODT (damaged, or not an OpenDocument text); save it again as .odt")
        )


def read(data: bytes) -> Extracted:
    _check_package(data)
    from odfdo import Document

    try:
        document = Document(io.BytesIO(data))
        body = document.body
        reader = _Reader(document)
        reader.children(body)
    except ExtractionError:
        raise
    except Exception as exc:  # odfdo and lxml raise many kinds on damaged files
        raise ExtractionError(
            _("not a readable ODT (damaged: {error}); save it again as .odt").format(
                error=type(exc).__name__
            )
        ) from None
    return Extracted(blocks=reader.blocks, pages=reader.page)
