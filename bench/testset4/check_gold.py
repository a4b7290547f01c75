"""Consistency check for bench/testset4 (plain Python, does not use leaderscan).

Checks that every gold document exists, that every competence id/label/orientation
exists in competences.yaml, and that every quote occurs in its text (whitespace
normalised). Also checks the quotes in not_in_lexicon.csv.
"""

import csv
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LEX = yaml.safe_load(open(HERE.parents[1] / "competences.yaml", encoding="utf-8"))
ENTRIES = {c["id"]: (c["label"], c["orientation"]) for c in LEX["competences"]}


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


errors, seen = [], set()


def text(doc):
    p = CORPUS / doc
    if not p.is_file():
        errors.append(f"missing document: {doc}")
        return None
    return norm(p.read_text(encoding="utf-8"))


for i, r in enumerate(csv.DictReader(open(HERE / "gold.csv", encoding="utf-8-sig")), 2):
    t = text(r["document"])
    e = ENTRIES.get(r["competence_id"])
    if e is None:
        errors.append(f"gold line {i}: unknown id {r['competence_id']}")
    elif (r["competence"], r["orientation"]) != e:
        errors.append(f"gold line {i}: label/orientation mismatch for {r['competence_id']}")
    if t is not None and norm(r["quote"]) not in t:
        errors.append(f"gold line {i}: quote not in text: {r['quote']!r}")
    key = (r["document"], r["competence_id"])
    if key in seen:
        errors.append(f"gold line {i}: duplicate {key}")
    seen.add(key)

for i, r in enumerate(csv.DictReader(open(HERE / "not_in_lexicon.csv", encoding="utf-8-sig")), 2):
    t = text(r["document"])
    if t is not None and norm(r["quote"]) not in t:
        errors.append(f"not_in_lexicon line {i}: quote not in text: {r['quote']!r}")

docs = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.txt"))
uncoded = [d for d in docs if d not in {k[0] for k in seen}]
errors += [f"document without gold rows: {d}" for d in uncoded]

print(f"{len(docs)} documents, {len(seen)} gold rows")
for e in errors:
    print("ERROR", e)
sys.exit(1 if errors else 0)
