"""bench/agreement.py: two coders' agreement, scored as leaderscan is scored."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("agreement", ROOT / "bench" / "agreement.py")
assert spec is not None and spec.loader is not None
agreement = importlib.util.module_from_spec(spec)
spec.loader.exec_module(agreement)

HEADER = ["document", "organisation", "cell", "orientation", "competence_id", "competence"]


def write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for doc, orientation, cid in rows:
            w.writerow([doc, "Org", "wijk", orientation, cid, cid])
    return path


def test_overig_is_apart_and_f1_is_over_document_competence_pairs(tmp_path: Path, capsys) -> None:
    first = write(
        tmp_path / "a.csv",
        [("d1", "Verkenner", "netwerken"), ("d1", "Strateeg", "visie"), ("d2", "Overig", "x")],
    )
    second = write(
        tmp_path / "b.csv",
        [("d1", "Verkenner", "netwerken"), ("d2", "Strateeg", "visie"), ("d1", "Overig", "y")],
    )
    assert agreement.main([str(first), str(second)]) == 0
    out = capsys.readouterr().out
    # one pair of two agrees for each coder: P = R = F1 = 0.50
    assert "| document | all | 2 | 2 | 1 | 0.50 | 0.50 | 0.50 |" in out
    # both documents are in one organisation and cell: the cell level agrees fully
    assert "| cell | all | 2 | 2 | 2 | 1.00 | 1.00 | 1.00 |" in out


def test_kappa_is_one_for_identical_codings_and_below_for_disagreement() -> None:
    a = {("d1", "Verkenner", "netwerken"), ("d2", "Strateeg", "visie")}
    assert agreement.kappa(a, set(a), 100) == 1.0
    assert agreement.kappa(a, {("d1", "Verkenner", "netwerken")}, 100) < 1.0
