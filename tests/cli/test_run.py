"""The CLI end to end on a small corpus whose table is known by construction."""

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan.cli import cli
from tests.conftest import make_docx, make_pdf, make_txt


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    # Talis wijk (PDF): Verbanden leggen (Strateeg), Verbindend + Communicatief (Verkenner);
    # "sociale huurwoningen" is excluded; the blurb's "samenwerking" is unscored.
    make_pdf(
        root / "Talis" / "wijk" / "wijkbeheerder.pdf",
        [
            [
                ("h", "Wie zijn wij"),
                ("p", "Talis verhuurt sociale huurwoningen en zoekt samenwerking met partners."),
            ],
            [
                ("h", "Wat ga je doen"),
                ("p", "Je legt verbanden tussen bewoners en partners."),
                ("h", "Wie ben jij"),
                ("b", "Verbindend en communicatief"),
            ],
        ],
        header="Talis vacature",
        footer=True,
    )
    # Talis wijk (TXT): Communicatief again (counts once) and Overtuigend en besluitvaardig (Procesmanager)
    make_txt(
        root / "Talis" / "wijk" / "wijkadviseur.txt",
        "Wat ga je doen\nJe bent communicatief.\n\nWie ben jij\nOvertuigend en besluitvaardig.\n",
    )
    # Talis lijn (DOCX): Besluitvaardig (Strateeg) on page 2, Integer is evidence only (Overig)
    make_docx(
        root / "Talis" / "lijn" / "bestuurder.docx",
        [
            ("h", "Wat ga je doen"),
            ("p", "Je werkt aan de woningvoorraad."),
            ("break", None),
            ("h", "Wie ben jij"),
            ("b", "Besluitvaardig"),
            ("b", "Integer"),
        ],
    )
    # Bindkracht10 wijk (TXT): Coachend (label per organisation), sociaal werker is a job title
    make_txt(
        root / "Bindkracht10" / "wijk" / "sociaal werker.txt",
        "Wat ga je doen\nAls sociaal werker ben je coachend en resultaatgericht.\n",
    )
    # a policy document: not in a cell, except its section on the manager's role (lijn)
    make_txt(
        root / "Talis" / "beleid" / "gesprekscyclus.txt",
        "Inleiding\nMedewerkers werken samen.\f# De rol van de leidinggevende\nDe leidinggevende is coachend.\n",
    )
    (root / "manifest.yaml").write_text(
        "cells: [wijk, lijn]\n"
        "documents:\n"
        "  - match: Talis/beleid/*\n"
        "    kind: policy\n"
        "    cell: null\n"
        "    sections:\n"
        "      - {heading: De rol van de leidinggevende, cell: lijn}\n",
        encoding="utf-8",
    )
    (root / "Talis" / "wijk" / "kapot.pdf").write_bytes(b"geen pdf")
    (root / "Talis" / "wijk" / "foto.jpg").write_bytes(b"\xff\xd8")
    return root


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def test_cli_run_prints_table_and_writes_four_files(
    corpus: Path, lexicon_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = invoke("run", str(corpus), "--out", str(out), "--lexicon", str(lexicon_file), "-q")
    assert result.exit_code == 0, result.output
    counts = {
        (r["organisation"], r["cell"], r["orientation"]): (int(r["count"]), int(r["documents"]))
        for r in read_csv(out / "counts.csv")
    }
    assert counts == {
        ("Bindkracht10", "wijk", "Strateeg"): (0, 1),
        ("Bindkracht10", "wijk", "Verkenner"): (0, 1),
        ("Bindkracht10", "wijk", "Ontwikkelaar"): (1, 1),
        ("Bindkracht10", "wijk", "Procesmanager"): (1, 1),
        ("Talis", "wijk", "Strateeg"): (1, 2),
        ("Talis", "wijk", "Verkenner"): (2, 2),
        ("Talis", "wijk", "Ontwikkelaar"): (0, 2),
        ("Talis", "wijk", "Procesmanager"): (1, 2),
        ("Talis", "lijn", "Strateeg"): (1, 1),
        ("Talis", "lijn", "Verkenner"): (0, 1),
        ("Talis", "lijn", "Ontwikkelaar"): (1, 1),
        ("Talis", "lijn", "Procesmanager"): (0, 1),
    }
    # the terminal table: cells as column groups, N in the heads, orientations as rows
    assert "(N=2)" in result.output and "Wijk" in result.output and "Lijn" in result.output
    assert "Strateeg" in result.output and "Pipeline: simplemma" in result.output
    assert "kapot.pdf: not a readable PDF" in result.output
    assert "unsupported type (.jpg)" in result.output

    with (out / "table.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [
        "Orientations",
        "Wijk Bindkracht10 (N=1)",
        "Wijk Talis (N=2)",
        "Lijn Talis (N=1)",
    ]
    assert rows[1] == ["Strateeg", "0", "1", "1"]

    evidence = read_csv(out / "evidence.csv")
    assert list(evidence[0]) == [
        "organisation",
        "document",
        "kind",
        "cell",
        "page",
        "section",
        "orientation",
        "competence_id",
        "competence",
        "match",
        "context",
        "scored",
        "ocr",
    ]
    by = {(e["document"], e["competence_id"]): e for e in evidence}
    assert by[("Talis/lijn/bestuurder.docx", "besluitvaardig")]["page"] == "2"
    assert by[("Talis/lijn/bestuurder.docx", "integer")]["scored"] == "nee"
    assert by[("Talis/wijk/wijkbeheerder.pdf", "samenwerken")]["scored"] == "nee"
    assert by[("Talis/wijk/wijkbeheerder.pdf", "verbanden")]["match"] == "legt verbanden"
    assert by[("Bindkracht10/wijk/sociaal werker.txt", "coachen")]["competence"] == "Coachend"
    assert ("Bindkracht10/wijk/sociaal werker.txt", "sociaal") not in by
    policy = by[("Talis/beleid/gesprekscyclus.txt", "coachen")]
    assert (policy["cell"], policy["scored"], policy["page"]) == ("lijn", "ja", "2")
    assert by[("Talis/beleid/gesprekscyclus.txt", "samenwerken")]["scored"] == "nee"

    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["pipeline"]["name"] == "simplemma"
    assert len(run["lexicon"]["sha256"]) == 64
    docs = {d["document"]: d for d in run["documents"]}
    assert len(docs["Talis/wijk/wijkbeheerder.pdf"]["sha256"]) == 64
    assert run["skipped"] == [
        {
            "document": "Talis/wijk/kapot.pdf",
            "reason": "not a readable PDF (damaged, or not a PDF at all)",
        }
    ]
    assert "created" in run and "leaderscan" in run


def test_cli_table_prints_a_saved_run_again(
    corpus: Path, lexicon_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = invoke("run", str(corpus), "--out", str(out), "--lexicon", str(lexicon_file), "-q")
    again = invoke("table", str(out))
    assert again.exit_code == 0
    table_lines = [ln for ln in first.output.splitlines() if "│" in ln]
    assert table_lines and all(ln in again.output for ln in table_lines)


def test_cli_semicolon_csv_with_bom_and_no_formulas(tmp_path: Path, lexicon_file: Path) -> None:
    make_txt(
        tmp_path / "c" / "Talis" / "wijk" / "v.txt",
        "Wat ga je doen\n=Communicatief en +verbindend @wijk\n",
    )
    out = tmp_path / "out"
    result = invoke(
        "run",
        str(tmp_path / "c"),
        "--out",
        str(out),
        "--lexicon",
        str(lexicon_file),
        "--delimiter",
        ";",
        "-q",
    )
    assert result.exit_code == 0
    raw = (out / "evidence.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.splitlines()[0].count(b";") == 12
    rows = read_csv(out / "evidence.csv", ";")
    assert rows[0]["context"] == "'=Communicatief en +verbindend @wijk"


def test_cli_bad_lexicon_is_file_line_and_exit_2(tmp_path: Path, corpus: Path) -> None:
    bad = tmp_path / "competences.yaml"
    bad.write_text(
        "orientations: [Strateeg]\ncompetences:\n  - {label: X, orientation: Stratteeg, patterns: [x]}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["run", str(corpus), "--lexicon", str(bad), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert (
        f"{bad}:3: unknown orientation 'Stratteeg' in competence 'X'; did you mean 'Strateeg'?"
        in result.output
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_cli_bad_manifest_and_bad_options_exit_2(
    tmp_path: Path, corpus: Path, lexicon_file: Path
) -> None:
    (corpus / "manifest.yaml").write_text(
        "documents: [{match: x, year: twintig}]\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["run", str(corpus), "--lexicon", str(lexicon_file)])
    assert result.exit_code == 2
    assert f"{corpus / 'manifest.yaml'}:1: 'year' must be a year such as 2021" in result.output
    (corpus / "manifest.yaml").unlink()
    result = CliRunner().invoke(
        cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--delimiter", "|"]
    )
    assert result.exit_code == 2
    result = CliRunner().invoke(
        cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--model", "nl_niet_bestaand"]
    )
    assert (
        result.exit_code == 2
        and "is not installed: run 'python -m spacy download nl_niet_bestaand'" in result.output
    )


def test_cli_nothing_readable_exits_3_and_keeps_earlier_results(
    tmp_path: Path, lexicon_file: Path
) -> None:
    (tmp_path / "c" / "Talis" / "wijk").mkdir(parents=True)
    (tmp_path / "c" / "Talis" / "wijk" / "leeg.docx").write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ander.csv").write_text("bewaard", encoding="utf-8")
    result = invoke(
        "run", str(tmp_path / "c"), "--out", str(out), "--lexicon", str(lexicon_file), "-q"
    )
    assert result.exit_code == 3
    assert "leeg.docx: the file is empty (0 bytes)" in result.output
    assert (out / "ander.csv").read_text(encoding="utf-8") == "bewaard"


def test_cli_table_of_missing_run_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["table", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == f"leaderscan: {tmp_path / 'run.json'}: no saved run here; run 'leaderscan run CORPUS --out FOLDER' first"
    )


def test_overwrite_removes_the_stale_report_and_workbook_of_the_replaced_run(
    corpus: Path, lexicon_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    common = ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out), "-q"]
    assert runner.invoke(cli, common).exit_code == 0
    assert runner.invoke(cli, ["report", str(out)]).exit_code == 0
    assert runner.invoke(cli, ["export", str(out), "--format", "xlsx"]).exit_code == 0
    assert runner.invoke(cli, ["review", str(out)]).exit_code == 0
    make_txt(corpus / "Talis" / "lijn" / "nieuw.txt", "Wie ben jij\nJe bent communicatief.\n")
    r = runner.invoke(cli, [*common, "--overwrite"])
    assert r.exit_code == 0, r.output
    assert not (out / "report.html").exists() and not (out / "leaderscan.xlsx").exists()
    assert (out / "review.xlsx").exists()
    assert "Removed report.html, leaderscan.xlsx: made from the run this one replaced" in r.stderr
    assert "warning: review.xlsx in" in r.stderr


def test_a_wrong_layout_or_an_empty_folder_says_what_layout_was_expected(
    tmp_path: Path, lexicon_file: Path
) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    out = tmp_path / "out"
    r = CliRunner().invoke(
        cli,
        ["run", str(empty), "--lexicon", str(lexicon_file), "--out", str(out), "-q"],
        env={"COLUMNS": "400"},
    )
    assert r.exit_code == 3
    assert (
        f"No PDF, DOCX or TXT file in {empty}/; expected {empty}/<Organisation>/<cell>/<file>"
        in r.stderr
    )
    assert not (out / "run.json").exists()
    flat = tmp_path / "plat"
    make_txt(flat / "vacature.txt", "Wie ben jij\nJe bent communicatief.\n")
    r = CliRunner().invoke(
        cli,
        ["run", str(flat), "--lexicon", str(lexicon_file), "--out", str(out), "-q"],
        env={"COLUMNS": "400"},
    )
    assert r.exit_code == 0, r.output
    assert (
        f"No document is in a cell, so the table is empty: put the files in {flat}/<Organisation>/<cell>/"
        in r.stderr
    )
    r = CliRunner().invoke(
        cli,
        ["run", str(flat), "--lexicon", str(lexicon_file), "--out", str(out), "-q", "--lang", "nl"],
        env={"COLUMNS": "400"},
    )
    assert r.exit_code == 0, r.output
    assert (
        "Geen enkel document staat in een cel, dus de tabel is leeg: zet de bestanden in "
        f"{flat}/<Organisatie>/<cel>/"
    ) in r.stderr


@pytest.mark.parametrize(
    "lang, delimiter", [("nl_NL.UTF-8", ";"), ("C.UTF-8", ","), ("en_GB.UTF-8", ",")]
)
def test_csv_default_delimiter_follows_the_locale_and_stdout_csv_has_a_bom(
    corpus: Path, lexicon_file: Path, tmp_path: Path, lang: str, delimiter: str
) -> None:
    out = tmp_path / "out"
    env = {"LC_ALL": lang, "LC_NUMERIC": None, "LANG": lang}
    r = CliRunner().invoke(
        cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out), "-q"], env=env
    )
    assert r.exit_code == 0, r.output
    for name in ("table.csv", "counts.csv", "evidence.csv"):
        first = (out / name).read_text(encoding="utf-8-sig").splitlines()[0]
        assert first.split(delimiter)[0] in ("Orientations", "organisation"), (name, first)
    for args in (
        ["appendix", str(out), "--format", "csv"],
        ["compare", str(out), str(out), "--format", "csv"],
    ):
        r = CliRunner().invoke(cli, args, env=env)
        assert r.exit_code == 0, r.output
        assert r.stdout.startswith("\ufeff"), args  # so that Excel reads "creëren" as UTF-8
        assert r.stdout.splitlines()[0].count(delimiter) >= 4, args


def test_a_broken_pipe_is_not_an_internal_error() -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent.parent
    baseline = root / "out" / "baseline-2021"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "leaderscan",
            "compare",
            str(baseline),
            str(baseline),
            "--format",
            "md",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert proc.stdout is not None
    proc.stdout.close()  # as '| head' does once it has its lines
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert err == b""
