"""Consistency check of the test set, independent of leaderscan.

Checks that every gold row names an existing document and an existing lexicon entry
(id, label and orientation as in competences.yaml), that every quote occurs in its
document, that not_in_lexicon.csv names existing documents, and that the manifest
lists exactly the documents and organisation folders of the corpus.

    python bench/testset/check_gold.py
"""

import csv
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LEXICON = HERE.parents[1] / "competences.yaml"
HEADER = "document,organisation,cell,orientation,competence_id,competence,quote,section".split(",")


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def main() -> int:
    problems = []
    lex = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    entries = {c["id"]: c for c in lex["competences"]}
    texts = {
        p.relative_to(CORPUS).as_posix(): norm(p.read_text(encoding="utf-8"))
        for p in CORPUS.rglob("*.txt")
    }

    raw = (HERE / "gold.csv").read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append("gold.csv: no UTF-8 BOM")
    with open(HERE / "gold.csv", encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header != HEADER:
            problems.append(f"gold.csv: header {header}")
        seen, coded = set(), set()
        for line, row in enumerate(reader, start=2):
            r = dict(zip(header, row, strict=False))
            doc = r["document"]
            if doc not in texts:
                problems.append(f"gold.csv:{line}: no document {doc!r}")
                continue
            coded.add(doc)
            org, cell, _ = doc.split("/")
            if (r["organisation"], r["cell"]) != (org, cell):
                problems.append(f"gold.csv:{line}: organisation/cell do not match the path")
            cid = r["competence_id"]
            if not cid:
                if r["competence"] or r["orientation"]:
                    problems.append(f"gold.csv:{line}: label or orientation without an id")
                continue
            c = entries.get(cid)
            if c is None:
                problems.append(f"gold.csv:{line}: no competence id {cid!r} in the lexicon")
                continue
            if r["competence"] != c["label"]:
                problems.append(f"gold.csv:{line}: label {r['competence']!r} is not {c['label']!r}")
            if r["orientation"] != c["orientation"]:
                problems.append(
                    f"gold.csv:{line}: orientation {r['orientation']!r} is not {c['orientation']!r}"
                )
            if (doc, cid) in seen:
                problems.append(f"gold.csv:{line}: {cid} twice for {doc}")
            seen.add((doc, cid))
            if norm(r["quote"]) not in texts[doc]:
                problems.append(f"gold.csv:{line}: quote not found in {doc}")
        for doc in sorted(set(texts) - coded):
            problems.append(f"gold.csv: document not coded: {doc}")

    with open(HERE / "not_in_lexicon.csv", encoding="utf-8-sig", newline="") as f:
        for line, r in enumerate(csv.DictReader(f), start=2):
            if r["document"] not in texts:
                problems.append(f"not_in_lexicon.csv:{line}: no document {r['document']!r}")
            elif norm(r["quote"]) not in texts[r["document"]]:
                problems.append(f"not_in_lexicon.csv:{line}: quote not found")

    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    listed = [d["match"] for d in manifest["documents"]]
    if sorted(listed) != sorted(texts):
        problems.append(
            f"manifest.yaml: documents differ from the corpus: {sorted(set(listed) ^ set(texts))}"
        )
    folders = sorted({d.split("/")[0] for d in texts})
    if sorted(manifest["organisations"]) != folders:
        problems.append("manifest.yaml: organisations differ from the folders")
    if manifest["cells"] != ["wijk", "lijn"]:
        problems.append("manifest.yaml: cells should be [wijk, lijn]")

    for doc, text in sorted(texts.items()):
        n = len(text.split())
        if not 250 <= n <= 600:
            problems.append(f"{doc}: {n} words")

    for p in problems:
        print(p)
    print(
        f"{len(texts)} documents, {len(seen)} coded competences: {'OK' if not problems else f'{len(problems)} problems'}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
