"""The Excel workbook (openpyxl): the table, the counts, the evidence and the provenance.

Sheets, headers and the words in the cells follow the language in use (the values of
the corpus and the lexicon stay as they are); each sheet's header row is frozen; text that looks
like a formula is stored as text, never run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..atomic import atomic_open
from ..evaluate import review_answers, review_header
from ..i18n import N_, _
from ..model import Hit
from ..rows import EVIDENCE_COLUMNS, evidence_row
from ..saved import Measurement
from ..tally import Table
from .csv import table_rows
from .html import provenance
from .words import kind_label, table_title

# translated where written (the language in use)
SHEETS = (N_("Table"), N_("Counts"), N_("Hits"), N_("Provenance"))
COUNTS_HEADER = [
    N_("Organisation"),
    N_("Cell"),
    N_("Orientation"),
    N_("Count"),
    N_("N (vacancies)"),
]
EVIDENCE_HEADER = [
    N_("Organisation"),
    N_("Document"),
    N_("Kind"),
    N_("Cell"),
    N_("Page"),
    N_("Section"),
    N_("Orientation"),
    N_("Competence id"),
    N_("Competence"),
    N_("Hit"),
    N_("Sentence"),
    N_("Scored"),
    N_("OCR confidence"),
]
DOCUMENTS_HEADER = [
    N_("Document"),
    N_("Organisation"),
    N_("Cell"),
    N_("Kind"),
    N_("Year"),
    N_("Pages"),
    N_("Words"),
    "sha256",
    N_("Status"),
    N_("Reason"),
]


def _translated(names: Sequence[str]) -> list[str]:
    return [_(name) for name in names]


HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
EXCEL_CELL_LIMIT = 32_767  # characters in one cell


def cell_text(value: str) -> str:
    """Text as Excel can hold it: control characters (which an xlsx cannot contain)
    as spaces, and at most Excel's 32,767 characters, the cut marked with '…'."""
    value = ILLEGAL_CHARACTERS_RE.sub(" ", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


def _put(ws: Worksheet, row: int, values: Sequence[Any], bold: bool = False) -> None:
    for col, value in enumerate(values, start=1):
        if isinstance(value, bool):
            value = review_answers()[0 if value else 1]
        if isinstance(value, str):
            value = cell_text(value)
        cell = ws.cell(row=row, column=col, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text, not a formula
        if bold:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(
    ws: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int]
) -> None:
    _put(ws, 1, header, bold=True)
    for i, row in enumerate(rows, start=2):
        _put(ws, i, row)
    ws.freeze_panes = "A2"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.auto_filter.ref = ws.dimensions


def _table_block(ws: Worksheet, start: int, title: str, table: Table) -> int:
    ws.cell(row=start, column=1, value=cell_text(title)).font = Font(bold=True, size=12)
    header, rows = table_rows(table)
    _put(ws, start + 1, header, bold=True)
    for i, row in enumerate(rows, start=start + 2):
        _put(ws, i, row)
    return start + 2 + len(rows) + 1


def evidence_rows(hits: Iterable[Hit]) -> Iterable[list[Any]]:
    """The hits as the sheet of hits shows them: the kind of document in the language
    in use, scored as yes or no (the rest as in evidence.csv)."""
    kind, scored = EVIDENCE_COLUMNS.index("kind"), EVIDENCE_COLUMNS.index("scored")
    for h in hits:
        values = evidence_row(h.as_row())
        values[kind] = kind_label(h.kind)
        values[scored] = h.scored
        yield values


def write_workbook(m: Measurement, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = _(SHEETS[0])
    _put(ws, 1, [table_title("table")], bold=True)
    ws.freeze_panes = "A2"
    header, rows = table_rows(m.table)
    _put(ws, 2, header, bold=True)
    for i, row in enumerate(rows, start=3):
        _put(ws, i, row)
    ws.freeze_panes = "B3"
    if m.outside.columns:
        _table_block(
            ws,
            3 + len(rows) + 1,
            table_title("outside"),
            m.outside,
        )
    ws.column_dimensions["A"].width = 24
    for i in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 22

    _sheet(
        wb.create_sheet(_(SHEETS[1])),
        _translated(COUNTS_HEADER),
        (
            [
                r["organisation"],
                r["cell"],
                m.table.labels.get(str(r["orientation"]), r["orientation"]),
                r["count"],
                r["documents"],
            ]
            for r in m.table.long()
        ),
        [16, 10, 16, 10, 14],
    )
    _sheet(
        wb.create_sheet(_(SHEETS[2])),
        _translated(EVIDENCE_HEADER),
        evidence_rows(m.hits),
        [14, 40, 10, 8, 8, 22, 14, 24, 28, 24, 80, 10],
    )
    prov = wb.create_sheet(_(SHEETS[3]))
    _sheet(prov, [_("Item"), _("Value")], provenance(m), [16, 80])
    start = prov.max_row + 2
    _put(prov, start, _translated(DOCUMENTS_HEADER), bold=True)
    for i, d in enumerate(m.documents, start=start + 1):
        _put(
            prov,
            i,
            [
                d["document"],
                d.get("organisation"),
                d.get("cell"),
                kind_label(d.get("kind")),
                d.get("year"),
                d.get("pages"),
                d.get("words"),
                d.get("sha256"),
                _("read") if d.get("status", "read") == "read" else _("skipped"),
                d.get("reason"),
            ],
        )
    with atomic_open(path, "wb") as f:
        wb.save(f)
    return path


def write_review_workbook(rows: list[list[Any]], path: Path) -> Path:
    """The review sheet as a workbook: a yes/no list (ja/nee) in its last column."""
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = _("Review")
    header = review_header()
    _sheet(ws, header, rows, [6, 14, 8, 40, 7, 14, 24, 28, 24, 80, 10])
    column = get_column_letter(len(header))
    check = DataValidation(
        type="list", formula1='"{},{}"'.format(*review_answers()), allow_blank=True
    )
    check.add(f"{column}2:{column}{max(len(rows) + 1, 2)}")
    ws.add_data_validation(check)
    with atomic_open(path, "wb") as f:
        wb.save(f)
    return path
