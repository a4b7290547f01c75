"""The appendix view: per organisation and orientation, each competence found,
with the cells it is scored in and the documents and pages it stands on, like
Appendices 7 and 8 of Boon (2021)::

    • Verbindend (Lijn & Wijk) (Vacature adviseur inkoop, P.1; Vacaturetekst wijkadviseur, P.1)

Built from a saved run (run.json), so it needs neither the corpus nor the lexicon.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .runfile import SavedRun
from .scope import is_evidence_only


@dataclass(frozen=True)
class InventoryEntry:
    organisation: str
    orientation: str  # label, e.g. "Overige competenties"
    competence: str
    cells: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (document title, pages "1" or "2/3")

    def line(self) -> str:
        cells = f" ({' & '.join(c.capitalize() for c in self.cells)})" if self.cells else ""
        sources = "; ".join(f"{title}, P.{pages}" for title, pages in self.sources)
        return f"• {self.competence}{cells} ({sources})"


def _ordered(values: set[str], order: list[str]) -> list[str]:
    return [v for v in order if v in values] + sorted(values - set(order))


def appendix(run: SavedRun) -> list[InventoryEntry]:
    """Entries ordered by organisation, then orientation and competence in lexicon order."""
    titles = {s.document: s.title or s.document for s in run.documents}
    labels = {o.name: o.label for o in run.orientations}
    orientation_order = [o.name for o in run.orientations]
    cell_order = list(dict.fromkeys(c.cell for c in run.table.columns))
    lexicon_order = {cid: i for i, cid in enumerate(run.competence_ids)}
    cells: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    pages: dict[tuple[str, str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    names: dict[tuple[str, str, str], str] = {}
    for h in run.hits:
        key = (h.organisation or "", h.orientation, h.competence_id)
        names.setdefault(key, h.competence)
        pages[key][titles.get(h.document, h.document)].add(int(h.page))
        # the cell a competence stands in; for Overig too, which is shown but not counted
        if h.cell and (h.scored or is_evidence_only(h.reason)):
            cells[key].add(h.cell)
    entries = []
    for org in sorted({k[0] for k in names}, key=str.lower):
        for orientation in _ordered({k[1] for k in names if k[0] == org}, orientation_order):
            keys = sorted(
                (k for k in names if k[0] == org and k[1] == orientation),
                key=lambda k: lexicon_order.get(k[2], len(lexicon_order)),
            )
            for key in keys:
                entries.append(
                    InventoryEntry(
                        organisation=org,
                        orientation=labels.get(orientation, orientation),
                        competence=names[key],
                        cells=tuple(_ordered(cells[key], cell_order)),
                        sources=tuple(
                            (title, "/".join(str(p) for p in sorted(ps)))
                            for title, ps in pages[key].items()
                        ),
                    )
                )
    return entries


CSV_COLUMNS = ["organisation", "orientation", "competence", "cells", "sources"]


def as_rows(entries: list[InventoryEntry]) -> list[list[str]]:
    return [
        [
            e.organisation,
            e.orientation,
            e.competence,
            " & ".join(e.cells),
            "; ".join(f"{t}, P.{p}" for t, p in e.sources),
        ]
        for e in entries
    ]
