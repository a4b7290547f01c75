#!/usr/bin/env python3
"""Consistency check for bench/testset3 (plain Python, does not use leaderscan).

Checks that
  * every gold / not_in_lexicon document exists under corpus/ and is listed in corpus/manifest.yaml,
  * every competence_id exists in competences.yaml with the same label and orientation,
  * every quote occurs verbatim in its document,
  * no document x competence pair is listed twice,
and prints counts per document, cell and orientation.
"""

import csv
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def main():
    errors = []
    raw = (HERE / "gold.csv").read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        errors.append("gold.csv does not start with a UTF-8 BOM")
    lex = {
        c["id"]: c
        for c in yaml.safe_load(open(ROOT / "competences.yaml", encoding="utf-8"))["competences"]
    }
    manifest = yaml.safe_load(open(CORPUS / "manifest.yaml", encoding="utf-8"))
    listed = {d["match"] for d in manifest["documents"]}
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*/*.txt")}
    if listed != on_disk:
        errors.append(
            f"manifest/disk mismatch: only in manifest {sorted(listed - on_disk)}, only on disk {sorted(on_disk - listed)}"
        )
    for d in on_disk:
        org, cell, _ = d.split("/")
        if cell not in manifest["cells"]:
            errors.append(f"{d}: cell {cell} not in manifest cells")
        if org not in manifest["organisations"]:
            errors.append(f"{d}: organisation {org} not in manifest organisations")

    gold = read_csv(HERE / "gold.csv")
    expected = [
        "document",
        "organisation",
        "cell",
        "orientation",
        "competence_id",
        "competence",
        "quote",
        "section",
    ]
    if list(gold[0].keys()) != expected:
        errors.append(f"gold.csv header {list(gold[0].keys())} != {expected}")
    texts = {}
    seen = set()
    for i, r in enumerate(gold, start=2):
        doc = r["document"]
        p = CORPUS / doc
        if not p.is_file():
            errors.append(f"gold line {i}: document {doc} missing")
            continue
        text = texts.setdefault(doc, p.read_text(encoding="utf-8"))
        org, cell, _ = doc.split("/")
        if (r["organisation"], r["cell"]) != (org, cell):
            errors.append(f"gold line {i}: organisation/cell do not match path {doc}")
        c = lex.get(r["competence_id"])
        if c is None:
            errors.append(f"gold line {i}: unknown competence_id {r['competence_id']}")
        else:
            if c["label"] != r["competence"]:
                errors.append(f"gold line {i}: label {r['competence']!r} != {c['label']!r}")
            if c["orientation"] != r["orientation"]:
                errors.append(
                    f"gold line {i}: orientation {r['orientation']!r} != {c['orientation']!r}"
                )
        if r["quote"] not in text:
            errors.append(f"gold line {i}: quote not in {doc}: {r['quote']!r}")
        key = (doc, r["competence_id"])
        if key in seen:
            errors.append(f"gold line {i}: duplicate {key}")
        seen.add(key)

    nil = read_csv(HERE / "not_in_lexicon.csv")
    for i, r in enumerate(nil, start=2):
        p = CORPUS / r["document"]
        if not p.is_file():
            errors.append(f"not_in_lexicon line {i}: document {r['document']} missing")
        elif r["quote"] not in p.read_text(encoding="utf-8"):
            errors.append(f"not_in_lexicon line {i}: quote not in {r['document']}: {r['quote']!r}")

    per_doc = Counter(r["document"] for r in gold)
    for d in sorted(on_disk):
        if d not in per_doc:
            errors.append(f"{d}: no gold rows")
    per_cell = Counter(r["cell"] for r in gold)
    per_or = Counter(r["orientation"] for r in gold)
    per_cell_or = Counter((r["cell"], r["orientation"]) for r in gold)
    print(f"documents: {len(on_disk)}  gold rows: {len(gold)}  not_in_lexicon rows: {len(nil)}")
    for d in sorted(per_doc):
        print(f"  {per_doc[d]:3d}  {d}")
    print("per cell:", dict(per_cell))
    print("per orientation:", dict(per_or))
    for cell in manifest["cells"]:
        print(
            f"  {cell}:",
            {
                o: per_cell_or[(cell, o)]
                for o in ["Strateeg", "Verkenner", "Ontwikkelaar", "Procesmanager", "Overig"]
            },
        )
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
