"""The result folder of a run (--out): table.csv, counts.csv, evidence.csv and run.json
written as documents arrive and moved into place together, so a crash never leaves
half a file or the files of two runs unnoticed. The formats: render/csv.py, runfile.py.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from filelock import FileLock, Timeout

from .atomic import atomic_open, sha256_file
from .errors import LeaderscanError, OutputError
from .evaluate import review_header, review_rows
from .i18n import _
from .render.csv import write_table_csvs
from .results import DocumentResult, Run
from .rows import EVIDENCE_COLUMNS
from .runfile import document_line, hit_lines, load_run, write_streamed

if TYPE_CHECKING:
    from .saved import Measurement


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
        self._made = not self.out.exists()  # by this run: an aborted run removes it again
        self.out.mkdir(parents=True, exist_ok=True)
        # one run at a time per folder: a second one would replace the first one's
        # measurement after the first had checked that there was none
        self._lock = FileLock(self.out / LOCK_NAME, is_singleton=False)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise OutputBusy(
                _(
                    "{folder}/: another leaderscan run is writing there now; wait until it "
                    "is done, or choose another --out"
                ).format(folder=self.out)
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
        self._documents.write(document_line(d))
        self._hits.write(hit_lines(d))
        _json, evidence = d.rendered()
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
        write_table_csvs(self.tmp / "table.csv", self.tmp / "counts.csv", run.table, self.delimiter)
        write_streamed(
            self.tmp / "run.json", run, self.tmp / "documents.jsonl", self.tmp / "hits.jsonl"
        )
        # the set is decided once its record is complete; a run killed from here on has
        # its move finished by the next run into ``out``, and until then readers see
        # that the folder holds files of two runs (mixed_files)
        record = {"files": {name: sha256_file(self.tmp / name) for name in OUTPUTS}}
        with atomic_open(self.tmp / DECIDED, "w", encoding="utf-8") as f:
            json.dump(record, f)
        replaced = (self.out / "run.json").exists()
        _move_set(self.tmp, self.out)
        self._clean()
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

    def _clean(self) -> None:
        self._close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._lock.release()

    def abort(self) -> None:
        """Remove the temporary files; ``out`` keeps what it had (a folder this run
        made is removed)."""
        self._clean()
        if self._made:
            try:
                (self.out / LOCK_NAME).unlink(missing_ok=True)
                self.out.rmdir()  # only when empty: another run may have written since
            except OSError:
                pass


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


def export_saved(
    m: Measurement, fmt: str, saved: Path, out: Path | None, delimiter: str = ","
) -> list[Path]:
    """Write a saved run (``saved``: its folder or run.json) as ``fmt``: xlsx (a
    workbook), csv (table.csv, counts.csv, evidence.csv in a folder) or png/svg (the
    bar chart); to ``out``, or beside the run. The files written."""
    from .render.chart import Format, chart_bytes
    from .render.csv import write_tables
    from .render.xlsx import write_workbook

    folder_of_run = saved if saved.is_dir() else saved.parent
    if fmt == "xlsx":
        return [write_workbook(m, out or folder_of_run / "leaderscan.xlsx")]
    if fmt == "csv":
        folder = out or folder_of_run
        if folder.exists() and not folder.is_dir():
            raise OutputError(
                _("{folder}: --out must be a folder for --format csv").format(folder=folder)
            )
        paths = write_tables(folder, m.table, m.hits, delimiter)
        if not m.kinds and folder.resolve() == Path(m.data["_path"]).parent.resolve():
            rewritten(folder, [p.name for p in paths])
        return paths
    table = m.table if m.table.columns else m.outside
    path = out or folder_of_run / f"figuur.{fmt}"
    with atomic_open(path, "wb") as f:
        f.write(chart_bytes(table, cast(Format, fmt)))
    return [path]


def write_review(m: Measurement, out: Path, delimiter: str = ",") -> int:
    """Write the review sheet of a run to ``out`` (.xlsx, else CSV); the rows written."""
    rows = review_rows(m)
    if out.suffix.lower() == ".xlsx":
        from .render.xlsx import write_review_workbook

        write_review_workbook(rows, out)
    else:
        from .render.csv import write_csv_file

        write_csv_file(out, review_header(), rows, delimiter)
    return len(rows)


def read_saved(path: Path, on_note: Callable[[str], None] | None = None) -> dict[str, Any]:
    """A saved run read and checked (runfile.load_run); when its folder holds result
    files of another run beside it, a warning saying what to do goes to ``on_note``."""
    data = load_run(path)
    folder = Path(data["_path"]).parent
    mixed = mixed_files(folder)
    if mixed and on_note is not None:
        fix = (
            _("run the measurement again into this folder")
            if "run.json" in mixed
            else _(
                "'leaderscan export {folder} --format csv' writes them again from run.json"
            ).format(folder=folder)
        )
        on_note(
            _(
                "warning: {folder}/: {files} not from the run that wrote the folder last "
                "(changed since, or a run was stopped while moving its files); {fix}"
            ).format(folder=folder, files=", ".join(mixed), fix=fix)
        )
    return data


def beside(saved: Path, name: str) -> Path:
    """A file beside a saved run: in its --out folder, or beside its run.json."""
    return (saved if saved.is_dir() else saved.parent) / name
