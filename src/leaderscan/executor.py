"""Where the per-document stage runs: this machine's processes, or a Dask cluster.

An executor turns the sources into their ``DocumentResult``s, in the order of the
sources, so the writer, the progress bar and the tally downstream are the same
whichever runs them. ``LocalExecutor`` is the process pool of ``pool.analyse_all``;
``DaskExecutor`` runs the stage on a ``dask.distributed`` cluster: a LocalCluster
of its own, or an existing scheduler.

With Dask, the cache stays with the client: it looks up each document's match
record (a document reused from it never travels), sends the cached entry along
with the task when there is one, and stores what the worker read and matched when
the result comes back. Workers need no cache folder, and with ``send_bytes`` no
view of the files either: the client reads each file and sends its bytes.
Dask is an optional dependency (``pip install 'leaderscan[dask]'``), imported only
when a cluster is started.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import signal
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from .analyse import Reading, analyse_bytes, cached_result
from .cache import Cache, CachedDocument, Record
from .errors import ExtractionError, LeaderscanError
from .extract import read_file, read_file_stamped
from .i18n import N_, _
from .lemmatise import Pipeline
from .lexicon import Lexicon
from .match import Matcher
from .model import Source, dumps
from .pool import Settings, Workers, analyse_all
from .results import DocumentResult
from .reuse import reused
from .version import __version__

INSTALL = "pip install 'leaderscan[dask]'"
CONNECT_TIMEOUT = 10  # seconds to reach a scheduler
INLINE_BYTES = 1 << 20  # larger files go to the cluster by scatter, not in the task
SHARE_HINT = N_(
    "{error} (on a Dask worker: are the files shared with it? If not, leave out --no-send-bytes)"
)


class ExecutorError(LeaderscanError):
    """The cluster cannot be used: Dask missing, a scheduler out of reach, workers
    with another pipeline or leaderscan."""


class Executor(Protocol):
    def analyse(
        self, sources: list[Source], lexicon: Lexicon, pipeline: Pipeline, reading: Reading
    ) -> Iterator[DocumentResult]:
        """Each source's result, in the order of ``sources``."""
        ...


@dataclass(frozen=True)
class LocalExecutor:
    """``jobs`` processes on this machine (pool.analyse_all); ``workers``: processes
    started for the run before (pool.start_workers)."""

    jobs: int = 1
    workers: Workers | None = None

    def analyse(
        self, sources: list[Source], lexicon: Lexicon, pipeline: Pipeline, reading: Reading
    ) -> Iterator[DocumentResult]:
        return analyse_all(sources, lexicon, pipeline, self.jobs, reading, self.workers)


def dask_available() -> bool:
    return importlib.util.find_spec("distributed") is not None


@dataclass
class Task:
    """One document as it travels to a worker: its bytes (or only its path), the SHA-256
    the client read (so a worker reading the path checks it reads the same file), and
    what the client's cache has of it."""

    source: Source
    data: bytes | None = None  # None: the worker reads the file by its path
    sha256: str | None = None
    same_machine: bool = True  # the worker may check the file's (device, inode)
    cached: bool = False  # the client has a cache: the worker says what to store in it
    entry: tuple[str, CachedDocument] | None = None  # (key, entry) from the client's cache
    record: tuple[str, Record] | None = None


class _Carried(Cache):
    """A worker's view of the client's cache: what the task brought, and what is to be
    stored, which goes back with the result."""

    def __init__(self, task: Task):
        super().__init__(Path())
        self.task = task
        self.puts: list[tuple[str, str, Any]] = []

    def get(self, key: str) -> CachedDocument | None:
        return self.task.entry[1] if self.task.entry and self.task.entry[0] == key else None

    def put(self, key: str, entry: CachedDocument) -> None:
        self.puts.append(("entry", key, entry))

    def has_record(self, key: str) -> bool:
        return self.get_record(key) is not None

    def get_record(self, key: str) -> Record | None:
        return self.task.record[1] if self.task.record and self.task.record[0] == key else None

    def put_record(self, key: str, record: Record) -> None:
        self.puts.append(("record", key, record))


def _settings_key(settings: Settings) -> str:
    """Which pipeline, lexicon and reading options a worker has loaded."""
    return hashlib.sha256(dumps([repr(settings), __version__]).encode()).hexdigest()[:24]


# on a worker: the loaded pipeline, matcher and reading, by settings key (dask_plugin.py)
_loaded: dict[str, tuple[Pipeline, Matcher, Reading, threading.Lock]] = {}
_problems: dict[str, str] = {}


