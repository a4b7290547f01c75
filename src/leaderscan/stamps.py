"""File stamps: a document's content known unchanged without reading the file.

A run after a lexicon edit needs each document's earlier match record, which the
cache finds by the SHA-256 of the file's bytes. Reading and hashing every file only
to find that key costs more than the rest of such a run (and far more on a network
drive), so the cache keeps the hash of each file it read under the file's stamp:
device, inode, size and the times of its last change (content and metadata, to the
nanosecond where the file system has them). A file whose stamp is the same is the
file that was read; one with another stamp is read again. As in version control
systems that do the same, a file changed in the last two seconds gets no stamp: the
file system's clock may not tell that change apart from one still to come.

Stamps are JSON (``stamps.json`` in the cache folder), written atomically by the run
after its documents; two runs at once lose at most each other's new stamps.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .atomic import atomic_open

Stamp = tuple[int, int, int, int, int]  # device, inode, size, mtime_ns, ctime_ns
RECENT_NS = 2_000_000_000  # a change younger than this gives no stamp
MOST = 200_000  # stamps kept; beyond, only those of the last run


def stamp_of(st: os.stat_result, now_ns: int | None = None) -> Stamp | None:
    """The stamp of a file with this ``os.stat`` result; None when it changed lately."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    if now_ns - max(st.st_mtime_ns, st.st_ctime_ns) < RECENT_NS:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class FileStamps:
    """The SHA-256 of files by their stamp, kept in the cache folder ``root``."""

    def __init__(self, root: Path):
        self.path = Path(root) / "stamps.json"
        self._known: dict[str, list[object]] | None = None
        self._new: dict[str, list[object]] = {}

    def _load(self) -> dict[str, list[object]]:
        if self._known is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = None
            self._known = data if isinstance(data, dict) else {}
        return self._known

    def sha256(self, path: Path, identity: tuple[int, int] | None = None) -> str | None:
        """The hash of the file at ``path`` when its stamp is the one kept (and it is the
        file discovery saw: ``identity``, device and inode); else None: read it."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp = stamp_of(st)
        if stamp is None or (identity is not None and tuple(identity) != stamp[:2]):
            return None
        entry = self._load().get(os.path.abspath(path))
        if not isinstance(entry, list) or len(entry) != 6 or tuple(entry[:5]) != stamp:
            return None
        sha = entry[5]
        return sha if isinstance(sha, str) and len(sha) == 64 else None

    def add(self, path: Path, stamp: Stamp, sha256: str) -> None:
        """The stamp of a file as it was read, and the hash of what was read."""
        self._new[os.path.abspath(path)] = [*stamp, sha256]

    def save(self) -> None:
        """Keep the new stamps; a cache that cannot be written is not an error."""
        if not self._new:
            return
        known = self._load()
        if len(known) + len(self._new) > MOST:
            known = {}
        merged = {**known, **self._new}
        if merged == known:
            self._new = {}
            return
        try:
            with atomic_open(self.path, "w", durable=False, private=True, encoding="utf-8") as f:
                f.write(json.dumps(merged, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            return
        self._known, self._new = merged, {}
