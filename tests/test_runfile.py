"""run.json both ways (runfile.py): what is written is read back as a typed SavedRun,
and a run.json of a newer format is refused in one line."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

import leaderscan
from leaderscan.export import write_outputs
from leaderscan.results import Run


def test_a_written_run_reads_back_as_the_same_run(tmp_path: Path, corpus_run: Run) -> None:
    write_outputs(corpus_run, tmp_path)
    saved = leaderscan.open_run(tmp_path)
    assert saved.table == corpus_run.table and saved.outside == corpus_run.outside
    # every hit, field by field (the token positions are not kept in run.json)
    assert saved.hits == [replace(h, tokens=()) for h in corpus_run.hits]
    assert [s.document for s in saved.documents] == [
        d.source.document for d in corpus_run.documents
    ]
    assert saved.lexicon_sha256 == corpus_run.lexicon.sha256
    assert saved.pipeline == f"{corpus_run.pipeline} {corpus_run.pipeline_version}"


def test_a_run_json_of_a_newer_format_is_refused_in_one_line(
    tmp_path: Path, corpus_run: Run
) -> None:
    write_outputs(corpus_run, tmp_path)
    path = tmp_path / "run.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] += 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(leaderscan.RunError) as raised:
        leaderscan.open_run(tmp_path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ") and "newer leaderscan" in message
    assert "update leaderscan" in message
