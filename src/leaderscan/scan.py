"""scan(): a corpus measured as ``leaderscan run`` measures it.

discover -> extract -> lemmatise -> match -> tally, document by document
(analyse.py; pool.py with several processes), the results written as they come
(export.OutputWriter) so that memory does not grow with the corpus. ``Options``
holds every setting of a run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .analyse import Reading
from .atomic import sha256_file
from .cache import Cache, default_cache_dir, unusable
from .compiled import keep_lexicon, load_lexicon_cached
from .discover import Discovery, discover
from .errors import LeaderscanError, NothingToRead, OutputError
from .executor import Executor, LocalExecutor, from_options
from .export import OutputWriter
from .extract import DEFAULT_ENGINE, DEFAULT_LIMITS, DEFAULT_OCR, TYPES, Limits
from .gate import LintGates, Note, ignore_note
from .i18n import _, ngettext
from .lemma_table import save_lemma_table, save_word_lemmas, use_lemma_table
from .lemmatise import FALLBACK, TRAINED, Pipeline, load_pipeline, trained_available
from .lexicon import Lexicon
from .lexicons import combine_lexicons, find_lexicons
from .model import KIND_CHOICES, Hit, Source, kind_name
from .pool import default_jobs, start_workers
from .results import DocumentResult, Run
from .runfile import load_run, same_measurement
from .tally import build_tables, scored_orientations, tally_hits


@dataclass(frozen=True)
class Options:
    """How a corpus is measured: every setting of ``leaderscan run`` but where the
    results go. ``cache``: True for the default folder (~/.cache/leaderscan or
    $LEADERSCAN_CACHE_DIR), a folder, or False for none; ``jobs``: None for all cores;
    ``kinds``: only documents of these kinds (vacancy, policy, training; or the Dutch
    names); ``lexicon``: None for competences.yaml here or beside the corpus, else the
    one that comes with leaderscan."""

    lexicon: Path | str | Sequence[Path | str] | None = None
    model: str = "auto"
    pdf_engine: str = DEFAULT_ENGINE
    ocr: str = DEFAULT_OCR
    limits: Limits = DEFAULT_LIMITS
    cache: Path | str | bool = True
    jobs: int | None = None
    kinds: tuple[str, ...] = field(default=())
    # where documents are analysed (executor.py): None or "local" for this machine's
    # processes, "dask" for a Dask cluster (a LocalCluster of ``jobs`` workers, or
    # ``scheduler``); ``send_bytes``: send the files' bytes to the workers
    executor: str | None = None
    scheduler: str | None = None
    send_bytes: bool | None = None

    def __post_init__(self) -> None:
        self.runner()  # refuses --scheduler or --send-bytes without Dask, at once
        kinds = []
        for word in self.kinds:
            kind = kind_name(word)
            if kind is None:
                raise LeaderscanError(
                    _("unknown kind '{kind}'; use {choices}").format(
                        kind=word, choices=_(KIND_CHOICES)
                    )
                )
            kinds.append(kind)
        object.__setattr__(self, "kinds", tuple(dict.fromkeys(kinds)))

    @classmethod
    def resolve(cls, value: Options | dict[str, Any] | None) -> Options:
        """Options from None (the defaults), a dict of its fields, or Options."""
        if value is None:
            return cls()
        return value if isinstance(value, Options) else cls(**value)

    @property
    def lexicons(self) -> list[Path | str]:
        """The lexicon files or names given: none, one, or several on top of each other."""
        if self.lexicon is None:
            return []
        if isinstance(self.lexicon, (str, Path)):
            return [self.lexicon]
        return list(self.lexicon)

    def runner(self) -> Executor:
        """What analyses the documents: the process pool here, or a Dask cluster."""
        return from_options(
            self.executor, self.scheduler, self.send_bytes, self.jobs or default_jobs()
        )

    def open_cache(self) -> Cache | None:
        if self.cache is False:
            return None
        return Cache(default_cache_dir() if self.cache is True else Path(self.cache))

    def reading(self, cache: Cache | None = None) -> Reading:
        """How each document is read: engine, limits, OCR, and ``cache``."""
        return Reading(self.pdf_engine, self.limits, cache, self.ocr)


# in this process and without a cache: what re-scoring, tests and benchmarks want
DIRECT = Options(cache=False, jobs=1)


def guard_earlier_measurement(
    out: Path, lexicon: Lexicon, pipeline: Pipeline, sources: list[Source], overwrite: bool
) -> None:
    """Refuse to replace an earlier, different measurement in ``out`` unless asked to."""
    earlier = out / "run.json"
    if overwrite or not earlier.exists():
        return
    try:
        data = load_run(earlier)
    except LeaderscanError:
        data = {}
    hashes = {}
    for s in sources:
        try:
            hashes[s.document] = sha256_file(s.path)
        except OSError:
            hashes[s.document] = ""
    if data and same_measurement(
        data,
        lexicon.sha256,
        f"{pipeline.name} {pipeline.version}",
        {d: h for d, h in hashes.items()},
    ):
        return  # the same files measured the same way: replacing it loses nothing
    message = (
        _(
            "{out}/ already holds an earlier measurement of {created}; choose another --out to "
            "keep both, or pass --overwrite to replace it"
        )
        if data
        else _(
            "{out}/ already holds an earlier measurement; choose another --out to keep both, or "
            "pass --overwrite to replace it"
        )
    )
    raise OutputError(message.format(out=out, created=data.get("created")))


def unwritable(out: Path, exc: OSError) -> OutputError:
    return OutputError(
        _(
            "{out}/: cannot write the results ({error}); free some space or choose another "
            "--out (what {out}/ held before is unchanged)"
        ).format(out=out, error=exc.strerror or exc)
    )


class WriteFailed(Exception):
    """Writing the results failed (not reading a document)."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


