"""Validate a run against hand coding: precision, recall, F1, Cohen's kappa.

A gold file is CSV (UTF-8, ``,`` or ``;``), one row per document × competence
that a human coder says the document asks for::

    document,organisation,cell,orientation,competence
    Talis/lijn/Vacature adviseur inkoop.pdf,Talis,lijn,Verkenner,Verbindend

``document`` is the path in the corpus (or the title from the manifest);
``competence`` the label as the coder wrote it (matched to the run's lexicon by
label and orientation, per organisation) or, in a column ``competence_id``, the
lexicon's id. A document that was coded and asks for nothing gets one row with
an empty competence. The documents in the gold file are the ones evaluated.

Decisions are document × competence (every scored competence of the lexicon for
every gold document): precision, recall and F1 per orientation and overall, and
Cohen's kappa over all decisions. The same is done per organisation × cell,
which is what Figure 26 counts.

A review sheet (``leaderscan review``) is the other way round: one row per
scored hit, with a column ``correct`` (in Dutch ``klopt``) the reviewer fills in with
yes or no (ja or nee); ``evaluate`` then reports the precision per competence.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import LeaderscanError
from .i18n import N_, _
from .saved import Measurement

# the column the reviewer fills in, named in the language of the sheet; either name is read
REVIEW_COLUMN = N_("correct")
REVIEW_NAMES = ("correct", "klopt")
REVIEW_COLUMNS = [
    "nr",
    "organisation",
    "cell",
    "document",
    "page",
    "orientation",
    "competence_id",
    "competence",
    "match",
    "context",
    REVIEW_COLUMN,
]
YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x", "goed", "correct"}
NO = {"nee", "n", "no", "0", "false", "onwaar", "fout"}


def review_column() -> str:
    """The name of the review column in the language in use: correct / klopt."""
    return _(REVIEW_COLUMN)


def review_header() -> list[str]:
    """The header of a review sheet, its last column named in the language in use."""
    return [*REVIEW_COLUMNS[:-1], review_column()]


def review_answers() -> tuple[str, str]:
    """The two answers of a review sheet in the language in use: yes, no / ja, nee."""
    return _("yes"), _("no")


# the level of an evaluation and what its table is called
LEVEL_TITLES = {
    "document": N_("Agreement with the gold, per document"),
    "organisatie × cel": N_("Agreement with the gold, per organisation × cell"),
}
# a disagreement as the JSON output keeps it, and what it is called
DISAGREEMENT_KINDS = {"alleen leaderscan": N_("only leaderscan"), "alleen gold": N_("only gold")}


class GoldError(LeaderscanError):
    """A gold file or review sheet cannot be used as it is."""


Decision = tuple[str, str]  # (document, competence id)


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kappa(self) -> float:
        """Cohen's kappa of the two coders (gold and run) over these decisions."""
        n = self.tp + self.fp + self.fn + self.tn
        if not n:
            return 1.0
        observed = (self.tp + self.tn) / n
        yes = ((self.tp + self.fn) / n) * ((self.tp + self.fp) / n)
        no = ((self.fp + self.tn) / n) * ((self.fn + self.tn) / n)
        expected = yes + no
        return 1.0 if expected == 1 else (observed - expected) / (1 - expected)

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "kappa": round(self.kappa, 4),
        }


@dataclass(frozen=True)
class Disagreement:
    kind: str  # "alleen leaderscan" (false positive) or "alleen gold" (false negative)
    document: str
    organisation: str
    orientation: str
    competence: str
    evidence: str = ""  # the sentence, for a false positive


@dataclass
class Evaluation:
    level: str  # "document" or "organisation × cell"
    per_orientation: dict[str, Scores]
    overall: Scores
    disagreements: list[Disagreement] = field(default_factory=list)


