"""Plain text: UTF-8 (cp1252 as a fallback, with a warning); form feeds are page breaks."""

from __future__ import annotations

import re

from ..errors import ExtractionError
from ..model import Extracted
from .layout import Line, blocks_from_lines


def decode(data: bytes) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ["not UTF-8; read as Windows-1252 (cp1252)"]
    except UnicodeDecodeError:
        raise ExtractionError("unknown text encoding; save the file as UTF-8") from None


def read(data: bytes) -> Extracted:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractionError("binary content in a .txt file; is it really text?")
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
