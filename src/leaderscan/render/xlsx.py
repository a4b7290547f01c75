"""The Excel workbook (openpyxl): the table, the counts, the evidence and the provenance.

Sheets and headers are Dutch; each sheet's header row is frozen; text that looks
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
from ..evaluate import REVIEW_COLUMNS
from ..saved import Measurement
from ..tally import Table
from .csv import evidence_rows, table_rows
from .html import provenance

SHEETS = ("Tabel", "Aantallen", "Vondsten", "Herkomst")
COUNTS_HEADER = ["Organisatie", "Cel", "Oriëntatie", "Aantal", "N (vacatures)"]
EVIDENCE_HEADER = [
    "Organisatie",
    "Document",
    "Soort",
    "Cel",
    "Pagina",
    "Sectie",
    "Oriëntatie",
    "Competentie-id",
    "Competentie",
    "Vondst",
    "Zin",
    "Gescoord",
    "OCR-zekerheid",
]
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
            value = "ja" if value else "nee"
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


def write_workbook(m: Measurement, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS[0]
    _put(ws, 1, ["Aantal competenties per leiderschapsoriëntatie"], bold=True)
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
            "Documenten buiten de cellen (per soort en organisatie)",
            m.outside,
        )
    ws.column_dimensions["A"].width = 24
    for i in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 22

    _sheet(
        wb.create_sheet(SHEETS[1]),
        COUNTS_HEADER,
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
        wb.create_sheet(SHEETS[2]),
        EVIDENCE_HEADER,
        evidence_rows(m.hits),
        [14, 40, 10, 8, 8, 22, 14, 24, 28, 24, 80, 10],
    )
    prov = wb.create_sheet(SHEETS[3])
    _sheet(prov, ["Gegeven", "Waarde"], provenance(m), [16, 80])
    start = prov.max_row + 2
    _put(
        prov,
        start,
        [
            "Document",
            "Organisatie",
            "Cel",
            "Soort",
            "Jaar",
            "Pagina's",
            "Woorden",
            "sha256",
            "Status",
            "Reden",
        ],
        bold=True,
    )
    for i, d in enumerate(m.documents, start=start + 1):
        _put(
            prov,
            i,
            [
                d["document"],
                d.get("organisation"),
                d.get("cell"),
                d.get("kind"),
                d.get("year"),
                d.get("pages"),
                d.get("words"),
                d.get("sha256"),
                "gelezen" if d.get("status", "read") == "read" else "overgeslagen",
                d.get("reason"),
            ],
        )
    with atomic_open(path, "wb") as f:
        wb.save(f)
    return path


def write_review_workbook(rows: list[list[Any]], path: Path) -> Path:
    """The review sheet as a workbook: a ja/nee list in the 'klopt' column."""
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Beoordeling"
    _sheet(ws, REVIEW_COLUMNS, rows, [6, 14, 8, 40, 7, 14, 24, 28, 24, 80, 10])
    column = get_column_letter(len(REVIEW_COLUMNS))
    check = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True)
    check.add(f"{column}2:{column}{max(len(rows) + 1, 2)}")
    ws.add_data_validation(check)
    with atomic_open(path, "wb") as f:
        wb.save(f)
    return path
