"""Writing a file so that it is either all there or not at all.

The content goes to a temporary file beside the target, which is renamed into
place only when it is complete: a crash or Ctrl-C never leaves half a file, and
two processes writing the same file never mix their content.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's content, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(
    path: Path, mode: str = "w", durable: bool = True, private: bool = False, **kwargs: Any
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it into place on success only.

    ``durable`` waits until the content is on disk before the rename (results);
    a cache can do without. ``private`` keeps mkstemp's owner-only permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    if not private:
        os.chmod(tmp, 0o666 & ~_umask())  # results are ordinary files
    try:
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
