"""A second measurement: the shipped baseline, `leaderscan compare`, --out protection, --kind."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan.cli import cli
from leaderscan.lexicon import DEFAULT_LEXICON
from leaderscan.results import Run
from leaderscan.runfile import load_run, run_to_dict
from tests.conftest import ROOT, make_txt

BASELINE = ROOT / "out" / "baseline-2021"


def essentials(data: dict) -> dict:
    """What a measurement found, without when and where it ran."""
    return {
        "lexicon": data["lexicon"]["sha256"],
        "table": data["table"],
        "outside": data["outside"],
        "documents": sorted(
            (d["document"], d["sha256"], d["status"], json.dumps(d["blocks"]))
            for d in data["documents"]
        ),
        "hits": sorted(json.dumps(h, sort_keys=True) for h in data["hits"]),
    }


def test_shipped_baseline_is_what_run_corpus_produces(corpus_run: Run) -> None:
    baseline = load_run(BASELINE)
    now = json.loads(json.dumps(run_to_dict(corpus_run)))
    assert essentials(baseline) == essentials(now), (
        "out/baseline-2021 is out of date: see out/README.md to regenerate it"
    )
    # and it is Figure 26
    assert baseline["table"]["rows"] == {
        "Strateeg": [0, 0, 8, 8],
        "Verkenner": [5, 6, 4, 6],
        "Ontwikkelaar": [6, 7, 6, 4],
        "Procesmanager": [4, 2, 7, 4],
    }


NEW_VACANCY = """\
# Wat ga je doen
Je werkt vanuit een heldere visie op de wijk en je bent creatief in oplossingen.

# Wie ben jij
Je bent een netwerker.
"""


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A second measurement: one Talis wijk vacancy replaced, one lexicon entry edited.

    - Talis wijk: 'Vacaturetekst wijkadviseur' is gone, 'Vacature buurtregisseur' is new
      (visie -> Visie, Strateeg; netwerker -> Netwerken, which the old text had too).
    - The lexicon no longer matches 'creatief' (only 'creativiteit'): Bindkracht10 wijk
      loses Creatief through the lexicon, and the new text's 'creatief' is not counted.
    """
    tmp = tmp_path_factory.mktemp("second")
    corpus = tmp / "vacatures-2026"
    shutil.copytree(ROOT / "corpus", corpus)
    for p in (corpus / "Talis" / "wijk").glob("*wijkadviseur*"):
        p.unlink()
    make_txt(corpus / "Talis" / "wijk" / "Vacature buurtregisseur.txt", NEW_VACANCY)
    lexicon = tmp / "competences.yaml"
    text = (DEFAULT_LEXICON).read_text(encoding="utf-8")
    start = text.index("  - id: creatief\n")
    end = text.index("\n  - id: ", start + 1)
    entry = text[start:end]
    assert entry.count("\n      - creatief\n") == 1 and "      - creativiteit\n" in entry
    edited = entry.replace("\n      - creatief\n", "\n")
    lexicon.write_text(text[:start] + edited + text[end:])
    out = tmp / "meting-2026"
    r = CliRunner().invoke(
        cli, ["run", str(corpus), "--out", str(out), "--lexicon", str(lexicon), "-q"]
    )
    assert r.exit_code == 0, r.output
    return {"out": out, "corpus": corpus, "lexicon": lexicon}


def compare_json(base: Path, new: Path, *args: str) -> dict:
    r = CliRunner().invoke(cli, ["compare", str(base), str(new), "--format", "json", *args])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def column(comparison: dict, cell: str, organisation: str) -> dict:
    (col,) = [
        c for c in comparison["columns"] if (c["cell"], c["organisation"]) == (cell, organisation)
    ]
    return col


