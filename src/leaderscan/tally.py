"""Tally: distinct competences per organisation x cell x orientation, and N.

A competence counts once per organisation x cell, however many documents or
sentences mention it (Boon 2021, 6.3.3.1). N counts the documents of kind
``vacancy`` in the cell that were read.

Documents outside the cells (policy, training, ...) get a table of their own,
one column per kind x organisation (``tally_outside_cells``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .i18n import N_, in_every_language
from .model import KINDS, VACANCY, Hit

if TYPE_CHECKING:
    from .lexicon import Lexicon


@dataclass(frozen=True)
class Column:
    cell: str
    organisation: str
    documents: int


@dataclass
class Table:
    orientations: list[str]  # scored orientations, in lexicon order
    labels: dict[str, str]  # orientation name -> label
    columns: list[Column]
    competences: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)

    def count(self, cell: str, organisation: str, orientation: str) -> int:
        return len(self.competences.get((cell, organisation, orientation), ()))

    def rows(self) -> list[tuple[str, list[int]]]:
        return [
            (o, [self.count(c.cell, c.organisation, o) for c in self.columns])
            for o in self.orientations
        ]

    def long(self) -> list[dict[str, object]]:
        """One row per organisation x cell x orientation (counts.csv)."""
        return [
            {
                "organisation": c.organisation,
                "cell": c.cell,
                "orientation": o,
                "count": self.count(c.cell, c.organisation, o),
                "documents": c.documents,
            }
            for c in self.columns
            for o in self.orientations
        ]


# The thesis's column order (Figure 26): wijk before lijn; then the kinds of document
CELL_ORDER = ("wijk", "lijn", *KINDS)  # a column heading is render.words.column_heading


def _ordered(values: Iterable[str], preferred: Sequence[str]) -> list[str]:
    values = set(values)
    first = [v for v in dict.fromkeys(preferred) if v in values]
    return first + sorted(values - set(first), key=str.lower)


def column_order(
    keys: Iterable[tuple[str, str]],
    cell_order: Sequence[str] = (),
    organisation_order: Sequence[str] = (),
) -> list[tuple[str, str]]:
    """(cell, organisation) keys in the order of the table's columns: cells in the
    manifest's order, then the thesis's (wijk before lijn), then alphabetically;
    organisations inside each cell likewise, in the manifest's order, then alphabetically.
    The run's table, the report and a comparison all take their order from here."""
    keys = set(keys)
    present = {c for c, _ in keys}
    known = [c for c in CELL_ORDER if c not in cell_order]
    by_lower = {c.lower(): c for c in present}
    preferred = [*cell_order, *(by_lower[c] for c in known if c in by_lower)]
    cells = _ordered(present, preferred)
    orgs = _ordered({org for _, org in keys}, organisation_order)
    return [(c, org) for c in cells for org in orgs if (c, org) in keys]


def _table(
    n: dict[tuple[str, str], int],
    found: dict[tuple[str, str, str], set[str]],
    orientations: Sequence[tuple[str, str]],
    cell_order: Sequence[str],
    organisation_order: Sequence[str],
) -> Table:
    keys = set(n) | {(c, org) for c, org, _ in found}
    columns = [
        Column(c, org, n.get((c, org), 0))
        for c, org in column_order(keys, cell_order, organisation_order)
    ]
    return Table(
        orientations=[name for name, _ in orientations],
        labels=dict(orientations),
        columns=columns,
        competences={k: sorted(v) for k, v in found.items()},
    )


def tally(
    hits: Iterable[Hit],
    documents: Iterable[tuple[str | None, str | None, str]],
    orientations: Sequence[tuple[str, str]],
    cell_order: Sequence[str] = (),
    organisation_order: Sequence[str] = (),
) -> Table:
    """Build the table from scored hits and (organisation, cell, kind) of each document read.

    ``orientations`` are the scored orientations as (name, label), in order.
    """
    n: dict[tuple[str, str], int] = defaultdict(int)
    for organisation, cell, kind in documents:
        if cell and kind == VACANCY:
            n[(cell, organisation or "")] += 1
    found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    names = {name for name, _ in orientations}
    for hit in hits:
        if hit.scored and hit.cell and hit.orientation in names:
            found[(hit.cell, hit.organisation or "", hit.orientation)].add(hit.competence_id)
    return _table(n, found, orientations, cell_order, organisation_order)


def tally_outside_cells(
    hits: Iterable[Hit],
    documents: Iterable[tuple[str | None, str | None, str]],
    orientations: Sequence[tuple[str, str]],
    counts: Callable[[Hit], bool],
    kind_order: Sequence[str] = (),
    organisation_order: Sequence[str] = (),
) -> Table:
    """The table of documents outside the cells: one column per kind x organisation.

    A column's N is the number of such documents read; a competence counts once
    per kind x organisation, for hits that ``counts`` accepts (those that would be
    scored if the document were in a cell).
    """
    n: dict[tuple[str, str], int] = defaultdict(int)
    for organisation, cell, kind in documents:
        if not cell:
            n[(kind, organisation or "")] += 1
    found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    names = {name for name, _ in orientations}
    for hit in hits:
        if hit.cell is None and hit.orientation in names and counts(hit):
            found[(hit.kind, hit.organisation or "", hit.orientation)].add(hit.competence_id)
    return _table(n, found, orientations, kind_order, organisation_order)


# the reason of a hit outside the cells that would count in one: "not in a cell (policy)",
# in the language of the run
OUTSIDE_CELLS = N_("not in a cell")


def tally_hits(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per thing the tally distinguishes: what a document adds to the tables."""
    seen: dict[tuple[object, ...], Hit] = {}
    for h in hits:
        key = (
            h.scored,
            h.cell,
            h.organisation,
            h.orientation,
            h.competence_id,
            h.kind,
            counts_outside_cells(h),
        )
        seen.setdefault(key, h)
    return list(seen.values())


def counts_outside_cells(hit: Hit) -> bool:
    """Whether a hit in a document outside the cells would be scored inside one."""
    return is_outside_cells(hit.reason)


def is_outside_cells(reason: str) -> bool:
    """Whether ``reason`` (scope.score's, in any language) is that of a hit outside the
    cells that would count in one."""
    return reason.startswith(_OUTSIDE_CELLS_FORMS)


_OUTSIDE_CELLS_FORMS = tuple(in_every_language(OUTSIDE_CELLS))


def build_tables(
    hits: Iterable[Hit],
    documents: Iterable[tuple[str | None, str | None, str]],
    orientations: list[tuple[str, str]],
    cell_order: Sequence[str] = (),
    organisation_order: Sequence[str] = (),
) -> tuple[Table, Table]:
    """The Figure 26 table and the table of documents outside the cells."""
    hits, documents = list(hits), list(documents)
    return (
        tally(hits, documents, orientations, cell_order, organisation_order),
        tally_outside_cells(
            hits,
            documents,
            orientations,
            counts_outside_cells,
            organisation_order=organisation_order,
        ),
    )


def scored_orientations(lexicon: Lexicon) -> list[tuple[str, str]]:
    return [(o.name, o.label) for o in lexicon.orientations if o.scored]
