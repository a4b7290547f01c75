"""run.json, both ways: the one module that writes it (whole, or streamed document by
document), reads it back, checks it (its ``format`` first) and makes a typed
``SavedRun`` of it.

A run.json holds everything needed without the original files: every document's
metadata, hash and text (as blocks: page, section, text, heading), every hit with
page and context, the lexicon's content, and the pipeline. So a saved run can be
printed, reported and compared years later, and re-scored with another lexicon.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import RunError
from .i18n import _
from .lexicon import Lexicon, Orientation
from .model import Hit, SectionCell, Source, dumps
from .results import DocumentResult, Run
from .tally import Column, Table

FORMAT = 2


def table_to_dict(t: Table) -> dict[str, Any]:
    return {
        "orientations": [{"name": o, "label": t.labels.get(o, o)} for o in t.orientations],
        "columns": [
            {"cell": c.cell, "organisation": c.organisation, "N": c.documents} for c in t.columns
        ],
        "rows": {o: counts for o, counts in t.rows()},
        "competences": [
            {"cell": k[0], "organisation": k[1], "orientation": k[2], "competence_ids": v}
            for k, v in sorted(t.competences.items())
        ],
    }


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


def document_entry(d: DocumentResult) -> dict[str, Any]:
    """A document's entry in run.json: metadata, hash, status and text."""
    if d.document_json is not None:
        return json.loads(d.document_json)  # type: ignore[no-any-return]
    return {
        **d.source.metadata(),
        "sha256": d.sha256,
        "pages": d.pages,
        "words": d.words,
        "warnings": d.warnings,
        "status": "skipped" if d.error else "read",
        "reason": d.error,
        "blocks": [[b.page, b.section, b.text, b.heading] for b in d.blocks],
        **({"ocr": {str(p): c for p, c in sorted(d.ocr.items())}} if d.ocr else {}),
        **({"converter": d.converter} if d.converter else {}),
    }


def document_json(d: DocumentResult) -> str:
    return d.document_json if d.document_json is not None else dumps(document_entry(d))


def lexicon_fields(lexicon: Lexicon) -> dict[str, Any]:
    """What run.json says about the lexicon: its content, orientations and competences
    (a re-scored run says the same of the lexicon it was scored with)."""
    return {
        "lexicon": {
            "path": str(lexicon.path),
            **({"files": [str(p) for p in lexicon.sources]} if len(lexicon.sources) > 1 else {}),
            "sha256": lexicon.sha256,
            "name": lexicon.name,
            "content": lexicon.text,
        },
        "orientations": [
            {"name": o.name, "label": o.label, "scored": o.scored} for o in lexicon.orientations
        ],
        "competences": [
            {
                "id": c.id,
                "label": c.label,
                "orientation": c.orientation,
                "labels": dict(c.labels),
                "note": c.note,
            }
            for c in lexicon.competences
        ],
    }


def run_header(run: Run) -> dict[str, Any]:
    """What run.json says about the run itself: provenance, lexicon, order."""
    return {
        "format": FORMAT,
        "leaderscan": run.version,
        "created": run.created,
        "corpus": str(run.corpus),
        "pipeline": {"name": run.pipeline, "version": run.pipeline_version},
        **lexicon_fields(run.lexicon),
        "order": {
            "cells": list(run.manifest.cells),
            "organisations": list(run.manifest.organisations),
        },
    }


def run_to_dict(run: Run) -> dict[str, Any]:
    """Everything needed to print, report, compare and re-score a run without the files."""
    return {
        **run_header(run),
        "documents": [document_entry(d) for d in run.documents],
        "skipped": [{"document": doc, "reason": why} for doc, why in run.skipped],
        "unsupported": run.unsupported,
        "table": table_to_dict(run.table),
        "outside": table_to_dict(run.outside),
        "hits": [h.as_row() for h in run.hits],
    }


def _json(value: Any) -> str:
    # compact and in one piece: only then does json use its fast C encoder
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def document_line(d: DocumentResult) -> str:
    """A document's entry of run.json as one line (``write_streamed``)."""
    return document_json(d) + "\n"


def hit_lines(d: DocumentResult) -> str:
    """A document's hits as one line of run.json's "hits" (``write_streamed``): the
    rows without the list's brackets; "" when it has none."""
    hits_json, _rows = d.rendered()
    return hits_json[1:-1] + "\n" if d.hits else ""


def write_streamed(path: Path, run: Run, documents: Path, hits: Path) -> None:
    """Write run.json from its header and tables and the lines of ``documents`` (one
    document entry a line, ``document_line``) and ``hits`` (``hit_lines``), so the run
    need not hold its documents in memory."""
    tail = {
        "skipped": [{"document": doc, "reason": why} for doc, why in run.skipped],
        "unsupported": run.unsupported,
        "table": table_to_dict(run.table),
        "outside": table_to_dict(run.outside),
    }
    with path.open("w", encoding="utf-8") as f:
        f.write(_json(run_header(run))[:-1])
        # each line holds one document, or the hits of one document
        for key, part in (("documents", documents), ("hits", hits)):
            if key == "hits":
                f.write("," + _json(tail)[1:-1])
            f.write(f',"{key}":[')
            with part.open(encoding="utf-8") as lines:
                for i, line in enumerate(lines):
                    f.write(("," if i else "") + line.rstrip("\n"))
            f.write("]")
        f.write("}\n")
        f.flush()
        os.fsync(f.fileno())