def test_compare_counts_gains_losses_and_their_causes(second: dict) -> None:
    result = compare_json(BASELINE, second["out"])
    (main,) = [c for c in result["comparisons"] if c["table"] == "table"]
    assert main["method_differs"] and "lexicon" in main["method_differs"][0]

    b10 = column(main, "wijk", "Bindkracht10")
    assert b10["N"] == {"base": 5, "new": 5}
    assert b10["counts"]["Ontwikkelaar"] == {
        "base": 6,
        "new": 5,
        "change": -1,
        "by_text": 0,
        "by_lexicon": -1,
    }
    assert [(i["competence"], i["cause"]) for i in b10["lost"]] == [("Creatief", "lexicon")]
    assert b10["lost"][0]["documents"] == [
        "Vacature coördinator Stip centrum",
        "Vacature sociaal werker werkbegeleider Stip Noord",
    ]
    assert b10["gained"] == []

    talis = column(main, "wijk", "Talis")
    assert talis["N"] == {"base": 2, "new": 2}
    assert talis["counts"]["Strateeg"] == {
        "base": 0,
        "new": 1,
        "change": 1,
        "by_text": 1,
        "by_lexicon": 0,
    }
    assert [(i["competence"], i["cause"], i["documents"]) for i in talis["gained"]] == [
        ("Visie", "tekst", ["Vacature buurtregisseur"])
    ]
    lost = {i["competence"]: i for i in talis["lost"]}
    assert "Netwerken" not in lost  # the new text has it too
    assert lost["Verbindend"]["cause"] == "tekst"
    assert lost["Verbindend"]["documents"] == ["Vacaturetekst wijkadviseur"]
    # every count adds up: base + text + lexicon = new
    for col in main["columns"]:
        for v in col["counts"].values():
            assert v["base"] + v["by_text"] + v["by_lexicon"] == v["new"]
    # lijn is untouched
    assert all(v["change"] == 0 for v in column(main, "lijn", "Talis")["counts"].values())


def test_compare_text_md_and_csv(second: dict) -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["compare", str(BASELINE), str(second["out"])])
    assert text.exit_code == 0, text.output
    assert "6 → 5 (-1)" in text.stdout and "lexicon changed" in text.stdout
    assert "Visie (Strateeg) [text]: Vacature buurtregisseur" in text.stdout
    md = runner.invoke(cli, ["compare", str(BASELINE), str(second["out"]), "--format", "md"])
    assert "| Ontwikkelaar | 6 → 5 (-1) [text +0, lexicon -1] |" in md.stdout
    assert "- − Creatief (Ontwikkelaar) [lexicon]:" in md.stdout
    # a Dutch reader reads the same in Dutch
    nl = runner.invoke(cli, ["compare", str(BASELINE), str(second["out"]), "--lang", "nl"])
    assert "lexicon gewijzigd" in nl.stdout
    assert "Visie (Strateeg) [tekst]: Vacature buurtregisseur" in nl.stdout
    md = runner.invoke(
        cli, ["compare", str(BASELINE), str(second["out"]), "--format", "md", "--lang", "nl"]
    )
    assert "| Ontwikkelaar | 6 → 5 (-1) [tekst +0, lexicon -1] |" in md.stdout
    out = runner.invoke(
        cli,
        ["compare", str(BASELINE), str(second["out"]), "--format", "csv", "--delimiter", ";"],
    )
    assert out.stdout.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(out.stdout.removeprefix("\ufeff")), delimiter=";"))
    row = next(
        r
        for r in rows
        if (r["organisation"], r["cell"], r["orientation"]) == ("Talis", "wijk", "Strateeg")
    )
    assert (row["base"], row["new"], row["change"], row["by_text"]) == ("0", "1", "1", "1")


def test_compare_same_method_has_no_split(tmp_path: Path, second: dict) -> None:
    result = compare_json(BASELINE, BASELINE)
    (main,) = [c for c in result["comparisons"] if c["table"] == "table"]
    assert main["method_differs"] == []
    for col in main["columns"]:
        assert col["gained"] == col["lost"] == []
        for v in col["counts"].values():
            assert v["change"] == 0 and "by_text" not in v


