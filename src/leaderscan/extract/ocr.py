"""OCR of scanned PDF pages with Tesseract and its Dutch model.

A page is rendered with PDFium at 300 dpi in grey, straightened when it is
skewed by more than a few tenths of a degree (the angle whose rows of ink are
sharpest), and read by the ``tesseract`` command (TSV output: words with their
box and confidence). Its lines become the same ``Line`` objects as a text layer
gives, so headings, lists and page headers are found the same way; a line
clearly taller than the body text counts as emphasised (a heading).

The command is run with one thread per page (``OMP_THREAD_LIMIT=1``: ``--jobs``
already uses every core) and a time limit, and is killed when that is up.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from typing import Any

from ..errors import ExtractionError, ToolMissing
from ..i18n import N_, _
from . import external
from .layout import Line

LANGUAGE = "nld"
DPI = 300
MAX_PIXELS = 60_000_000  # a poster-sized page is rendered at a lower resolution
PAGE_SECONDS = 120  # time limit for one page
MIN_SKEW = 0.3  # degrees; less is left as it is
# what Tesseract makes of a bullet (•) at the start of a list item
BULLET_READINGS = {"e", "©", "®", "«", "»", "°", "¢", "*", "o", "»»"}
MAX_SKEW = 5.0
# for messages: _(INSTALL); install_hint() picks the one that fits
INSTALL = N_(
    "to read it, install Tesseract with its Dutch model: "
    "apt-get install tesseract-ocr tesseract-ocr-nld (Debian, Ubuntu) "
    "or brew install tesseract tesseract-lang (macOS)"
)
INSTALL_MODEL = N_("to read it, install the Dutch model: apt-get install tesseract-ocr-nld")
# why OCR cannot run, by what _probe found
NOT_INSTALLED = N_("Tesseract is not installed")
NOT_STARTED = N_("Tesseract cannot be started ({error})")
NO_MODEL = N_("Tesseract has no Dutch model")


@dataclass(frozen=True)
class OcrPage:
    lines: list[Line]
    confidence: float  # mean word confidence, 0-100 (0: no words)
    skew: float  # degrees the page was turned back


def _command() -> str | None:
    return os.environ.get("LEADERSCAN_TESSERACT") or shutil.which("tesseract")


@functools.lru_cache(maxsize=4)
def _probe(command: str | None) -> tuple[tuple[str, str] | None, str]:
    """(why OCR cannot run: a message of this module and its error, or None; the
    Tesseract version). Translated where it is said: the answer is remembered."""
    if not command:
        return (NOT_INSTALLED, ""), ""
    try:
        version = subprocess.run(
            [command, "--version"], capture_output=True, timeout=30, check=False
        )
        langs = subprocess.run(
            [command, "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return (NOT_STARTED, str(exc)), ""
    first = (version.stdout or version.stderr).decode("utf-8", "replace").strip().splitlines()
    name = first[0].strip() if first else "tesseract"
    listed = langs.stdout.decode("utf-8", "replace").split()
    if LANGUAGE not in listed:
        return (NO_MODEL, ""), name
    return None, name


def unavailable() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    why = _probe(_command())[0]
    return None if why is None else _(why[0]).format(error=why[1])


def install_hint() -> str:
    """How to install what OCR lacks here: the Dutch model, or Tesseract with it."""
    why = _probe(_command())[0]
    return _(INSTALL_MODEL) if why is not None and why[0] == NO_MODEL else _(INSTALL)


def description() -> str:
    """The OCR engine, for the saved run: 'tesseract 5.3.0 (nld, 300 dpi)'."""
    return f"{_probe(_command())[1] or 'tesseract'} ({LANGUAGE}, {DPI} dpi)"


def missing(what: str) -> ToolMissing:
    """The one-line error for a scan that cannot be read here: what, why, how to install."""
    why = unavailable() or _(NOT_INSTALLED)
    return ToolMissing(
        _("{what} ({why}; {install})").format(what=what, why=why, install=install_hint())
    )


def render(page: Any) -> Any:
    """The page as a grey PIL image at DPI (lower for a page larger than MAX_PIXELS)."""
    width, height = page.get_size()
    scale = DPI / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (width * height)) ** 0.5
    return page.render(scale=scale, grayscale=True).to_pil().convert("L")


def skew_angle(image: Any) -> float:
    """The angle (degrees) that makes the rows of text horizontal: the rotation whose
    row profile of ink is sharpest, first in steps of 0.5°, then of 0.1°."""
    import numpy as np
    from PIL import Image

    small = image.copy()
    small.thumbnail((900, 900))
    ink = np.asarray(small) < 160
    if ink.mean() < 0.002:
        return 0.0
    mask = Image.fromarray((ink * 255).astype("uint8"))

    def sharpness(angle: float) -> float:
        turned = np.asarray(mask.rotate(angle, resample=Image.Resampling.BILINEAR), dtype=float)
        rows = turned.sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    steps = [a / 2 for a in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)]
    best = max(steps, key=sharpness)
    fine = [best + a / 10 for a in range(-4, 5)]
    return max(fine, key=sharpness)


def straighten(image: Any) -> tuple[Any, float]:
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW:
        return image, 0.0
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return turned, angle


def _run(image: Any, dpi: int) -> str:
    command = _command()
    if unavailable() or not command:
        raise missing(_("a page needs OCR"))
    buf = io.BytesIO()
    image.save(buf, format="PPM")  # uncompressed: quicker to write and read than PNG
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    args = [command, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(dpi), "--psm", "3", "tsv"]
    try:
        done = external.run(args, PAGE_SECONDS, data=buf.getvalue(), env=env)
    except external.TimedOut:
        raise ExtractionError(
            _("OCR of a page took longer than {seconds} s").format(seconds=PAGE_SECONDS)
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionError(
            _("OCR failed ({error})").format(error=detail[-1] if detail else done.returncode)
        )
    out = done.stdout
    return out.decode("utf-8", "replace")


def lines_from_tsv(tsv: str) -> tuple[list[Line], float]:
    """Tesseract's TSV as lines (a new paragraph where Tesseract starts one or where
    the gap above a line is wider than 0.6 of a line) and the mean word confidence."""
    words: dict[tuple[int, int, int], list[tuple[str, float, int, int]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        key = (int(cells[2]), int(cells[3]), int(cells[4]))  # block, paragraph, line
        top, height, conf = int(cells[7]), int(cells[9]), float(cells[10])
        words.setdefault(key, []).append((cells[11], conf, top, height))
    found = []
    for (block, par, _line), ws in words.items():
        top = min(w[2] for w in ws)
        bottom = max(w[2] + w[3] for w in ws)
        texts = [w[0] for w in ws]
        if len(texts) > 1 and texts[0] in BULLET_READINGS:
            texts[0] = "•"
        found.append(((block, par), " ".join(texts), top, bottom))
    confidences = [w[1] for ws in words.values() for w in ws if w[1] >= 0]
    if not found:
        return [], 0.0
    line_height: float = statistics.median(b - t for _, _, t, b in found) or 1
    lines: list[Line] = []
    previous: tuple[tuple[int, int], int] | None = None
    for paragraph, text, top, bottom in found:
        gap = None if previous is None else top - previous[1]
        new = (
            previous is None
            or paragraph != previous[0]
            or (gap is not None and gap > 0.6 * line_height)
        )
        lines.append(
            Line(text=text, emphasised=(bottom - top) > 1.15 * line_height, new_paragraph=new)
        )
        previous = (paragraph, bottom)
    return lines, statistics.fmean(confidences) if confidences else 0.0


def blank(image: Any) -> bool:
    """Whether a page has (next to) no ink: nothing for Tesseract to read."""
    import numpy as np

    small = image.copy()
    small.thumbnail((600, 600))
    return float((np.asarray(small) < 160).mean()) < 0.0005


def read_page(page: Any) -> OcrPage:
    """OCR one PDFium page."""
    image = render(page)
    if blank(image):
        return OcrPage([], 0.0, 0.0)
    dpi = round(image.width / page.get_size()[0] * 72)
    image, angle = straighten(image)
    lines, confidence = lines_from_tsv(_run(image, dpi))
    return OcrPage(lines, round(confidence, 1), round(angle, 1))
