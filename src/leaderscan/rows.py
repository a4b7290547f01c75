"""How hits become rows: for run.json, and for evidence.csv as a spreadsheet reads it.

A CSV cell never starts a formula (= + - @ get a leading apostrophe), booleans
are "ja"/"nee" and a missing value is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model import Hit, dumps

EVIDENCE_COLUMNS = [
    "organisation",
    "document",
    "kind",
    "cell",
    "page",
    "section",
    "orientation",
    "competence_id",
    "competence",
    "match",
    "context",
    "scored",
    "ocr",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value for a CSV cell that a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def evidence_row(row: dict[str, Any]) -> list[Any]:
    """``ocr``: the OCR confidence of the hit's page, empty for a text layer."""
    return [safe_cell(row.get(c)) for c in EVIDENCE_COLUMNS]


def rendered(hits: Iterable[Hit]) -> tuple[str, list[list[Any]]]:
    """The hits as a JSON list (their run.json rows) and as evidence.csv rows."""
    rows = [h.as_row() for h in hits]
    return dumps(rows), [evidence_row(r) for r in rows]
