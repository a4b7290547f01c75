"""Factories for small real PDF, DOCX and TXT files, and shared fixtures."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.text import WD_BREAK
from fpdf import FPDF

from leaderscan.cli.language import use_language
from leaderscan.lemmatise import Pipeline, load_pipeline
from leaderscan.lexicon import DEFAULT_LEXICON, Lexicon, load_lexicon, parse_lexicon
from leaderscan.results import Run
from leaderscan.runfile import run_to_dict
from leaderscan.scan import measure

# The tests read English messages and outputs unless they choose Dutch (``--lang nl``,
# ``use_language("nl")``); chosen before the commands are defined, for their --help.
use_language("en")

# A page is a list of (kind, text): kind "h" heading (bold), "p" paragraph, "b" bullet.
PageSpec = Sequence[tuple[str, str]]


def make_pdf(
    path: Path,
    pages: Sequence[PageSpec],
    header: str | None = None,
    footer: bool = False,
    password: str | None = None,
) -> Path:
    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            if footer:
                self.set_y(-15)
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, f"Pagina {self.page_no()}")

    pdf = Doc()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(datetime(2021, 1, 1, tzinfo=UTC))
    if password:
        pdf.set_encryption(owner_password="eigenaar", user_password=password)
    for page in pages:
        pdf.add_page()
        for kind, text in page:
            if kind == "h":
                pdf.set_font("Helvetica", "B", 13)
                pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            else:
                pdf.set_font("Helvetica", "", 11)
                pdf.multi_cell(
                    0, 6, ("• " if kind == "b" else "") + text, new_x="LMARGIN", new_y="NEXT"
                )
                pdf.ln(0 if kind == "b" else 3)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def make_docx(path: Path, items: Sequence[tuple[str, object]]) -> Path:
    """items: ("h", text) heading, ("p", text), ("b", text) list item,
    ("break", None) explicit page break, ("rendered", None) a rendered page break,
    ("table", [[cell, ...], ...])."""
    d = docx.Document()
    for kind, value in items:
        if kind == "h":
            d.add_heading(str(value), level=2)
        elif kind == "p":
            d.add_paragraph(str(value))
        elif kind == "b":
            d.add_paragraph(str(value), style="List Bullet")
        elif kind == "break":
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "rendered":
            p = d.add_paragraph()
            r = p.add_run()
            r._r.append(r._r.makeelement(docx.oxml.ns.qn("w:lastRenderedPageBreak"), {}))
        elif kind == "table":
            rows = value  # type: ignore[assignment]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[arg-type]
            for i, row in enumerate(rows):  # type: ignore[arg-type]
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def make_scan(
    path: Path,
    pages: Sequence[PageSpec] | Path,
    dpi: int = 200,
    angle: float = 0.0,
    noise: float = 0.0,
    seed: int = 1,
    crop: bool = True,
) -> Path:
    """A PDF of page images (no text layer), like a scanner makes: the pages of
    ``pages`` (specs for make_pdf, or a PDF) rendered at ``dpi``, turned by ``angle``
    degrees, with grey noise of standard deviation ``noise`` and saved as JPEG.
    ``crop``: only the part of the page with text (quicker to read)."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageOps

    source = pages if isinstance(pages, Path) else make_pdf(path.with_suffix(".src.pdf"), pages)
    doc = pdfium.PdfDocument(source)
    rng = np.random.default_rng(seed)
    images = []
    for i in range(len(doc)):
        image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        box = ImageOps.invert(image).getbbox()
        if crop and box:
            m = dpi // 4
            w, h = image.size
            image = image.crop(
                (max(0, box[0] - m), max(0, box[1] - m), min(w, box[2] + m), min(h, box[3] + m))
            )
        if angle:
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        if noise:
            a = np.asarray(image, dtype=float) + rng.normal(0, noise, (image.height, image.width))
            image = Image.fromarray(np.clip(a, 0, 255).astype("uint8"))
        images.append(image)
    doc.close()
    if not isinstance(pages, Path):
        source.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:], quality=85)
    return path


