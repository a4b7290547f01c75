"""What every reader shares: clean text, find headings, join lines into blocks.

PDF and TXT arrive as lines per page; ``blocks_from_lines`` drops page headers
and footers that repeat on every page, repairs words hyphenated across line
ends and groups lines into paragraphs, list items and headings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..errors import ExtractionError
from ..model import Block

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# and the private-use glyphs Word and LibreOffice write in PDFs for Symbol/Wingdings bullets
BULLETS = "•◦▪▫●○■□‣⁃–-*·\uf0b7\uf0a7"
BULLET_RE = re.compile(rf"^\s*(?:[{re.escape(BULLETS)}]|\d+[.)]|[a-z][.)])\s+")
# Hyphen at a line end that belongs to the text ("beleids- en/of"): keep it
KEEP_HYPHEN_BEFORE = {"en", "of", "tot", "noch", "en/of"}

# The usual headings of Dutch vacancy texts (lower case, no punctuation).
KNOWN_HEADINGS = (
    "wie zijn wij",
    "wie wij zijn",
    "over ons",
    "over de organisatie",
    "de organisatie",
    "organisatie",
    "wat ga je doen",
    "wat ga jij doen",
    "wat je gaat doen",
    "jouw taken",
    "taken",
    "de functie",
    "functieomschrijving",
    "jouw rol",
    "de rol",
    "wie ben jij",
    "wie ben je",
    "wie zoeken wij",
    "wie zoeken we",
    "wat vragen wij",
    "wat vragen we",
    "wat wij vragen",
    "functie-eisen",
    "functie eisen",
    "jouw profiel",
    "profiel",
    "competenties",
    "wat bieden wij",
    "wat bieden we",
    "wat wij bieden",
    "arbeidsvoorwaarden",
    "ons aanbod",
    "solliciteren",
    "sollicitatie",
    "interesse",
    "meer informatie",
    "informatie en sollicitatie",
    "procedure",
    "de procedure",
    "contact",
)


# the tab and every space separator (Unicode category Zs: NBSP, thin space, …);
# tests/test_extract.py checks the list against unicodedata
SPACE_SEPARATORS = "\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
SPACES = re.compile(f"[\t{SPACE_SEPARATORS}]")


def clean(text: str) -> str:
    """Ligatures to letters, soft hyphens out, NBSP and other spaces to one space."""
    for lig, rep in LIGATURES.items():
        text = text.replace(lig, rep)
    text = text.replace("\u00ad", "").replace("\u200b", "")
    text = unicodedata.normalize("NFC", text)
    text = SPACES.sub(" ", text)
    return re.sub(r" {2,}", " ", text).strip()


def heading_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", text.lower()).split())


def is_known_heading(text: str) -> bool:
    key = heading_key(text)
    if not key or len(key.split()) > 8:
        return False
    return any(key == h or key.startswith(h + " ") for h in KNOWN_HEADINGS)


def looks_like_heading(text: str, emphasised: bool) -> bool:
    """A short line that is emphasised (bold, heading style) or a known heading."""
    t = text.strip()
    if not t or len(t) > 80 or len(t.split()) > 10 or t[-1] in ".,;":
        return False
    if BULLET_RE.match(t):
        return False
    return is_known_heading(t) or (emphasised and t[0].isupper())


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines, repairing words hyphenated at a line end ("samen-\\nwerken")."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
            continue
        m = re.search(r"(\w)-$", out)
        nxt = line.split(" ", 1)[0] if line else ""
        if m and nxt[:1].islower() and nxt.strip(",.;:") not in KEEP_HYPHEN_BEFORE:
            out = out[:-1] + line
        else:
            out = f"{out} {line}"
    return out


@dataclass
class Line:
    text: str
    emphasised: bool = False  # bold or larger than body text
    new_paragraph: bool = False  # a blank line or a wide gap before it


def _repeat_key(text: str) -> str:
    return re.sub(r"\d+", "#", heading_key(text))


def drop_repeated(pages: list[list[Line]], edge: int = 2) -> list[list[Line]]:
    """Drop lines among the first/last ``edge`` of each page that repeat on most pages."""
    if len(pages) < 2:
        return pages
    counts: Counter[str] = Counter()
    for lines in pages:
        keys = {_repeat_key(ln.text) for ln in lines[:edge] + lines[-edge:] if ln.text.strip()}
        counts.update(keys)
    threshold = max(2, (len(pages) + 1) // 2 + (1 if len(pages) > 2 else 0))
    threshold = min(threshold, len(pages))
    repeated = {k for k, n in counts.items() if n >= threshold and k}
    if not repeated:
        return pages
    out = []
    for lines in pages:
        keep = []
        for i, ln in enumerate(lines):
            at_edge = i < edge or i >= len(lines) - edge
            if at_edge and _repeat_key(ln.text) in repeated:
                continue
            keep.append(ln)
        out.append(keep)
    return out


def check_pages(pages: int, max_pages: int) -> None:
    """Refuse a document longer than the page limit (0: no limit)."""
    if max_pages and pages > max_pages:
        raise ExtractionError(
            f"{pages} pages, more than the limit of {max_pages}; "
            "raise it with --max-pages to read this file"
        )


def blocks_from_lines(pages: list[list[Line]]) -> list[Block]:
    """Group each page's lines into headings, list items and paragraphs."""
    pages = drop_repeated(pages)
    blocks: list[Block] = []
    section: str | None = None
    for number, lines in enumerate(pages, start=1):
        current: list[str] = []

        def flush() -> None:
            if current:
                text = clean(join_lines(current))
                if text:
                    blocks.append(Block(number, section, text))
                current.clear()

        for ln in lines:
            text = clean(ln.text)
            if not text:
                flush()
                continue
            if looks_like_heading(text, ln.emphasised) and (
                ln.new_paragraph or not current or ln.emphasised
            ):
                flush()
                section = text.rstrip(":").strip()
                blocks.append(Block(number, section, section, heading=True))
                continue
            if ln.new_paragraph or BULLET_RE.match(text):
                flush()
            current.append(BULLET_RE.sub("", text) if BULLET_RE.match(text) else text)
        flush()
    return blocks
