"""Scans (OCR), web pages, ODT, DOC and RTF: each gives blocks with pages, headings and
reading order, and the bad-input rules hold.

OCR needs Tesseract with its Dutch model, DOC and RTF need LibreOffice; those tests are
skipped where the program is missing, unless LEADERSCAN_REQUIRE_OCR=1 or
LEADERSCAN_REQUIRE_LIBREOFFICE=1 (CI sets both), when a missing program is a failure.
The fixtures are made here: a scanned-looking PDF rendered from text, an HTML page
with navigation and a script, an ODT made with odfdo, a DOC made by LibreOffice and an
RTF written by hand.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan.analyse import Reading
from leaderscan.cli import cli
from leaderscan.errors import ExtractionError, ToolMissing
from leaderscan.extract import extract, extract_bytes, layout, ocr, office
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import Lexicon
from leaderscan.model import Block
from leaderscan.scan import Options, measure
from tests.conftest import make_docx, make_odt, make_pdf, make_scan

VACANCY = [
    [
        ("h", "Wat ga je doen"),
        ("p", "Je bent communicatief en resultaatgericht in je werk met de wijk."),
        ("h", "Wat bieden wij"),
        ("p", "Een baan van 36 uur in een team dat samenwerkt."),
    ]
]


def _require(ok: bool, env: str, what: str) -> None:
    if ok:
        return
    if os.environ.get(env):
        pytest.fail(f"{what} is required ({env}) but not installed")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def tesseract() -> None:
    _require(ocr.unavailable() is None, "LEADERSCAN_REQUIRE_OCR", "Tesseract with its Dutch model")


@pytest.fixture(scope="session")
def libreoffice() -> None:
    _require(office.command() is not None, "LEADERSCAN_REQUIRE_LIBREOFFICE", "LibreOffice")


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


# ------------------------------------------------------------------------ OCR


def test_skew_angle_finds_how_far_a_page_is_turned(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = make_pdf(tmp_path / "v.pdf", [[("p", "Je bent communicatief en verbindend. " * 12)] * 4])
    image = pdfium.PdfDocument(pdf)[0].render(scale=100 / 72, grayscale=True).to_pil().convert("L")
    turned = image.rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert abs(ocr.skew_angle(turned) + 2.0) <= 0.2
    assert abs(ocr.skew_angle(image)) < ocr.MIN_SKEW
    straight, angle = ocr.straighten(turned)
    assert abs(angle + 2.0) <= 0.2 and straight.size[0] > turned.size[0]


def test_tesseract_tsv_becomes_lines_with_paragraphs_and_confidence() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [  # block, paragraph, line, word, top, height, confidence, text
        (1, 1, 1, 1, 10, 30, 90.0, "Wat"),  # a taller line: a heading
        (1, 1, 1, 2, 10, 30, 92.0, "bieden"),
        (1, 2, 1, 1, 60, 20, 80.0, "Een"),  # a new paragraph
        (1, 2, 2, 1, 82, 20, 70.0, "team."),  # the next line of it
        (2, 1, 1, 1, 150, 20, 60.0, "Nog"),  # a new block
        (3, 1, 1, 1, 200, 20, 80.0, "e"),  # a bullet, as Tesseract reads it
        (3, 1, 1, 2, 200, 20, 80.0, "Verbindend"),
    ]
    tsv = [header, "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t"]
    for block, par, line, word, top, height, conf, text in rows:
        tsv.append(f"5\t1\t{block}\t{par}\t{line}\t{word}\t0\t{top}\t10\t{height}\t{conf}\t{text}")
    lines, confidence = ocr.lines_from_tsv("\n".join(tsv))
    assert [(ln.text, ln.emphasised, ln.new_paragraph) for ln in lines] == [
        ("Wat bieden", True, True),
        ("Een", False, True),
        ("team.", False, False),
        ("Nog", False, True),
        ("• Verbindend", False, True),
    ]
    assert confidence == pytest.approx(78.857, abs=0.001)


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A scanned-looking vacancy (turned 1°, noise), and a PDF whose page 1 has a text
    layer and page 2 is a scan."""
    import pypdfium2 as pdfium

    tmp = tmp_path_factory.mktemp("scans")
    scan_pdf = make_scan(tmp / "scan.pdf", VACANCY, angle=1.0, noise=12)
    text_pdf = make_pdf(tmp / "text.pdf", [[("h", "Wie ben jij"), ("p", "Je bent verbindend.")]])
    mixed = pdfium.PdfDocument.new()
    for part in (text_pdf, scan_pdf):
        mixed.import_pages(pdfium.PdfDocument(part))
    mixed.save(tmp / "mixed.pdf")
    return {"scan": scan_pdf, "mixed": tmp / "mixed.pdf"}


