"""Validation against hand coding (evaluate) and review sheets (review)."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from leaderscan.cli import cli
from leaderscan.export import write_outputs
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import DEFAULT_LEXICON, parse_lexicon
from leaderscan.scan import measure
from tests.conftest import ROOT, patterns_of, set_patterns

BASELINE = ROOT / "out" / "baseline-2021"
GOLD = ROOT / "docs" / "gold" / "boon-2021.csv"


def evaluate_json(run: Path, gold: Path) -> list[dict]:
    r = CliRunner().invoke(cli, ["evaluate", str(run), str(gold), "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def gold_rows() -> list[dict]:
    with GOLD.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_shipped_gold_is_derived_from_the_thesis(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_gold", ROOT / "scripts" / "make_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.main(tmp_path / "gold.csv")
    assert fresh.read_bytes() == GOLD.read_bytes(), "run scripts/make_gold.py"
    rows = gold_rows()
    # 23 documents coded; the organisation x cell decisions are Figure 26's 77 competences
    assert len({r["document"] for r in rows}) == 23
    assert (
        len(
            {
                (r["organisation"], r["cell"], r["competence"], r["orientation"])
                for r in rows
                if r["competence"]
            }
        )
        == 77
    )


def test_corpus_agrees_with_the_appendix_gold() -> None:
    doc, cell = evaluate_json(BASELINE, GOLD)
    assert doc["level"] == "document" and cell["level"] == "organisatie × cel"
    for level in (doc, cell):
        assert level["overall"]["f1"] == 1.0 and level["overall"]["kappa"] == 1.0
        assert all(o["f1"] == 1.0 for o in level["per_orientation"].values())
        assert level["disagreements"] == []
    assert cell["overall"]["tp"] == 77
    text = CliRunner().invoke(cli, ["evaluate", str(BASELINE), str(GOLD)]).stdout
    assert "Total" in text and "1.00" in text and "No disagreements." in text
    assert "Agreement with the gold, per organisation × cell" in text
    nl = CliRunner().invoke(cli, ["evaluate", str(BASELINE), str(GOLD), "--lang", "nl"]).stdout
    assert "Totaal" in nl and "Geen verschillen." in nl
    assert "Overeenstemming met de gold, per organisatie × cel" in nl


def test_a_broken_lexicon_shows_the_expected_drop(tmp_path: Path, pipeline: Pipeline) -> None:
    """Visie no longer matches (recall drops by exactly its gold rows); 'bent' is made a
    Communicatief pattern (false positives, Verkenner precision drops); the others stay 1.00."""
    text = (DEFAULT_LEXICON).read_text(encoding="utf-8")
    text = set_patterns(text, "visie", ["xyzvisie"])
    text = set_patterns(text, "communicatief", ["bent", *patterns_of(text, "communicatief")])
    lexicon = parse_lexicon(tmp_path / "competences.yaml", text)
    write_outputs(measure(ROOT / "corpus", lexicon, pipeline), tmp_path / "broken")
    doc, cell = evaluate_json(tmp_path / "broken", GOLD)
    visie = sum(1 for r in gold_rows() if r["competence"] == "Visie")
    total = sum(1 for r in gold_rows() if r["competence"])
    assert visie >= 1
    assert doc["per_orientation"]["Strateeg"]["fn"] == visie
    assert doc["per_orientation"]["Strateeg"]["fp"] == 0
    assert doc["overall"]["fn"] == visie
    assert doc["overall"]["recall"] == round((total - visie) / total, 4)
    assert doc["per_orientation"]["Verkenner"]["fp"] > 0
    assert doc["per_orientation"]["Verkenner"]["precision"] < 1.0
    assert doc["overall"]["kappa"] < 1.0 and doc["overall"]["f1"] < 1.0
    for o in ("Ontwikkelaar", "Procesmanager"):
        assert doc["per_orientation"][o]["f1"] == 1.0
    kinds = {(d["kind"], d["competence"]) for d in doc["disagreements"]}
    assert ("alleen gold", "Visie") in kinds and ("alleen leaderscan", "Communicatief") in kinds
    fp = next(d for d in doc["disagreements"] if d["kind"] == "alleen leaderscan")
    assert fp["evidence"]  # the sentence that made the false positive
    assert cell["overall"]["f1"] < 1.0


def test_gold_problems_are_reported_with_their_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text(
        "document;organisation;cell;orientation;competence\n"
        "Talis/wijk/Vacaturetekst wijkbeheerder.pdf;Talis;wijk;Verkenner;Sociaal\n"
        "Talis/wijk/bestaat-niet.pdf;Talis;wijk;Verkenner;Sociaal\n"
        "Talis/wijk/Vacaturetekst wijkbeheerder.pdf;Talis;wijk;Verkenner;Zweven\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(cli, ["evaluate", str(BASELINE), str(gold)])
    assert r.exit_code == 2
    assert f"{gold}:3: no document 'Talis/wijk/bestaat-niet.pdf' in the run" in r.stderr
    assert f"{gold}:4: no competence 'Zweven' of Verkenner in the run's lexicon" in r.stderr
    assert "Traceback" not in r.output


def test_review_sheet_roundtrip_csv(tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    r = CliRunner().invoke(cli, ["review", str(BASELINE), "--out", str(sheet), "--delimiter", ";"])
    assert r.exit_code == 0, r.output
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    data = json.loads((BASELINE / "run.json").read_text(encoding="utf-8"))
    assert len(rows) == sum(1 for h in data["hits"] if h["scored"])
    assert all(r["correct"] == "" for r in rows)
    # the reviewer: Sociaal is wrong twice, one row left open, the rest right
    sociaal = [r for r in rows if r["competence_id"] == "sociaal"]
    assert len(sociaal) >= 2
    for r in rows:
        r["correct"] = "yes"
    sociaal[0]["correct"] = sociaal[1]["correct"] = "no"
    rows[-1]["correct"] = ""
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        w.writeheader()
        w.writerows(rows)
    r = CliRunner().invoke(cli, ["evaluate", str(BASELINE), str(sheet), "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["open"] == 1
    assert out["overall"]["fp"] == 2 and out["overall"]["tp"] == len(rows) - 3
    label = sociaal[0]["competence"]
    s = out["per_competence"][label]
    assert s["fp"] == 2 and s["precision"] == round(s["tp"] / (s["tp"] + 2), 4)


def test_review_sheet_xlsx_and_bad_answers(tmp_path: Path) -> None:
    sheet = tmp_path / "review.xlsx"
    # a Dutch reviewer's sheet
    args = ["review", str(BASELINE), "--out", str(sheet), "--lang", "nl"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    wb = load_workbook(sheet)
    ws = wb.active
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    col = header.index("klopt") + 1
    assert ws.data_validations.dataValidation[0].formula1 == '"ja,nee"'
    ws.cell(row=2, column=col, value="ja")
    ws.cell(row=3, column=col, value="misschien")
    wb.save(sheet)
    r = CliRunner().invoke(cli, ["evaluate", str(BASELINE), str(sheet), "--lang", "nl"])
    assert r.exit_code == 2
    assert f"{sheet}:3: 'misschien' in kolom klopt: schrijf ja of nee" in r.stderr
    r = CliRunner().invoke(cli, ["evaluate", str(BASELINE), str(sheet), "--lang", "en"])
    assert f"{sheet}:3: 'misschien' in column klopt: write yes or no" in r.stderr
