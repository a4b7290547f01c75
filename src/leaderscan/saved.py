"""A saved run (run.json): read it back, select documents by kind, re-tally, re-score.

A run.json holds everything needed without the original files: every document's
metadata, hash and text (as blocks: page, section, text, heading), every hit with
page and context, the lexicon's content, and the pipeline. So a saved run can be
printed, reported and compared years later, and re-scored with another lexicon.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError, RunError
from .lemmatise import Pipeline
from .lexicon import Lexicon, parse_lexicon
from .match import Matcher
from .model import Block, Hit, SectionCell, Source
from .scan import analyse_sentences, build_tables, counts_outside_cells, mark_ocr, ocr_pages
from .tally import Column, Table

FORMAT = 2
Which = Literal["table", "outside"]  # the Figure 26 table, or the one outside the cells


def table_from_dict(t: dict[str, Any]) -> Table:
    return Table(
        orientations=[o["name"] for o in t["orientations"]],
        labels={o["name"]: o["label"] for o in t["orientations"]},
        columns=[Column(c["cell"], c["organisation"], int(c["N"])) for c in t["columns"]],
        competences={
            (c["cell"], c["organisation"], c["orientation"]): list(c["competence_ids"])
            for c in t["competences"]
        },
    )


def load_run(path: Path) -> dict[str, Any]:
    """Read a saved run: a run.json file or the --out folder that holds one."""
    path = Path(path)
    if path.is_dir():
        path = path / "run.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunError(
            f"{path}: no saved run here; run 'leaderscan run CORPUS --out FOLDER' first"
        ) from None
    except RecursionError:
        raise RunError(f"{path}: not a leaderscan run.json (nested far too deep)") from None
    except (OSError, ValueError) as exc:
        raise RunError(f"{path}: not a leaderscan run.json ({type(exc).__name__}: {exc})") from None
    problem = run_problem(data)
    if problem is None:
        try:
            table_from_dict(data["table"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problem = f"its 'table' is damaged ({type(exc).__name__}: {exc})"
    if problem is not None:
        raise RunError(
            f"{path}: not a run.json this leaderscan can read: {problem}; run the measurement "
            "again, or restore run.json from a copy"
        )
    data["_path"] = str(path)
    return data  # type: ignore[no-any-return]


_TEXT = (str,)
_TEXT_OR_NONE = (str, type(None))
# the fields every hit must have, and what they must be (Hit)
HIT_TYPES: dict[str, tuple[type, ...]] = {
    "organisation": _TEXT_OR_NONE,
    "document": _TEXT,
    "kind": _TEXT,
    "cell": _TEXT_OR_NONE,
    "page": (int,),
    "section": _TEXT_OR_NONE,
    "orientation": _TEXT,
    "competence_id": _TEXT,
    "competence": _TEXT,
    "match": _TEXT,
    "context": _TEXT,
    "scored": (bool,),
}
DOCUMENT_TYPES: dict[str, tuple[type, ...]] = {
    "document": _TEXT,
    "organisation": _TEXT_OR_NONE,
    "cell": _TEXT_OR_NONE,
    "kind": _TEXT_OR_NONE,
    "status": _TEXT,
}


def _wrong(row: Any, types: dict[str, tuple[type, ...]], required: bool) -> str | None:
    if not isinstance(row, dict):
        return "is not a mapping"
    for key, allowed in types.items():
        if key not in row:
            if required:
                return f"has no '{key}'"
            continue
        value = row[key]
        if not isinstance(value, allowed) or (
            int in allowed and isinstance(value, bool) and bool not in allowed
        ):
            return f"has a wrong '{key}' ({value!r:.40})"
    return None


def run_problem(data: Any) -> str | None:
    """What makes ``data`` not a run.json this version reads, or None."""
    if not isinstance(data, dict):
        return "it is not a mapping"
    fmt = data.get("format", FORMAT)
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        return f"its 'format' ({fmt!r:.20}) is not a number"
    if fmt > FORMAT:
        return (
            f"it was written by a newer leaderscan (format {fmt}; this one reads up to "
            f"{FORMAT}): update leaderscan"
        )
    for key in ("documents", "hits", "orientations"):
        if not isinstance(data.get(key), list):
            return f"'{key}' is missing or not a list"
    for key in ("lexicon", "pipeline", "order", "table", "outside"):
        if key in data and not isinstance(data[key], dict):
            return f"'{key}' is not a mapping"
    for i, o in enumerate(data["orientations"], start=1):
        if not isinstance(o, dict) or not isinstance(o.get("name"), str):
            return f"orientation {i} has no 'name'"
        if not isinstance(o.get("label", ""), str) or not isinstance(o.get("scored", True), bool):
            return f"orientation {i} has a wrong 'label' or 'scored'"
    for i, d in enumerate(data["documents"], start=1):
        wrong = _wrong(d, {"document": _TEXT}, True) or _wrong(d, DOCUMENT_TYPES, False)
        if wrong is None and "blocks" in d:
            blocks = d["blocks"]
            if not isinstance(blocks, list) or not all(
                isinstance(b, list)
                and len(b) == 4
                and isinstance(b[0], int)
                and isinstance(b[1], _TEXT_OR_NONE)
                and isinstance(b[2], str)
                for b in blocks
            ):
                wrong = "has damaged 'blocks'"
        if wrong:
            return f"document {i} {wrong}"
    for i, h in enumerate(data["hits"], start=1):
        wrong = _wrong(h, HIT_TYPES, True)
        if wrong:
            return f"hit {i} {wrong}"
    for i, c in enumerate(data.get("competences") or [], start=1):
        if not isinstance(c, dict) or not isinstance(c.get("id"), str):
            return f"competence {i} has no 'id'"
    order = data.get("order") or {}
    for key in ("cells", "organisations"):
        value = order.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"'order' has a wrong '{key}'"
    return None


def hit_from_row(row: dict[str, Any]) -> Hit:
    return Hit(**{k: row[k] for k in Hit.__dataclass_fields__ if k in row and k != "tokens"})


def source_from_dict(d: dict[str, Any]) -> Source:
    return Source(
        path=Path(d["document"]),
        document=d["document"],
        organisation=d.get("organisation"),
        cell=d.get("cell"),
        kind=d.get("kind") or "vacancy",
        title=d.get("title") or "",
        year=d.get("year"),
        sections=tuple(
            SectionCell(s["heading"], s["cell"], s.get("page")) for s in d.get("sections", [])
        ),
    )


@dataclass
class Measurement:
    """A saved run, possibly narrowed to some kinds of document, with its tables."""

    data: dict[str, Any]
    table: Table
    outside: Table
    kinds: tuple[str, ...] = ()

    @property
    def documents(self) -> list[dict[str, Any]]:
        return [d for d in self.data["documents"] if self._wanted(d.get("kind"))]

    @property
    def read(self) -> list[dict[str, Any]]:
        return [d for d in self.documents if d.get("status", "read") == "read"]

    @property
    def hits(self) -> list[Hit]:
        return [hit_from_row(h) for h in self.data["hits"] if self._wanted(h.get("kind"))]

    def _wanted(self, kind: str | None) -> bool:
        return not self.kinds or (kind or "vacancy") in self.kinds

    @property
    def lexicon_sha256(self) -> str:
        return str(self.data.get("lexicon", {}).get("sha256", ""))

    @property
    def pipeline(self) -> str:
        p = self.data.get("pipeline", {})
        return f"{p.get('name', '?')} {p.get('version', '')}".strip()

    @property
    def created(self) -> str:
        return str(self.data.get("created", ""))

    @property
    def title(self) -> str:
        """How the measurement is named in comparisons: its date and corpus."""
        return f"{self.created[:10]} ({self.data.get('corpus', '?')})"

    @property
    def labels(self) -> dict[str, str]:
        """competence id -> label, from the run's lexicon."""
        return {c["id"]: c["label"] for c in self.data.get("competences", [])}

    def counted(self, which: Which = "table") -> dict[tuple[str, str, str], list[Hit]]:
        """(column, organisation, orientation) -> the hits that make the count there."""
        out: dict[tuple[str, str, str], list[Hit]] = {}
        for h in self.hits:
            key = column_of(h, which)
            if key is not None:
                out.setdefault((*key, h.orientation), []).append(h)
        return out

    def competence_label(self, competence_id: str, organisation: str) -> str:
        for h in self.data["hits"]:
            if h["competence_id"] == competence_id and h["organisation"] == organisation:
                return str(h["competence"])
        return self.labels.get(competence_id, competence_id)

    def documents_with(self, cell: str, organisation: str, competence_id: str) -> list[str]:
        """Titles of the documents whose scored hits give ``competence_id`` in this column."""
        titles = {d["document"]: d.get("title") or d["document"] for d in self.documents}
        docs = {
            h.document
            for h in self.hits
            if h.scored
            and h.cell == cell
            and (h.organisation or "") == organisation
            and h.competence_id == competence_id
        }
        return sorted(titles.get(d, d) for d in docs)


