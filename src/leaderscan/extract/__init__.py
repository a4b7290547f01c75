"""Extraction: a file's text as blocks (paragraphs, list items, table cells) with
their page number and the section heading they stand under.

``extract(path)`` reads a file; ``extract_bytes(data, suffix)`` does the same for
its bytes (what a worker on another machine gets). Each reader raises
``ExtractionError`` with a one-line reason when a file cannot be read. PDFs are
read with PDFium by default (``engine="pdfplumber"`` for the other engine), and
their scanned pages by OCR (``ocr``: auto, always, never); ``Limits`` bounds the
size and page count of what is read.

The readers, by suffix: PDF (pdfium.py, pdf.py, ocr.py), DOCX (docx.py), TXT
(txt.py), HTML and HTM (html.py), ODT (odt.py), DOC and RTF (office.py:
converted to DOCX by LibreOffice).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ExtractionError
from ..i18n import N_, _
from ..model import Block, Extracted
from ..stamps import Stamp, stamp_of

SUPPORTED = (".pdf", ".docx", ".txt", ".html", ".htm", ".odt", ".doc", ".rtf")
TYPES = N_("PDF, DOCX, TXT, HTML, ODT, DOC or RTF")  # for messages: _(TYPES)
ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"
OCR_MODES = ("auto", "always", "never")
DEFAULT_OCR = "auto"
MB = 1024 * 1024


def human_size(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{max(1, round(size / 1024))} KB"


@dataclass(frozen=True)
class Limits:
    """What leaderscan refuses to read: files larger than ``max_mb`` or longer than
    ``max_pages`` (0: no limit)."""

    max_mb: float = 100
    max_pages: int = 500

    def check_size(self, size: int) -> None:
        if size == 0:
            raise ExtractionError(_("the file is empty (0 bytes)"))
        if self.max_mb and size > self.max_mb * MB:
            raise ExtractionError(
                _(
                    "{size}, more than the limit of {most:g} MB; raise it with --max-size to "
                    "read this file"
                ).format(size=human_size(size), most=self.max_mb)
            )


DEFAULT_LIMITS = Limits()


def _read_pdf(data: bytes, engine: str, limits: Limits, ocr: str) -> Extracted:
    if engine not in ENGINES:
        raise ExtractionError(
            _("unknown PDF engine '{engine}'; use {engines}").format(
                engine=engine, engines=", ".join(ENGINES)
            )
        )
    if ocr not in OCR_MODES:
        raise ExtractionError(
            _("unknown OCR mode '{ocr}'; use {modes}").format(ocr=ocr, modes=", ".join(OCR_MODES))
        )
    if engine == "pdfium":
        from . import pdfium as reader
    else:
        from . import pdf as reader  # type: ignore[no-redef]
    return reader.read(data, limits.max_pages, ocr)


def _read_docx(data: bytes) -> Extracted:
    from . import docx

    return docx.read(data)


def _read_txt(data: bytes) -> Extracted:
    from . import txt

    return txt.read(data)


def _read_html(data: bytes) -> Extracted:
    from . import html

    return html.read(data)


def _read_odt(data: bytes) -> Extracted:
    from . import odt

    return odt.read(data)


def _read_office(suffix: str) -> Callable[[bytes], Extracted]:
    def read(data: bytes) -> Extracted:
        from . import office

        return office.read(data, suffix)

    return read


# the readers of the formats without pages of their own limit (the PDF readers
# check the page count before reading); imported when first needed: a run on
# cached documents needs none
READERS: dict[str, Callable[[bytes], Extracted]] = {
    ".docx": _read_docx,
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".odt": _read_odt,
    ".doc": _read_office(".doc"),
    ".rtf": _read_office(".rtf"),
}


def extract_bytes(
    data: bytes,
    suffix: str,
    engine: str = DEFAULT_ENGINE,
    limits: Limits = DEFAULT_LIMITS,
    ocr: str = DEFAULT_OCR,
) -> Extracted:
    """Read the bytes of a file of a supported type (by ``suffix``) into blocks."""
    suffix = suffix.lower()
    if suffix not in SUPPORTED:
        raise ExtractionError(
            _("unsupported file type '{suffix}'; use {types}").format(suffix=suffix, types=_(TYPES))
        )
    limits.check_size(len(data))
    if suffix == ".pdf":
        result = _read_pdf(data, engine, limits, ocr)
    else:
        result = READERS[suffix](data)
        if limits.max_pages and result.pages > limits.max_pages:
            raise ExtractionError(
                _(
                    "{pages} pages, more than the limit of {most}; raise it with --max-pages to "
                    "read this file"
                ).format(pages=result.pages, most=limits.max_pages)
            )
    if not any(b.text.strip() for b in result.blocks):
        raise ExtractionError(_("no text found in the file"))
    if any(len(b.text) > MAX_BLOCK for b in result.blocks):
        result.blocks = [piece for b in result.blocks for piece in split_long(b)]
    if suffix == ".pdf" and not dutch_like(result):
        raise ExtractionError(
            _(
                "the text layer is unreadable (hardly a Dutch word in it: a font without a "
                "Unicode map?); run OCR on the PDF, or save it again from the original"
            )
        )
    return result


# A block (paragraph) longer than this is cut into pieces of at most this size, at a
# sentence end or else a space: spaCy refuses texts over a million characters, and
# text without sentence punctuation would otherwise be one sentence of any length.
MAX_BLOCK = 10_000


def split_long(block: Block) -> list[Block]:
    text, out = block.text, []
    while len(text) > MAX_BLOCK:
        window = text[:MAX_BLOCK]
        cut = max(window.rfind(p) for p in (". ", "! ", "? ", "; ", "… ", "\n"))
        if cut < MAX_BLOCK // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut >= MAX_BLOCK // 2 else MAX_BLOCK
        out.append(replace(block, text=text[:cut].strip()))
        text = text[cut:]
    if text.strip():
        out.append(replace(block, text=text.strip()))
    return [b for b in out if b.text]


WORD = re.compile(r"[^\W\d_]{3,}")
SAMPLE = 400  # words looked at


def dutch_like(result: Extracted) -> bool:
    """Whether a text reads as Dutch: of (up to) its first 400 words of three letters or
    more, at least a third are Dutch words (wordfreq; a vacancy text has over 90%). A text layer drawn with a font
    that has no Unicode map gives letters that spell nothing ("2QOHHVEDDU"). Texts of
    fewer than 30 words are not judged."""
    words: list[str] = []
    for b in result.blocks:
        words += WORD.findall(b.text)
        if len(words) >= SAMPLE:
            break
    words = words[:SAMPLE]
    if len(words) < 30:
        return True
    from wordfreq import zipf_frequency

    needed, known = len(words) / 3, 0
    for i, w in enumerate(words):  # stops as soon as the answer is known
        known += zipf_frequency(w.lower(), "nl") > 0
        if known >= needed:
            return True
        if known + len(words) - i - 1 < needed:
            return False
    return False


def read_file(
    path: Path, limits: Limits = DEFAULT_LIMITS, identity: tuple[int, int] | None = None
) -> bytes:
    """The file's bytes, refusing empty and oversized files before reading them.

    With ``identity`` (device, inode: what discovery checked), the file opened must be
    that one: a file swapped for another, or for a link, after discovery is not read.
    What is checked and what is read are the same open file.
    """
    return read_file_stamped(path, limits, identity)[0]


def read_file_stamped(
    path: Path, limits: Limits = DEFAULT_LIMITS, identity: tuple[int, int] | None = None
) -> tuple[bytes, Stamp | None]:
    """``read_file``, and the stamp the open file had before it was read (stamps.py)."""
    try:
        # O_NONBLOCK: a named pipe put in place of the file must not hang the run
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError as exc:
        raise ExtractionError(
            _("cannot open the file: {error}").format(error=exc.strerror or exc)
        ) from None
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if identity is not None and (st.st_dev, st.st_ino) != tuple(identity):
                raise ExtractionError(
                    _(
                        "the file was replaced (by another file or a link) while the run was "
                        "going on; not read: run again"
                    )
                )
            if not stat.S_ISREG(st.st_mode):
                raise ExtractionError(_("not a regular file; not read"))
            limits.check_size(st.st_size)
            return f.read(), stamp_of(st)
    except OSError as exc:
        raise ExtractionError(
            _("cannot read the file: {error}").format(error=exc.strerror or exc)
        ) from None


def extract(
    path: Path,
    engine: str = DEFAULT_ENGINE,
    limits: Limits = DEFAULT_LIMITS,
    ocr: str = DEFAULT_OCR,
) -> Extracted:
    """Read a file of a supported type into blocks; raise ExtractionError if it cannot."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED:
        raise ExtractionError(
            _("unsupported file type '{suffix}'; use {types}").format(
                suffix=path.suffix, types=_(TYPES)
            )
        )
    return extract_bytes(read_file(path, limits), path.suffix, engine, limits, ocr)


__all__ = [
    "extract",
    "extract_bytes",
    "read_file",
    "ExtractionError",
    "Limits",
    "DEFAULT_LIMITS",
    "ENGINES",
    "OCR_MODES",
    "SUPPORTED",
    "TYPES",
]
