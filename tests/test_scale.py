"""Speed and safety: the cache, --jobs, the per-document function in another process,
interrupted and concurrent runs. (Speed itself is measured in bench/, not here.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan import analyse as analyse_module
from leaderscan import pool as pool_module
from leaderscan.cache import Cache
from leaderscan.cli import cli
from leaderscan.discover import discover
from leaderscan.export import write_outputs
from leaderscan.extract import read_file
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import load_lexicon, parse_lexicon
from leaderscan.match import Matcher
from leaderscan.pool import Settings, analyse
from leaderscan.runfile import run_to_dict
from leaderscan.scan import Options, measure
from leaderscan.tally import build_tables, scored_orientations
from tests.conftest import ROOT, make_txt, set_patterns

CORPUS = ROOT / "corpus"
LEXICON = ROOT / "competences.yaml"


def found(run) -> dict:
    """What a run found, without when it ran."""
    data = json.loads(json.dumps(run_to_dict(run)))
    data.pop("created")
    return data


def test_jobs_give_the_same_result_as_one_process(corpus_run, pipeline: Pipeline) -> None:
    parallel = measure(CORPUS, load_lexicon(LEXICON), pipeline, Options(cache=False, jobs=2))
    assert found(parallel) == found(corpus_run)


def test_per_document_function_in_another_process_merges_to_the_same_table(
    corpus_run, pipeline: Pipeline
) -> None:
    lexicon = load_lexicon(LEXICON)
    settings = Settings(pipeline.model, str(lexicon.path), lexicon.text)
    sources = discover(CORPUS).sources
    payloads = [(read_file(s.path), s) for s in sources]
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(analyse, data, source, settings) for data, source in payloads]
        results = [f.result() for f in futures]
    hits = [h for r in results for h in r.hits]
    table, outside = build_tables(
        hits,
        [(r.source.organisation, r.source.cell, r.source.kind) for r in results if not r.error],
        scored_orientations(lexicon),
        ["wijk", "lijn"],
        ["Bindkracht10", "Talis"],
    )
    assert table.rows() == corpus_run.table.rows() and table.columns == corpus_run.table.columns
    assert outside.rows() == corpus_run.outside.rows()
    assert [h.as_row() for h in hits] == [h.as_row() for h in corpus_run.hits]


class Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str):
        self.calls = 0
        original = getattr(owner, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def test_cache_makes_a_lexicon_edit_only_rematch(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    text = LEXICON.read_text(encoding="utf-8")
    first = measure(CORPUS, parse_lexicon(LEXICON, text), pipeline, cache=cache)
    # an edit: a pattern of 'flexibel' replaced by a word the corpus does not have
    edited_text = set_patterns(text, "flexibel", ["flexibel", "flexibiliteit", "omschakelbaar"])
    assert edited_text != text
    edited = parse_lexicon(LEXICON, edited_text)
    extractions = Counter(monkeypatch, analyse_module, "extract_bytes")
    matches = Counter(monkeypatch, Matcher, "match")
    again = measure(CORPUS, edited, pipeline, cache=cache)
    assert extractions.calls == 0  # nothing read or lemmatised again
    # only the sentences of the one document with 'flexibel' are matched again
    sentences = sum(1 for d in first.documents for _ in d.blocks)
    assert 0 < matches.calls < sentences / 10
    monkeypatch.undo()
    full = measure(CORPUS, edited, pipeline)  # no cache at all
    assert found(again)["hits"] == found(full)["hits"]
    assert found(again)["documents"] == found(full)["documents"]


EDITS = {
    "new competence": (
        "  - id: communicatief\n",
        "  - {id: wijkgericht, label: Wijkgericht, orientation: Verkenner, patterns: [wijk, buurt]}\n"
        "  - id: communicatief\n",
    ),
    "competence removed": ("communicatief", ["xyzzy"]),
    "label changed": ("    label: Sociaal\n", "    label: Sociaal vaardig\n"),
    "exclusion added": (
        '      - "sociaal en maatschappelijk"\n',
        '      - "sociaal en maatschappelijk"\n      - "sociaal betrokken"\n',
    ),
    "pattern that wins an overlap": ("flexibel", ["flexibel", "communicatief sterk flexibel"]),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_every_kind_of_edit_gives_what_a_full_run_gives(
    tmp_path: Path, pipeline: Pipeline, edit: str
) -> None:
    text = LEXICON.read_text(encoding="utf-8")
    old, new = EDITS[edit]
    if isinstance(new, list):  # a competence's patterns replaced
        edited_text = set_patterns(text, old, new)
    else:
        assert old in text
        edited_text = text.replace(old, new, 1)
    cache = Cache(tmp_path / "cache")
    before = found(measure(CORPUS, parse_lexicon(LEXICON, text), pipeline, cache=cache))
    edited = parse_lexicon(LEXICON, edited_text)
    incremental = found(measure(CORPUS, edited, pipeline, cache=cache))
    full = found(measure(CORPUS, edited, pipeline))
    assert incremental == full
    if edit in ("new competence", "competence removed", "label changed"):
        assert incremental["hits"] != before["hits"]  # the edit did change the results


def test_a_damaged_or_foreign_cache_entry_is_rebuilt(tmp_path: Path, pipeline: Pipeline) -> None:
    cache = Cache(tmp_path / "cache")
    lexicon = load_lexicon(LEXICON)
    before = measure(CORPUS, lexicon, pipeline, cache=cache)
    entries = sorted((tmp_path / "cache" / "documents").rglob("*.json"))
    entries += sorted((tmp_path / "cache" / "matches").rglob("*.json"))
    assert len(entries) == 2 * 23
    for i, entry in enumerate(entries):  # every entry damaged, in one of three ways
        if i % 3 == 0:
            entry.write_text("{ not json", encoding="utf-8")
        elif i % 3 == 1:
            entry.write_bytes(b"\x00\xff garbage")
        else:
            foreign = json.loads(entry.read_text(encoding="utf-8"))
            foreign["key"] = "someone else's"
            entry.write_text(json.dumps(foreign), encoding="utf-8")
    after = measure(CORPUS, lexicon, pipeline, cache=cache)
    assert found(after) == found(before)
    assert not after.skipped
    for entry in entries:  # written anew
        assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem


def test_no_cache_writes_no_cache(tmp_path: Path, lexicon_file: Path) -> None:
    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    cache = tmp_path / "cache"
    args = ["run", str(corpus), "--lexicon", str(lexicon_file), "-q", "--cache-dir", str(cache)]
    r = CliRunner().invoke(cli, [*args, "--no-cache", "--out", str(tmp_path / "a")])
    assert r.exit_code == 0, r.output
    assert not cache.exists()
    r = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "b")])
    assert r.exit_code == 0 and any(cache.rglob("*.json"))
    # and a copy of the lemma table, so that a new lexicon word is one lookup
    assert list((cache / "lemmas").glob("simplemma-*-nl-*.sqlite"))


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


def test_a_crash_in_one_document_does_not_stop_the_run(
    tmp_path: Path, lexicon_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "goed.txt", "Wie ben jij\nJe bent communicatief.\n")
    make_txt(corpus / "Talis" / "wijk" / "raar.txt", "Wie ben jij\nJe bent resultaatgericht.\n")
    from leaderscan.extract import txt

    original = txt.read

    def fragile(data: bytes):
        if b"resultaatgericht" in data:
            raise RuntimeError("reader bug")
        return original(data)

    monkeypatch.setattr(txt, "read", fragile)
    out = tmp_path / "out"
    r = CliRunner().invoke(
        cli,
        [
            "run",
            str(corpus),
            "--lexicon",
            str(lexicon_file),
            "--out",
            str(out),
            "--no-cache",
            "-q",
            "--jobs",
            "1",
        ],
        env={"COLUMNS": "300"},
    )
    assert r.exit_code == 0, r.output
    message = "could not be analysed (RuntimeError: reader bug); the other files were; please report this file"
    assert f"skipped Talis/wijk/raar.txt: {message}" in r.stderr
    data = json.loads((out / "run.json").read_text())
    assert data["skipped"] == [{"document": "Talis/wijk/raar.txt", "reason": message}]
    assert [h["competence_id"] for h in data["hits"]] == ["communicatief"]


def test_outputs_written_by_the_library_too_are_complete(corpus_run, tmp_path: Path) -> None:
    paths = write_outputs(corpus_run, tmp_path / "o")
    assert [p.name for p in paths] == ["table.csv", "counts.csv", "evidence.csv", "run.json"]
    assert json.loads(paths[-1].read_text())["hits"] == [h.as_row() for h in corpus_run.hits]
    assert not list((tmp_path / "o").glob(".leaderscan-*"))


@pytest.mark.parametrize("how", ["env is a file", "option below a file"])
def test_a_cache_that_cannot_be_written_is_a_warning_and_the_run_completes(
    tmp_path: Path, lexicon_file: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    blocker = tmp_path / "een bestand"
    blocker.write_text("", encoding="utf-8")
    args = ["run", str(corpus), "--lexicon", str(lexicon_file), "-q", "-j", "1"]
    if how == "env is a file":
        monkeypatch.setenv("LEADERSCAN_CACHE_DIR", str(blocker))
        why = "it is a file, not a folder"
    else:
        args += ["--cache-dir", str(blocker / "cache")]
        why = "Not a directory"
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert f"cannot be used ({why}); running without a cache" in r.stderr
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["hits"]


@pytest.mark.parametrize("damage", ["random bytes", "empty file", "empty database"])
def test_a_damaged_lemma_table_is_ignored_and_rebuilt(
    tmp_path: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from leaderscan import lemma_table as lemmatise

    monkeypatch.setattr(lemmatise._tables, "copy", None)
    monkeypatch.setattr(lemmatise._tables, "loaded", False)  # as in a run on cached documents
    path = lemmatise.lemma_table_path(tmp_path)
    path.parent.mkdir(parents=True)
    if damage == "random bytes":
        path.write_bytes(os.urandom(8192))
    elif damage == "empty file":
        path.write_bytes(b"")
    else:
        sqlite3.connect(path).execute(
            "CREATE TABLE lemmas (k BLOB PRIMARY KEY, v BLOB)"
        ).connection.commit()
    lemmatise.use_lemma_table(tmp_path)
    assert lemmatise._tables.copy is None
    assert not path.exists()  # so that the next run writes it again
    assert lemmatise.is_known("visie")
    assert lemmatise.is_lemma_of_itself("verbinden")
    monkeypatch.setattr(lemmatise._tables, "loaded", True)
    assert lemmatise.save_lemma_table(tmp_path) == path and path.stat().st_size > 1_000_000


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
    assert (
        json.loads((out / "run.json").read_text(encoding="utf-8"))["table"]["columns"][0]["cell"]
        == "lijn"
    )
    assert not list(out.glob(".leaderscan-*"))


def test_jobs_1000_starts_no_more_processes_than_cores_and_documents(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from concurrent.futures import Future

    started: list[int] = []

    class Inline:  # a pool that runs each chunk at once, in this process
        def __init__(self, workers: int, **kwargs) -> None:
            started.append(workers)

        def submit(self, fn, chunk):
            future: Future = Future()
            future.set_result([pool_module.analyse_document(s, pipeline, matcher) for s in chunk])
            return future

        def shutdown(self, **kwargs) -> None:
            pass

    lexicon = load_lexicon(LEXICON)
    matcher = Matcher(lexicon)
    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", Inline)
    monkeypatch.setattr(pool_module, "default_jobs", lambda: 2)
    sources = discover(CORPUS).sources
    results = list(pool_module.analyse_all(sources, lexicon, pipeline, jobs=1000))
    assert len(results) == len(sources) and started == [1]  # 2 cores: one worker and this process
    started.clear()
    list(pool_module.analyse_all(sources[:1], lexicon, pipeline, jobs=1000))
    assert started == []  # one document: no worker at all


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
