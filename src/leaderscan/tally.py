"""Tally: distinct competences per organisation x cell x orientation, and N.

A competence counts once per organisation x cell, however many documents or
sentences mention it (Boon 2021, 6.3.3.1). N counts the documents of kind
``vacancy`` in the cell that were read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .model import Hit

VACANCY = "vacancy"


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


def _ordered(values: Iterable[str], preferred: Sequence[str]) -> list[str]:
    values = set(values)
    first = [v for v in preferred if v in values]
    return first + sorted(values - set(first), key=str.lower)


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
    names = [name for name, _ in orientations]
    for hit in hits:
        if hit.scored and hit.cell and hit.orientation in names:
            found[(hit.cell, hit.organisation or "", hit.orientation)].add(hit.competence_id)
    keys = set(n) | {(c, org) for c, org, _ in found}
    cells = _ordered({c for c, _ in keys}, cell_order)
    orgs = _ordered({org for _, org in keys}, organisation_order)
    columns = [
        Column(c, org, n.get((c, org), 0)) for c in cells for org in orgs if (c, org) in keys
    ]
    return Table(
        orientations=names,
        labels=dict(orientations),
        columns=columns,
        competences={k: sorted(v) for k, v in found.items()},
    )