def load_run(path: Path) -> dict[str, Any]:
    """Read a saved run: a run.json file or the --out folder that holds one."""
    path = Path(path)
    if path.is_dir():
        path = path / "run.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunError(
            _("{path}: no saved run here; run 'leaderscan run CORPUS --out FOLDER' first").format(
                path=path
            )
        ) from None
    except RecursionError:
        raise RunError(
            _("{path}: not a leaderscan run.json (nested far too deep)").format(path=path)
        ) from None
    except (OSError, ValueError) as exc:
        raise RunError(
            _("{path}: not a leaderscan run.json ({error})").format(
                path=path, error=f"{type(exc).__name__}: {exc}"
            )
        ) from None
    problem = run_problem(data)
    if problem is None:
        try:
            table_from_dict(data["table"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problem = _("its 'table' is damaged ({error})").format(
                error=f"{type(exc).__name__}: {exc}"
            )
    if problem is not None:
        raise RunError(
            _(
                "{path}: not a run.json this leaderscan can read: {problem}; run the measurement "
                "again, or restore run.json from a copy"
            ).format(path=path, problem=problem)
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


def _wrong(row: Any, types: dict[str, tuple[type, ...]], required: bool, what: str) -> str | None:
    """What is wrong with ``row`` (``what``: "document 3", "hit 5"), or None."""
    if not isinstance(row, dict):
        return _("{what} is not a mapping").format(what=what)
    for key, allowed in types.items():
        if key not in row:
            if required:
                return _("{what} has no '{key}'").format(what=what, key=key)
            continue
        value = row[key]
        if not isinstance(value, allowed) or (
            int in allowed and isinstance(value, bool) and bool not in allowed
        ):
            return _("{what} has a wrong '{key}' ({value})").format(
                what=what, key=key, value=f"{value!r:.40}"
            )
    return None


def run_problem(data: Any) -> str | None:
    """What makes ``data`` not a run.json this version reads, or None."""
    if not isinstance(data, dict):
        return _("it is not a mapping")
    fmt = data.get("format", FORMAT)
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        return _("its 'format' ({format}) is not a number").format(format=f"{fmt!r:.20}")
    if fmt > FORMAT:
        return _(
            "it was written by a newer leaderscan (format {format}; this one reads up to "
            "{most}): update leaderscan"
        ).format(format=fmt, most=FORMAT)
    for key in ("documents", "hits", "orientations"):
        if not isinstance(data.get(key), list):
            return _("'{key}' is missing or not a list").format(key=key)
    for key in ("lexicon", "pipeline", "order", "table", "outside"):
        if key in data and not isinstance(data[key], dict):
            return _("'{key}' is not a mapping").format(key=key)
    for i, o in enumerate(data["orientations"], start=1):
        if not isinstance(o, dict) or not isinstance(o.get("name"), str):
            return _("orientation {i} has no 'name'").format(i=i)
        if not isinstance(o.get("label", ""), str) or not isinstance(o.get("scored", True), bool):
            return _("orientation {i} has a wrong 'label' or 'scored'").format(i=i)
    for i, d in enumerate(data["documents"], start=1):
        what = _("document {i}").format(i=i)
        wrong = _wrong(d, {"document": _TEXT}, True, what) or _wrong(d, DOCUMENT_TYPES, False, what)
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
                wrong = _("{what} has damaged 'blocks'").format(what=what)
        if wrong:
            return wrong
    for i, h in enumerate(data["hits"], start=1):
        wrong = _wrong(h, HIT_TYPES, True, _("hit {i}").format(i=i))
        if wrong:
            return wrong
    for i, c in enumerate(data.get("competences") or [], start=1):
        if not isinstance(c, dict) or not isinstance(c.get("id"), str):
            return _("competence {i} has no 'id'").format(i=i)
    order = data.get("order") or {}
    for key in ("cells", "organisations"):
        value = order.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _("'order' has a wrong '{key}'").format(key=key)
    return None


def hit_from_row(row: dict[str, Any]) -> Hit:
    return Hit.from_row({k: row[k] for k in Hit.__dataclass_fields__ if k in row and k != "tokens"})


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


@dataclass(frozen=True)
class SavedRun:
    """A run.json read back and checked (``open_run``): what it says, typed.

    ``data`` is the file as read, for the readers that walk its documents."""

    path: Path
    format: int
    created: str
    corpus: str
    leaderscan: str
    pipeline: str  # name and version
    lexicon_sha256: str
    lexicon_name: str
    orientations: list[Orientation]  # in lexicon order, scored or not
    competence_ids: list[str]  # in lexicon order
    documents: list[Source]
    hits: list[Hit]
    table: Table
    outside: Table
    data: dict[str, Any]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SavedRun:
        """A checked run.json's content (``load_run``) as a ``SavedRun``."""
        p = data.get("pipeline", {})
        lexicon = data.get("lexicon", {})
        return cls(
            path=Path(data["_path"]),
            format=int(data.get("format", FORMAT)),
            created=str(data.get("created", "")),
            corpus=str(data.get("corpus", "")),
            leaderscan=str(data.get("leaderscan", "")),
            pipeline=f"{p.get('name', '?')} {p.get('version', '')}".strip(),
            lexicon_sha256=str(lexicon.get("sha256", "")),
            lexicon_name=str(lexicon.get("name", "")),
            orientations=[
                Orientation(o["name"], o.get("label", o["name"]), o.get("scored", True))
                for o in data["orientations"]
            ],
            competence_ids=[c["id"] for c in data.get("competences") or []],
            documents=[source_from_dict(d) for d in data["documents"]],
            hits=[hit_from_row(h) for h in data["hits"]],
            table=table_from_dict(data["table"]),
            outside=table_from_dict(data["outside"]) if "outside" in data else Table([], {}, []),
            data=data,
        )


def open_run(path: Path | str) -> SavedRun:
    """Read and check a saved run: a run.json file or the --out folder that holds one.
    Raises RunError (one line: the file and what to do) for anything else, and for a
    run.json of a newer format than this leaderscan reads."""
    return SavedRun.from_data(load_run(Path(path)))