def warm_from_cache(pipeline: Pipeline, cache: Cache | None = None) -> None:
    """What a cache (default: the default folder, when there is one) knows of lexicon
    phrases and lemmas, into ``pipeline``: a lexicon a run has seen is checked, and a
    sentence tried, without loading spaCy's lemma data. Reads only."""
    if cache is None:
        root = default_cache_dir()
        if not root.is_dir():
            return
        cache = Cache(root)
    pipeline.memo.update(cache.load_phrases(pipeline.fingerprint))
    use_lemma_table(cache.root)


def wanted_sources(discovery: Discovery, kinds: tuple[str, ...]) -> list[Source]:
    """The documents of the corpus of the kinds asked for (all of them for none)."""
    return [s for s in discovery.sources if not kinds or s.kind in kinds]


def measure(
    corpus: Path,
    lexicon: Lexicon,
    pipeline: Pipeline,
    options: Options = DIRECT,
    on_document: Callable[[DocumentResult], None] | None = None,
    discovery: Discovery | None = None,
    keep: bool = True,
    cache: Cache | None = None,
    runner: Executor | None = None,
) -> Run:
    """Analyse every document in ``corpus`` with a loaded lexicon and pipeline; call
    ``on_document`` after each one. No lint gate and no files: ``scan`` adds them.

    ``options.jobs`` > 1 analyses documents in that many processes; the result is
    the same as with one. ``cache`` (default: ``options.open_cache()``) keeps read and
    lemmatised documents between runs.
    With ``keep=False`` each document's text and hits are dropped once
    ``on_document`` has had them (it writes them out: export.OutputWriter), so
    memory does not grow with the corpus; the tables are the same.
    """
    if cache is None:
        cache = options.open_cache()
    discovery = discovery or discover(corpus)
    sources = wanted_sources(discovery, options.kinds)
    documents = []
    counted: list[Hit] = []
    reading = options.reading(cache)
    runner = runner or options.runner()
    for result in runner.analyse(sources, lexicon, pipeline, reading):
        if cache is not None and result.stamp is not None and not result.error:
            cache.stamps.add(result.source.path, result.stamp, result.sha256)
        if on_document:
            on_document(result)
        if keep:
            counted.extend(result.hits)
        else:
            counted.extend(tally_hits(result.hits))
            result = replace(result, hits=[], blocks=[])
        documents.append(result)
    if cache is not None:
        cache.stamps.save()
    table, outside = build_tables(
        counted,
        ((d.source.organisation, d.source.cell, d.source.kind) for d in documents if not d.error),
        scored_orientations(lexicon),
        discovery.manifest.cells,
        discovery.manifest.organisations,
    )
    return Run(
        corpus=Path(corpus),
        lexicon=lexicon,
        pipeline=pipeline.name,
        pipeline_version=pipeline.version,
        pipeline_description=pipeline.description,
        documents=documents,
        unsupported=discovery.unsupported,
        skipped_links=discovery.skipped,
        table=table,
        outside=outside,
        manifest=discovery.manifest,
    )


