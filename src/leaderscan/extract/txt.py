"""Plain text: UTF-8, or UTF-16/UTF-32 with a byte order mark (as Windows Notepad saves
"Unicode"); cp1252 as a fallback, with a warning. Form feeds are page breaks."""

from __future__ import annotations

import codecs
import re

from ..errors import ExtractionError
from ..i18n import _
from ..model import Extracted
from .layout import Line, blocks_from_lines

# longest first: the UTF-32 LE mark begins with the UTF-16 LE one
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def decode(data: bytes) -> tuple[str, list[str]]:
    for bom, encoding, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError:
                raise ExtractionError(
                    _(
                        "damaged {name} text (it starts with a {name} mark); save the file as UTF-8"
                    ).format(name=name)
                ) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), [_("not UTF-8; read as Windows-1252 (cp1252)")]
    except UnicodeDecodeError:
        raise ExtractionError(_("unknown text encoding; save the file as UTF-8")) from None


def read(data: bytes) -> Extracted:
    if b"\x00" in data[:4096] and not data.startswith(tuple(bom for bom, _, _ in BOMS)):
        raise ExtractionError(_("binary content in a .txt file; is it really text?"))
    text, warnings = decode(data)
    pages = []
    for page in text.replace("\r\n", "\n").replace("\r", "\n").split("\f"):
        lines: list[Line] = []
        blank = True
        for raw in page.split("\n"):
            if not raw.strip():
                blank = True
                continue
            md = re.match(r"^\s*#{1,6}\s+(.*)$", raw)
            lines.append(
                Line(text=md.group(1) if md else raw, emphasised=bool(md), new_paragraph=blank)
            )
            blank = False
        pages.append(lines)
    return Extracted(blocks=blocks_from_lines(pages), pages=len(pages), warnings=warnings)
