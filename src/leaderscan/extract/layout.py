"""What every reader shares: clean text, find headings, join lines into blocks.

PDF and TXT arrive as lines per page; ``blocks_from_lines`` drops page headers
and footers that repeat on every page, repairs words hyphenated across line
ends and groups lines into paragraphs, list items and headings.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ExtractionError
from ..i18n import _
from ..model import Block
from ..sections import (
    QUESTION_WORDS,
    ends_with_heading,
    heading_key,
    is_heading_text,
    names_a_part,
    numbered_heading,
    starts_with_heading,
)

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# the private-use glyphs Word and LibreOffice write for Symbol/Wingdings bullets, as the
# bullets they show: clean() replaces them, so that none reaches evidence, report or xlsx
PRIVATE_BULLETS = {
    "\uf0b7": "•",  # Symbol
    "\uf0a7": "▪",  # Wingdings
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
}
BULLET_SIGNS = "•◦▪▫●○■□‣⁃·❖➢✓"
BULLETS = BULLET_SIGNS + "–-*" + "".join(PRIVATE_BULLETS)
# a list item: a bullet, or a number or letter of one or two characters ("2024) ..." is
# no list item)
BULLET_RE = re.compile(rf"^\s*(?:[{re.escape(BULLETS)}]|\d{{1,2}}[.)]|[a-z][.)])\s+")
NUMBERED_RE = re.compile(r"^\s*\d{1,2}[.)]\s+")
# an item of a list under a numbered title: a bullet sign, not another number
SUB_ITEM_RE = re.compile(rf"^\s*[{re.escape(BULLETS)}]\s+")
# Hyphen at a line end that belongs to the text ("beleids- en/of"): keep it
KEEP_HYPHEN_BEFORE = {"en", "of", "tot", "noch", "en/of"}

# the tab and every space separator (Unicode category Zs: NBSP, thin space, …);
# tests/test_extract.py checks the list against unicodedata
SPACE_SEPARATORS = "\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
SPACES = re.compile(f"[\t{SPACE_SEPARATORS}]")


_SPECIAL_GLYPHS = re.compile(f"[{''.join(LIGATURES)}{''.join(PRIVATE_BULLETS)}]")
_GLUED_BULLET = re.compile(rf"^(\s*[{BULLET_SIGNS}])(?=\w)")
_RUN_OF_SPACES = re.compile(r" {2,}")


def clean(text: str) -> str:
    """Ligatures to letters, private-use bullet glyphs to bullets, soft hyphens out,
    NBSP and other spaces to one space."""
    if not text.isascii():  # a line of ASCII has none of these but the tab
        if _SPECIAL_GLYPHS.search(text):
            for lig, rep in LIGATURES.items():
                text = text.replace(lig, rep)
            for glyph, bullet in PRIVATE_BULLETS.items():
                text = text.replace(glyph, bullet)
        # a bullet glued to its text ("•Je bent") is a bullet too
        text = _GLUED_BULLET.sub(r"\1 ", text)
        text = text.replace("\u00ad", "").replace("\u200b", "")
        text = unicodedata.normalize("NFC", text)
        text = SPACES.sub(" ", text)
    elif "\t" in text:
        text = text.replace("\t", " ")
    if "  " in text:
        text = _RUN_OF_SPACES.sub(" ", text)
    return text.strip()


# words that address the candidate: a line with one is text, not a heading of its own
_ADDRESS = frozenset({"je", "jij", "jou", "jouw", "u", "uw", "jezelf"})


def looks_like_heading(
    text: str, emphasised: bool, before_sub_items: bool = False, in_sequence: bool = False
) -> bool:
    """A short line that is a known heading (sections.py), is emphasised (bold,
    heading style), or looks like a heading in plain text: it is written in capitals
    ("WAT JE DOET"), or it ends in ':' or '?' and does not address the candidate ("Je bent
    verantwoordelijk voor:" and "Ben jij de verbinder die we zoeken?" are text). A numbered line is a
    heading when sections.numbered_heading says so ("1. Wat gaat u doen?"; "1.
    Strategie en beleid" over items of its own, ``before_sub_items``; "2. De positie"
    after "1. De opdrachtgever", ``in_sequence``)."""
    t = text.strip()
    if not t or len(t) > 100 or len(t.split()) > 12 or t[-1] in ".,;!":
        return False
    if NUMBERED_RE.match(t):
        return numbered_heading(t, before_sub_items, in_sequence)
    if BULLET_RE.match(t) or not (t[0].isupper() or t[0].isdigit()):
        return False
    if is_heading_text(t) or (t[-1] not in ":?" and names_a_part(t)):
        return True
    words = heading_key(t).split()
    if emphasised:
        return len(t) <= 80 and len(t.split()) <= 10
    if t[-1] == "?":  # "Wat zijn uw taken?" is a heading, "Ben jij een verbinder?" is not
        return len(words) <= 12 and words[0] in QUESTION_WORDS
    if len(words) > 8:
        return False
    letters = [c for c in t if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True  # a line in capitals is a heading, also one that addresses ("WAT JE DOET")
    return t[-1] == ":" and _ADDRESS.isdisjoint(words)


def split_glued(text: str) -> list[tuple[str, bool]]:
    """A line as pieces (text, is_heading): a known heading glued to its first sentence
    ("Wat ga je doen? Je bent ...") or to the end of a sentence ("... te stimuleren Wat
    verwachten we van je?") comes apart; any other line is one piece."""
    head = None if BULLET_RE.match(text) else starts_with_heading(text)
    if head is not None:
        return [(head[0], True), *split_glued(head[1])]
    tail = ends_with_heading(text)
    if tail is not None:
        return [(tail[0], False), (tail[1], True)]
    return [(text, False)]


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


# Two columns on a page: the white band between them is at least one em wide (the body
# text size) and runs through at least this many lines and this share of the page's lines
GUTTER_EMS = 1.0
MIN_COLUMN_LINES = 3
MIN_COLUMN_SHARE = 1 / 3

Glyphs = Sequence[tuple[float, float]]  # the x0, x1 of each visible character of a line


def _runs(glyphs: Glyphs, gap: float) -> list[tuple[float, float]]:
    """The characters of a line merged into runs: those less than ``gap`` apart are one."""
    runs: list[tuple[float, float]] = []
    for x0, x1 in sorted(glyphs):
        if runs and x0 - runs[-1][1] < gap:
            runs[-1] = (runs[-1][0], max(runs[-1][1], x1))
        else:
            runs.append((x0, x1))
    return runs


def find_gutter(lines: Sequence[Glyphs], size: float) -> tuple[float, float] | None:
    """The white band between two columns of text on a page, as (x0, x1), or None.

    A band at least GUTTER_EMS wide that no line crosses but those across both columns
    (a heading, a footer: at most two thirds of the lines), with running text on both
    sides: at least MIN_COLUMN_LINES lines on each, of three words or more (the median
    line), each column at least a quarter of the text width, a third of the left one's
    lines reaching the band. The lines of the two columns need not share baselines. Tab-aligned labels
    and values ("Uren: 36") and a single column of justified text have no such band.
    """
    em = max(size, 1.0)
    blocks = [_runs(g, em * GUTTER_EMS) for g in lines]
    used = [b for b in blocks if b]
    if len(used) < MIN_COLUMN_LINES:
        return None
    left_edge = min(b[0][0] for b in used)
    right_edge = max(b[-1][1] for b in used)
    width = right_edge - left_edge
    # how many lines cover each point (1 pt apart) of the text width
    start = math.floor(left_edge)
    cover = [0] * (math.ceil(right_edge) - start + 1)
    for runs in used:
        for x0, x1 in runs:
            for x in range(math.ceil(x0) - start, math.floor(x1) - start + 1):
                cover[x] += 1
    allowed = len(used) * (1 - MIN_COLUMN_SHARE)
    best: tuple[float, float] | None = None
    x = 0
    while x < len(cover):
        if cover[x] > allowed:
            x += 1
            continue
        end = x
        while end + 1 < len(cover) and cover[end + 1] <= allowed:
            end += 1
        # the band: where the fewest lines cross, in this stretch
        least = min(cover[x : end + 1])
        i = x
        while i <= end:
            if cover[i] != least:
                i += 1
                continue
            j = i
            while j + 1 <= end and cover[j + 1] == least:
                j += 1
            # the band exactly: from the last text before its middle to the first after it
            middle = start + (i + j) / 2
            band = (
                max([b for runs in used for _, b in runs if b <= middle], default=left_edge),
                min([a for runs in used for a, _ in runs if a >= middle], default=right_edge),
            )
            if _two_columns(lines, band, em, left_edge, width) and (
                best is None or band[1] - band[0] > best[1] - best[0]
            ):
                best = band
            i = j + 1
        x = end + 1
    return best


def _two_columns(
    lines: Sequence[Glyphs], band: tuple[float, float], em: float, left_edge: float, width: float
) -> bool:
    """Whether ``band`` runs between two columns of text (find_gutter)."""
    if band[1] - band[0] < em * GUTTER_EMS:
        return False
    if band[0] - left_edge < width / 4 or left_edge + width - band[1] < width / 4:
        return False
    left: list[list[tuple[float, float]]] = []
    right: list[list[tuple[float, float]]] = []
    for glyphs in lines:
        if any(x0 < band[1] and x1 > band[0] for x0, x1 in glyphs):
            continue  # across both columns
        words = _runs(glyphs, em * 0.15)  # a space is wider than 0.15 em
        if on_left := [w for w in words if w[1] <= band[0]]:
            left.append(on_left)
        if on_right := [w for w in words if w[0] >= band[1]]:
            right.append(on_right)
    if len(left) < MIN_COLUMN_LINES or len(right) < MIN_COLUMN_LINES:
        return False
    # wrapped lines of running text reach the band: a third of them or more end in the
    # last fifth of the left column (of labels only the longest one does)
    reach = left_edge + 0.8 * (band[0] - left_edge)
    filled = sum(w[-1][1] >= reach for w in left) >= len(left) / 3
    median = statistics.median
    return filled and median(len(w) for w in left) >= 3 and median(len(w) for w in right) >= 3


def column_order(lines: Sequence[Glyphs], band: tuple[float, float]) -> list[tuple[int, str]]:
    """The lines of a two-column page as (line index, part) in reading order, part
    "all", "left" or "right": a line that crosses the band (a heading above the
    columns, a footer) is read whole; between two such lines, the left column is read
    top to bottom, then the right one."""
    out: list[tuple[int, str]] = []
    left: list[tuple[int, str]] = []
    right: list[tuple[int, str]] = []
    for i, glyphs in enumerate(lines):
        if any(x0 < band[1] and x1 > band[0] for x0, x1 in glyphs):
            out += left + right + [(i, "all")]
            left, right = [], []
            continue
        if any(x1 <= band[0] for _, x1 in glyphs):
            left.append((i, "left"))
        if any(x0 >= band[1] for x0, _ in glyphs):
            right.append((i, "right"))
    return out + left + right


def on_side(x0: float, x1: float, band: tuple[float, float], part: str) -> bool:
    """Whether a character at x0..x1 belongs to ``part`` of a line split at ``band``."""
    middle = (x0 + x1) / 2
    return part == "all" or (middle < band[0] if part == "left" else middle > band[1])


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


# a zip package (DOCX, ODT) that unpacks to more is refused as a possible zip bomb
MAX_UNCOMPRESSED = 200 * 1024 * 1024


def check_unpacked_size(zf: zipfile.ZipFile, kind: str) -> None:
    """Refuse a package whose files add up to more than MAX_UNCOMPRESSED."""
    if sum(i.file_size for i in zf.infolist()) > MAX_UNCOMPRESSED:
        raise ExtractionError(
            _("the {kind} unpacks to more than {most} MB; refused as a possible zip bomb").format(
                kind=kind, most=MAX_UNCOMPRESSED // (1024 * 1024)
            )
        )


def check_pages(pages: int, max_pages: int) -> None:
    """Refuse a document longer than the page limit (0: no limit)."""
    if max_pages and pages > max_pages:
        raise ExtractionError(
            _(
                "{pages} pages, more than the limit of {most}; raise it with --max-pages to "
                "read this file"
            ).format(pages=pages, most=max_pages)
        )


def blocks_from_lines(pages: list[list[Line]]) -> list[Block]:
    """Group each page's lines into headings, list items and paragraphs."""
    pages = drop_repeated(pages)
    blocks: list[Block] = []
    section: str | None = None
    parent: str | None = None  # the heading above a numbered title of unknown kind
    heading_number = 0  # the number of the last numbered heading
    parts = False  # whether the numbered headings are parts of the section above
    for number, lines in enumerate(pages, start=1):
        current: list[str] = []

        def flush() -> None:
            if current:
                text = clean(join_lines(current))
                if text:
                    blocks.append(Block(number, section, text))
                current.clear()

        for i, ln in enumerate(lines):
            text = clean(ln.text)
            if not text:
                flush()
                continue
            sub_items = i + 1 < len(lines) and bool(SUB_ITEM_RE.match(lines[i + 1].text))
            numbered = NUMBERED_RE.match(text)
            in_sequence = (
                bool(numbered)
                and heading_number > 0
                and int(text.strip()[:2].rstrip(".)")) == heading_number + 1
            )
            pieces = split_glued(text)
            for k, (piece, glued_heading) in enumerate(pieces):
                new_paragraph = ln.new_paragraph or k > 0
                # plain text has headings without a blank line before them
                if glued_heading or looks_like_heading(
                    piece, ln.emphasised, sub_items, in_sequence and k == 0
                ):
                    flush()
                    title = piece.rstrip(":").strip()
                    if k == 0 and numbered:
                        heading_number = int(text.strip()[:2].rstrip(".)"))
                    part = False
                    if numbered and k == 0 and not numbered_heading(piece, False):
                        part = parts if in_sequence else True
                        parts = part
                    elif numbered and k == 0:
                        parts = False
                    if part and parent:
                        # "1. Strategie en beleid" over its own items under
                        # "RESULTAATGEBIEDEN": a part of that section, of its kind
                        section = f"{parent} – {title}"
                    else:
                        section = parent = title
                    blocks.append(Block(number, section, title, heading=True))
                    continue
                if numbered and k == 0:  # a numbered list item: no sequence of headings
                    heading_number = 0
                if new_paragraph or BULLET_RE.match(piece):
                    flush()
                current.append(BULLET_RE.sub("", piece) if BULLET_RE.match(piece) else piece)
        flush()
    return blocks
