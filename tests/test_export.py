"""The result folder (export.py): interrupted, killed and concurrent runs leave whole
results; the library writes the same files. (Speed is measured in bench/, not here.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan.cli import cli
from leaderscan.export import write_outputs
from leaderscan.lexicon import DEFAULT_LEXICON
from tests.conftest import ROOT, make_txt

CORPUS = ROOT / "corpus"
LEXICON = DEFAULT_LEXICON


def big_corpus(root: Path, n: int) -> Path:
    sentence = "Je werkt samen met bewoners en partners in de wijk en je bent communicatief. "
    for i in range(n):
        make_txt(
            root / "Talis" / "wijk" / f"vacature {i:02d}.txt", "Wie ben jij\n" + sentence * 400
        )
    return root


def leaderscan(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "leaderscan", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )


def finish(proc: subprocess.Popen) -> int:
    """Wait for a run; show its stderr when it failed."""
    _, err = proc.communicate(timeout=180)
    if proc.returncode:
        print(err)
    return proc.returncode


@pytest.mark.parametrize("how", ["interrupt", "kill"])
def test_a_run_stopped_half_way_leaves_the_earlier_results_intact(
    tmp_path: Path, lexicon_file: Path, how: str
) -> None:
    corpus = big_corpus(tmp_path / "corpus", 40)
    out = tmp_path / "out"
    common = ["run", str(corpus), "--out", str(out), "--lexicon", str(lexicon_file)]
    first = leaderscan(*common, "-q", "--no-cache", cwd=tmp_path)
    assert finish(first) == 0
    earlier = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert set(earlier) == {
        "table.csv",
        "counts.csv",
        "evidence.csv",
        "run.json",
        ".leaderscan.set.json",  # the SHA-256 of the four
        ".leaderscan.lock",  # held by the run writing there
    }
    # the second run would replace it (--overwrite), but is stopped half-way
    proc = leaderscan(*common, "--overwrite", "--no-cache", "--jobs", "1", "-v", cwd=tmp_path)
    seen = ""
    deadline = time.monotonic() + 120
    while "[5/40]" not in seen and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
    assert "[5/40]" in seen, seen
    proc.send_signal(signal.SIGINT if how == "interrupt" else signal.SIGKILL)
    _, rest = proc.communicate(timeout=60)
    if how == "interrupt":
        assert proc.returncode == 130
        assert "Interrupted after" in rest and "is unchanged" in rest, rest
        assert "Traceback" not in rest
    else:
        assert proc.returncode == -signal.SIGKILL
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == earlier
    if how == "interrupt":
        assert not list(out.glob(".leaderscan-*"))  # no temporary files left behind
    # the next run cleans up after a killed one and completes
    again = leaderscan(*common, "-q", "--overwrite", "--no-cache", cwd=tmp_path)
    assert finish(again) == 0
    assert not list(out.glob(".leaderscan-*"))


def test_two_runs_at_once_into_different_folders(tmp_path: Path, lexicon_file: Path) -> None:
    corpus = big_corpus(tmp_path / "corpus", 12)
    cache = tmp_path / "cache"
    procs = [
        leaderscan(
            "run",
            str(corpus),
            "--out",
            str(tmp_path / name),
            "--lexicon",
            str(lexicon_file),
            "-q",
            "--cache-dir",
            str(cache),
            "--jobs",
            "1",
            cwd=tmp_path,
        )
        for name in ("a", "b")
    ]
    for p in procs:
        assert finish(p) == 0
    a, b = (json.loads((tmp_path / n / "run.json").read_text()) for n in ("a", "b"))
    assert a["hits"] == b["hits"] and a["table"] == b["table"] and len(a["documents"]) == 12


def test_outputs_written_by_the_library_too_are_complete(corpus_run, tmp_path: Path) -> None:
    paths = write_outputs(corpus_run, tmp_path / "o")
    assert [p.name for p in paths] == ["table.csv", "counts.csv", "evidence.csv", "run.json"]
    assert json.loads(paths[-1].read_text())["hits"] == [h.as_row() for h in corpus_run.hits]
    assert not list((tmp_path / "o").glob(".leaderscan-*"))


def test_two_runs_into_the_same_out_at_once_the_second_is_refused(
    tmp_path: Path, lexicon_file: Path
) -> None:
    from leaderscan.export import OutputWriter

    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    out = tmp_path / "out"
    first = OutputWriter(out)  # a run writing there now
    try:
        r = CliRunner().invoke(
            cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out), "-q"]
        )
        assert r.exit_code == 2, r.output
        assert r.stderr.splitlines()[-1] == (
            f"leaderscan: {out}/: another leaderscan run is writing there now; wait until it "
            "is done, or choose another --out"
        )
        assert not (out / "run.json").exists()
    finally:
        first.abort()
    r = CliRunner().invoke(
        cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out), "-q"]
    )
    assert r.exit_code == 0, r.output  # once the first is done


KILL_DURING_MOVE = """
import os, signal, sys
from pathlib import Path
from leaderscan.cli import main
real, moved = os.replace, []
def replace(src, dst, *a, **k):
    into_out = ".leaderscan-" not in str(dst)  # not the run's own temporary folder
    if into_out and Path(dst).name in ("table.csv", "counts.csv", "evidence.csv", "run.json"):
        moved.append(dst)
        if len(moved) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst, *a, **k)
if __name__ == "__main__":
    os.replace = replace
    sys.argv = ["leaderscan", *sys.argv[1:]]
    main()
"""


def test_sigkill_during_the_final_move_is_noticed_and_completed_by_the_next_run(
    tmp_path: Path, lexicon_file: Path
) -> None:
    from leaderscan.export import mixed_files, remove_stale

    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    out = tmp_path / "out"
    common = ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out), "-q"]
    assert CliRunner().invoke(cli, common).exit_code == 0
    old = (out / "run.json").read_bytes()
    make_txt(corpus / "Talis" / "lijn" / "w.txt", "Wie ben jij\nJe bent resultaatgericht.\n")
    proc = subprocess.run(
        [sys.executable, "-c", KILL_DURING_MOVE, *common, "--overwrite", "--no-cache", "-j", "1"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert (out / "run.json").read_bytes() == old  # killed after table.csv was moved
    assert mixed_files(out) == ["table.csv"]
    r = CliRunner().invoke(cli, ["table", str(out)])
    assert r.exit_code == 0
    assert f"warning: {out}/: table.csv not from the run that wrote the folder last" in r.stderr
    remove_stale(out)  # what the next run into out does first: finish the move
    assert mixed_files(out) == []
    columns = json.loads((out / "run.json").read_text(encoding="utf-8"))["table"]["columns"]
    assert [c["cell"] for c in columns] == ["wijk", "lijn"]  # the new run's, with lijn
    assert not list(out.glob(".leaderscan-*"))


def test_out_empty_is_refused(
    tmp_path: Path, lexicon_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where '--out ""' wrote
    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    r = CliRunner().invoke(cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", ""])
    assert r.exit_code == 2
    assert r.stderr == "leaderscan: --out '' names no folder; give one, e.g. --out out/\n"
    assert not (tmp_path / "run.json").exists()