@pytest.fixture(scope="module")
def mixed_read(scans: dict[str, Path], tesseract: None) -> dict[str, object]:
    return {mode: extract(scans["mixed"], ocr=mode) for mode in ("auto", "never")}


def test_ocr_auto_reads_the_scanned_page_only_and_keeps_page_numbers(mixed_read: dict) -> None:
    auto = mixed_read["auto"]
    assert auto.pages == 2
    assert set(auto.ocr) == {2} and auto.ocr[2] > 70
    assert auto.converter.startswith("tesseract ") and "nld" in auto.converter
    by_page = {(b.page, b.section, b.text) for b in auto.blocks}
    assert (1, "Wie ben jij", "Je bent verbindend.") in by_page
    assert (2, "Wat ga je doen", "Wat ga je doen") in by_page  # a heading, found again
    page2 = " ".join(b.text for b in auto.blocks if b.page == 2)
    assert "communicatief en resultaatgericht" in page2
    # never: the text layer only, and no complaint (page 1 has text)
    never = mixed_read["never"]
    assert {b.page for b in never.blocks} == {1} and not never.ocr


def test_ocr_never_and_engines_on_a_scan(scans: dict[str, Path], tesseract: None) -> None:
    with pytest.raises(ExtractionError, match=r"it may be a scan \(--ocr auto reads it"):
        extract(scans["scan"], ocr="never")
    data = scans["scan"].read_bytes()
    plumber = extract_bytes(data, ".pdf", engine="pdfplumber")
    assert set(plumber.ocr) == {1} and "resultaatgericht" in " ".join(texts(plumber.blocks))


def test_a_font_without_unicode_map_is_read_by_ocr(tmp_path: Path, tesseract: None) -> None:
    import matplotlib
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", "", str(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"))
    pdf.set_font("dejavu", size=14)
    pdf.multi_cell(0, 8, "Wie ben jij\n\nJe bent communicatief en verbindend.")
    data = bytes(pdf.output())
    m = re.search(rb"/ToUnicode \d+ 0 R", data)
    assert m
    data = data[: m.start()] + b" " * (m.end() - m.start()) + data[m.end() :]  # offsets kept
    with pytest.raises(ExtractionError) as info:
        extract_bytes(data, ".pdf", ocr="never")
    assert str(info.value) == (
        "the PDF's text cannot be read (a font without a Unicode map); "
        "--ocr auto reads it with Tesseract"
    )
    auto = extract_bytes(data, ".pdf")
    assert set(auto.ocr) == {1}
    assert "Je bent communicatief en verbindend." in texts(auto.blocks)


def test_without_tesseract_a_scan_is_one_line_with_how_to_install(
    scans: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "_command", lambda: None)
    with pytest.raises(ToolMissing) as info:
        extract(scans["scan"])
    assert str(info.value) == (
        "the PDF has no text layer; it may be a scan (Tesseract is not installed; "
        "to read it, install Tesseract with its Dutch model: apt-get install tesseract-ocr "
        "tesseract-ocr-nld (Debian, Ubuntu) or brew install tesseract tesseract-lang (macOS))"
    )
    # a PDF with text on other pages is read, with one warning
    mixed = extract(scans["mixed"])
    assert {b.page for b in mixed.blocks} == {1}
    assert mixed.warnings == [
        f"no readable text on page 2, not read by OCR (Tesseract is not installed; {ocr.INSTALL})"
    ]


