"""Start-up: the time of commands that find nothing to do, on a warm cache.

For each pipeline: one run of the bundled corpus warms a cache folder of its own,
then each command runs ``--repeat`` times (default 5): ``run corpus/`` (every
document and its matches from the cache), ``try "zin"`` and ``lexicon check``.
Prints the median wall time and the median CPU time (user + system of the
command's processes) of each. With several ``--src`` folders (``NAME=PATH`` of a
leaderscan source tree, run with PYTHONPATH) the trees take turns run by run, so
that their ratios are measured under the same load of a shared machine.

    python bench/startup.py [--model simplemma --model ../shared/models/nl_ud_proxy]
    python bench/startup.py --src before=/tmp/before/src --src after=src

Each tree is byte-compiled first, as ``pip install`` does for an installed package
(where PYTHONDONTWRITEBYTECODE is set, a source tree would otherwise be compiled
again at every start).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "run corpus/ (warm)": ["run", "corpus", "--out", "{out}", "-q", "--overwrite"],
    'try "zin"': ["try", "zin"],
    "lexicon check": ["lexicon", "check"],
}


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", action="append", help="pipeline (repeatable)")
    parser.add_argument("--src", action="append", help="NAME=PATH of a source tree")
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()
    models = opts.model or ["simplemma", "../shared/models/nl_ud_proxy"]
    trees = [s.split("=", 1) for s in opts.src or [f"installed={ROOT / 'src'}"]]
    work = Path(tempfile.mkdtemp(prefix="leaderscan-startup-"))
    base = [sys.executable, "-m", "leaderscan"]
    try:
        rows = []
        for model in models:
            envs = {}
            for name, src in trees:
                subprocess.run([sys.executable, "-m", "compileall", "-q", src], check=True)
                env = dict(os.environ, PYTHONPATH=str(Path(src).resolve()))
                env["LEADERSCAN_CACHE_DIR"] = str(work / f"cache-{name}")
                envs[name] = env
                warm = [*base, "run", "corpus", "--out", str(work / "out"), "-q", "--overwrite"]
                subprocess.run([*warm, "--model", model], env=env, cwd=ROOT, check=True)
            for label, command in COMMANDS.items():
                times: dict[str, list[tuple[float, float]]] = {n: [] for n, _ in trees}
                for _ in range(opts.repeat):
                    for name, _src in trees:
                        args = [c.format(out=work / f"out-{name}") for c in command]
                        times[name].append(timed([*base, *args, "--model", model], envs[name]))
                for name, _src in trees:
                    wall = statistics.median(t[0] for t in times[name])
                    cpu = statistics.median(t[1] for t in times[name])
                    rows.append((Path(model).name, label, name, wall, cpu))
                    print(
                        f"{Path(model).name:12} {label:20} {name:10} {wall:6.2f} s wall "
                        f"{cpu:6.2f} s CPU",
                        flush=True,
                    )
        print("\n| pipeline | command | tree | wall (s) | CPU (s) |\n|---|---|---|---:|---:|")
        for model, label, name, wall, cpu in rows:
            print(f"| {model} | {label} | {name} | {wall:.2f} | {cpu:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