def scan(
    corpus: Path | str,
    options: Options | dict[str, Any] | None = None,
    *,
    out: Path | str | None = None,
    overwrite: bool = False,
    delimiter: str = ",",
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[DocumentResult], None] | None = None,
    on_note: Note | None = None,
) -> Run:
    """Measure a corpus folder as ``leaderscan run`` does: the lexicon linted first
    (LintFailed on errors), the cache and its lemma and phrase tables used, and with
    ``out`` the four result files written as documents arrive (memory stays flat) and
    moved into ``out`` at the end; an earlier, different measurement there is kept
    unless ``overwrite``. ``run.written`` names the files written.

    ``on_start(total)`` is called once the documents are known, ``on_document`` after
    each, ``on_note`` with each warning (lint findings, files not analysed, the cache).
    Raises LeaderscanError subclasses: ConfigError (lexicon, manifest), LintFailed,
    PipelineError, NothingToRead, OutputError; KeyboardInterrupt leaves ``out`` as it was.
    """
    options = Options.resolve(options)
    corpus = Path(corpus)
    note = on_note or ignore_note
    paths = find_lexicons(options.lexicons, corpus)
    # structural problems first, before the pipeline (a parsed lexicon from the cache)
    opened = options.open_cache()
    root = opened.root if opened is not None and opened.root.is_dir() else None
    loaded = [load_lexicon_cached(p, root) for p in paths]
    discovery = discover(corpus)
    pipeline = load_pipeline(options.model)
    cache = options.open_cache()
    why = unusable(cache.root) if cache is not None else None
    if cache is not None and why is not None:
        note(
            _(
                "warning: the cache folder {folder} cannot be used ({why}); running without a "
                "cache (choose another with --cache-dir)"
            ).format(folder=cache.root, why=why)
        )
        cache = None
    if cache is not None and root is None:  # the cache folder is new: keep what was parsed
        for lexicon in loaded:
            keep_lexicon(lexicon, cache.root)
    jobs = options.jobs or default_jobs()
    runner = options.runner()
    workers = None
    if isinstance(runner, LocalExecutor) and len(loaded) == 1:
        # the workers load the pipeline and the lexicon while this process checks it
        wanted = wanted_sources(discovery, options.kinds)
        workers = start_workers(wanted, loaded[0], pipeline, jobs, options.reading(cache))
        runner = replace(runner, workers=workers)
    try:
        return _scan(
            corpus, options, paths, loaded, discovery, pipeline, cache, jobs, runner,
            out, overwrite, delimiter, on_start, on_document, note,
        )  # fmt: skip
    finally:
        if workers is not None:
            workers.close()