def make_odt(path: Path, items: Sequence[tuple[str, object]]) -> Path:
    """items as for make_docx (without "rendered"): ("h", text), ("p", text), ("b", text),
    ("bold", text) a paragraph in bold, ("break", None), ("table", rows)."""
    from odfdo import Document, Header, List, Paragraph, Span, Style, Table

    doc = Document("text")
    doc.insert_style(
        Style("paragraph", name="Break", parent_style="Standard", break_before="page"),
        automatic=True,
    )
    doc.insert_style(Style("text", name="Bold", bold=True), automatic=True)
    body = doc.body
    page_break = False
    for kind, value in items:
        style = "Break" if page_break else None
        page_break = False
        if kind == "h":
            body.append(Header(2, str(value), style=style))
        elif kind == "p":
            body.append(Paragraph(str(value), style=style))
        elif kind == "bold":
            p = Paragraph("", style=style)
            p.append(Span(str(value), style="Bold"))
            body.append(p)
        elif kind == "b":
            body.append(List([str(value)]))
        elif kind == "break":
            page_break = True
        elif kind == "table":
            rows = value  # type: ignore[assignment]
            t = Table("T", width=len(rows[0]), height=len(rows))  # type: ignore[arg-type]
            for i, row in enumerate(rows):  # type: ignore[arg-type]
                for j, cell in enumerate(row):
                    t.set_value((j, i), cell)
            body.append(t)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def make_txt(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


LEXICON = """\
name: test lexicon
orientations:
  - Strateeg
  - Verkenner
  - Ontwikkelaar
  - Procesmanager
  - {name: Overig, label: Overige competenties, scored: false}
unscored_sections: [Wie zijn wij, Wat bieden wij, Solliciteren]
competences:
  - {id: verbanden, label: Verbanden leggen, orientation: Strateeg, patterns: ["verbanden leggen"]}
  - {id: koers, label: Koers uitzetten, orientation: Strateeg, patterns: ["koers zetten uit"]}
  - {id: besluitvaardig, label: Besluitvaardig, orientation: Strateeg, patterns: [besluitvaardig]}
  - {id: verbindend, label: Verbindend, orientation: Verkenner, patterns: [{exact: verbindend}]}
  - {id: verbinden, label: Verbinden, orientation: Verkenner, patterns: [verbinden]}
  - {id: communicatief, label: Communicatief, orientation: Verkenner, patterns: [communicatief]}
  - id: sociaal
    label: Sociaal
    orientation: Verkenner
    patterns: [sociaal]
    exclude: ["sociaal werker", "sociaal huurwoning"]
  - {id: samenwerken, label: Samenwerken, orientation: Ontwikkelaar, patterns: ["samenwerk*", "samen werken"]}
  - {id: coachen, label: Coachen, orientation: Ontwikkelaar, patterns: ["coachen|coachend|coacht"], labels: {Talis: Coachen, Bindkracht10: Coachend}}
  - {id: overtuigend-besluitvaardig, label: Overtuigend en besluitvaardig, orientation: Procesmanager, patterns: ["overtuigend besluitvaardig"]}
  - {id: resultaatgericht, label: Resultaatgericht, orientation: Procesmanager, patterns: ["resultaatgericht|resultaatgerichtheid"]}
  - {id: integer, label: Integer, orientation: Overig, patterns: [integer|integriteit]}
"""


def set_patterns(text: str, competence_id: str, patterns: Sequence[str]) -> str:
    """The lexicon text with one competence's patterns replaced, however they are
    written (a flow list on one line or a block list)."""
    lines = text.split("\n")
    start = lines.index(f"  - id: {competence_id}")
    at = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("    patterns:"))
    end = at + 1
    while end < len(lines) and (lines[end].startswith("      ") or not lines[end].strip()):
        end += 1
    flow = ", ".join(json.dumps(p, ensure_ascii=False) for p in patterns)
    return "\n".join([*lines[:at], f"    patterns: [{flow}]", *lines[end:]])


def patterns_of(text: str, competence_id: str) -> list[str]:
    """The plain-string patterns of a competence in the lexicon text."""
    data = yaml.safe_load(text)
    comp = next(c for c in data["competences"] if c["id"] == competence_id)
    return [p for p in comp["patterns"] if isinstance(p, str)]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline("simplemma")


ROOT = Path(__file__).resolve().parent.parent

# A trained Dutch pipeline of the kind nl_core_news_sm is, beside the repository (never
# in it). Tests marked with the fixture ``any_pipeline`` run under it and the offline one;
# in CI (CI=true) its absence fails them instead of skipping.
TRAINED_STAND_IN = ROOT.parent / "shared" / "models" / "nl_ud_proxy"
PIPELINES = ["simplemma", "trained"]


def pipeline_named(name: str) -> Pipeline:
    if name == "simplemma":
        return load_pipeline("simplemma")
    if not TRAINED_STAND_IN.is_dir():
        message = f"the trained stand-in pipeline is not at {TRAINED_STAND_IN}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must have ../shared)")
        pytest.skip(message)
    return load_pipeline(str(TRAINED_STAND_IN))


@pytest.fixture(scope="session", params=PIPELINES)
def any_pipeline(request: pytest.FixtureRequest) -> Pipeline:
    """The offline pipeline, then the trained stand-in."""
    return pipeline_named(request.param)


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """The tests' runs keep their cache in a folder of their own, never the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("LEADERSCAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # the CSV delimiter follows the locale (';' in a Dutch one): the tests expect ','
    mp.setenv("LC_ALL", "C.UTF-8")
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English, whatever the test before it chose."""
    use_language("en")
    yield
    use_language("en")


@pytest.fixture(scope="session")
def corpus_run(pipeline: Pipeline) -> Run:
    """The bundled corpus, scanned once with the default lexicon."""
    return measure(ROOT / "corpus", load_lexicon(DEFAULT_LEXICON), pipeline)


@pytest.fixture(scope="session")
def corpus_run_any(any_pipeline: Pipeline, corpus_run: Run) -> Run:
    """The bundled corpus under each pipeline of ``any_pipeline``."""
    if any_pipeline.name == "simplemma":
        return corpus_run
    return measure(ROOT / "corpus", load_lexicon(DEFAULT_LEXICON), any_pipeline)


@pytest.fixture
def lexicon(tmp_path: Path) -> Lexicon:
    path = tmp_path / "competences.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return parse_lexicon(path, LEXICON)


@pytest.fixture
def lexicon_file(tmp_path: Path) -> Path:
    path = tmp_path / "lex" / "competences.yaml"
    path.parent.mkdir()
    path.write_text(LEXICON, encoding="utf-8")
    return path


@pytest.fixture
def factories() -> dict[str, Callable[..., Path]]:
    return {"pdf": make_pdf, "docx": make_docx, "txt": make_txt}


def found(run: Run) -> dict:
    """What a run found, without when it ran."""
    data = json.loads(json.dumps(run_to_dict(run)))
    data.pop("created")
    return data
