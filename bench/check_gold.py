"""Check a hand-coded test set against itself and the lexicon (plain Python, no leaderscan).

    python bench/check_gold.py bench/testset4 [--lexicon competences.yaml]

A test set is a folder with ``corpus/<Organisation>/<cell>/*.txt`` (and
``corpus/manifest.yaml``), ``gold.csv`` (``document,organisation,cell,orientation,
competence_id,competence,quote,section``) and ``not_in_lexicon.csv``. The check says,
one line each, where

- a document of gold.csv or not_in_lexicon.csv is not in corpus/, or corpus/ and the
  manifest list other files;
- a competence's id, label or orientation is not the lexicon's;
- a quote does not occur in its text (spaces and case aside);
- a document × competence pair is coded twice;

and prints the counts per cell and orientation. Exit status 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LEXICON = ROOT / "src" / "leaderscan" / "lexicons" / "competences.yaml"
COLUMNS = [
    "document",
    "organisation",
    "cell",
    "orientation",
    "competence_id",
    "competence",
    "quote",
    "section",
]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def check(
    folder: Path, lexicon: Path, name: str = "gold.csv"
) -> tuple[list[str], Counter[tuple[str, str]]]:
    """The problems of the gold file ``name`` in ``folder`` (and of its not_in_lexicon.csv
    with the default name), and its coded rows per cell and orientation."""
    corpus = folder / "corpus"
    entries = {
        c["id"]: c for c in yaml.safe_load(lexicon.read_text(encoding="utf-8"))["competences"]
    }
    problems: list[str] = []
    on_disk = {p.relative_to(corpus).as_posix() for p in corpus.glob("*/*/*.txt")}
    manifest = corpus / "manifest.yaml"
    if manifest.is_file():
        listed = {d["match"] for d in yaml.safe_load(manifest.read_text("utf-8"))["documents"]}
        for doc in sorted(listed ^ on_disk):
            where = "the manifest" if doc in listed else "corpus/"
            problems.append(f"{doc}: only in {where}")
    gold = read_csv(folder / name)
    if gold and list(gold[0]) != COLUMNS:
        problems.append(f"{name}: columns {list(gold[0])}, expected {COLUMNS}")
    seen: set[tuple[str, str]] = set()
    counts: Counter[tuple[str, str]] = Counter()
    for line, row in enumerate(gold, start=2):
        doc, cid = row["document"], row["competence_id"]
        if doc not in on_disk:
            problems.append(f"{name}:{line}: no document {doc}")
            continue
        if not cid:
            continue  # a document that asks for none of the competences
        entry = entries.get(cid)
        if entry is None:
            problems.append(f"{name}:{line}: no competence '{cid}' in the lexicon")
        elif (entry["label"], entry["orientation"]) != (row["competence"], row["orientation"]):
            problems.append(f"{name}:{line}: label or orientation of '{cid}' differ")
        if (doc, cid) in seen:
            problems.append(f"{name}:{line}: {doc} × {cid} coded twice")
        seen.add((doc, cid))
        if plain(row["quote"]) not in plain((corpus / doc).read_text(encoding="utf-8")):
            problems.append(f"{name}:{line}: the quote is not in {doc}")
        counts[(row["cell"], row["orientation"])] += 1
    extra = folder / "not_in_lexicon.csv"
    rows = read_csv(extra) if extra.is_file() and name == "gold.csv" else []
    for line, row in enumerate(rows, start=2):
        if row["document"] not in on_disk:
            problems.append(f"not_in_lexicon.csv:{line}: no document {row['document']}")
    return problems, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="the test set, e.g. bench/testset4")
    ap.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    ap.add_argument("--gold", default="gold.csv", help="another coding in the folder")
    a = ap.parse_args()
    if not (a.folder / a.gold).is_file() or not (a.folder / "corpus").is_dir():
        print(f"{a.folder}: no {a.gold} or corpus/ there; give the folder of a test set")
        sys.exit(2)
    problems, counts = check(a.folder, a.lexicon, a.gold)
    for p in problems:
        print(f"{a.folder}/{p}")
    for (cell, orientation), n in sorted(counts.items()):
        print(f"{cell:5} {orientation:14} {n}")
    print(f"{sum(counts.values())} coded rows, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
