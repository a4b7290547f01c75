"""HTML (.html, .htm): the vacancy as a browser shows it, without the rest of the page.

trafilatura finds the main text of the page (it leaves out scripts, styles,
navigation, header, footer, cookie banners, forms and side bars) and gives it as
XML: headings (``head``, from h1-h6), paragraphs, lists and tables in reading
order, with bold text marked. A heading from h1-h6 is a heading block as it is;
a paragraph is one when it is a usual vacancy heading ("Wat bieden wij") or all
bold and short, as in the other readers. A web page has no pages: all is page 1.
"""

from __future__ import annotations

from typing import Any

from ..errors import ExtractionError
from ..i18n import _
from ..model import Block, Extracted
from .layout import BULLET_RE, clean, looks_like_heading

# what trafilatura's tree holds besides headings, paragraphs, lists and tables
SKIPPED = {"graphic", "comments"}


def _text(el: Any, skip: tuple[str, ...] = ("list", "table")) -> str:
    """The text of an element, a line break as a newline; nested lists and tables left out."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in skip:
            parts.append(_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _bold(el: Any) -> bool:
    """Whether all the text of a paragraph is bold."""
    inner = [c for c in el if c.tag != "lb"]
    return (
        not (el.text or "").strip()
        and bool(inner)
        and all(c.tag == "hi" and "#b" in (c.get("rend") or "") for c in inner)
        and not any((c.tail or "").strip() for c in inner)
    )


class _Reader:
    def __init__(self) -> None:
        self.section: str | None = None
        self.blocks: list[Block] = []

    def heading(self, text: str) -> None:
        self.section = text.rstrip(":").strip()
        self.blocks.append(Block(1, self.section, self.section, heading=True))

    def text(self, raw: str, emphasised: bool = False, item: bool = False) -> None:
        """A paragraph, list item or cell; its lines (<br>) are joined, but a line
        that starts with a bullet is an item of its own."""
        first = True
        for piece in raw.split("\n"):
            t = clean(piece)
            if not t:
                continue
            if BULLET_RE.match(t):
                self.blocks.append(Block(1, self.section, BULLET_RE.sub("", t)))
            elif not item and first and looks_like_heading(t, emphasised):
                self.heading(t)
            elif self.blocks and not first and not self.blocks[-1].heading:
                last = self.blocks[-1]  # a line break inside a paragraph
                self.blocks[-1] = Block(1, last.section, f"{last.text} {t}")
            else:
                self.blocks.append(Block(1, self.section, t))
            first = False

    def element(self, el: Any) -> None:
        tag = el.tag
        if tag in SKIPPED:
            return
        if tag == "head":
            t = clean(_text(el, ()).replace("\n", " "))
            if t:
                self.heading(t)
        elif tag == "list":
            for item in el:
                if item.tag != "item":
                    self.element(item)
                    continue
                self.text(_text(item), item=True)
                for inner in item:
                    if inner.tag in ("list", "table"):
                        self.element(inner)
        elif tag == "table":
            for row in el.iter("row"):
                for cell in row:
                    if cell.tag != "cell":
                        continue
                    if any(c.tag in ("p", "list", "head") for c in cell):
                        self.children(cell)
                    else:
                        self.text(_text(cell), item=True)
        elif tag in ("p", "quote", "code"):
            self.text(_text(el), emphasised=_bold(el))
            for inner in el:
                if inner.tag in ("list", "table"):
                    self.element(inner)
        else:
            self.children(el)

    def children(self, el: Any) -> None:
        if (el.text or "").strip():
            self.text(el.text)
        for child in el:
            self.element(child)
            if (child.tail or "").strip():
                self.text(child.tail)


def _main_text(data: bytes, recall: bool) -> Any:
    """trafilatura's main text of the page as an lxml element, or None."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        data,
        include_tables=True,
        include_formatting=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
        favor_recall=recall,
    )
    body = getattr(doc, "body", None)
    return body if body is not None and len(body) else None


def read(data: bytes) -> Extracted:
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractionError(_("binary content in an HTML file; is it really a web page?"))
    try:
        body = _main_text(data, recall=False)
        if body is None:
            body = _main_text(data, recall=True)
    except Exception as exc:  # lxml and trafilatura raise many kinds on odd pages
        raise ExtractionError(
            _("cannot read the HTML page ({error})").format(error=type(exc).__name__)
        ) from None
    if body is None:
        raise ExtractionError(_("no text found in the HTML page"))
    reader = _Reader()
    reader.children(body)
    return Extracted(blocks=reader.blocks, pages=1)