def analyse_task(
    key: str, task: Task, data: bytes | None
) -> tuple[DocumentResult, list[tuple[str, str, Any]]]:
    """The per-document stage on a worker: the result, and what the client is to store
    in its cache. ``data``: the file's bytes, or None to read it by its path. Never
    raises for a bad file; raises ExecutorError when the worker does not have the
    client's pipeline."""
    if key not in _loaded:
        raise ExecutorError(
            _problems.get(key) or _("a Dask worker did not load leaderscan's plugin")
        )
    pipeline, matcher, reading, lock = _loaded[key]
    source = task.source
    if data is None:
        identity = source.identity if task.same_machine else None
        try:
            data = read_file(source.path, reading.limits, identity)
        except ExtractionError as exc:
            error = str(exc) if task.same_machine else _(SHARE_HINT).format(error=exc)
            return DocumentResult(source, error=error), []
        if task.sha256 is not None and hashlib.sha256(data).hexdigest() != task.sha256:
            return DocumentResult(
                source,
                error=_(
                    "the Dask worker read another file at this path than this machine (the file "
                    "changed during the run, or the files are not shared: use --send-bytes)"
                ),
            ), []
    carried = _Carried(task) if task.cached else None
    with lock:  # one document at a time per worker process: spaCy is not shared by threads
        result = analyse_bytes(
            data,
            source,
            pipeline,
            matcher,
            Reading(reading.engine, reading.limits, carried, reading.ocr),
        )
    return result, carried.puts if carried is not None else []


@dataclass
class DaskExecutor:
    """The per-document stage on a Dask cluster: with ``scheduler`` None a LocalCluster
    of ``jobs`` single-threaded worker processes, else the scheduler at that address.

    ``send_bytes`` (default: with a scheduler) sends each file's bytes with its task;
    without it the workers read the files by path (absolute), which they must see.
    At most ``window`` documents (default: 4 per worker thread) are on the cluster at
    once, so memory stays bounded however large the corpus.
    """

    jobs: int = 1
    scheduler: str | None = None
    send_bytes: bool | None = None
    window: int | None = None

    def analyse(
        self, sources: list[Source], lexicon: Lexicon, pipeline: Pipeline, reading: Reading
    ) -> Iterator[DocumentResult]:
        if not dask_available():
            raise ExecutorError(_("--executor dask needs Dask: {install}").format(install=INSTALL))
        matcher = Matcher(lexicon)
        settings = Settings.of(pipeline, lexicon, reading, None)  # the cache is the client's
        send = self.scheduler is not None if self.send_bytes is None else self.send_bytes
        session: _Session | None = None
        queue: deque[tuple[Source, Any]] = deque()  # results, or futures of them, in order
        window = self.window or 8

        def start() -> _Session:
            nonlocal window
            started = _Session.start(self, settings, pipeline.fingerprint)
            window = self.window or max(8, 4 * started.threads())
            return started

        try:
            # a scheduler out of reach is said at once; a LocalCluster is started only
            # when a document needs it (a run that reuses every document starts none)
            session = start() if self.scheduler is not None else None
            for source in sources:
                item = self._prepare(source, pipeline, matcher, reading, send)
                if isinstance(item, Task):
                    session = session or start()
                    item = session.submit(item)
                queue.append((source, item))
                while queue and (len(queue) >= window or _ready(queue[0][1])):
                    yield _finish(*queue.popleft(), reading.cache)
            while queue:
                yield _finish(*queue.popleft(), reading.cache)
        finally:
            queue.clear()
            if session is not None:
                session.close()

    def _prepare(
        self,
        source: Source,
        pipeline: Pipeline,
        matcher: Matcher,
        reading: Reading,
        send: bool,
    ) -> DocumentResult | Task:
        """The document's result, when the client's cache has it; else its task."""
        cache, local = reading.cache, self.scheduler is None
        if cache is None and not send and local:
            return Task(_absolute(source))
        if cache is not None:  # a file known by its stamp is not read for its record
            known = cache.stamps.sha256(source.path, source.identity)
            reusable = known and cached_result(known, source, pipeline, matcher, reading)
            if reusable:
                return reusable
        try:
            data, stamp = read_file_stamped(source.path, reading.limits, source.identity)
        except ExtractionError as exc:
            return DocumentResult(source, error=str(exc))
        sha = hashlib.sha256(data).hexdigest()
        if cache is not None and stamp is not None:
            cache.stamps.add(source.path, stamp, sha)
        task = Task(
            _absolute(source),
            data if send else None,
            None if send else sha,
            same_machine=local,
            cached=cache is not None,
        )
        if cache is None:
            return task
        key = reading.key(sha, pipeline)
        record_key = cache.record_key(key, dumps([source.metadata(), matcher.setting]))
        record = cache.get_record(record_key)
        if record is not None:
            result = DocumentResult(source, sha256=sha)
            try:
                if reused(result, record, record_key, matcher, cache):
                    return result
            except Exception:  # a record that does not serve (as analyse_bytes): read again
                record = None
            task.record = (record_key, record) if record is not None else None
        entry = cache.get(key)
        if entry is not None:
            task.entry = (key, entry)
        return task


