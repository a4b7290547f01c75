"""Whatever lands in the folder: one line per bad file with the reason, and the run completes.

A corpus with every kind of bad input checks the exact messages, on the
terminal and in run.json; hypothesis drives extraction and matching with random
bytes and random Dutch-like text.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderscan.analyse import analyse_bytes
from leaderscan.cli import cli
from leaderscan.errors import ExtractionError
from leaderscan.extract import ENGINES, Limits, extract_bytes, layout, ocr
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import Lexicon
from leaderscan.match import Matcher
from leaderscan.model import Block, Source
from tests.conftest import make_docx, make_pdf, make_txt

GOOD = [[("h", "Wie ben jij"), ("p", "Je bent communicatief en resultaatgericht.")]]


def image_only_pdf(path: Path) -> None:
    from PIL import Image

    png = path.with_suffix(".png")
    Image.new("RGB", (200, 100), "white").save(png)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(png), x=10, y=10, w=100)
    pdf.output(str(path))
    png.unlink()


@pytest.fixture
def bad_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    wijk = root / "Talis" / "wijk"
    good = make_pdf(wijk / "goed.pdf", GOOD)
    (wijk / "leeg.pdf").write_bytes(b"")
    (wijk / "afgebroken.pdf").write_bytes(good.read_bytes()[:300])
    make_pdf(wijk / "beveiligd.pdf", GOOD, password="geheim")
    image_only_pdf(wijk / "scan.pdf")
    (wijk / "nep.pdf").write_text("Dit is geen PDF maar gewone tekst.", encoding="utf-8")
    (wijk / "geen zip.docx").write_bytes(b"PK\x03\x04 dit is geen Word-bestand")
    doc = make_docx(wijk / "half.docx", [("p", "Je bent communicatief.")])
    doc.write_bytes(doc.read_bytes()[:500])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\x00" * (3 * 1024 * 1024))
    (wijk / "bom.docx").write_bytes(buf.getvalue())
    make_txt(wijk / "groot.txt", "Wie ben jij\n" + "Je bent communicatief. " * 3000)
    make_pdf(wijk / "lang.pdf", GOOD * 3)
    (wijk / "codering.txt").write_bytes(b"Wie ben jij\nJe bent \x81\x8d communicatief.\n")
    make_txt(
        wijk / "Vacature coördinator wijk 2026.txt", "Wie ben jij\nJe bent resultaatgericht.\n"
    )
    outside = tmp_path / "elders.txt"
    outside.write_text("Je bent communicatief.", encoding="utf-8")
    (wijk / "link.txt").symlink_to(outside)
    for name in ("brief.xlsx", "logo.png", "foto.png"):
        (wijk / name).write_bytes(b"x")
    (wijk / "kapot.odt").write_bytes(b"PK\x03\x04 dit is geen OpenDocument")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", b"\x00" * (3 * 1024 * 1024))
    (wijk / "bom.odt").write_bytes(buf.getvalue())
    (wijk / "nep.doc").write_text("Dit is geen Word-bestand.", encoding="utf-8")
    (wijk / "nep.rtf").write_text("Dit is geen RTF.", encoding="utf-8")
    (wijk / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    return root


EXPECTED = {
    "Talis/wijk/leeg.pdf": "the file is empty (0 bytes)",
    "Talis/wijk/afgebroken.pdf": "not a readable PDF (damaged, or not a PDF at all)",
    "Talis/wijk/beveiligd.pdf": "the PDF is password-protected; save an unprotected copy",
    "Talis/wijk/scan.pdf": "the PDF has no text layer; it may be a scan, but OCR found no text in it"
    if ocr.unavailable() is None
    else f"the PDF has no text layer; it may be a scan ({ocr.unavailable()}; {ocr.INSTALL})",
    "Talis/wijk/nep.pdf": "not a readable PDF (damaged, or not a PDF at all)",
    "Talis/wijk/geen zip.docx": "not a readable DOCX (damaged, or not a Word file); save it again as .docx",
    "Talis/wijk/half.docx": "not a readable DOCX (damaged, or not a Word file); save it again as .docx",
    "Talis/wijk/bom.docx": "the DOCX unpacks to more than 1 MB; refused as a possible zip bomb",
    "Talis/wijk/groot.txt": "67 KB, more than the limit of 0.05 MB; raise it with --max-size to read this file",
    "Talis/wijk/lang.pdf": "3 pages, more than the limit of 2; raise it with --max-pages to read this file",
    "Talis/wijk/codering.txt": "unknown text encoding; save the file as UTF-8",
    "Talis/wijk/link.txt": "a link to a file outside the corpus folder; not followed",
    "Talis/wijk/kapot.odt": "not a readable ODT (damaged, or not an OpenDocument text); save it again as .odt",
    "Talis/wijk/bom.odt": "the ODT unpacks to more than 1 MB; refused as a possible zip bomb",
    "Talis/wijk/nep.doc": "not a readable DOC (damaged, or not a Word 97-2003 file)",
    "Talis/wijk/nep.rtf": "not a readable RTF (it does not start with {\\rtf)",
    "Talis/wijk/menu.html": "no text found in the HTML page",
}


def test_every_bad_file_gets_one_line_and_the_run_completes(
    bad_corpus: Path, lexicon_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout, "MAX_UNCOMPRESSED", 1024 * 1024)
    out = tmp_path / "out"
    r = CliRunner().invoke(
        cli,
        [
            "run",
            str(bad_corpus),
            "--lexicon",
            str(lexicon_file),
            "--out",
            str(out),
            "--max-size",
            "0.05",
            "--max-pages",
            "2",
            "--jobs",
            "1",
            "--no-cache",
            "-q",
        ],
        env={"COLUMNS": "300"},
    )
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    for document, reason in EXPECTED.items():
        assert r.stderr.count(f"skipped {document}: {reason}") == 1, (document, r.stderr)
    # unknown extensions: one line for all of them
    assert (
        r.stderr.count(
            "Not analysed: 3 files of unsupported type (.png, .xlsx); use PDF, DOCX, TXT, HTML, ODT, DOC or RTF"
        )
        == 1
    )
    data = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert {s["document"]: s["reason"] for s in data["skipped"]} == EXPECTED
    read = {d["document"] for d in data["documents"] if d["status"] == "read"}
    assert read == {"Talis/wijk/goed.pdf", "Talis/wijk/Vacature coördinator wijk 2026.txt"}
    assert data["unsupported"] == [
        "Talis/wijk/brief.xlsx",
        "Talis/wijk/foto.png",
        "Talis/wijk/logo.png",
    ]
    assert "Skipped: 17 files:" in r.stdout
    assert {h["competence_id"] for h in data["hits"]} == {"communicatief", "resultaatgericht"}


def test_the_other_pdf_engine_gives_the_same_messages(bad_corpus: Path) -> None:
    for name in ("leeg.pdf", "afgebroken.pdf", "beveiligd.pdf", "scan.pdf", "nep.pdf"):
        data = (bad_corpus / "Talis" / "wijk" / name).read_bytes()
        messages = set()
        for engine in ENGINES:
            with pytest.raises(ExtractionError) as info:
                extract_bytes(data, ".pdf", engine)
            messages.add(str(info.value))
        assert len(messages) == 1, (name, messages)


# ------------------------------------------------------------------- fuzzing

SUFFIXES = [".pdf", ".docx", ".txt", ".html", ".odt", ".doc", ".rtf"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES), engine=st.sampled_from(ENGINES)
)
def test_random_bytes_never_raise_anything_but_a_reason(
    data: bytes, suffix: str, engine: str
) -> None:
    try:
        result = extract_bytes(data, suffix, engine, Limits(max_mb=1, max_pages=10))
    except ExtractionError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert all(isinstance(b, Block) and b.page >= 1 for b in result.blocks)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_analyse_bytes_never_raises(
    data: bytes, suffix: str, pipeline: Pipeline, lexicon: Lexicon
) -> None:
    source = Source(Path("x" + suffix), "Talis/wijk/x" + suffix, "Talis", "wijk")
    result = analyse_bytes(data, source, pipeline, Matcher(lexicon))
    assert result.error or result.hits is not None


WORDS = [
    "je",
    "bent",
    "communicatief",
    "sociaal",
    "werker",
    "verbindend",
    "verbinden",
    "samen",
    "werken",
    "overtuigend",
    "en",
    "besluitvaardig",
    "legt",
    "verbanden",
    "koers",
    "zet",
    "uit",
    "resultaatgericht",
    "coachend",
    "integer",
    "de",
    "het",
    "wijk",
    "huurwoningen",
    ".",
    ",",
    "!",
    ";",
    "’",
    "-",
    "(",
    ")",
    "é",
    "ë",
    "\u00ad",
    "\u00a0",
    "12",
    "e-mail",
    "co-creatie",
]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=40))
def test_random_dutch_like_text_matches_without_error(
    words: list[str], pipeline: Pipeline, lexicon: Lexicon
) -> None:
    text = " ".join(words)
    matcher = Matcher(lexicon)
    for sentence in pipeline.sentences([Block(1, "Wie ben jij", text)]):
        assert len(sentence.words) == len(sentence.lemmas) == len(sentence.offsets)
        result = matcher.match(sentence)
        for f in result.found:
            assert all(0 <= t < len(sentence.words) for t in f.tokens)
            assert sentence.span_text(f.start, f.end)


# ----------------------------------------------- hostile input (issue 13)


def alias_bomb(levels: int = 9) -> str:
    """Nine levels of ten aliases: 10**9 values once expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "where, tail",
    [
        ("lexicon", "? *a8\n: 1\n"),
        ("manifest", "? *a8\n: 1\n"),
        ("import", "? *a8\n: 1\n"),
        ("import", "Strateeg: {Visie: *a8}\n"),
    ],
)
def test_yaml_alias_bomb_as_a_mapping_key_is_refused_quickly(
    where: str, tail: str, tmp_path: Path, lexicon_file: Path
) -> None:
    import time

    bomb = tmp_path / "bom.yaml"
    bomb.write_text(alias_bomb() + tail, encoding="utf-8")
    if where == "lexicon":
        args = ["lexicon", "check", str(bomb)]
    elif where == "manifest":
        corpus = tmp_path / "corpus"
        make_txt(corpus / "Talis" / "wijk" / "a.txt", "Je bent communicatief.")
        (corpus / "manifest.yaml").write_text(bomb.read_text(encoding="utf-8"), encoding="utf-8")
        bomb = corpus / "manifest.yaml"
        args = ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(tmp_path / "o")]
    else:
        args = ["lexicon", "import", str(bomb)]
    start = time.monotonic()
    r = CliRunner().invoke(cli, args)
    assert time.monotonic() - start < 10
    assert r.exit_code == 2, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert f"{bomb}:" in r.output
    assert "alias" in r.output or "a key must be plain text" in r.output


