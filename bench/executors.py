"""Benchmark: ``leaderscan run`` on this machine's process pool against Dask (not named
dask.py: bench/ is first on the path of its scripts, and would hide Dask itself).

On the synthetic corpus of bench/corpus.py (N two-page vacancies, half PDF, half
DOCX), one run each, from an empty cache (cold) and again after a lexicon edit
(warm, the cold run's cache):

* local: ``--jobs J`` (the process pool);
* LocalCluster: ``--executor dask --jobs J`` (a cluster of J single-threaded workers,
  started by the run, reading the files by path);
* scheduler: ``--scheduler ADDRESS`` on a cluster started beforehand with
  ``dask scheduler`` and ``dask worker --nworkers J --nthreads 1``, once with the
  files' bytes sent (the default) and once read by path (``--no-send-bytes``).

Peak memory is that of leaderscan and the processes it starts (sampled every 50 ms);
the workers of a cluster started beforehand are not its own, so not counted. CPU is
the user + system time of leaderscan and its processes, and of the scheduler and
workers started beforehand: on a machine shared with other work it is a steadier
measure of what each way costs than the wall time.

    pip install -e '.[bench,dask]'
    python bench/executors.py --size 600 --jobs 2 --workdir /tmp/leaderscan-bench
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from leaderscan.lexicon import DEFAULT_LEXICON

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil  # noqa: E402
from corpus import make_corpus, timed_run  # noqa: E402


def start_cluster(work: Path, jobs: int) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """A scheduler and ``jobs`` workers, started as a user starts them; its address."""
    file = work / "scheduler.json"
    file.unlink(missing_ok=True)
    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": work}
    scheduler = [dask, "scheduler", "--host", "127.0.0.1", "--port", "0"]
    scheduler += ["--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(file)]
    procs = [subprocess.Popen(scheduler, **quiet)]  # type: ignore[call-overload]
    while not file.exists():
        time.sleep(0.1)
    address = json.loads(file.read_text())["address"]
    worker = [dask, "worker", address, "--nworkers", str(jobs), "--nthreads", "1"]
    procs.append(subprocess.Popen([*worker, "--no-dashboard"], **quiet))  # type: ignore[call-overload]
    from distributed import Client

    with Client(address) as client:
        client.wait_for_workers(jobs, timeout=120)
    return address, procs


def cluster_cpu(procs: list[subprocess.Popen[bytes]]) -> float:
    """User + system seconds of the cluster's processes and theirs, so far."""
    total = 0.0
    for p in procs:
        try:
            root = psutil.Process(p.pid)
            for q in [root, *root.children(recursive=True)]:
                t = q.cpu_times()
                total += t.user + t.system
        except psutil.Error:
            pass
    return total


def measured(
    args: list[str], cwd: Path, procs: list[subprocess.Popen[bytes]]
) -> tuple[float, float, float]:
    """Wall time, peak memory and CPU seconds of a run (with the cluster's share)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cluster_before = cluster_cpu(procs)
    wall, peak = timed_run(args, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, peak, cpu + cluster_cpu(procs) - cluster_before


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=600)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/leaderscan-bench"))
    ap.add_argument("--model", default="auto")
    args = ap.parse_args()
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    corpus = make_corpus(work / f"corpus-{args.size}", args.size)
    lexicon = work / "competences.yaml"
    edited = work / "competences-edited.yaml"  # a pattern with a word the lexicon does not have
    text = DEFAULT_LEXICON.read_text(encoding="utf-8")
    lexicon.write_text(text, encoding="utf-8")
    old = "      - flexibel\n      - flexibiliteit\n"
    assert text.count(old) == 1
    edited.write_text(text.replace(old, old + "      - plooibaar\n"), encoding="utf-8")
    address, procs = start_cluster(work, args.jobs)
    jobs = ["--jobs", str(args.jobs)]
    ways = {
        f"local, `--jobs {args.jobs}`": jobs,
        f"LocalCluster, `--executor dask --jobs {args.jobs}`": ["--executor", "dask", *jobs],
        "scheduler, bytes sent (`--scheduler ADDRESS`)": ["--scheduler", address],
        "scheduler, files by path (`--no-send-bytes`)": ["--scheduler", address, "--no-send-bytes"],
    }
    print(
        f"N = {args.size:,}; cores: {os.cpu_count()}, python {sys.version.split()[0]}, "
        f"model {args.model}, {args.jobs} workers"
    )
    print()
    print(
        "| executor | cold (s) | cold docs/s | cold CPU (s) | docs per CPU s "
        "| peak memory cold (MB) | warm, lexicon edit (s) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    try:
        for name, extra in ways.items():
            cache = work / "cache-dask"
            shutil.rmtree(cache, ignore_errors=True)
            base = ["run", str(corpus), "-q", "--overwrite", "--model", args.model]
            base += ["--cache-dir", str(cache), *extra]
            out = ["--out", str(work / "out-dask")]
            cold, mem, cpu = measured([*base, *out, "--lexicon", str(lexicon)], work, procs)
            warm, _, _ = measured([*base, *out, "--lexicon", str(edited)], work, procs)
            shown = f"{mem:.0f}" if "scheduler" not in name else "(workers not counted)"
            print(
                f"| {name} | {cold:.1f} | {args.size / cold:.0f} | {cpu:.1f} "
                f"| {args.size / cpu:.0f} | {shown} | {warm:.2f} |",
                flush=True,
            )
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait()


if __name__ == "__main__":
    main()
