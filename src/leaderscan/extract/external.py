"""Running an external program (Tesseract, LibreOffice) for a reader: in a session of
its own, with a time limit, and never left behind — on a time-out or Ctrl-C its whole
process group is killed."""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path


class TimedOut(Exception):
    """The program did not finish within its time limit (and was killed)."""


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: bytes
    stderr: bytes


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run(
    args: list[str],
    seconds: float,
    data: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Finished:
    """Run ``args`` with ``data`` on its standard input; raise OSError when it cannot
    start, TimedOut when it takes longer than ``seconds``."""
    proc = subprocess.Popen(
        args,
        stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(data, timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        raise TimedOut from None
    except BaseException:  # Ctrl-C: leave nothing behind
        _kill_group(proc)
        proc.wait()
        raise
    finally:
        _kill_group(proc)  # children it left running
    return Finished(proc.returncode, out, err)
