"""`run --executor dask`: the per-document stage on a Dask cluster gives the same outputs
as a local run, with the same bad-file handling and cache.

One 2-worker LocalCluster serves the module (started once: a few seconds); the tests
reach it by its scheduler address, as a user reaches a cluster of their own."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan import analyse, executor
from leaderscan.cli import cli
from tests.conftest import ROOT, make_pdf, make_txt

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

CORPUS = ROOT / "corpus"
OUTPUTS = ("counts.csv", "evidence.csv", "table.csv")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # a task that kills its worker is given up after one retry (Dask's default: three)
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
    ):
        yield cluster.scheduler_address


def leaderscan(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["run", *args, "--model", "simplemma", "-q"])
    return r.exit_code, r.stdout, r.stderr


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("local") / "out"
    code, stdout, stderr = leaderscan(str(CORPUS), "--out", str(out), "--no-cache", "-j", "1")
    assert code == 0, stderr
    return out, stdout


def table_of(stdout: str) -> str:
    """The printed table and summary, up to the output folder's name (which wraps)."""
    return stdout.split("results in")[0]


@pytest.mark.parametrize("files", ["--send-bytes", "--no-send-bytes"])
def test_dask_run_writes_the_same_outputs_as_a_local_run(
    scheduler: str, local_run: tuple[Path, str], tmp_path: Path, files: str
) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = leaderscan(
        str(CORPUS), "--out", str(out), "--no-cache", "--scheduler", scheduler, files
    )
    assert code == 0, stderr
    assert outputs(out) == outputs(local_run[0])
    assert table_of(stdout) == table_of(local_run[1])


def test_dask_run_fills_the_cache_on_this_machine(
    scheduler: str, local_run: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    args = [str(CORPUS), "--cache-dir", str(cache)]
    code, _, stderr = leaderscan(*args, "--out", str(tmp_path / "a"), "--scheduler", scheduler)
    assert code == 0, stderr
    assert list((cache / "documents").rglob("*.json")), "the client stores what workers read"

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document was read again")

    # a local run on that cache reads nothing again, in this process
    monkeypatch.setattr(analyse, "extract_bytes", no_reading)
    code, _, stderr = leaderscan(*args, "--out", str(tmp_path / "b"), "-j", "1")
    assert code == 0, stderr
    assert outputs(tmp_path / "b") == outputs(local_run[0])


@pytest.fixture
def corpus_with_bad_files(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    wijk = corpus / "Talis" / "wijk"
    shutil.copytree(CORPUS / "Talis" / "wijk", wijk)  # two vacancies
    good = make_pdf(tmp_path / "goed.pdf", [[("p", "Je bent communicatief.")]])
    (wijk / "afgebroken.pdf").write_bytes(good.read_bytes()[:300])  # fails on the worker
    (wijk / "leeg.txt").write_bytes(b"")  # refused before it is sent
    return corpus


def skipped_lines(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if line.startswith("skipped "))


def test_bad_files_on_the_cluster_are_skipped_as_locally(
    corpus_with_bad_files: Path, tmp_path: Path
) -> None:
    corpus = str(corpus_with_bad_files)
    code, _, local = leaderscan(corpus, "--out", str(tmp_path / "a"), "--no-cache", "-j", "1")
    assert code == 0, local
    # the cluster of its own: --jobs workers on this machine, reading the files by path
    code, _, on_dask = leaderscan(
        corpus, "--out", str(tmp_path / "b"), "--no-cache", "--executor", "dask", "-j", "2"
    )
    assert code == 0, on_dask
    assert len(skipped_lines(local)) == 2
    assert skipped_lines(on_dask) == skipped_lines(local)
    assert outputs(tmp_path / "b") == outputs(tmp_path / "a")


def test_a_file_that_kills_its_worker_is_skipped_and_the_run_goes_on(
    scheduler: str, tmp_path: Path
) -> None:
    class Crash(distributed.WorkerPlugin):
        """On each worker: a reader that takes the process down on 'crash.txt'."""

        def setup(self, worker: object) -> None:
            real = executor.analyse_bytes

            def analyse_bytes(data, source, *args):  # type: ignore[no-untyped-def]
                if source.document.endswith("crash.txt"):
                    os._exit(1)
                return real(data, source, *args)

            self.real, executor.analyse_bytes = real, analyse_bytes

        def teardown(self, worker: object) -> None:
            executor.analyse_bytes = self.real

    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "crash.txt", "Je bent communicatief.")
    make_txt(corpus / "Talis" / "wijk" / "goed.txt", "Wie ben jij\nJe bent communicatief.")
    with distributed.Client(scheduler) as client:
        client.register_plugin(Crash(), name="crash")
        try:
            code, stdout, stderr = leaderscan(
                str(corpus), "--out", str(tmp_path / "out"), "--no-cache", "--scheduler", scheduler
            )
        finally:
            client.unregister_worker_plugin("crash")
    assert code == 0, stderr
    assert len(skipped_lines(stderr)) == 1
    assert (
        "skipped Talis/wijk/crash.txt: could not be analysed (it stopped the Dask worker "
        "that read it); the other files were; please report this file"
    ) in " ".join(stderr.split())
    assert "1 document read" in stdout


def test_without_dask_the_executor_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(executor, "dask_available", lambda: False)
    code, _, stderr = leaderscan(str(CORPUS), "--out", str(tmp_path / "out"), "--executor", "dask")
    assert code == 2
    assert stderr == "leaderscan: --executor dask needs Dask: pip install 'leaderscan[dask]'\n"
    assert not (tmp_path / "out").exists()


def test_a_scheduler_out_of_reach_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(executor, "CONNECT_TIMEOUT", 1)
    with distributed.LocalCluster(
        n_workers=0, dashboard_address="127.0.0.1:0", processes=False
    ) as c:
        address = c.scheduler_address  # a free port once the cluster is gone
    code, _, stderr = leaderscan(
        str(CORPUS), "--out", str(tmp_path / "out"), "--scheduler", address
    )
    assert code == 2
    assert stderr.count("\n") == 1
    assert f"cannot reach the Dask scheduler at {address}" in stderr