def test_ocr_is_cached_and_a_missing_tesseract_is_not(
    scans: dict[str, Path],
    tmp_path: Path,
    pipeline: Pipeline,
    lexicon: Lexicon,
    monkeypatch: pytest.MonkeyPatch,
    tesseract: None,
) -> None:
    from leaderscan.cache import Cache

    corpus = tmp_path / "corpus" / "Talis" / "wijk"
    corpus.mkdir(parents=True)
    (corpus / "scan.pdf").write_bytes(scans["scan"].read_bytes())
    cache = Cache(tmp_path / "cache")
    with monkeypatch.context() as m:
        m.setattr(ocr, "_command", lambda: None)
        first = measure(tmp_path / "corpus", lexicon, pipeline, cache=cache)
    assert "Tesseract is not installed" in str(first.documents[0].error)
    second = measure(tmp_path / "corpus", lexicon, pipeline, cache=cache)  # installed now
    assert second.documents[0].error is None and second.documents[0].ocr
    scored = {h.competence_id for h in second.hits if h.scored}
    assert {"communicatief", "resultaatgericht"} <= scored
    assert all(h.ocr == second.documents[0].ocr[1] for h in second.hits)

    def no_ocr(page: object) -> None:
        raise AssertionError("read by OCR again")

    monkeypatch.setattr(ocr, "read_page", no_ocr)
    third = measure(tmp_path / "corpus", lexicon, pipeline, Options(jobs=1), cache=cache)
    assert [h.as_row() for h in third.hits] == [h.as_row() for h in second.hits]
    # another OCR mode is another reading
    key = Reading(cache=cache).key("x" * 64, pipeline)
    assert key != Reading(cache=cache, ocr="always").key("x" * 64, pipeline)


