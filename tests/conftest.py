"""Factories for small real PDF, DOCX and TXT files, and shared fixtures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from fpdf import FPDF

from leaderscan.lemmatise import Pipeline, load_pipeline
from leaderscan.lexicon import Lexicon, load_lexicon, parse_lexicon
from leaderscan.scan import Run, scan

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


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline("simplemma")


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """The tests' runs keep their cache in a folder of their own, never the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("LEADERSCAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # the CSV delimiter follows the locale (';' in a Dutch one): the tests expect ','
    mp.setenv("LC_ALL", "C.UTF-8")
    yield
    mp.undo()


@pytest.fixture(scope="session")
def corpus_run(pipeline: Pipeline) -> Run:
    """The bundled corpus, scanned once with the default lexicon."""
    return scan(ROOT / "corpus", load_lexicon(ROOT / "competences.yaml"), pipeline)


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
