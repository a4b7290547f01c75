"""A vacancy in each format, end to end: PDF (with OCR), DOCX, TXT, HTML, ODT, DOC and
RTF give their scored competences; OCR text is marked in the run, the evidence and
the report. The readers of each format have their own tests beside this file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan.cli import cli
from tests.conftest import make_docx, make_odt, make_scan
from tests.extract.conftest import PAGE, RTF, VACANCY, leftovers, soffice_convert

# ------------------------------------------------------------------------ OCR


# ----------------------------------------------------------------------- HTML


# ------------------------------------------------------------------------ ODT


# ------------------------------------------------------------------ DOC, RTF


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
    confidence = every_format["documents"]["scan.pdf"]["ocr"]["1"]
    for language, mark in (("en", "sure"), ("nl", "zeker")):
        r = CliRunner().invoke(cli, ["report", str(out), "--lang", language])
        assert r.exit_code == 0, r.output
        html = (out / "report.html").read_text(encoding="utf-8")
        assert f"(OCR, {confidence:.0f}% {mark})" in html