@dataclass
class Review:
    per_competence: dict[str, Scores]  # label -> tp (ja) and fp (nee)
    overall: Scores
    open: int  # rows not filled in


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line, row) of a CSV (',' or ';', with or without BOM) or XLSX file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise GoldError(
                _("{path}: not a readable Excel file ({error})").format(path=path, error=exc)
            ) from None
        ws = wb.worksheets[0]
        rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
        wb.close()
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldError(
                _("{path}: cannot read it ({error})").format(path=path, error=exc)
            ) from None
        sample = text.splitlines()[0] if text else ""
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    if not rows:
        raise GoldError(_("{path}: is empty; it needs a header row").format(path=path))
    header = [h.strip().lower() for h in rows[0]]
    body = [
        (i, dict(zip(header, (v.strip() for v in r), strict=False)))
        for i, r in enumerate(rows[1:], start=2)
        if any(v.strip() for v in r)
    ]
    return header, body


def is_review_sheet(header: list[str]) -> bool:
    return any(name in header for name in REVIEW_NAMES)


def _competence_index(m: Measurement) -> dict[tuple[str, str, str], str]:
    """(organisation or '', orientation, label lower) -> id, from the run's lexicon."""
    index: dict[tuple[str, str, str], str] = {}
    labels = {o["name"]: o["name"] for o in m.data["orientations"]}
    labels.update({o["label"]: o["name"] for o in m.data["orientations"]})
    for c in m.data.get("competences", []):
        index[("", c["orientation"], c["label"].lower())] = c["id"]
        for org, label in (c.get("labels") or {}).items():
            index[(org, c["orientation"], label.lower())] = c["id"]
    return index


def read_gold(
    path: Path, m: Measurement
) -> tuple[set[str], set[Decision], dict[str, tuple[str, str]]]:
    """Gold documents, positive decisions, and each gold document's (organisation, cell)."""
    header, rows = read_table(path)
    missing = (
        {"document", "competence"} - set(header)
        if "competence_id" not in header
        else {"document"} - set(header)
    )
    if missing:
        raise GoldError(
            _(
                "{path}: needs the columns document and competence (or competence_id); "
                "missing: {missing}"
            ).format(path=path, missing=", ".join(sorted(missing)))
        )
    by_path = {d["document"]: d for d in m.documents}
    by_title = {(d.get("title") or ""): d for d in m.documents}
    index = _competence_index(m)
    orientation_names = {o["label"]: o["name"] for o in m.data["orientations"]}
    ids = {c["id"] for c in m.data.get("competences", [])}
    documents: set[str] = set()
    positives: set[Decision] = set()
    where: dict[str, tuple[str, str]] = {}
    problems = []
    for line, row in rows:
        doc = by_path.get(row.get("document", "")) or by_title.get(row.get("document", ""))
        if doc is None:
            problems.append(
                _("{path}:{line}: no document '{document}' in the run").format(
                    path=path, line=line, document=row.get("document")
                )
            )
            continue
        documents.add(doc["document"])
        where[doc["document"]] = (
            doc.get("organisation") or "",
            row.get("cell") or doc.get("cell") or "",
        )
        cid = row.get("competence_id", "")
        label = row.get("competence", "")
        if not cid and not label:
            continue  # coded, nothing asked
        if not cid:
            orientation = orientation_names.get(
                row.get("orientation", ""), row.get("orientation", "")
            )
            org = doc.get("organisation") or ""
            cid = index.get((org, orientation, label.lower())) or index.get(
                ("", orientation, label.lower()), ""
            )
            if not cid:
                problems.append(
                    _(
                        "{path}:{line}: no competence '{label}' of {orientation} in the run's lexicon"
                    ).format(path=path, line=line, label=label, orientation=orientation or "?")
                )
                continue
        elif cid not in ids:
            problems.append(
                _("{path}:{line}: no competence id '{id}' in the run's lexicon").format(
                    path=path, line=line, id=cid
                )
            )
            continue
        positives.add((doc["document"], cid))
    if problems:
        raise GoldError("\n".join(problems))
    return documents, positives, where