def _absolute(source: Source) -> Source:
    """The source with an absolute path, for a worker in another folder."""
    return source if source.path.is_absolute() else replace(source, path=source.path.absolute())


def _ready(item: Any) -> bool:
    return isinstance(item, DocumentResult) or item.done()


def _finish(source: Source, item: Any, cache: Cache | None) -> DocumentResult:
    """The result of a document, its cache entries stored on the client."""
    if isinstance(item, DocumentResult):
        return item
    from distributed import KilledWorker

    try:
        result: DocumentResult
        result, puts = item.result()
    except ExecutorError:
        raise
    except KilledWorker:  # the file took down each worker it was given to
        return DocumentResult(
            source,
            error=_(
                "could not be analysed (it stopped the Dask worker that read it); the other "
                "files were; please report this file"
            ),
        )
    except Exception as exc:  # the cluster, not the file: the scheduler gone, a worker's setup
        raise ExecutorError(
            _("the Dask cluster failed during the run ({error})").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        ) from None
    result.source = source  # the client's, with the path as discovered
    if cache is not None:
        for kind, key, value in puts:
            if kind == "entry":
                cache.put(key, value)
            else:
                cache.put_record(key, value)
    return result


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Ctrl-C is this process's to handle (it stops the run and says so), not the
    workers' (a traceback each): they inherit SIGINT ignored while they start, as the
    local pool's workers ignore it. (A Ctrl-C during those seconds is lost: press
    again.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class _Session:
    """A client, connected to a LocalCluster of its own or to a scheduler, with the
    leaderscan plugin registered on every worker (and on workers that join later)."""

    def __init__(self, client: Any, cluster: Any, key: str):
        self.client, self.cluster, self.key = client, cluster, key

    @classmethod
    def start(cls, executor: DaskExecutor, settings: Settings, fingerprint: str) -> _Session:
        from distributed import Client, LocalCluster

        from .dask_plugin import Tools

        cluster = None
        try:
            if executor.scheduler is None:
                with _workers_ignore_ctrl_c():
                    cluster = LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=executor.jobs,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address="127.0.0.1:0",
                        silence_logs=logging.ERROR,
                    )
                client = Client(cluster)  # type: ignore[no-untyped-call]
            else:
                client = Client(  # type: ignore[no-untyped-call]
                    executor.scheduler, timeout=CONNECT_TIMEOUT
                )
        except (OSError, TimeoutError) as exc:
            if cluster is not None:
                cluster.close()
            where = executor.scheduler or _("a LocalCluster")
            raise ExecutorError(
                _(
                    "cannot reach the Dask scheduler at {where} ({error}); start one with 'dask "
                    "scheduler' and workers with 'dask worker ADDRESS', or leave out --scheduler"
                ).format(where=where, error=exc)
            ) from None
        key = _settings_key(settings)
        plugin = Tools(key, settings, fingerprint)
        session = cls(client, cluster, key)
        try:
            client.register_plugin(plugin, name=plugin.name)
        except Exception as exc:
            session.close()
            raise ExecutorError(
                _(
                    "the Dask workers cannot load leaderscan ({error}); install the same "
                    "leaderscan and pipeline on every worker"
                ).format(error=f"{type(exc).__name__}: {exc}")
            ) from None
        return session

    def threads(self) -> int:
        return sum(self.client.nthreads().values())

    def submit(self, task: Task) -> Any:
        data: Any = task.data
        task.data = None
        if data is not None and len(data) > INLINE_BYTES:
            data = self.client.scatter(data, hash=False)
        return self.client.submit(analyse_task, self.key, task, data, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def from_options(
    executor: str | None, scheduler: str | None, send_bytes: bool | None, jobs: int
) -> Executor:
    """The executor of ``run --executor``: this machine's process pool (the default),
    or a DaskExecutor for ``dask`` (or a ``scheduler`` given alone)."""
    if executor == "local" and (scheduler or send_bytes is not None):
        option = "--scheduler" if scheduler else "--send-bytes"
        raise ExecutorError(
            _("{option} is for --executor dask; leave it out, or add --executor dask").format(
                option=option
            )
        )
    if executor is None and send_bytes is not None and not scheduler:
        raise ExecutorError(_("--send-bytes is for --executor dask; add --executor dask"))
    if executor != "dask" and not scheduler:
        return LocalExecutor(jobs)
    if not dask_available():
        raise ExecutorError(_("--executor dask needs Dask: {install}").format(install=INSTALL))
    return DaskExecutor(jobs=jobs, scheduler=scheduler or None, send_bytes=send_bytes)