# ----------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Teamleider wijk | Werken bij Talis</title>
<style>.x { content: "Je bent besluitvaardig"; }</style>
<script>var tekst = "Je bent besluitvaardig en coachend";</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>Wij gebruiken cookies. Je bent coachend als je ze accepteert.</p>
<button>Accepteren</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/vacatures">Vacatures</a></li>
<li><a href="/besluitvaardig">Besluitvaardig leiderschap</a></li></ul></nav></header>
<main><article>
<h1>Teamleider wijk</h1>
<p>Talis zoekt een teamleider voor de wijk Hatert, met 36 uur per week.</p>
<h2>Wat ga je doen</h2>
<p>Je stuurt het team aan en werkt samen met partners in de wijk.</p>
<ul><li>Je bent verbindend.</li><li>Je signaleert ontwikkelingen.</li><li>Je bent communicatief.</li></ul>
<h3>Jouw profiel</h3>
<ol><li>Je hebt een hbo-opleiding.</li><li>Je bent resultaatgericht.</li></ol>
<p><strong>Wat bieden wij</strong></p>
<p>Een salaris van maximaal &euro; 4.500 en een team dat samenwerkt.</p>
<form action="/solliciteer"><label>Motivatie: ik ben coachend</label><input name="m"><button>Verstuur</button></form>
</article></main>
<aside><h3>Andere vacatures</h3><p>Beleidsadviseur: je bent besluitvaardig.</p></aside>
<footer><p>&copy; Talis 2021. Wij zijn coachend en besluitvaardig.</p></footer>
<script>console.log("besluitvaardig")</script>
</body></html>
"""


def test_html_main_text_with_headings_and_lists_in_order() -> None:
    result = extract_bytes(PAGE.encode("utf-8"), ".html")
    assert result.pages == 1
    got = [(b.section, b.text, b.heading) for b in result.blocks]
    assert got == [
        ("Teamleider wijk", "Teamleider wijk", True),
        (
            "Teamleider wijk",
            "Talis zoekt een teamleider voor de wijk Hatert, met 36 uur per week.",
            False,
        ),
        ("Wat ga je doen", "Wat ga je doen", True),
        ("Wat ga je doen", "Je stuurt het team aan en werkt samen met partners in de wijk.", False),
        ("Wat ga je doen", "Je bent verbindend.", False),
        ("Wat ga je doen", "Je signaleert ontwikkelingen.", False),
        ("Wat ga je doen", "Je bent communicatief.", False),
        ("Jouw profiel", "Jouw profiel", True),
        ("Jouw profiel", "Je hebt een hbo-opleiding.", False),
        ("Jouw profiel", "Je bent resultaatgericht.", False),
        ("Wat bieden wij", "Wat bieden wij", True),
        ("Wat bieden wij", "Een salaris van maximaal € 4.500 en een team dat samenwerkt.", False),
    ]
    text = " ".join(b.text for b in result.blocks).lower()
    for left_out in ("besluitvaardig", "coachend", "cookies", "home", "andere vacatures"):
        assert left_out not in text


def test_html_encoding_line_breaks_and_bullets() -> None:
    page = (
        '<html><head><meta charset="windows-1252"></head><body>'
        "<p><b>Wie ben jij</b></p><p>Je bent co\xf6peratief<br>en je werkt graag samen met "
        "anderen in de wijk.</p><p>Wat wij vragen:<br>- een hbo-opleiding<br>- vijf jaar "
        "ervaring</p></body></html>"
    ).encode("cp1252")
    got = [(b.section, b.text, b.heading) for b in extract_bytes(page, ".htm").blocks]
    assert got == [
        ("Wie ben jij", "Wie ben jij", True),
        (
            "Wie ben jij",
            "Je bent coöperatief en je werkt graag samen met anderen in de wijk.",
            False,
        ),
        ("Wat wij vragen", "Wat wij vragen", True),
        ("Wat wij vragen", "een hbo-opleiding", False),
        ("Wat wij vragen", "vijf jaar ervaring", False),
    ]


# ------------------------------------------------------------------------ ODT


def test_odt_headings_lists_tables_and_page_breaks(tmp_path: Path) -> None:
    path = make_odt(
        tmp_path / "v.odt",
        [
            ("h", "Wat ga je doen"),
            ("p", "Je werkt  samen met partners."),
            ("b", "Je bent verbindend."),
            ("b", "Solliciteren"),  # a list item is never a heading
            ("break", None),
            ("bold", "Wie ben jij"),
            ("table", [["Uren", "36 uur"], ["Schaal", "10"]]),
        ],
    )
    result = extract(path)
    assert result.pages == 2
    assert [(b.page, b.section, b.text, b.heading) for b in result.blocks] == [
        (1, "Wat ga je doen", "Wat ga je doen", True),
        (1, "Wat ga je doen", "Je werkt samen met partners.", False),
        (1, "Wat ga je doen", "Je bent verbindend.", False),
        (1, "Wat ga je doen", "Solliciteren", False),
        (2, "Wie ben jij", "Wie ben jij", True),
        (2, "Wie ben jij", "Uren", False),
        (2, "Wie ben jij", "36 uur", False),
        (2, "Wie ben jij", "Schaal", False),
        (2, "Wie ben jij", "10", False),
    ]


def test_odt_soft_page_breaks_notes_and_deletions(tmp_path: Path) -> None:
    content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
<text:p>Je bent besluitvaardig.</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">Wat ga je doen</text:h>
<text:p>Je bent<text:s text:c="2"/>verbindend<text:note><text:note-citation>1</text:note-citation>
<text:note-body><text:p>Een voetnoot.</text:p></text:note-body></text:note>.</text:p>
<text:soft-page-break/>
<text:p>Je bent communicatief.</text:p>
</office:text></office:body></office:document-content>"""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    result = extract_bytes(buf.getvalue(), ".odt")
    assert [(b.page, b.text) for b in result.blocks] == [
        (1, "Wat ga je doen"),
        (1, "Je bent verbindend."),
        (2, "Je bent communicatief."),
    ]


def test_odt_bad_files(monkeypatch: pytest.MonkeyPatch) -> None:
    def package(mimetype: str, extra: dict[str, bytes] | None = None) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("mimetype", mimetype)
            zf.writestr("content.xml", "<x/>")
            for name, data in (extra or {}).items():
                zf.writestr(name, data)
        return buf.getvalue()

    sheet = package("application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(
        ExtractionError, match="not an OpenDocument text but an OpenDocument spreadsheet"
    ):
        extract_bytes(sheet, ".odt")
    locked = package(
        "application/vnd.oasis.opendocument.text",
        {"META-INF/manifest.xml": b"<manifest:encryption-data/>"},
    )
    with pytest.raises(ExtractionError, match="^the ODT is password-protected"):
        extract_bytes(locked, ".odt")
    monkeypatch.setattr(layout, "MAX_UNCOMPRESSED", 10)
    with pytest.raises(ExtractionError, match="zip bomb"):
        extract_bytes(package("application/vnd.oasis.opendocument.text"), ".odt")


