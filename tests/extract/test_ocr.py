"""OCR (extract/ocr.py): scanned pages read by Tesseract, straightened, with page
numbers and confidence; a missing Tesseract is one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leaderscan.analyse import Reading
from leaderscan.errors import ExtractionError, ToolMissing
from leaderscan.extract import extract, extract_bytes, ocr
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import Lexicon
from leaderscan.scan import Options, measure
from tests.conftest import make_pdf, make_scan
from tests.extract.conftest import VACANCY, texts


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
