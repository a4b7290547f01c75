"""The worker pool: documents analysed in several processes, results in order."""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from . import i18n
from .analyse import PLAIN, Reading, analyse_bytes, analyse_document
from .atomic import sha256_file
from .cache import Analysis, Cache
from .compiled import matcher_for
from .extract import DEFAULT_ENGINE, DEFAULT_LIMITS, DEFAULT_OCR, Limits
from .lemma_table import forget_lemma_table, save_lemma_table, simplemma_lemma
from .lemmatise import Pipeline, load_pipeline
from .lexicon import Lexicon, parse_lexicon
from .match import Matcher
from .model import Source, dumps
from .results import DocumentResult


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the file: picklable, so it can travel."""

    model: str
    lexicon_path: str
    lexicon_text: str
    engine: str = DEFAULT_ENGINE
    limits: Limits = DEFAULT_LIMITS
    cache_dir: str | None = None
    phrases: tuple[tuple[str, Analysis], ...] = ()  # the pipeline's lexicon phrases
    ocr: str = DEFAULT_OCR
    language: str = "en"  # of the warnings a worker writes (leaderscan.i18n)

    @classmethod
    def of(
        cls, pipeline: Pipeline, lexicon: Lexicon, reading: Reading, cache_dir: str | None
    ) -> Settings:
        """What a worker needs to analyse as this process would."""
        return cls(
            model=pipeline.model or "auto",
            lexicon_path=str(lexicon.path),
            lexicon_text=lexicon.text,
            engine=reading.engine,
            limits=reading.limits,
            cache_dir=cache_dir,
            phrases=tuple(sorted(pipeline.memo.items())),
            ocr=reading.ocr,
            language=i18n.language(),
        )


Tools = tuple[Pipeline, Matcher, Reading]
# what a forked worker takes from its parent instead of loading it (start_workers)
_inherited: dict[Settings, Tools] = {}


def _tools(settings: Settings) -> Tools:
    return _inherited.get(settings) or _loaded_tools(settings)


@functools.lru_cache(maxsize=4)
def _loaded_tools(settings: Settings) -> Tools:
    i18n.set_language(settings.language)
    pipeline = load_pipeline(settings.model)
    pipeline.memo.update(dict(settings.phrases))
    lexicon = parse_lexicon(Path(settings.lexicon_path), settings.lexicon_text)
    cache = Cache(Path(settings.cache_dir)) if settings.cache_dir else None
    reading = Reading(settings.engine, settings.limits, cache, settings.ocr)
    return pipeline, matcher_for(lexicon, cache.root if cache is not None else None), reading


def analyse(data: bytes, source: Source, settings: Settings) -> DocumentResult:
    """The per-document stage as a pure function of (file bytes, metadata, settings).

    Picklable and importable by name, so it runs in another process or on
    another machine (docs/scaling.md); the pipeline and lexicon are loaded once
    per process. The tally is a merge of its results (``build_tables``).
    """
    pipeline, matcher, reading = _tools(settings)
    return analyse_bytes(data, source, pipeline, matcher, reading)


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    forget_lemma_table()  # a forked worker opens the cache's lemma table itself
    _worker_settings = settings
    _preload(*_tools(settings)[:2])


def _preload(pipeline: Pipeline, matcher: Matcher) -> None:
    """Load what the first document would: the pipeline's spaCy object, the compiled
    patterns, the lemma data, the word list of the language check and the readers of
    PDF and DOCX."""
    from .extract import docx, pdfium  # noqa: F401

    loaded = (pipeline.nlp, matcher.compiled)
    if pipeline.word_lemma is not None:
        simplemma_lemma("werken")
    from wordfreq import zipf_frequency

    zipf_frequency("de", "nl")
    del loaded


def _ready() -> bool:
    return True


def forking() -> bool:
    """Whether workers are forked from this process (Linux: what it has loaded comes
    along), or started anew and load it themselves (elsewhere: fork is unsafe on macOS)."""
    return sys.platform.startswith("linux")


def _context() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork" if forking() else "spawn")


class Workers:
    """Worker processes, given the first chunks of ``sources`` as they start (by
    ``start_workers``: a run starts them before its lexicon check). ``analyse_all``
    takes them when they were started with its settings."""

    def __init__(self, settings: Settings, jobs: int, sources: list[Source] | None = None):
        self.settings = settings
        self.jobs = jobs
        self.executor = ProcessPoolExecutor(
            jobs - 1, mp_context=_context(), initializer=_init_worker, initargs=(settings,)
        )
        self.executor.submit(_ready)  # starts the processes now
        # and gives them the first chunks of ``sources``, to analyse once they are loaded
        self.sources = sources or []
        self.chunks = _chunks(self.sources, jobs)
        self.futures = {
            k: self.executor.submit(_work_chunk, self.chunks[k])
            for k in range(min(_ahead(jobs), len(self.chunks)))
        }

    def fits(self, settings: Settings, jobs: int) -> bool:
        """Whether these workers analyse as workers started with ``settings`` would
        (the lexicon phrases known to the parent aside: the workers analyse their own)."""
        return jobs == self.jobs and replace(settings, phrases=()) == replace(
            self.settings, phrases=()
        )

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def _work_chunk(sources: list[Source]) -> list[DocumentResult]:
    global _table_tried
    results = [_work(source) for source in sources]
    if not _table_tried and _worker_settings is not None and _worker_settings.cache_dir:
        # the lemma table is loaded now: copy it into the cache (once), while this
        # process's share of the documents goes to the others
        _table_tried = True
        save_lemma_table(Path(_worker_settings.cache_dir))
    return results


_table_tried = False


def _work(source: Source) -> DocumentResult:
    assert _worker_settings is not None
    return analyse_document(source, *_tools(_worker_settings))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _mostly_cached(
    sources: list[Source],
    pipeline: Pipeline,
    matcher: Matcher,
    reading: Reading,
    cache: Cache,
) -> bool:
    """Whether documents spread over the corpus nearly all have match records in the
    cache (a sample of 50: the rest is read once, by the run itself)."""
    step = max(1, len(sources) // 50)
    sample = sources[::step]
    missing = 0
    for source in sample:
        try:
            sha = cache.stamps.sha256(source.path, source.identity) or sha256_file(source.path)
        except OSError:
            continue
        key = reading.key(sha, pipeline)
        context = dumps([source.metadata(), matcher.setting])
        missing += not cache.has_record(cache.record_key(key, context))
    return missing <= len(sample) // 10


def processes(
    sources: list[Source],
    lexicon: Lexicon,
    pipeline: Pipeline,
    jobs: int,
    reading: Reading = PLAIN,
) -> int:
    """How many processes analyse ``sources``: ``jobs``, but no more than cores or
    documents (more only cost memory and start-up time), and one when nearly every
    document keeps its earlier matches (re-using them is quicker than starting workers)."""
    jobs = max(1, min(jobs, default_jobs(), len(sources)))
    cache = reading.cache
    if jobs > 1 and cache is not None:
        matcher = matcher_for(lexicon, cache.root)
        if _mostly_cached(sources, pipeline, matcher, reading, cache):
            return 1
    return jobs


def start_workers(
    sources: list[Source],
    lexicon: Lexicon,
    pipeline: Pipeline,
    jobs: int,
    reading: Reading = PLAIN,
) -> Workers | None:
    """The worker processes ``analyse_all`` will want for ``sources``, started now and
    given the first documents (None when it will analyse them in this process).

    Forked workers get the pipeline, the compiled patterns and the lemma data this
    process loads first (once for all, and this process needs them too: it checks the
    lexicon, then analyses documents when the workers are behind); workers started anew
    load them while this process checks the lexicon."""
    jobs = processes(sources, lexicon, pipeline, jobs, reading)
    if jobs <= 1:
        return None
    return _start(sources, lexicon, pipeline, jobs, reading)


def _start(
    sources: list[Source], lexicon: Lexicon, pipeline: Pipeline, jobs: int, reading: Reading
) -> Workers:
    settings = _settings(pipeline, lexicon, reading)
    if not forking():
        return Workers(settings, jobs, sources)
    cache = reading.cache
    matcher = matcher_for(lexicon, cache.root if cache is not None else None)
    _preload(pipeline, matcher)
    _inherited[settings] = (pipeline, matcher, reading)
    gc.freeze()  # the workers' garbage collector leaves the shared pages alone
    try:
        return Workers(settings, jobs, sources)
    finally:
        gc.unfreeze()
        del _inherited[settings]


def _chunks(sources: list[Source], jobs: int) -> list[list[Source]]:
    """The sources in the chunks workers take: small enough to share out evenly."""
    chunk = max(1, min(4, len(sources) // (jobs * 8)))
    return [sources[i : i + chunk] for i in range(0, len(sources), chunk)]


def _ahead(jobs: int) -> int:
    """How many chunks are given out before their results are wanted."""
    return 4 * (jobs - 1)


def _settings(pipeline: Pipeline, lexicon: Lexicon, reading: Reading) -> Settings:
    cache = reading.cache
    return Settings.of(pipeline, lexicon, reading, str(cache.root) if cache is not None else None)


def analyse_all(
    sources: list[Source],
    lexicon: Lexicon,
    pipeline: Pipeline,
    jobs: int = 1,
    reading: Reading = PLAIN,
    workers: Workers | None = None,
) -> Iterator[DocumentResult]:
    """Each source's result, in the order of ``sources``, with ``jobs`` processes
    (``workers``: processes started for them before, by ``start_workers``)."""
    cache = reading.cache
    matcher = matcher_for(lexicon, cache.root if cache is not None else None)
    jobs = processes(sources, lexicon, pipeline, jobs, reading)
    settings = _settings(pipeline, lexicon, reading)
    if workers is not None and not workers.fits(settings, jobs):
        workers.close()
        workers = None
    if jobs <= 1 or len(sources) < 2:
        for source in sources:
            yield analyse_document(source, pipeline, matcher, reading)
        return
    # Workers take chunks in order, a few ahead; when the next result in order is not
    # ready, this process takes the next chunk itself. Results come out in order and
    # only a few chunks wait in memory.
    workers = workers or _start(sources, lexicon, pipeline, jobs, reading)
    executor = workers.executor
    chunks = _chunks(sources, jobs)
    ahead = _ahead(jobs)
    futures: dict[int, Future[list[DocumentResult]]] = {}
    if workers.chunks == chunks:  # the chunks given out when the workers started
        futures = dict(workers.futures)
    local: dict[int, list[DocumentResult]] = {}
    assigned = len(futures)

    def assign() -> None:
        nonlocal assigned
        while assigned < len(chunks) and len(futures) < ahead:
            futures[assigned] = executor.submit(_work_chunk, chunks[assigned])
            assigned += 1

    def here(k: int) -> list[DocumentResult]:
        return [analyse_document(s, pipeline, matcher, reading) for s in chunks[k]]

    try:
        assign()
        for k in range(len(chunks)):
            while k not in local:
                future = futures.get(k)
                if future is None:  # not given out yet (k == assigned): do it here
                    assigned = k + 1
                    local[k] = here(k)
                elif future.done() or assigned >= len(chunks):
                    local[k] = future.result()
                    del futures[k]
                    assign()
                else:  # rather than wait, take the next chunk
                    assigned += 1
                    local[assigned - 1] = here(assigned - 1)
            yield from local.pop(k)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()
