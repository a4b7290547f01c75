"""CSV: table.csv, counts.csv and evidence.csv, and CSV text for the other commands.

table.csv is for people: its header follows the language in use. counts.csv and
evidence.csv are read by programs (and by ``compare``): their column names stay.

CSV is UTF-8 with a BOM (Dutch Excel opens it correctly), with ``,`` or ``;`` as
delimiter, and no cell can start a formula (= + - @ get a leading apostrophe).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..atomic import atomic_open
from ..i18n import _
from ..model import Hit
from ..rows import EVIDENCE_COLUMNS, evidence_row, safe_cell
from ..tally import Column, Table
from .words import column_heading

COUNTS_COLUMNS = ["organisation", "cell", "orientation", "count", "documents"]


def write_csv(
    f: IO[str], header: list[str], rows: Iterable[Iterable[Any]], delimiter: str = ","
) -> None:
    writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])


def csv_text(header: list[str], rows: Iterable[Iterable[Any]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    write_csv(buf, header, rows, delimiter)
    return buf.getvalue()


def column_title(column: Column) -> str:
    return f"{column_heading(column.cell)} {column.organisation} (N={column.documents})"


def table_rows(table: Table) -> tuple[list[str], list[list[Any]]]:
    header = [_("Orientations")] + [column_title(c) for c in table.columns]
    return header, [[table.labels.get(o, o), *counts] for o, counts in table.rows()]


def write_csv_file(
    path: Path, header: list[str], rows: Iterable[Iterable[Any]], delimiter: str = ","
) -> None:
    with atomic_open(path, "w", encoding="utf-8-sig", newline="") as f:
        write_csv(f, header, rows, delimiter)


def evidence_rows(hits: Iterable[Hit]) -> Iterator[list[Any]]:
    for h in hits:
        yield evidence_row(h.as_row())


def write_tables(out: Path, table: Table, hits: Iterable[Hit], delimiter: str = ",") -> list[Path]:
    """table.csv, counts.csv and evidence.csv in ``out``."""
    paths = [out / "table.csv", out / "counts.csv", out / "evidence.csv"]
    write_table_csvs(paths[0], paths[1], table, delimiter)
    write_csv_file(paths[2], EVIDENCE_COLUMNS, evidence_rows(hits), delimiter)
    return paths


def write_table_csvs(table_csv: Path, counts_csv: Path, table: Table, delimiter: str) -> None:
    header, rows = table_rows(table)
    write_csv_file(table_csv, header, rows, delimiter)
    write_csv_file(
        counts_csv,
        COUNTS_COLUMNS,
        ([r[c] for c in COUNTS_COLUMNS] for r in table.long()),
        delimiter,
    )


# where decimals are written with a comma, Excel separates CSV fields with ';'
COMMA_DECIMAL = {
    "nl", "de", "fr", "es", "it", "pt", "da", "sv", "fi", "nb", "nn", "no", "pl", "cs", "ru",
    "tr", "id", "ca", "el", "hu", "ro", "sk", "sl", "hr", "lt", "lv", "et", "uk", "af",
    "dutch", "german", "french", "spanish", "italian", "portuguese", "danish", "swedish",
    "finnish", "norwegian", "polish", "czech", "russian", "turkish",
}  # fmt: skip


def default_delimiter() -> str:
    """';' where the locale writes decimals with a comma (Dutch Excel opens such a CSV in
    columns), else ','. From LC_ALL, LC_NUMERIC or LANG, or the system's locale."""
    import locale

    name = next((os.environ[v] for v in ("LC_ALL", "LC_NUMERIC", "LANG") if os.environ.get(v)), "")
    if not name:
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:
            name = ""
    language = re.split(r"[_.@-]", name.lower(), maxsplit=1)[0]
    return ";" if language in COMMA_DECIMAL else ","