def test_control_characters_in_a_hit_sentence_export_to_xlsx_and_review(
    tmp_path: Path, lexicon_file: Path
) -> None:
    from openpyxl import load_workbook

    corpus = tmp_path / "corpus"
    make_txt(
        corpus / "Talis" / "wijk" / "v.txt",
        "Wie ben jij\nJe bent\x01 communicatief\x0b en \x08\x1b resultaatgericht.\n",
    )
    out = tmp_path / "out"
    runner = CliRunner()
    r = runner.invoke(
        cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out), "-q"]
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["export", str(out), "--format", "xlsx"])
    assert r.exit_code == 0, r.output
    sheet = load_workbook(out / "leaderscan.xlsx")["Hits"]
    contexts = {row[10] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert contexts == {"Je bent  communicatief  en    resultaatgericht."}
    r = runner.invoke(cli, ["review", str(out)])
    assert r.exit_code == 0, r.output
    assert load_workbook(out / "review.xlsx").active.max_row == 3  # a header and two hits


def test_terminal_escape_sequences_in_file_names_do_not_reach_the_terminal(
    tmp_path: Path, lexicon_file: Path
) -> None:
    corpus = tmp_path / "corpus"
    wijk = corpus / "Talis" / "wijk"
    make_txt(wijk / "goed\x1b[2J.txt", "Wie ben jij\nJe bent communicatief.\n")
    (wijk / "kapot\x1b]0;gehackt\x07[red].pdf").write_bytes(b"geen pdf")
    r = CliRunner().invoke(
        cli,
        [
            "run",
            str(corpus),
            "--lexicon",
            str(lexicon_file),
            "--out",
            str(tmp_path / "o"),
            "-v",
            "-j",
            "1",
        ],
        env={"COLUMNS": "300"},
    )
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\x07" not in r.output
    assert "[1/2] Talis/wijk/goed\\x1b[2J.txt: 1 p., 1 scored" in r.stderr
    assert "skipped Talis/wijk/kapot\\x1b]0;gehackt\\x07[red].pdf: not a readable PDF" in r.stderr
    assert "  Talis/wijk/kapot\\x1b]0;gehackt\\x07[red].pdf: not a readable PDF" in r.stdout


BASELINE_RUN = Path(__file__).resolve().parent.parent / "out" / "baseline-2021" / "run.json"


def _damaged(data: dict, how: str) -> str:
    if how == "hit without competence_id":
        del data["hits"][3]["competence_id"]
    elif how == "hits null":
        data["hits"] = None
    elif how == "orientations as a string":
        data["orientations"] = "Strateeg, Verkenner"
    elif how == "page een":
        data["hits"][0]["page"] = "een"
    elif how == "future format":
        data["format"] = 99
    elif how == "100k-deep JSON":
        return "[" * 100_000 + "]" * 100_000
    return json.dumps(data)


DAMAGE = {
    "hit without competence_id": "hit 4 has no 'competence_id'",
    "hits null": "'hits' is missing or not a list",
    "orientations as a string": "'orientations' is missing or not a list",
    "page een": "hit 1 has a wrong 'page' ('een')",
    "future format": "it was written by a newer leaderscan (format 99; this one reads up to 2): update leaderscan",
    "100k-deep JSON": "nested far too deep",
}


@pytest.mark.parametrize("how", list(DAMAGE))
def test_hand_damaged_run_json_is_one_line_and_exit_2(how: str, tmp_path: Path) -> None:
    saved = tmp_path / "run"
    saved.mkdir()
    data = json.loads(BASELINE_RUN.read_text(encoding="utf-8"))
    (saved / "run.json").write_text(_damaged(data, how), encoding="utf-8")
    for args in (
        ["table", str(saved)],
        ["report", str(saved)],
        ["export", str(saved), "--format", "xlsx"],
        ["appendix", str(saved)],
        ["compare", str(BASELINE_RUN), str(saved)],
        ["review", str(saved)],
    ):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 2, (args, r.output)
        assert r.exception is None or isinstance(r.exception, SystemExit), args
        assert r.stderr.count("\n") == 1 and f"{saved / 'run.json'}: " in r.stderr, args
        assert DAMAGE[how] in r.stderr, args


def test_run_json_without_lexicon_is_still_read(tmp_path: Path) -> None:
    saved = tmp_path / "run"
    saved.mkdir()
    data = json.loads(BASELINE_RUN.read_text(encoding="utf-8"))
    del data["lexicon"]
    (saved / "run.json").write_text(json.dumps(data), encoding="utf-8")
    for args in (
        ["table", str(saved)],
        ["report", str(saved)],
        ["compare", str(BASELINE_RUN), str(saved)],
    ):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 0, (args, r.output)


@pytest.mark.parametrize("when", ["while writing", "at the end", "at the start"])
def test_a_full_disk_or_read_only_out_is_one_line_and_leaves_no_temporary_folder(
    when: str, tmp_path: Path, lexicon_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from leaderscan import export

    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    out = tmp_path / "out"

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    if when == "while writing":
        monkeypatch.setattr(export.OutputWriter, "add", full)
    elif when == "at the end":
        monkeypatch.setattr(export, "_move_set", full)
    else:
        monkeypatch.setattr(export.tempfile, "mkdtemp", read_only)
    r = CliRunner().invoke(
        cli,
        ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out), "-q", "-j", "1"],
    )
    assert r.exit_code == 2, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    last = r.stderr.splitlines()[-1]
    if when == "at the start":
        assert (
            last
            == f"leaderscan: {out}/: cannot write there (Permission denied); choose another --out"
        )
    else:
        assert last == (
            f"leaderscan: {out}/: cannot write the results (No space left on device); free some "
            f"space or choose another --out (what {out}/ held before is unchanged)"
        )
    assert not list(out.glob(".leaderscan-*"))
    assert not (out / "run.json").exists()