def test_out_never_silently_replaces_an_earlier_measurement(second: dict) -> None:
    out = second["out"]
    before = (out / "run.json").read_bytes()

    def run_with(lexicon: Path):
        args = ["run", str(second["corpus"]), "--out", str(out), "-q", "--lexicon", str(lexicon)]
        return CliRunner().invoke(cli, args)

    # the same files, another lexicon: refused, nothing written
    r = run_with(DEFAULT_LEXICON)
    assert r.exit_code == 2
    assert "already holds an earlier measurement" in r.stderr and "--overwrite" in r.stderr
    assert (out / "run.json").read_bytes() == before
    # the identical measurement again is fine
    r = run_with(second["lexicon"])
    assert r.exit_code == 0, r.output


def test_kind_selects_documents_and_tables_outside_cells(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        cli, ["table", str(BASELINE), "--kind", "training"], env={"COLUMNS": "200"}
    )
    assert r.exit_code == 0, r.output
    assert "Documents outside the cells" in r.stdout
    assert "Training" in r.stdout and "Bindkracht10" in r.stdout
    r = CliRunner().invoke(
        cli, ["table", str(BASELINE), "--kind", "training", "--lang", "nl"], env={"COLUMNS": "200"}
    )
    assert "Documenten buiten de cellen" in r.stdout and "Opleiding" in r.stdout
    data = load_run(BASELINE)
    training = [d for d in data["documents"] if d["kind"] == "training"]
    outside = {(c["cell"], c["organisation"]): c["N"] for c in data["outside"]["columns"]}
    assert sum(n for (kind, _), n in outside.items() if kind == "training") == len(training)
    # compare by kind: the vacancies alone keep Figure 26's N
    result = compare_json(BASELINE, BASELINE, "--kind", "vacancy")
    assert [c["table"] for c in result["comparisons"]] == ["table"]
    assert column(result["comparisons"][0], "wijk", "Bindkracht10")["N"]["base"] == 5


def vacancies_only(tmp_path: Path) -> Path:
    """The baseline as a new measurement of its vacancies only."""
    data = json.loads((BASELINE / "run.json").read_text(encoding="utf-8"))
    vacancies = {
        d["document"] for d in data["documents"] if (d.get("kind") or "vacancy") == "vacancy"
    }
    data["documents"] = [d for d in data["documents"] if d["document"] in vacancies]
    data["hits"] = [h for h in data["hits"] if h["document"] in vacancies]
    new = tmp_path / "2026"
    new.mkdir()
    (new / "run.json").write_text(json.dumps(data), encoding="utf-8")
    return new


