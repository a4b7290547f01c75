"""scan(): discover -> extract -> lemmatise -> match -> tally, for a corpus folder.

``analyse_document`` is the per-document stage: a function of the file, its
metadata, the pipeline and the matcher, returning a ``DocumentResult``; the tally
is a merge of those results.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .atomic import sha256_file
from .cache import Analysis, Cache, Entry, Record
from .discover import Discovery, discover
from .errors import ExtractionError, ToolMissing
from .extract import (
    DEFAULT_ENGINE,
    DEFAULT_LIMITS,
    DEFAULT_OCR,
    Limits,
    extract_bytes,
    read_file,
)
from .lemmatise import Pipeline, load_pipeline, save_lemma_table, sentence_forms
from .lexicon import Lexicon, normalise_heading, parse_lexicon
from .manifest import Manifest
from .match import Matcher
from .model import Block, Hit, Sentence, Source, dumps
from .rows import rendered
from .scope import unscored_reason
from .tally import Table, tally, tally_outside_cells

if TYPE_CHECKING:
    from .executor import Executor

EVIDENCE_ONLY = "evidence only (orientation not scored)"
OUTSIDE_CELLS = "not in a cell"


@dataclass
class DocumentResult:
    source: Source
    sha256: str = ""
    pages: int = 0
    words: int = 0
    hits: list[Hit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # why the document was skipped
    blocks: list[Block] = field(default_factory=list)  # the text, kept for re-scoring
    document_json: str | None = None  # to_dict() as JSON, when it came from the cache
    # the hits as run.json and evidence.csv rows, when they came from the cache
    hit_rows: tuple[str, list[list[Any]]] | None = None
    ocr: dict[int, float] = field(default_factory=dict)  # page -> OCR confidence
    converter: str = ""  # the program that read or converted the file (Tesseract, LibreOffice)

    def rendered(self) -> tuple[str, list[list[Any]]]:
        """The hits as a JSON list of rows and as evidence.csv rows."""
        return self.hit_rows if self.hit_rows is not None else rendered(self.hits)

    def to_dict(self) -> dict[str, Any]:
        """The document's entry in run.json: metadata, hash, status and text."""
        if self.document_json is not None:
            return json.loads(self.document_json)  # type: ignore[no-any-return]
        return {
            **self.source.metadata(),
            "sha256": self.sha256,
            "pages": self.pages,
            "words": self.words,
            "warnings": self.warnings,
            "status": "skipped" if self.error else "read",
            "reason": self.error,
            "blocks": [[b.page, b.section, b.text, b.heading] for b in self.blocks],
            **({"ocr": {str(p): c for p, c in sorted(self.ocr.items())}} if self.ocr else {}),
            **({"converter": self.converter} if self.converter else {}),
        }

    def to_json(self) -> str:
        return self.document_json if self.document_json is not None else dumps(self.to_dict())


@dataclass
class Run:
    corpus: Path
    lexicon: Lexicon
    pipeline: str
    pipeline_version: str
    documents: list[DocumentResult]
    unsupported: list[str]
    skipped_links: list[tuple[str, str]]
    table: Table
    manifest: Manifest
    outside: Table  # documents outside the cells, per kind x organisation
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    version: str = __version__

    @property
    def hits(self) -> list[Hit]:
        return [h for d in self.documents for h in d.hits]

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """(document, reason) of every file that was not analysed."""
        out = [(d.source.document, d.error) for d in self.documents if d.error]
        return out + self.skipped_links  # type: ignore[return-value]


def _section_matches(section: str | None, heading: str) -> bool:
    if not section:
        return False
    s, h = normalise_heading(section), normalise_heading(heading)
    return s == h or s.startswith(h + " ")


def score(
    source: Source,
    sentence: Sentence,
    orientation_scored: bool,
    lexicon: Lexicon,
    tokens: tuple[int, ...] = (),
) -> tuple[str | None, bool, str]:
    """The cell a hit on ``tokens`` of a sentence counts in, whether it is scored, and
    if not, why (scope.py: the section, and a sentence about the organisation).

    A hit in a document outside the cells gets the reason ``OUTSIDE_CELLS (kind)``
    when it would otherwise count; the per-kind table counts those.
    """
    named = next(
        (
            sc
            for sc in source.sections
            if _section_matches(sentence.section, sc.heading)
            and (sc.page is None or sc.page == sentence.page)
        ),
        None,
    )
    cell = named.cell if named is not None else source.cell
    reason = unscored_reason(
        lexicon, sentence, tokens, source.organisation, source.kind, section_rule=named is None
    )
    if reason:
        return cell, False, reason
    if not orientation_scored:
        return cell, False, EVIDENCE_ONLY
    if not cell:
        return None, False, f"{OUTSIDE_CELLS} ({source.kind})"
    return cell, True, ""


