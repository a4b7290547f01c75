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


def test_symlink_loop_is_skipped_with_a_reason(tmp_path: Path) -> None:
    touch(tmp_path, "Talis/wijk/a.txt")
    wijk = tmp_path / "Talis" / "wijk"
    (wijk / "b.txt").symlink_to(wijk / "c.txt")
    (wijk / "c.txt").symlink_to(wijk / "b.txt")
    d = discover(tmp_path)
    assert [s.document for s in d.sources] == ["Talis/wijk/a.txt"]
    reason = "a link that leads nowhere (a loop, or a missing file); not followed"
    assert d.skipped == [("Talis/wijk/b.txt", reason), ("Talis/wijk/c.txt", reason)]


def test_folder_tree_1100_deep_is_walked(tmp_path: Path) -> None:
    import os

    deep = os.path.join(str(tmp_path), "Talis", "wijk")
    os.makedirs(deep)
    for _ in range(1100):  # os.makedirs itself recurses
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    Path(deep, "diep.txt").write_text("tekst", encoding="utf-8")
    try:
        d = discover(tmp_path)
        assert [s.document.count("/") for s in d.sources] == [1102]
    finally:  # pytest's own clean-up of old temporary folders recurses too
        os.unlink(os.path.join(deep, "diep.txt"))
        while deep != str(tmp_path / "Talis"):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def test_unreadable_folder_is_said_not_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    touch(tmp_path, "Talis/wijk/a.txt", "Talis/lijn/b.txt")
    real = os.scandir

    def scandir(path):  # as chmod 000 does for a user who is not root
        if Path(path).name == "lijn":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    d = discover(tmp_path)
    assert [s.document for s in d.sources] == ["Talis/wijk/a.txt"]
    assert d.skipped == [
        (
            "Talis/lijn/",
            "the folder cannot be read (Permission denied); its files were not analysed: "
            "give read access or move them",
        )
    ]


def test_a_file_swapped_for_a_symlink_during_the_run_is_not_read(
    tmp_path: Path, lexicon, pipeline
) -> None:
    from leaderscan.scan import measure

    corpus = tmp_path / "corpus"
    touch(corpus, "Talis/wijk/a.txt", "Talis/wijk/b.txt")
    secret = tmp_path / "shadow"
    secret.write_text("root:geheim:communicatief", encoding="utf-8")
    d = discover(corpus)
    target = corpus / "Talis" / "wijk" / "b.txt"
    target.unlink()
    target.symlink_to(secret)  # after discovery checked it, before it is read
    run = measure(corpus, lexicon, pipeline, discovery=d)
    assert run.skipped == [
        (
            "Talis/wijk/b.txt",
            "the file was replaced (by another file or a link) while the run was going on; "
            "not read: run again",
        )
    ]
    assert all("geheim" not in b.text for doc in run.documents for b in doc.blocks)


def test_manifest_entries_that_match_no_file_are_said(tmp_path: Path) -> None:
    touch(tmp_path, "Talis/wijk/a.txt")
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n  - match: Talis/wijk/a.txt\n    title: A\n  - match: Talis/wjik/*\n    kind: policy\n",
        encoding="utf-8",
    )
    d = discover(tmp_path)
    assert d.warnings == [
        f"{tmp_path / 'manifest.yaml'}:4: warning: 'match: Talis/wjik/*' matches no file in "
        "the corpus; its metadata is not used"
    ]


@pytest.mark.parametrize(
    "match, message",
    [
        (
            "/home/hr/corpus/Talis/wijk/a.txt",
            "is an absolute path; write it relative to the corpus folder",
        ),
        ("C:\\\\corpus\\\\a.txt", "is an absolute path; write it relative to the corpus folder"),
        ("../elders/a.txt", "points outside the corpus folder; only files in it are read"),
    ],
)
def test_manifest_entries_outside_the_corpus_or_absolute_are_refused(
    tmp_path: Path, match: str, message: str
) -> None:
    touch(tmp_path, "Talis/wijk/a.txt")
    (tmp_path / "manifest.yaml").write_text(
        f'documents:\n  - match: "{match}"\n    title: A\n', encoding="utf-8"
    )
    with pytest.raises(ManifestError) as info:
        discover(tmp_path)
    assert len(info.value.problems) == 1
    assert str(info.value.problems[0]).startswith(f"{tmp_path / 'manifest.yaml'}:2: 'match: ")
    assert message in str(info.value.problems[0])


def test_manifest_yaml_as_a_folder_is_refused(tmp_path: Path) -> None:
    touch(tmp_path, "Talis/wijk/a.txt", "manifest.yaml/Talis/b.txt")
    with pytest.raises(ManifestError) as info:
        discover(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'manifest.yaml'}: is a folder; the manifest must be a YAML file"
    ]


def test_folder_name_case_does_not_split_a_cell(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "Talis/Wijk/a.txt",
        "talis/lijn/b.txt",
        "Talis/wijk/c.txt",
        "Bindkracht 10/wijk/d.txt",
        "Bindkracht10/lijn/e.txt",
    )
    d = discover(tmp_path)
    assert {(s.organisation, s.cell) for s in d.sources} == {
        ("Talis", "wijk"),  # as the first document spells it
        ("Talis", "lijn"),
        ("Bindkracht 10", "wijk"),
        ("Bindkracht10", "lijn"),
    }
    assert (
        "warning: the organisation is spelled 'Talis' and 'talis'; taken as one: 'Talis'"
        in d.warnings
    )
    assert "warning: the cell is spelled 'Wijk' and 'wijk'; taken as one: 'wijk'" in d.warnings
    assert (
        "warning: the organisation names 'Bindkracht 10' and 'Bindkracht10' look alike; if they "
        "are one, give the folders one name (or use the manifest)"
    ) in d.warnings
    # the manifest's order lists give the spelling
    (tmp_path / "manifest.yaml").write_text("cells: [wijk, lijn]\n", encoding="utf-8")
    assert {s.cell for s in discover(tmp_path).sources} == {"wijk", "lijn"}


def test_unknown_kinds_are_refused_and_dutch_kinds_accepted(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from leaderscan.cli import cli

    touch(tmp_path, "Talis/wijk/a.txt", "Talis/beleid/b.txt")
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(
        "documents:\n  - match: Talis/wijk/*\n    kind: Vacature\n  - match: Talis/beleid/*\n    kind: beleid\n    cell: null\n",
        encoding="utf-8",
    )
    assert {s.document: s.kind for s in discover(tmp_path).sources} == {
        "Talis/wijk/a.txt": "vacancy",
        "Talis/beleid/b.txt": "policy",
    }
    manifest.write_text(
        "documents:\n  - match: Talis/wijk/*\n    kind: vacatures\n", encoding="utf-8"
    )
    with pytest.raises(ManifestError) as info:
        discover(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{manifest}:3: unknown kind 'vacatures'; use vacancy (vacature), policy (beleid) or training (opleiding)"
    ]
    r = CliRunner().invoke(cli, ["table", str(tmp_path), "--kind", "vacatures"])
    assert r.exit_code == 2
    assert r.stderr == (
        "leaderscan: unknown --kind 'vacatures'; use vacancy (vacature), policy (beleid) or "
        "training (opleiding)\n"
    )
