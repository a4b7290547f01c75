"""Writing results: table.csv, counts.csv, evidence.csv and run.json.

Every file is written to a temporary name in the same folder and renamed into
place, so a crash never leaves half a file. CSV is UTF-8 with a BOM (Dutch Excel
opens it correctly), with ``,`` or ``;`` as delimiter, and no cell can start a
formula (= + - @ get a leading apostrophe).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from filelock import FileLock, Timeout

from .atomic import atomic_open, sha256_file
from .errors import LeaderscanError
from .model import Hit
from .rows import EVIDENCE_COLUMNS, evidence_row, safe_cell
from .saved import FORMAT
from .scan import DocumentResult, Run
from .tally import Column, Table, column_name

COUNTS_COLUMNS = ["organisation", "cell", "orientation", "count", "documents"]


def write_csv(
    f: IO[str], header: list[str], rows: Iterable[Iterable[Any]], delimiter: str = ","
) -> None:
    writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])


def column_title(column: Column) -> str:
    return f"{column_name(column.cell)} {column.organisation} (N={column.documents})"


def table_rows(table: Table) -> tuple[list[str], list[list[Any]]]:
    header = ["Oriëntaties"] + [column_title(c) for c in table.columns]
    return header, [[table.labels.get(o, o), *counts] for o, counts in table.rows()]


def write_csv_file(
    path: Path, header: list[str], rows: Iterable[Iterable[Any]], delimiter: str = ","
) -> None:
    with atomic_open(path, "w", encoding="utf-8-sig", newline="") as f:
        write_csv(f, header, rows, delimiter)


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


def run_header(run: Run) -> dict[str, Any]:
    """What run.json says about the run itself: provenance, lexicon, order."""
    return {
        "format": FORMAT,
        "leaderscan": run.version,
        "created": run.created,
        "corpus": str(run.corpus),
        "pipeline": {"name": run.pipeline, "version": run.pipeline_version},
        "lexicon": {
            "path": str(run.lexicon.path),
            "sha256": run.lexicon.sha256,
            "name": run.lexicon.name,
            "content": run.lexicon.text,
        },
        "orientations": [
            {"name": o.name, "label": o.label, "scored": o.scored} for o in run.lexicon.orientations
        ],
        "competences": [
            {
                "id": c.id,
                "label": c.label,
                "orientation": c.orientation,
                "labels": dict(c.labels),
                "note": c.note,
            }
            for c in run.lexicon.competences
        ],
        "order": {
            "cells": list(run.manifest.cells),
            "organisations": list(run.manifest.organisations),
        },
    }


def run_to_dict(run: Run) -> dict[str, Any]:
    """Everything needed to print, report, compare and re-score a run without the files."""
    return {
        **run_header(run),
        "documents": [d.to_dict() for d in run.documents],
        "skipped": [{"document": doc, "reason": why} for doc, why in run.skipped],
        "unsupported": run.unsupported,
        "table": table_to_dict(run.table),
        "outside": table_to_dict(run.outside),
        "hits": [h.as_row() for h in run.hits],
    }


def evidence_rows(hits: Iterable[Hit]) -> Iterator[list[Any]]:
    for h in hits:
        yield evidence_row(h.as_row())


def write_tables(out: Path, table: Table, hits: Iterable[Hit], delimiter: str = ",") -> list[Path]:
    """table.csv, counts.csv and evidence.csv in ``out``."""
    paths = [out / "table.csv", out / "counts.csv", out / "evidence.csv"]
    _write_table_csvs(paths[0], paths[1], table, delimiter)
    write_csv_file(paths[2], EVIDENCE_COLUMNS, evidence_rows(hits), delimiter)
    return paths


def _write_table_csvs(table_csv: Path, counts_csv: Path, table: Table, delimiter: str) -> None:
    header, rows = table_rows(table)
    write_csv_file(table_csv, header, rows, delimiter)
    write_csv_file(
        counts_csv,
        COUNTS_COLUMNS,
        ([r[c] for c in COUNTS_COLUMNS] for r in table.long()),
        delimiter,
    )


def _json(value: Any) -> str:
    # compact and in one piece: only then does json use its fast C encoder
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


OUTPUTS = ("table.csv", "counts.csv", "evidence.csv", "run.json")
TMP_PREFIX = ".leaderscan-"
LOCK_NAME = ".leaderscan.lock"  # held by the run writing into the folder
# the SHA-256 of each of the four files of the last complete run: a reader sees when
# the folder holds files of two runs (a run killed while moving its files into place)
SET_NAME = ".leaderscan.set.json"
DECIDED = "set.json"  # in a run's temporary folder: its files are complete, to be moved
# files other commands write beside run.json, from it: removed when the run is replaced
DERIVED = ("report.html", "leaderscan.xlsx", "figuur.png", "figuur.svg")
# written from the run, but then filled in by hand: kept, and said
HAND_FILLED = ("review.xlsx", "review.csv")


class OutputBusy(LeaderscanError):
    """Another run is writing into the same --out folder."""


def rewritten(folder: Path, names: Iterable[str]) -> None:
    """Record that ``names`` in ``folder`` were written again from its run.json
    (``export --format csv`` into the run's own folder): they belong to the set."""
    path = folder / SET_NAME
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        for name in names:
            record["files"][name] = sha256_file(folder / name)
        with atomic_open(path, "w", encoding="utf-8") as f:
            json.dump(record, f)
    except (OSError, ValueError, KeyError, TypeError):
        pass


def mixed_files(folder: Path) -> list[str]:
    """The result files in ``folder`` that are not those of the run that wrote it last
    (changed since, or left by a run killed while moving its files); [] when the set
    is whole or the folder has no record of its set (a run of an older leaderscan)."""
    try:
        recorded = json.loads((folder / SET_NAME).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    out = []
    for name in OUTPUTS:
        try:
            same = sha256_file(folder / name) == recorded.get(name)
        except OSError:
            same = False
        if not same:
            out.append(name)
    return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(out: Path) -> None:
    """Remove the temporary folders of runs into ``out`` that were killed; a run killed
    while moving its complete files into place has its move finished first."""
    for tmp in out.glob(f"{TMP_PREFIX}*"):
        pid = tmp.name[len(TMP_PREFIX) :].split("-", 1)[0]
        if tmp.is_dir() and pid.isdigit() and not _alive(int(pid)):
            if (tmp / DECIDED).is_file():
                _move_set(tmp, out)
            shutil.rmtree(tmp, ignore_errors=True)


def _move_set(tmp: Path, out: Path) -> None:
    """Move a decided set of result files from ``tmp`` into ``out``: the files, then
    the record of the set. Files already moved are not there any more."""
    for name in OUTPUTS:
        if (tmp / name).exists():
            os.replace(tmp / name, out / name)
    os.replace(tmp / DECIDED, out / SET_NAME)
    if hasattr(os, "O_DIRECTORY"):  # the renames on disk too, where the system allows
        try:
            fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            pass


class OutputWriter:
    """The result files of a run, written as documents arrive.

    Documents and hits go to temporary files beside ``out`` at once, so memory
    stays flat however large the corpus; ``commit`` assembles run.json and moves
    the four files into ``out``. Until then ``out`` is untouched: an interrupted
    or failed run leaves the earlier results as they were (``abort`` cleans up).
    """

    def __init__(self, out: Path, delimiter: str = ","):
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        # one run at a time per folder: a second one would replace the first one's
        # measurement after the first had checked that there was none
        self._lock = FileLock(self.out / LOCK_NAME, is_singleton=False)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise OutputBusy(
                f"{self.out}/: another leaderscan run is writing there now; wait until it "
                "is done, or choose another --out"
            ) from None
        try:
            self._start(delimiter)
        except BaseException:
            self._lock.release()
            raise

    def _start(self, delimiter: str) -> None:
        remove_stale(self.out)
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=self.out))
        self.delimiter = delimiter
        self._evidence = (self.tmp / "evidence.csv").open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._evidence, delimiter=delimiter, lineterminator="\r\n")
        self._csv.writerow(EVIDENCE_COLUMNS)
        self._documents = (self.tmp / "documents.jsonl").open("w", encoding="utf-8")
        self._hits = (self.tmp / "hits.jsonl").open("w", encoding="utf-8")
        self.hits = self.scored = 0
        self.removed: list[str] = []  # files made from the run this one replaced
        self.stale: list[str] = []  # such files kept (a review sheet filled in by hand)

    def add(self, d: DocumentResult) -> None:
        self._documents.write(d.to_json() + "\n")
        hits_json, evidence = d.rendered()
        if d.hits:
            self._hits.write(hits_json[1:-1] + "\n")  # the rows, without the list's brackets
        self._csv.writerows(evidence)
        self.hits += len(d.hits)
        self.scored += sum(h.scored for h in d.hits)

    def _close(self) -> None:
        for f in (self._evidence, self._documents, self._hits):
            if not f.closed:
                f.close()

    def commit(self, run: Run) -> list[Path]:
        """Write the tables and run.json and move all four files into ``out``."""
        self._close()
        _write_table_csvs(
            self.tmp / "table.csv", self.tmp / "counts.csv", run.table, self.delimiter
        )
        tail = {
            "skipped": [{"document": doc, "reason": why} for doc, why in run.skipped],
            "unsupported": run.unsupported,
            "table": table_to_dict(run.table),
            "outside": table_to_dict(run.outside),
        }
        with (self.tmp / "run.json").open("w", encoding="utf-8") as f:
            f.write(_json(run_header(run))[:-1])
            # each line holds one document, or the hits of one document
            for key, path in (("documents", "documents.jsonl"), ("hits", "hits.jsonl")):
                if key == "hits":
                    f.write("," + _json(tail)[1:-1])
                f.write(f',"{key}":[')
                with (self.tmp / path).open(encoding="utf-8") as lines:
                    for i, line in enumerate(lines):
                        f.write(("," if i else "") + line.rstrip("\n"))
                f.write("]")
            f.write("}\n")
            f.flush()
            os.fsync(f.fileno())
        # the set is decided once its record is complete; a run killed from here on has
        # its move finished by the next run into ``out``, and until then readers see
        # that the folder holds files of two runs (mixed_files)
        record = {"files": {name: sha256_file(self.tmp / name) for name in OUTPUTS}}
        with atomic_open(self.tmp / DECIDED, "w", encoding="utf-8") as f:
            json.dump(record, f)
        replaced = (self.out / "run.json").exists()
        _move_set(self.tmp, self.out)
        self.abort()
        if replaced:
            for name in DERIVED:
                try:
                    (self.out / name).unlink()
                    self.removed.append(name)
                except FileNotFoundError:
                    pass
                except OSError:
                    self.stale.append(name)
            self.stale += [n for n in HAND_FILLED if (self.out / n).exists()]
        return [self.out / name for name in OUTPUTS]

    def abort(self) -> None:
        """Remove the temporary files; ``out`` keeps what it had."""
        self._close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._lock.release()


def write_outputs(run: Run, out: Path, delimiter: str = ",") -> list[Path]:
    """Write the four result files of a run held in memory into ``out``."""
    writer = OutputWriter(out, delimiter)
    try:
        for d in run.documents:
            writer.add(d)
        return writer.commit(run)
    except BaseException:
        writer.abort()
        raise


def csv_text(header: list[str], rows: Iterable[Iterable[Any]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    write_csv(buf, header, rows, delimiter)
    return buf.getvalue()