# ------------------------------------------------------------------ DOC, RTF

RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}
{\stylesheet{\s0 Normal;}{\s1\b\fs32 heading 1;}}
{\pard\s1\b\fs32 Wat ga je doen\par}
{\pard Je bent verbindend en co\'f6peratief.\par}
\page
{\pard\b Wie ben jij\b0\par}
{\pard Je bent besluitvaardig.\par}
}"""


def soffice_convert(source: Path, to: str) -> Path:
    """``source`` converted by LibreOffice (to make a DOC fixture)."""
    program = office.command()
    assert program
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(source.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return source.with_suffix(f".{to}")


def leftovers() -> list[str]:
    """LibreOffice processes and temporary folders of leaderscan's conversions."""
    found = [p.name for p in Path(tempfile.gettempdir()).glob("leaderscan-office-*")]
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"leaderscan-office-" in cmdline:
            found.append(cmdline.replace(b"\0", b" ").decode("utf-8", "replace"))
    return found


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory: pytest.TempPathFactory, libreoffice: None) -> Path:
    tmp = tmp_path_factory.mktemp("doc")
    source = make_docx(
        tmp / "vacature.docx",
        [
            ("h", "Wat ga je doen"),
            ("p", "Je legt verbanden."),
            ("break", None),
            ("h", "Wie ben jij"),
            ("b", "Je bent verbindend."),
        ],
    )
    return soffice_convert(source, "doc")


def test_libreoffice_time_limit_and_damaged_files_leave_nothing_behind(libreoffice: None) -> None:
    with pytest.raises(
        ExtractionError,
        match=r"^LibreOffice took longer than 0.05 s to convert the RTF; save it as .docx$",
    ):
        office.convert(RTF, ".rtf", seconds=0.05)
    assert leftovers() == []
    damaged = office.OLE + b"\x00" * 600
    with pytest.raises(ExtractionError, match=r"^LibreOffice could not convert the DOC"):
        extract_bytes(damaged, ".doc")
    assert leftovers() == []


def test_without_libreoffice_one_line_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office, "command", lambda: None)
    with pytest.raises(ToolMissing) as info:
        extract_bytes(RTF, ".rtf")
    assert str(info.value) == office.INSTALL
    assert "apt-get install libreoffice-writer-nogui" in office.INSTALL
    # a DOCX saved as .doc needs no LibreOffice
    data = make_docx(
        Path(tempfile.mkdtemp()) / "x.docx", [("p", "Je bent verbindend.")]
    ).read_bytes()
    assert texts(extract_bytes(data, ".doc").blocks) == ["Je bent verbindend."]


# ---------------------------------------------------- a corpus of every type


@pytest.fixture(scope="module")
def every_format(
    tmp_path_factory: pytest.TempPathFactory,
    doc_file: Path,
    tesseract: None,
    libreoffice: None,
) -> dict:
    """A corpus with a vacancy in each new format, run once (2 jobs, a cache of its own)."""
    from tests.conftest import LEXICON

    tmp = tmp_path_factory.mktemp("every")
    (tmp / "competences.yaml").write_text(LEXICON, encoding="utf-8")
    wijk = tmp / "corpus" / "Talis" / "wijk"
    make_scan(wijk / "scan.pdf", VACANCY, angle=-0.8, noise=10)
    (wijk / "pagina.html").write_text(PAGE, encoding="utf-8")
    make_odt(
        wijk / "brief.odt", [("h", "Wie ben jij"), ("p", "Je bent besluitvaardig en je coacht.")]
    )
    (wijk / "oud.doc").write_bytes(doc_file.read_bytes())
    (wijk / "sjabloon.rtf").write_bytes(RTF)
    out = tmp / "out"
    before = leftovers()
    args = ["run", str(tmp / "corpus"), "--lexicon", str(tmp / "competences.yaml")]
    args += ["--out", str(out), "-q", "--jobs", "2", "--cache-dir", str(tmp / "cache")]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    with (out / "evidence.csv").open(encoding="utf-8-sig", newline="") as f:
        evidence = list(csv.DictReader(f))
    data = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {
        "output": r.output,
        "data": data,
        "documents": {d["document"].rsplit("/", 1)[1]: d for d in data["documents"]},
        "evidence": evidence,
        "leftovers": (before, leftovers()),
        "out": out,
    }