MAX_CONTEXT = 1000  # characters of a hit's sentence kept as its context


def context_of(sentence: Sentence, start: int, end: int) -> str:
    """The sentence of a hit, or for a sentence longer than MAX_CONTEXT (text without
    sentence punctuation) the part around the match, cut at spaces and marked '…'."""
    text = sentence.text
    if len(text) <= MAX_CONTEXT or not sentence.offsets:
        return text
    a = sentence.offsets[start]
    b = sentence.offsets[end] + len(sentence.words[end])
    room = max(0, (MAX_CONTEXT - (b - a)) // 2)
    lo, hi = max(0, a - room), min(len(text), b + room)
    if lo > 0:
        space = text.find(" ", lo, a)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", b, hi)
        hi = space if space >= 0 else hi
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def analyse_sentences(source: Source, sentences: Iterable[Sentence], matcher: Matcher) -> list[Hit]:
    return [hit for _, hit in hits_by_sentence(source, enumerate(sentences), matcher)]


def hits_by_sentence(
    source: Source, sentences: Iterable[tuple[int, Sentence]], matcher: Matcher
) -> list[tuple[int, Hit]]:
    """(sentence index, hit) of every competence found in the numbered sentences."""
    lexicon = matcher.lexicon
    scored_orientation = {o.name: o.scored for o in lexicon.orientations}
    hits = []
    for index, sentence in sentences:
        for found in matcher.match(sentence).found:
            comp = found.competence
            cell, scored, reason = score(
                source,
                sentence,
                scored_orientation.get(comp.orientation, False),
                lexicon,
                found.tokens,
            )
            hits.append(
                (
                    index,
                    Hit(
                        organisation=source.organisation,
                        document=source.document,
                        kind=source.kind,
                        cell=cell,
                        page=sentence.page,
                        section=sentence.section,
                        orientation=comp.orientation,
                        competence_id=comp.id,
                        competence=comp.label_for(source.organisation),
                        match=sentence.span_text(found.start, found.end),
                        context=context_of(sentence, found.start, found.end),
                        scored=scored,
                        reason=reason,
                        pattern=found.compiled.pattern.text,
                        tokens=found.tokens,
                    ),
                )
            )
    return hits


@dataclass(frozen=True)
class Reading:
    """How documents are read: the PDF engine, the limits, the cache (or none), and
    which PDF pages are read by OCR (auto: those without a readable text layer)."""

    engine: str = DEFAULT_ENGINE
    limits: Limits = DEFAULT_LIMITS
    cache: Cache | None = None
    ocr: str = DEFAULT_OCR

    def key(self, sha256: str, pipeline: Pipeline) -> str:
        """The cache key of a document's content read with this pipeline."""
        engine = f"{self.engine}|ocr:{self.ocr}"
        return Cache.key(sha256, pipeline.fingerprint, engine, self.limits.max_pages)


PLAIN = Reading()


def read_document(
    data: bytes,
    suffix: str,
    pipeline: Pipeline,
    reading: Reading = PLAIN,
    key: str | None = None,
) -> Entry:
    """Extract and lemmatise a document's bytes, or take them from the cache (by ``key``)."""
    cache = reading.cache
    key = key or reading.key(hashlib.sha256(data).hexdigest(), pipeline)
    entry = cache.get(key) if cache is not None else None
    if entry is None:
        missing = False
        try:
            extracted = extract_bytes(data, suffix, reading.engine, reading.limits, reading.ocr)
            entry = Entry(extracted, list(pipeline.sentences(extracted.blocks)))
        except ExtractionError as exc:
            entry = Entry(None, [], str(exc))
            missing = isinstance(exc, ToolMissing)  # read it once the tool is installed
        if cache is not None and not missing:
            cache.put(key, entry)
    return entry


def analyse_bytes(
    data: bytes,
    source: Source,
    pipeline: Pipeline,
    matcher: Matcher,
    reading: Reading = PLAIN,
) -> DocumentResult:
    """Read, lemmatise and match one document from its bytes. Never raises for a bad file:
    a file that cannot be read, or that breaks a reader, gets ``error`` with the reason.

    With a cache, a document read before is not read again, and its earlier
    matches are reused when the lexicon changed only in competences that cannot
    match it.
    """
    result = DocumentResult(source, sha256=hashlib.sha256(data).hexdigest())
    try:
        cache = reading.cache
        key = reading.key(result.sha256, pipeline)
        record_key, record = "", None
        if cache is not None:
            record_key = cache.record_key(key, dumps([source.metadata(), matcher.setting]))
            record = cache.get_record(record_key)
            if record is not None and _reused(result, record, record_key, matcher, cache):
                return result
        entry = read_document(data, source.path.suffix, pipeline, reading, key)
        if entry.error is not None or entry.extracted is None:
            result.error = entry.error or "no text found in the file"
            return result
        result.pages = entry.extracted.pages
        result.words = entry.extracted.words
        result.warnings = list(entry.extracted.warnings)
        result.blocks = list(entry.extracted.blocks)
        result.ocr, result.converter = entry.extracted.ocr, entry.extracted.converter
        numbered = list(enumerate(entry.sentences))
        changed = matcher.changed(record.fingerprints) if record is not None else None
        if record is not None and changed is not None:
            found = _rematch(source, numbered, matcher, record, changed)
        else:
            found = hits_by_sentence(source, numbered, matcher)
        found = mark_ocr(found, result.ocr)
        result.hits = [h for _, h in found]
        if cache is not None:
            new_record = _record(result, matcher, found, dict(numbered))
            cache.put_record(record_key, new_record)
            result.hit_rows = (new_record.hits_json, new_record.evidence)
    except Exception as exc:  # a reader library failing on one file must not stop the run
        result.error = (
            f"could not be analysed ({type(exc).__name__}: {exc}); "
            "the other files were; please report this file"
        )
        result.blocks, result.hits = [], []
    return result


def _reused(
    result: DocumentResult, record: Record, record_key: str, matcher: Matcher, cache: Cache
) -> bool:
    """Fill ``result`` from a document's match record, when the record is enough:
    the lexicon changed only in competences that cannot touch the document, or only
    in sentences that had a hit (which the record keeps). False: read it again."""
    if matcher.unchanged_for(record.fingerprints, record.vocabulary, record.found):
        _from_record(result, record)
        return True
    changed = matcher.changed(record.fingerprints)
    if changed is None or not _candidates(matcher, changed, record) <= set(record.sentences):
        return False
    _from_record(result, record)
    stored = record.hit_sentences()
    found = _rematch(result.source, sorted(stored.items()), matcher, record, changed)
    found = mark_ocr(found, ocr_pages(json.loads(record.document)))
    result.hits = [h for _, h in found]
    updated = _record(result, matcher, found, stored, record)
    result.hit_rows = (updated.hits_json, updated.evidence)
    if updated.hits_json != record.hits_json:  # else the record still serves
        cache.put_record(record_key, updated)
    return True


def ocr_pages(document: dict[str, Any]) -> dict[int, float]:
    """The OCR confidence by page of a document entry of run.json."""
    return {int(p): float(c) for p, c in (document.get("ocr") or {}).items()}


def mark_ocr(found: list[tuple[int, Hit]], pages: dict[int, float]) -> list[tuple[int, Hit]]:
    """The hits on pages read by OCR, marked with the page's OCR confidence."""
    if not pages:
        return found
    return [(i, replace(h, ocr=pages[h.page]) if h.page in pages else h) for i, h in found]


def _rematch(
    source: Source,
    numbered: list[tuple[int, Sentence]],
    matcher: Matcher,
    record: Record,
    changed: set[str],
) -> list[tuple[int, Hit]]:
    """Match again only the sentences a changed competence had a hit in or can match;
    keep the record's hits of every other sentence."""
    old: dict[int, list[Hit]] = {}
    for i, row in zip(record.sentences, json.loads(record.hits_json), strict=True):
        old.setdefault(i, []).append(Hit(**row))
    live = [c for c in changed if c in matcher.fingerprints]
    keys, globbed = matcher.keys_of(live)
    out: list[tuple[int, Hit]] = []
    for i, sentence in numbered:
        before = old.get(i, [])
        touched = any(h.competence_id in changed for h in before)
        if not touched:
            vocabulary = set().union(*sentence_forms(sentence))
            if globbed or not keys.isdisjoint(vocabulary):
                touched = any(matcher.may_match(c, vocabulary) for c in live)
        if touched:
            out += hits_by_sentence(source, [(i, sentence)], matcher)
        else:
            out += [(i, h) for h in before]
    return out


def _candidates(matcher: Matcher, changed: set[str], record: Record) -> set[int]:
    """The sentences in which a changed competence, as it is now, could match."""
    out: set[int] = set()
    for c in changed:
        for cp in matcher.patterns_of(c):
            where = []
            for term in cp.terms:
                keys = set(term.lemmas)
                for g in term.globs:
                    keys |= {k for k in record.vocabulary if fnmatch.fnmatchcase(k, g)}
                where.append(record.sentences_with(keys))
            out |= set.intersection(*where) if where else set()
    return out


def _record(
    result: DocumentResult,
    matcher: Matcher,
    found: list[tuple[int, Hit]],
    sentences: dict[int, Sentence],
    earlier: Record | None = None,
) -> Record:
    """The match record of a document: its hits with the sentences they stand in, and
    (from ``sentences``, or an ``earlier`` record) the sentences each word is in."""
    if earlier is not None:
        vocabulary, positions = earlier.vocabulary, earlier.positions
    else:
        postings: dict[str, list[int]] = {}
        for i, sentence in sentences.items():
            for k in set().union(*sentence_forms(sentence)):
                postings.setdefault(k, []).append(i)
        vocabulary = set(postings)
        positions = [" ".join(map(str, postings[k])) for k in sorted(postings)]
    return Record(
        matcher.fingerprints,
        vocabulary,
        {h.competence_id for h in result.hits},
        result.to_json(),
        result.pages,
        result.words,
        result.warnings,
        *rendered(h for _, h in found),
        [i for i, _ in found],
        Record.sentences_json({i: sentences[i] for i, _ in found}),
        positions,
    )


def _from_record(result: DocumentResult, record: Record) -> DocumentResult:
    result.pages, result.words, result.warnings = record.pages, record.words, record.warnings
    result.hits = [Hit(**row) for row in json.loads(record.hits_json)]
    result.hit_rows = (record.hits_json, record.evidence)
    result.document_json = record.document
    return result


def analyse_document(
    source: Source,
    pipeline: Pipeline,
    matcher: Matcher,
    reading: Reading = PLAIN,
) -> DocumentResult:
    """Read, lemmatise and match one file. Never raises for a bad file."""
    try:
        data = read_file(source.path, reading.limits, source.identity)
    except ExtractionError as exc:
        return DocumentResult(source, error=str(exc))
    return analyse_bytes(data, source, pipeline, matcher, reading)


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


@functools.lru_cache(maxsize=4)
def _tools(settings: Settings) -> tuple[Pipeline, Matcher, Reading]:
    pipeline = load_pipeline(settings.model)
    pipeline.memo.update(dict(settings.phrases))
    lexicon = parse_lexicon(Path(settings.lexicon_path), settings.lexicon_text)
    cache = Cache(Path(settings.cache_dir)) if settings.cache_dir else None
    reading = Reading(settings.engine, settings.limits, cache, settings.ocr)
    return pipeline, Matcher(lexicon), reading


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
    _worker_settings = settings
    _tools(settings)


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
    try:
        data = read_file(source.path, _worker_settings.limits, source.identity)
    except ExtractionError as exc:
        return DocumentResult(source, error=str(exc))
    return analyse(data, source, _worker_settings)


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
            sha = sha256_file(source.path)
        except OSError:
            continue
        key = reading.key(sha, pipeline)
        context = dumps([source.metadata(), matcher.setting])
        missing += not cache.has_record(cache.record_key(key, context))
    return missing <= len(sample) // 10


def analyse_all(
    sources: list[Source],
    lexicon: Lexicon,
    pipeline: Pipeline,
    jobs: int = 1,
    reading: Reading = PLAIN,
    executor: Executor | None = None,
) -> Iterator[DocumentResult]:
    """Each source's result, in the order of ``sources``, with ``jobs`` processes (or
    where ``executor`` runs them: executor.py)."""
    if executor is not None:
        yield from executor.analyse(sources, lexicon, pipeline, reading)
        return
    cache = reading.cache
    matcher = Matcher(lexicon)  # analyses the lexicon's phrases, once
    # more processes than cores or documents only cost memory and start-up time
    jobs = max(1, min(jobs, default_jobs(), len(sources)))
    if (
        jobs > 1
        and cache is not None
        and _mostly_cached(sources, pipeline, matcher, reading, cache)
    ):
        jobs = 1  # re-using earlier matches is quicker than starting workers
    if jobs <= 1 or len(sources) < 2:
        for source in sources:
            yield analyse_document(source, pipeline, matcher, reading)
        return
    settings = Settings(
        model=pipeline.model or "auto",
        lexicon_path=str(lexicon.path),
        lexicon_text=lexicon.text,
        engine=reading.engine,
        limits=reading.limits,
        cache_dir=str(cache.root) if cache is not None else None,
        phrases=tuple(sorted(pipeline.memo.items())),
        ocr=reading.ocr,
    )
    # Workers take chunks in order, a few ahead; when the next result in order is not
    # ready, this process takes the next chunk itself. Results come out in order and
    # only a few chunks wait in memory.
    chunk = max(1, min(4, len(sources) // (jobs * 8)))
    chunks = [sources[i : i + chunk] for i in range(0, len(sources), chunk)]
    pool = ProcessPoolExecutor(
        jobs - 1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(settings,),
    )
    ahead = 4 * (jobs - 1)
    futures: dict[int, Future[list[DocumentResult]]] = {}
    local: dict[int, list[DocumentResult]] = {}
    assigned = 0

    def assign() -> None:
        nonlocal assigned
        while assigned < len(chunks) and len(futures) < ahead:
            futures[assigned] = pool.submit(_work_chunk, chunks[assigned])
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
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def tally_hits(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per thing the tally distinguishes: what a document adds to the tables."""
    seen: dict[tuple[object, ...], Hit] = {}
    for h in hits:
        key = (
            h.scored,
            h.cell,
            h.organisation,
            h.orientation,
            h.competence_id,
            h.kind,
            counts_outside_cells(h),
        )
        seen.setdefault(key, h)
    return list(seen.values())


def counts_outside_cells(hit: Hit) -> bool:
    """Whether a hit in a document outside the cells would be scored inside one."""
    return hit.reason.startswith(OUTSIDE_CELLS)


def build_tables(
    hits: Iterable[Hit],
    documents: Iterable[tuple[str | None, str | None, str]],
    orientations: list[tuple[str, str]],
    cell_order: Sequence[str] = (),
    organisation_order: Sequence[str] = (),
) -> tuple[Table, Table]:
    """The Figure 26 table and the table of documents outside the cells."""
    hits, documents = list(hits), list(documents)
    return (
        tally(hits, documents, orientations, cell_order, organisation_order),
        tally_outside_cells(
            hits,
            documents,
            orientations,
            counts_outside_cells,
            organisation_order=organisation_order,
        ),
    )


def scored_orientations(lexicon: Lexicon) -> list[tuple[str, str]]:
    return [(o.name, o.label) for o in lexicon.orientations if o.scored]


def scan(
    corpus: Path,
    lexicon: Lexicon,
    pipeline: Pipeline,
    on_document: Callable[[DocumentResult], None] | None = None,
    discovery: Discovery | None = None,
    kinds: Iterable[str] | None = None,
    jobs: int = 1,
    engine: str = DEFAULT_ENGINE,
    limits: Limits = DEFAULT_LIMITS,
    cache: Cache | None = None,
    keep: bool = True,
    ocr: str = DEFAULT_OCR,
    executor: Executor | None = None,
) -> Run:
    """Analyse every document in ``corpus``; call ``on_document`` after each one.

    ``jobs`` > 1 analyses documents in that many processes; the result is the
    same as with one. ``cache`` keeps read and lemmatised documents between runs.
    ``ocr`` says which PDF pages are read by OCR: auto (those without a readable
    text layer), always or never. ``executor`` runs the per-document stage elsewhere
    (executor.py: a Dask cluster) instead of in ``jobs`` processes.
    With ``keep=False`` each document's text and hits are dropped once
    ``on_document`` has had them (it writes them out: export.OutputWriter), so
    memory does not grow with the corpus; the tables are the same.
    """
    discovery = discovery or discover(corpus)
    wanted = set(kinds) if kinds else None
    sources = [s for s in discovery.sources if wanted is None or s.kind in wanted]
    documents = []
    counted: list[Hit] = []
    reading = Reading(engine, limits, cache, ocr)
    for result in analyse_all(sources, lexicon, pipeline, jobs, reading, executor):
        if on_document:
            on_document(result)
        if keep:
            counted.extend(result.hits)
        else:
            counted.extend(tally_hits(result.hits))
            result = replace(result, hits=[], blocks=[])
        documents.append(result)
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
        documents=documents,
        unsupported=discovery.unsupported,
        skipped_links=discovery.skipped,
        table=table,
        outside=outside,
        manifest=discovery.manifest,
    )
