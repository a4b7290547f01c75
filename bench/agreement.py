"""How far two human coders of one test set agree (plain Python, no leaderscan).

    python bench/agreement.py bench/testset9/gold.csv bench/testset9/gold-second-coder.csv

Both files are gold files as ``bench/check_gold.py`` reads them. The second is scored
against the first as leaderscan is (docs/accuracy.md): micro precision, recall and F1
over document × competence pairs of the scored orientations (Overig apart), per
orientation, and the same over organisation × cell × competence (what Figure 26 counts);
Cohen's kappa over every document × scored competence decision. F1 is symmetric: which
coder comes first changes only P and R. This is the ceiling a tool measured against one
coder can be expected to reach.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LEXICON = ROOT / "src" / "leaderscan" / "lexicons" / "competences.yaml"

Pair = tuple[str, str, str]  # (unit, orientation, competence id)


def scored_orientations(lexicon: Path) -> set[str]:
    data = yaml.safe_load(lexicon.read_text(encoding="utf-8"))
    return {o["name"] for o in data["orientations"] if o.get("scored", True)}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def pairs(rows: Iterable[dict[str, str]], scored: set[str], unit: str) -> set[Pair]:
    """The coded pairs of the scored orientations; ``unit`` "document" or "cell"."""
    out: set[Pair] = set()
    for r in rows:
        if r["orientation"] not in scored:
            continue
        key = r["document"] if unit == "document" else f"{r['organisation']} {r['cell']}"
        out.add((key, r["orientation"], r["competence_id"]))
    return out


def prf(first: set[Pair], second: set[Pair]) -> tuple[float, float, float]:
    both = len(first & second)
    p = both / len(second) if second else 1.0
    r = both / len(first) if first else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def kappa(first: set[Pair], second: set[Pair], decisions: int) -> float:
    both = len(first & second)
    only = len(first ^ second)
    neither = decisions - both - only
    observed = (both + neither) / decisions
    yes1, yes2 = len(first) / decisions, len(second) / decisions
    expected = yes1 * yes2 + (1 - yes1) * (1 - yes2)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("first", type=Path, help="gold file of the first coder")
    ap.add_argument("second", type=Path, help="gold file of the second coder")
    ap.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    args = ap.parse_args(argv)
    scored = scored_orientations(args.lexicon)
    competences = yaml.safe_load(args.lexicon.read_text(encoding="utf-8"))["competences"]
    n_scored = sum(1 for c in competences if c["orientation"] in scored)
    rows1, rows2 = read_rows(args.first), read_rows(args.second)
    documents = {r["document"] for r in rows1} | {r["document"] for r in rows2}
    print(f"{args.second} against {args.first}: {len(documents)} documents")
    print("| unit | orientation | first | second | both | P | R | F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for unit in ("document", "cell"):
        a, b = pairs(rows1, scored, unit), pairs(rows2, scored, unit)
        for orientation in [*sorted(scored), "all"]:
            oa = {x for x in a if orientation in ("all", x[1])}
            ob = {x for x in b if orientation in ("all", x[1])}
            p, r, f = prf(oa, ob)
            print(
                f"| {unit} | {orientation} | {len(oa)} | {len(ob)} | {len(oa & ob)} "
                f"| {p:.2f} | {r:.2f} | {f:.2f} |"
            )
    a, b = pairs(rows1, scored, "document"), pairs(rows2, scored, "document")
    print(
        f"Cohen's kappa over {len(documents)} × {n_scored} decisions: "
        f"{kappa(a, b, len(documents) * n_scored):.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
