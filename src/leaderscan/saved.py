"""A saved run as a measurement: select documents by kind, re-tally, re-score.

run.json itself is read and checked in runfile.py, which says what it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError, RunError
from .hits import analyse_sentences, mark_ocr, ocr_pages
from .i18n import _
from .lemmatise import Pipeline
from .lexicon import Lexicon, parse_lexicon
from .match import Matcher
from .model import Block, Hit
from .runfile import hit_from_row, lexicon_fields, source_from_dict
from .tally import Table, build_tables, counts_outside_cells

Which = Literal["table", "outside"]  # the Figure 26 table, or the one outside the cells


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
        raise RunError(
            _("{path}: holds no lexicon content").format(path=data.get("_path", "run.json"))
        )
    try:
        return parse_lexicon(Path(lex.get("path") or "competences.yaml"), lex["content"])
    except ConfigError as exc:
        raise RunError(
            _("{path}: its stored lexicon is invalid: {error}").format(
                path=data.get("_path", "run.json"), error=exc
            )
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
                _(
                    "{path}: holds no document text to re-score; run the baseline again "
                    "with this version of leaderscan"
                ).format(path=m.data.get("_path", "run.json"))
            )
        blocks = [Block(int(p), s, t, bool(h)) for p, s, t, h in d["blocks"]]
        found = analyse_sentences(source_from_dict(d), pipeline.sentences(blocks), matcher)
        hits += [h for _i, h in mark_ocr(list(enumerate(found)), ocr_pages(d))]
    data = {
        **m.data,
        "hits": [h.as_row() for h in hits],
        **lexicon_fields(lexicon),
        "pipeline": {"name": pipeline.name, "version": pipeline.version},
        "corpus": label or m.data.get("corpus", "?"),
    }
    return measurement(data, m.kinds)