@pytest.mark.parametrize(
    "text",
    [
        "".join(" " * i + f"c{i}:\n" for i in range(900)) + " " * 900 + "- visie\n",
        "a: " + "[" * 63 + "x" + "]" * 63 + "\n",
        "a: " + "[" * 64 + "x, [y]" + "]" * 64 + "\n",
        "a: " + "[" * 62 + "x" + "]" * 62 + "\n",
        "? [a]\n: b\n",
        "a:\n  - {x: 1}\n  - {[x]: y}\n",
        "- - - - a\n",
    ],
)
def test_a_text_without_anchors_is_checked_with_the_same_outcome(text: str) -> None:
    """Without an anchor ('&') a YAML text has no aliases: its nodes are checked for
    depth and keys only, with the same first problem (or none) as the full check."""
    from leaderscan import yamlio

    path = Path("t.yaml")
    loader = yamlio._Loader(text, path)
    node = loader.get_single_node()
    assert yamlio.check_nodes(node, path, aliases=False) == yamlio.check_nodes(node, path)


def test_lexicon_import_of_deep_nesting_or_an_unknown_encoding_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "diep.yaml"
    deep.write_text(
        "".join(" " * i + f"c{i}:\n" for i in range(900)) + " " * 900 + "- visie\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(cli, ["lexicon", "import", str(deep)])
    assert r.exit_code == 2, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert f"{deep}:65: nested more than 64 levels deep" in r.stderr
    odd = tmp_path / "vreemd.dic"
    odd.write_bytes(b"%\n1\tStrateeg\n%\nvisie\x81\x8d 1\n")
    r = CliRunner().invoke(cli, ["lexicon", "import", str(odd)])
    assert r.exit_code == 2, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert (
        f"{odd}: unknown text encoding (not UTF-8, not Windows-1252); save the file as UTF-8"
        in r.stderr
    )


def test_a_5_mb_line_and_text_without_sentence_punctuation_are_read_with_short_contexts(
    tmp_path: Path, lexicon_file: Path
) -> None:
    corpus = tmp_path / "corpus"
    line = "Je werkt in de wijk met bewoners " * 160_000  # 5 MB on one line, no full stop
    words = " ".join(
        ["bewoners", "partners", "wijk", "huurders"] * 12_000
    )  # 188 KB, no punctuation
    make_txt(corpus / "Talis" / "wijk" / "lang.txt", "Wie ben jij\n" + line + "communicatief\n")
    make_txt(
        corpus / "Talis" / "wijk" / "zin.txt", f"Wie ben jij\n{words} resultaatgericht {words}\n"
    )
    out = tmp_path / "out"
    r = CliRunner().invoke(
        cli,
        ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out), "-q", "-j", "1"],
    )
    assert r.exit_code == 0, r.output
    assert "E088" not in r.output
    data = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert {d["status"] for d in data["documents"]} == {"read"}
    hits = {h["competence_id"]: h for h in data["hits"]}
    assert {"communicatief", "resultaatgericht"} <= set(hits)
    assert all(len(h["context"]) <= 1002 for h in data["hits"])
    context = hits["resultaatgericht"]["context"]
    assert context.startswith("…") and context.endswith("…") and " resultaatgericht " in context