def evaluate(m: Measurement, gold: Path) -> list[Evaluation]:
    """Document-level and organisation × cell-level agreement of the run with the gold file."""
    documents, gold_pos, where = read_gold(gold, m)
    comps = {c["id"]: c for c in m.data.get("competences", [])}
    scored_orientations = [o["name"] for o in m.data["orientations"] if o.get("scored", True)]
    labels = {o["name"]: o["label"] for o in m.data["orientations"]}
    competences = [cid for cid, c in comps.items() if c["orientation"] in scored_orientations]
    titles = {d["document"]: d.get("title") or d["document"] for d in m.documents}
    organisation = {d["document"]: d.get("organisation") or "" for d in m.documents}
    predicted: set[Decision] = set()
    evidence: dict[Decision, str] = {}
    for h in m.hits:
        if h.scored and h.document in documents:
            predicted.add((h.document, h.competence_id))
            evidence.setdefault((h.document, h.competence_id), h.context)

    def run_level(
        universe: Iterable[tuple[str, str]], gold_set: set[Any], pred_set: set[Any], level: str
    ) -> Evaluation:
        per = {o: Scores() for o in scored_orientations}
        overall = Scores()
        dis = []
        for unit, cid in universe:
            o = comps[cid]["orientation"]
            g, p = (unit, cid) in gold_set, (unit, cid) in pred_set
            per[o].add(g, p)
            overall.add(g, p)
            if g != p:
                doc_name = titles.get(unit, unit)
                dis.append(
                    Disagreement(
                        "alleen leaderscan" if p else "alleen gold",
                        doc_name,
                        organisation.get(unit, unit.split(" × ")[0]),
                        labels.get(o, o),
                        comps[cid]["label"],
                        evidence.get((unit, cid), "") if level == "document" else "",
                    )
                )
        return Evaluation(level, {labels[o]: s for o, s in per.items()}, overall, dis)

    doc_level = run_level(
        ((d, cid) for d in sorted(documents) for cid in competences),
        gold_pos,
        predicted,
        "document",
    )

    # organisation × cell: what Figure 26 counts
    def column(d: str) -> str:
        org, cell = where[d]
        return f"{org} × {cell}" if cell else ""

    gold_cells = {(column(d), cid) for d, cid in gold_pos if column(d)}
    pred_cells = {
        (f"{h.organisation or ''} × {h.cell}", h.competence_id)
        for h in m.hits
        if h.scored and h.cell and h.document in documents
    }
    units = sorted({column(d) for d in documents if column(d)} | {u for u, _cid in pred_cells})
    cell_level = run_level(
        ((u, cid) for u in units for cid in competences),
        gold_cells,
        pred_cells,
        "organisatie × cel",
    )
    return [doc_level, cell_level]


def review_rows(m: Measurement) -> list[list[Any]]:
    hits = sorted(
        (h for h in m.hits if h.scored),
        key=lambda h: (h.organisation or "", h.cell or "", h.document, h.page, h.competence_id),
    )
    return [
        [
            i,
            h.organisation,
            h.cell,
            h.document,
            h.page,
            h.orientation,
            h.competence_id,
            h.competence,
            h.match,
            h.context,
            "",
        ]
        for i, h in enumerate(hits, start=1)
    ]


def read_review(path: Path) -> Review:
    header, rows = read_table(path)
    if not is_review_sheet(header):
        raise GoldError(
            _("{path}: not a review sheet (no column '{column}')").format(
                path=path, column=review_column()
            )
        )
    column = next(name for name in REVIEW_NAMES if name in header)
    per: dict[str, Scores] = defaultdict(Scores)
    overall, open_rows, problems = Scores(), 0, []
    for line, row in rows:
        answer = row.get(column, "").lower()
        label = row.get("competence") or row.get("competence_id") or "?"
        if not answer:
            open_rows += 1
        elif answer in YES:
            per[label].tp += 1
            overall.tp += 1
        elif answer in NO:
            per[label].fp += 1
            overall.fp += 1
        else:
            yes, no = review_answers()
            problems.append(
                _("{path}:{line}: '{answer}' in column {column}: write {yes} or {no}").format(
                    path=path, line=line, answer=row.get(column), column=column, yes=yes, no=no
                )
            )
    if problems:
        raise GoldError("\n".join(problems))
    return Review(dict(per), overall, open_rows)


def evaluate_file(m: Measurement, gold: Path) -> Review | list[Evaluation]:
    """A run against a gold file (the evaluations) or a filled-in review sheet (its
    precision per competence). Raises GoldError."""
    header, _rows = read_table(gold)
    if is_review_sheet(header):
        return read_review(gold)
    return evaluate(m, gold)