def _scan(
    corpus: Path,
    options: Options,
    paths: list[Path],
    loaded: list[Lexicon],
    discovery: Discovery,
    pipeline: Pipeline,
    cache: Cache | None,
    jobs: int,
    runner: Executor,
    out: Path | str | None,
    overwrite: bool,
    delimiter: str,
    on_start: Callable[[int], None] | None,
    on_document: Callable[[DocumentResult], None] | None,
    note: Note,
) -> Run:
    if cache is not None:
        warm_from_cache(pipeline, cache)
    known_phrases = len(pipeline.memo)
    # each file linted on its own (its problems at its lines), then one on top of another
    with LintGates(paths, loaded, pipeline, cache, note) as gates:
        lexicon = combine_lexicons(loaded)
        gates.check()  # findings kept in the cache are reported at once
        if cache is not None and jobs == 1:
            save_lemma_table(cache.root)  # once per cache (with --jobs, a worker does it)
        if options.model == "auto" and pipeline.name == FALLBACK and not trained_available():
            note(
                _("{trained} is not installed; using the offline pipeline {pipeline}").format(
                    trained=TRAINED, pipeline=pipeline.description
                )
            )
        if discovery.unsupported:
            exts = sorted({Path(d).suffix.lower() or _("(none)") for d in discovery.unsupported})
            n = len(discovery.unsupported)
            note(
                ngettext(
                    "Not analysed: {n} file of unsupported type ({types}); use {supported}",
                    "Not analysed: {n} files of unsupported type ({types}); use {supported}",
                    n,
                ).format(n=n, types=", ".join(exts), supported=_(TYPES))
            )
        for doc, reason in discovery.skipped:
            note(_("skipped {document}: {reason}").format(document=doc, reason=reason))
        for warning in discovery.warnings:
            note(warning)

        kinds = options.kinds
        sources = wanted_sources(discovery, kinds)
        if not sources:
            message = (
                _(
                    "No PDF, DOCX or TXT file of kind {kinds} in {corpus}/; expected "
                    "{corpus}/<Organisation>/<cell>/<file>, e.g. {corpus}/Talis/wijk/vacature.pdf."
                )
                if kinds and discovery.sources
                else _(
                    "No PDF, DOCX or TXT file in {corpus}/; expected "
                    "{corpus}/<Organisation>/<cell>/<file>, e.g. {corpus}/Talis/wijk/vacature.pdf."
                )
            ).format(kinds=", ".join(kinds), corpus=corpus)
            if out is not None:
                message += " " + _("Nothing was written to {out}/.").format(out=out)
            raise NothingToRead(message)
        writer = _writer(Path(out), delimiter) if out is not None else None
        try:
            if writer is not None:
                guard_earlier_measurement(writer.out, lexicon, pipeline, sources, overwrite)
            if on_start is not None:
                on_start(len(sources))

            def each(d: DocumentResult) -> None:
                gates.check()
                if writer is not None:
                    try:
                        writer.add(d)
                    except OSError as exc:
                        raise WriteFailed(exc) from exc
                if on_document is not None:
                    on_document(d)

            try:
                run = measure(
                    corpus,
                    lexicon,
                    pipeline,
                    replace(options, jobs=jobs),
                    each,
                    discovery,
                    keep=writer is None,
                    cache=cache,
                    runner=runner,
                )
            except WriteFailed as exc:  # a full disk, a folder made read-only
                assert writer is not None
                raise unwritable(writer.out, exc.error) from None
            gates.check(wait=True)
            if cache is not None and len(pipeline.memo) > known_phrases:
                cache.save_phrases(pipeline.fingerprint, pipeline.memo)
            if cache is not None:
                save_lemma_table(cache.root)  # if no worker did (all documents came from the cache)
                save_word_lemmas(cache.root)
            if writer is not None:
                try:
                    run.written = writer.commit(run)
                except OSError as exc:
                    raise unwritable(writer.out, exc) from None
                run.hit_count, run.scored_count = writer.hits, writer.scored
                run.removed, run.stale = writer.removed, writer.stale
        except BaseException:
            if writer is not None:
                writer.abort()
            raise
        return run


def _writer(out: Path, delimiter: str) -> OutputWriter:
    try:
        return OutputWriter(out, delimiter)  # holds ``out`` until the run is done
    except LeaderscanError:
        raise
    except OSError as exc:
        raise OutputError(
            _("{out}/: cannot write there ({error}); choose another --out").format(
                out=out, error=exc.strerror or exc
            )
        ) from None


def suggest_reading() -> Reading:
    """How 'suggest' reads documents: the default cache when it can be used, else none."""
    cache = Cache(default_cache_dir())
    return Reading(cache=None if unusable(cache.root) else cache)
