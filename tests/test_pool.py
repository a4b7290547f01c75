"""The worker pool (pool.py): --jobs gives what one process gives, the per-document
function runs in another process, a crash in one document does not stop the run."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan import pool as pool_module
from leaderscan.cli import cli
from leaderscan.discover import discover
from leaderscan.extract import read_file
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import DEFAULT_LEXICON, load_lexicon
from leaderscan.match import Matcher
from leaderscan.pool import Settings, analyse
from leaderscan.scan import Options, measure
from leaderscan.tally import build_tables, scored_orientations
from tests.conftest import ROOT, found, make_txt

CORPUS = ROOT / "corpus"
LEXICON = DEFAULT_LEXICON


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


def test_jobs_1000_starts_no_more_processes_than_cores_and_documents(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from concurrent.futures import Future

    started: list[int] = []

    class Inline:  # a pool that runs each chunk at once, in this process
        def __init__(self, workers: int, **kwargs) -> None:
            started.append(workers)

        def submit(self, fn, *chunk):
            future: Future = Future()
            if not chunk:  # the call that starts the workers
                future.set_result(fn())
                return future
            future.set_result(
                [pool_module.analyse_document(s, pipeline, matcher) for s in chunk[0]]
            )
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


def test_a_run_starts_its_workers_before_the_lexicon_check_and_stops_them_when_it_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    import leaderscan

    gate_module = sys.modules["leaderscan.gate"]
    events: list[str] = []

    class Recorded(pool_module.Workers):
        def __init__(self, settings: Settings, jobs: int, sources=None) -> None:
            events.append("workers started")
            super().__init__(settings, jobs, sources)

        def close(self) -> None:
            events.append("workers closed")
            super().close()

    def failing_check(*args, **kwargs):
        events.append("lexicon checked")
        raise leaderscan.LintFailed("the lexicon has an error", [])

    monkeypatch.setattr(pool_module, "Workers", Recorded)
    monkeypatch.setattr(pool_module, "default_jobs", lambda: 2)
    monkeypatch.setattr(gate_module, "lint_gate", failing_check)
    options = Options(model="simplemma", cache=tmp_path / "cache", jobs=2)
    with pytest.raises(leaderscan.LintFailed):
        leaderscan.scan(CORPUS, options, out=tmp_path / "out")
    assert events == ["workers started", "lexicon checked", "workers closed"]
    assert not (tmp_path / "out").exists()


def test_the_lint_of_a_run_is_worked_out_alongside_it_with_the_same_findings(
    tmp_path: Path,
) -> None:
    from leaderscan import gate as gate_module
    from leaderscan.compiled import lint_for
    from leaderscan.lemmatise import load_pipeline
    from leaderscan.pool import forking

    text = LEXICON.read_text(encoding="utf-8")
    at = text.index("\n      - flexibiliteit\n") + 1
    edited = tmp_path / "competences.yaml"  # a word no lexicon had, and a pattern that
    edited.write_text(text[:at] + "      - rekbaarheidje\n" + text[at:], encoding="utf-8")
    lexicon = load_lexicon(edited)
    pipeline = load_pipeline("simplemma")
    job = gate_module.LintJob(lexicon, pipeline, tmp_path / "cache")
    assert (job._process is not None) == forking()
    phrases = len(pipeline.memo)
    findings = job.findings()
    assert findings == lint_for(lexicon, load_pipeline("simplemma"), None)
    assert len(pipeline.memo) > phrases  # the child's lemmatised phrases, kept by the run
    # the next run of the same lexicon has the findings at once, from the cache
    again = gate_module.LintJob(lexicon, pipeline, tmp_path / "cache")
    assert again._process is None and again.ready() and again.findings() == findings
