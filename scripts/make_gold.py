"""Write docs/gold/boon-2021.csv: the hand coding of Appendices 7 and 8 as a gold file.

Derived from the thesis's facts (tests/data/inventory.yaml, with the readings of
tests/data/readings.yaml) and the corpus manifest (which file is which document,
and which sections of policy documents belong to a cell). Not from any run.

A document is positive for a competence when the thesis cites it as a source of
that competence and the document is in one of the cells the thesis tags the
competence with; a cited section of a document outside the cells (manifest
``sections``) counts only for a cell no document in that cell accounts for (R3). Competences outside the four
orientations ("Overige competenties") are not scored and not listed.

    python scripts/make_gold.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = ROOT / "docs" / "gold" / "boon-2021.csv"
ORIENTATIONS = ("Strateeg", "Verkenner", "Ontwikkelaar", "Procesmanager")


def pages(cited: str) -> set[int] | None:
    cited = str(cited).replace("Slide", "").strip()
    return {int(p) for p in cited.split("/")} if cited else None


def main(out: Path = OUT) -> Path:
    inventory = yaml.safe_load((DATA / "inventory.yaml").read_text(encoding="utf-8"))
    readings = yaml.safe_load((DATA / "readings.yaml").read_text(encoding="utf-8"))
    manifest = yaml.safe_load((ROOT / "corpus" / "manifest.yaml").read_text(encoding="utf-8"))
    docs = {}
    for entry in manifest["documents"]:
        path = entry["match"]
        parts = path.split("/")
        cell = entry["cell"] if "cell" in entry else (parts[1] if len(parts) >= 3 else None)
        docs[entry["title"]] = {
            "document": path,
            "organisation": parts[0],
            "cell": cell,
            "sections": entry.get("sections", []),
        }
    renamed = readings["renamed_documents"]
    added: dict[tuple[str, str], list[list[str]]] = {}
    for a in readings["added_sources"]:
        added.setdefault((a["organisation"], a["competence"]), []).append(
            [a["document"], a["page"]]
        )
    rows = set()
    for org, orientations in inventory["inventory"].items():
        for orientation, items in orientations.items():
            if orientation not in ORIENTATIONS:
                continue
            for item in items:
                cells = set(item["cells"])
                sources = [
                    (docs[renamed.get(t, t)], c)
                    for t, c in item["sources"] + added.get((org, item["competence"]), [])
                ]
                for doc, _ in sources:
                    if doc["cell"] in cells:
                        rows.add(
                            (doc["document"], org, doc["cell"], orientation, item["competence"])
                        )
                # R3: a section of a document outside the cells counts for a cell only when
                # no document in that cell carries the item ("the other items on that same
                # page are untagged")
                covered = {doc["cell"] for doc, _ in sources if doc["cell"] in cells}
                for doc, cited in sources:
                    for sec in doc["sections"] if doc["cell"] is None else []:
                        want = pages(cited)
                        if sec["cell"] in cells - covered and (
                            sec.get("page") is None or not want or sec["page"] in want
                        ):
                            rows.add(
                                (doc["document"], org, sec["cell"], orientation, item["competence"])
                            )
    coded = {r[0] for r in rows}
    for d in docs.values():
        if d["document"] not in coded:
            rows.add((d["document"], d["organisation"], d["cell"] or "", "", ""))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["document", "organisation", "cell", "orientation", "competence"])
        w.writerows(sorted(rows))
    print(f"{out}: {len(rows)} rows, {len(coded)} documents with competences, {len(docs)} coded")
    return out


if __name__ == "__main__":
    main()
