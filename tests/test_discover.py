from pathlib import Path

import pytest

from leaderscan.discover import discover
from leaderscan.errors import ManifestError
from leaderscan.model import SectionCell


def touch(root: Path, *names: str) -> None:
    for n in names:
        p = root / n
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("tekst", encoding="utf-8")


def test_discover_layout_gives_organisation_and_cell(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "Talis/wijk/a.pdf",
        "Talis/lijn/b.docx",
        "Bindkracht10/wijk/c.txt",
        "Talis/beleid.pdf",
        "los.txt",
        "README.md",
        "Talis/wijk/notities.xlsx",
        "Talis/wijk/.verborgen.pdf",
        "Talis/wijk/~$a.docx",
    )
    d = discover(tmp_path)
    got = [(s.document, s.organisation, s.cell, s.kind) for s in d.sources]
    assert got == [
        ("Bindkracht10/wijk/c.txt", "Bindkracht10", "wijk", "vacancy"),
        ("Talis/beleid.pdf", "Talis", None, "vacancy"),
        ("Talis/lijn/b.docx", "Talis", "lijn", "vacancy"),
        ("Talis/wijk/a.pdf", "Talis", "wijk", "vacancy"),
        ("los.txt", None, None, "vacancy"),
    ]
    assert d.unsupported == ["Talis/wijk/notities.xlsx"]


def test_discover_manifest_overrides_in_order_with_globs(tmp_path: Path) -> None:
    touch(tmp_path, "Talis/beleid/Gesprekscyclus.docx", "Talis/wijk/a.pdf")
    (tmp_path / "manifest.yaml").write_text(
        "cells: [wijk, lijn]\n"
        "documents:\n"
        "  - match: 'Talis/beleid/*'\n"
        "    kind: policy\n"
        "    cell: null\n"
        "  - match: Talis/beleid/Gesprekscyclus.docx\n"
        "    title: Gesprekscyclus\n"
        "    year: 2019\n"
        "    sections:\n"
        "      - {heading: De rol van de leidinggevende, cell: lijn, page: 5}\n",
        encoding="utf-8",
    )
    d = discover(tmp_path)
    s = d.sources[0]
    assert (s.kind, s.cell, s.title, s.year) == ("policy", None, "Gesprekscyclus", 2019)
    assert s.sections == (SectionCell("De rol van de leidinggevende", "lijn", 5),)
    assert d.sources[1].cell == "wijk" and d.manifest.cells == ("wijk", "lijn")


def test_discover_bad_manifest_reports_file_and_line(tmp_path: Path) -> None:
    touch(tmp_path, "Talis/wijk/a.pdf")
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n  - match: '*'\n    kidn: policy\n  - {cell: wijk}\n", encoding="utf-8"
    )
    with pytest.raises(ManifestError) as info:
        discover(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'manifest.yaml'}:3: unknown key 'kidn'; allowed: cell, kind, match, organisation, sections, title, year",
        f"{tmp_path / 'manifest.yaml'}:4: a document entry needs 'match': a path or glob relative to the corpus folder",
    ]


def test_discover_does_not_follow_links_outside_the_corpus(tmp_path: Path) -> None:
    outside = tmp_path / "buiten.txt"
    outside.write_text("x", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "Talis" / "wijk").mkdir(parents=True)
    (corpus / "Talis" / "wijk" / "link.txt").symlink_to(outside)
    d = discover(corpus)
    assert d.sources == []
    assert d.skipped == [
        ("Talis/wijk/link.txt", "a link to a file outside the corpus folder; not followed")
    ]