def test_compare_across_kinds_leaves_out_a_kind_only_one_run_holds(tmp_path: Path) -> None:
    new = vacancies_only(tmp_path)
    r = CliRunner().invoke(cli, ["compare", str(BASELINE), str(new), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines()[0] == (
        "Compared: documents of kind vacancy only (policy, training only in the baseline: "
        "left out, not counted as lost); choose with --kind"
    )
    assert "differs from its own saved table" in r.stderr  # R3: training sections count in lijn
    result = json.loads(r.stdout)
    for comparison in result["comparisons"]:
        for column in comparison["columns"]:
            assert column["lost"] == [] and column["gained"] == [], column
            assert all(v["change"] == 0 for v in column["counts"].values()), column
    r = CliRunner().invoke(cli, ["compare", str(BASELINE), str(new)], env={"COLUMNS": "200"})
    assert r.exit_code == 0 and "(-8)" not in r.stdout and "−" not in r.stdout


def test_terminal_compare_header_is_even_and_never_cuts_names(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["compare", str(BASELINE), str(BASELINE)], env={"COLUMNS": "70"})
    assert r.exit_code == 0, r.output
    assert "…" not in r.stdout and "Bindkracht10" in r.stdout
    header = [line for line in r.stdout.splitlines() if line.startswith("┃")][:3]
    assert [line.split("┃")[2].strip() for line in header] == ["Wijk", "Bindkracht10", "(N=5)"]


def test_compare_colours_a_change_only_where_n_is_the_same() -> None:
    from rich.console import Console

    from leaderscan.compare import Cell, ColumnChange, Comparison
    from leaderscan.render.terminal import comparison_table

    comp = Comparison(
        "table",
        [("Strateeg", "Strateeg")],
        [
            ColumnChange("wijk", "Talis", 5, 5, {"Strateeg": Cell(4, 6)}),
            ColumnChange("lijn", "Talis", 5, 2, {"Strateeg": Cell(4, 2)}),
        ],
        [],
    )
    console = Console(record=True, force_terminal=True, color_system="standard", width=120)
    console.print(comparison_table(comp))
    text = console.export_text(styles=True)
    assert "\x1b[32m4 → 6 (+2)" in text  # green: more, with the same N
    assert "4 → 2 (-2)" in text and "\x1b[31m4 → 2" not in text  # N fell 5 → 2: no red


def test_columns_without_a_manifest_put_wijk_before_lijn_in_table_report_and_compare(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    for cell in ("lijn", "zorg", "wijk", "Achterban"):
        make_txt(corpus / "Stad" / cell / "vacature.txt", "# Wie ben jij\nJe bent een netwerker.\n")
    out = tmp_path / "uit"
    r = CliRunner().invoke(cli, ["run", str(corpus), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    data = load_run(out)
    cells = [c["cell"] for c in data["table"]["columns"]]
    assert cells == ["wijk", "lijn", "Achterban", "zorg"]  # the thesis's, then alphabetical
    header = (out / "table.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    assert next(csv.reader([header], delimiter=delimiter))[1:] == [
        "Wijk Stad (N=1)",
        "Lijn Stad (N=1)",
        "Achterban Stad (N=1)",
        "Zorg Stad (N=1)",
    ]
    result = compare_json(out, out)
    assert [c["cell"] for c in result["comparisons"][0]["columns"]] == cells
    r = CliRunner().invoke(cli, ["report", str(out), "--compare", str(out)])
    assert r.exit_code == 0, r.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.index("Wijk") < html.index("Lijn") < html.index("Achterban")


def test_compare_across_kinds_says_what_it_left_out_in_markdown_report_and_json(
    tmp_path: Path,
) -> None:
    new = vacancies_only(tmp_path)
    left_out = (
        "Vergeleken: alleen documenten van de soort vacature (beleid, opleiding alleen in de "
        "basismeting: weggelaten, niet als verlies geteld); kies met --kind"
    )
    r = CliRunner().invoke(
        cli, ["compare", str(BASELINE), str(new), "--format", "md", "--lang", "nl"]
    )
    assert r.exit_code == 0, r.output
    assert f"> {left_out}." in r.stdout.splitlines()
    assert "De basismeting met alleen vacature wijkt af van haar eigen opgeslagen tabel" in r.stdout
    assert "Beleid" not in r.stdout and "(-" not in r.stdout  # an absent kind is no loss
    r = CliRunner().invoke(cli, ["report", str(new), "--compare", str(BASELINE), "--lang", "nl"])
    assert r.exit_code == 0, r.output
    assert left_out in (new / "report.html").read_text(encoding="utf-8")
    # the same notes in English, the kinds named in English
    left_out_en = (
        "Compared: documents of kind vacancy only (policy, training only in the baseline: "
        "left out, not counted as lost); choose with --kind"
    )
    r = CliRunner().invoke(
        cli, ["compare", str(BASELINE), str(new), "--format", "md", "--lang", "en"]
    )
    assert f"> {left_out_en}." in r.stdout.splitlines()
    assert "The baseline with vacancy only differs from its own saved table" in r.stdout
    assert "vacature" not in r.stdout and "alleen" not in r.stdout
    r = CliRunner().invoke(cli, ["report", str(new), "--compare", str(BASELINE)])
    assert left_out_en in (new / "report.html").read_text(encoding="utf-8")
    result = compare_json(BASELINE, new)
    assert result["kinds"]["only_base"] == ["policy", "training"]
    # a kind asked for that one run does not hold is left out too, never a loss
    result = compare_json(BASELINE, new, "--kind", "vacancy", "--kind", "policy")
    assert result["kinds"]["compared"] == ["vacancy"]
    assert result["kinds"]["only_base"] == ["policy"]
    assert [c["table"] for c in result["comparisons"]] == ["table"]
    r = CliRunner().invoke(cli, ["compare", str(BASELINE), str(new), "--kind", "policy"])
    assert r.exit_code == 2
    assert r.stderr == (
        "leaderscan: the two runs hold no documents of the same kind among policy; "
        "nothing to compare (see --kind)\n"
    )


@pytest.mark.parametrize("command", ["table", "compare"])
def test_narrow_terminal_prints_the_table_in_parts_and_never_cuts_names(command: str) -> None:
    args = [command, str(BASELINE)] + ([str(BASELINE)] if command == "compare" else [])
    r = CliRunner().invoke(cli, args, env={"COLUMNS": "50"})
    assert r.exit_code == 0, r.output
    assert "…" not in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 50
    headers = [line for line in r.stdout.splitlines() if line.startswith("┃")]
    names = {cell.strip() for line in headers for cell in line.split("┃")[1:-1]}
    # every column of Figure 26 whole (the fourth, Lijn Talis N=4, was cropped before)
    assert {"Wijk", "Lijn", "Bindkracht10", "Talis", "(N=5)", "(N=2)", "(N=3)", "(N=4)"} <= names
    assert "Orientations" in names
    assert all(f"│ {label} " in r.stdout for label in ("Ontwikkelaar", "Procesmanager"))


def test_the_extension_on_top_of_2021_shows_as_a_lexicon_change_never_as_text(
    tmp_path: Path,
) -> None:
    """A second measurement with the extension on top of the 2021 lexicon, compared with
    the 2021 baseline: on the same texts every change is the lexicon's, none the texts';
    the 2021 competences all stay, and the new ones are named as the lexicon's."""
    out = tmp_path / "2021-uitgebreid"
    runner = CliRunner()
    r = runner.invoke(
        cli,
        ["run", str(ROOT / "corpus"), "--out", str(out), "--model", "simplemma", "-q"]
        + ["--lexicon", "competences", "--lexicon", "uitbreiding", "--no-cache"],
    )
    assert r.exit_code == 0, r.output
    assert (
        "competences.yaml (default) + " in r.stdout and "uitbreiding.yaml (uitbreiding)" in r.stdout
    )
    saved = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [Path(f).name for f in saved["lexicon"]["files"]] == [
        "competences.yaml",
        "uitbreiding.yaml",
    ]
    r = runner.invoke(cli, ["compare", str(BASELINE), str(out), "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert rows and all(row["by_text"] == "0" for row in rows)
    assert sum(int(row["by_lexicon"]) for row in rows) > 0
    assert all(int(row["new"]) >= int(row["base"]) for row in rows)  # nothing of 2021 lost
    base = {(h["document"], h["competence_id"]) for h in load_run(BASELINE)["hits"]}
    both = {(h["document"], h["competence_id"]) for h in saved["hits"]}
    assert base <= both


def test_a_lexicon_named_twice_or_an_id_in_two_files_is_refused_in_one_line(
    tmp_path: Path,
) -> None:
    r = CliRunner().invoke(
        cli,
        ["run", str(ROOT / "corpus"), "--out", str(tmp_path / "o"), "-q"]
        + ["--lexicon", "competences", "--lexicon", str(DEFAULT_LEXICON)],
    )
    assert r.exit_code == 2
    assert "is also in" in r.stderr and "Traceback" not in r.output
    assert not (tmp_path / "o").exists()
