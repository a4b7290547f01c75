"""DOC and RTF through LibreOffice (extract/office.py, extract/external.py): a time
limit, damaged files and a program that runs too long leave nothing behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from leaderscan.errors import ExtractionError, ToolMissing
from leaderscan.extract import extract_bytes, office
from tests.conftest import make_docx
from tests.extract.conftest import RTF, leftovers, texts


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
