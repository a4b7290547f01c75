"""ODT (extract/odt.py): headings, lists, tables and page breaks; bad files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from leaderscan.errors import ExtractionError
from leaderscan.extract import extract, extract_bytes, layout
from tests.conftest import make_odt


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