def test_a_vacancy_in_each_format_gives_its_scored_competences(every_format: dict) -> None:
    assert "skipped" not in every_format["output"] and "Not analysed" not in every_format["output"]
    scored: dict[str, set[str]] = {}
    for h in every_format["data"]["hits"]:
        if h["scored"]:
            scored.setdefault(h["document"].rsplit("/", 1)[1], set()).add(h["competence_id"])
    assert scored == {
        "scan.pdf": {"communicatief", "resultaatgericht"},
        # not the navigation, script, cookie banner, form, side bar or footer
        "pagina.html": {"samenwerken", "verbindend", "communicatief", "resultaatgericht"},
        "brief.odt": {"besluitvaardig", "coachen"},
        "oud.doc": {"verbanden", "verbindend"},
        "sjabloon.rtf": {"verbindend", "besluitvaardig"},
    }


def test_doc_and_rtf_are_read_through_libreoffice_with_pages_and_headings(
    every_format: dict,
) -> None:
    documents = every_format["documents"]
    assert [tuple(b) for b in documents["oud.doc"]["blocks"]] == [
        (1, "Wat ga je doen", "Wat ga je doen", True),
        (1, "Wat ga je doen", "Je legt verbanden.", False),
        (2, "Wie ben jij", "Wie ben jij", True),
        (2, "Wie ben jij", "Je bent verbindend.", False),
    ]
    assert [tuple(b) for b in documents["sjabloon.rtf"]["blocks"]] == [
        (1, "Wat ga je doen", "Wat ga je doen", True),
        (1, "Wat ga je doen", "Je bent verbindend en coöperatief.", False),
        (2, "Wie ben jij", "Wie ben jij", True),
        (2, "Wie ben jij", "Je bent besluitvaardig.", False),
    ]
    assert documents["oud.doc"]["converter"].startswith("LibreOffice ")
    before, after = every_format["leftovers"]
    assert before == after == []  # no LibreOffice process or folder left behind


def test_ocr_text_is_marked_in_the_run_and_the_evidence(every_format: dict) -> None:
    documents = every_format["documents"]
    scan_doc = documents["scan.pdf"]
    assert set(scan_doc["ocr"]) == {"1"} and scan_doc["ocr"]["1"] > 70
    assert scan_doc["converter"].startswith("tesseract")
    assert "ocr" not in documents["pagina.html"] and "converter" not in documents["pagina.html"]
    hits = [h for h in every_format["data"]["hits"] if h["document"].endswith("scan.pdf")]
    assert hits and all(h["ocr"] == scan_doc["ocr"]["1"] for h in hits)
    rows = every_format["evidence"]
    assert {r["ocr"] for r in rows if r["document"].endswith("scan.pdf")} == {
        str(scan_doc["ocr"]["1"])
    }
    assert {r["ocr"] for r in rows if not r["document"].endswith("scan.pdf")} == {""}


def test_the_report_marks_ocr_text(every_format: dict) -> None:
    out = every_format["out"]
    r = CliRunner().invoke(cli, ["report", str(out)])
    assert r.exit_code == 0, r.output
    html = (out / "report.html").read_text(encoding="utf-8")
    confidence = every_format["documents"]["scan.pdf"]["ocr"]["1"]
    assert f"(OCR, {confidence:.0f}% zeker)" in html


def test_an_external_program_that_runs_too_long_leaves_nothing_behind(tmp_path: Path) -> None:
    import time

    from leaderscan.extract import external

    pid_file = tmp_path / "child"
    with pytest.raises(external.TimedOut):
        external.run(["sh", "-c", f"sleep 30 & echo $! > {pid_file}; wait"], seconds=0.5)
    child = int(pid_file.read_text())
    for _ in range(50):  # the killed child is reaped by init shortly after
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the program's child is still running")