def column_of(h: Hit, which: Which) -> tuple[str, str] | None:
    """The column a hit counts in: (cell, organisation) in the main table, or
    (kind, organisation) in the table outside the cells; None if it counts nowhere."""
    if which == "table":
        return (h.cell, h.organisation or "") if h.scored and h.cell else None
    if h.cell is None and counts_outside_cells(h):
        return (h.kind, h.organisation or "")
    return None


def orientations_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(o["name"], o["label"]) for o in data["orientations"] if o.get("scored", True)]


def order_of(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    order = data.get("order")
    if not isinstance(order, dict):  # saved before run.json kept the manifest's order
        order = {"cells": list(dict.fromkeys(c["cell"] for c in data["table"]["columns"]))}
    cells = order.get("cells") or []
    orgs = order.get("organisations") or []
    return list(cells), list(orgs)


def tables_for(
    data: dict[str, Any], hits: Iterable[Hit], documents: Iterable[dict[str, Any]]
) -> tuple[Table, Table]:
    cells, orgs = order_of(data)
    return build_tables(
        hits,
        (
            (d.get("organisation"), d.get("cell"), d.get("kind") or "vacancy")
            for d in documents
            if d.get("status", "read") == "read"
        ),
        orientations_of(data),
        cells,
        orgs,
    )


def measurement(data: dict[str, Any], kinds: Iterable[str] = ()) -> Measurement:
    """The saved run's tables, re-tallied from its hits for the chosen kinds of document."""
    m = Measurement(data, Table([], {}, []), Table([], {}, []), tuple(kinds))
    m.table, m.outside = tables_for(data, m.hits, m.documents)
    return m


def saved_lexicon(data: dict[str, Any]) -> Lexicon:
    """The lexicon a run used, from the content stored in its run.json."""
    lex = data.get("lexicon", {})
    if not lex.get("content"):
        raise RunError(f"{data.get('_path', 'run.json')}: holds no lexicon content")
    try:
        return parse_lexicon(Path(lex.get("path") or "competences.yaml"), lex["content"])
    except ConfigError as exc:
        raise RunError(
            f"{data.get('_path', 'run.json')}: its stored lexicon is invalid: {exc}"
        ) from None


def rescore(m: Measurement, lexicon: Lexicon, pipeline: Pipeline, label: str = "") -> Measurement:
    """The same texts under another lexicon and pipeline: a new measurement.

    Uses the text saved in run.json, so the original files are not needed.
    Raises RunError when the run holds no text (saved by an older leaderscan).
    """
    matcher = Matcher(lexicon)
    hits: list[Hit] = []
    for d in m.read:
        if "blocks" not in d:
            raise RunError(
                f"{m.data.get('_path', 'run.json')}: holds no document text to re-score; "
                "run the baseline again with this version of leaderscan"
            )
        blocks = [Block(int(p), s, t, bool(h)) for p, s, t, h in d["blocks"]]
        found = analyse_sentences(source_from_dict(d), pipeline.sentences(blocks), matcher)
        hits += [h for _, h in mark_ocr(list(enumerate(found)), ocr_pages(d))]
    data = {
        **m.data,
        "hits": [h.as_row() for h in hits],
        "lexicon": {"sha256": lexicon.sha256, "name": lexicon.name, "content": lexicon.text},
        "pipeline": {"name": pipeline.name, "version": pipeline.version},
        "orientations": [
            {"name": o.name, "label": o.label, "scored": o.scored} for o in lexicon.orientations
        ],
        "competences": [
            {"id": c.id, "label": c.label, "orientation": c.orientation}
            for c in lexicon.competences
        ],
        "corpus": label or m.data.get("corpus", "?"),
    }
    return measurement(data, m.kinds)


def same_measurement(
    data: dict[str, Any], lexicon_sha256: str, pipeline: str, documents: dict[str, str]
) -> bool:
    """Whether a saved run measured the same files (document -> sha256) the same way."""
    p = data.get("pipeline", {})
    return (
        data.get("lexicon", {}).get("sha256") == lexicon_sha256
        and f"{p.get('name')} {p.get('version')}" == pipeline
        and {d["document"]: d.get("sha256") for d in data.get("documents", [])} == documents
    )
