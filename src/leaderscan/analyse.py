"""The per-document stage: read (or take from the cache), lemmatise and match one
document, as a function of its bytes, its metadata, the pipeline and the matcher."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .cache import Cache, CachedDocument, Record
from .errors import ExtractionError, ToolMissing
from .extract import (
    DEFAULT_ENGINE,
    DEFAULT_LIMITS,
    DEFAULT_OCR,
    Limits,
    extract_bytes,
    read_file_stamped,
)
from .hits import hits_by_sentence, mark_ocr
from .i18n import _
from .lemmatise import Pipeline
from .match import Matcher
from .model import Source, dumps
from .results import DocumentResult
from .reuse import record_of, rematch, reused


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


PLAIN: Reading = Reading()


def read_document(
    data: bytes,
    suffix: str,
    pipeline: Pipeline,
    reading: Reading = PLAIN,
    key: str | None = None,
) -> CachedDocument:
    """Extract and lemmatise a document's bytes, or take them from the cache (by ``key``)."""
    cache = reading.cache
    key = key or reading.key(hashlib.sha256(data).hexdigest(), pipeline)
    entry = cache.get(key) if cache is not None else None
    if entry is None:
        missing = False
        try:
            extracted = extract_bytes(data, suffix, reading.engine, reading.limits, reading.ocr)
            entry = CachedDocument(extracted, list(pipeline.sentences(extracted.blocks)))
        except ExtractionError as exc:
            entry = CachedDocument(None, [], str(exc))
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
            record_key, record = _record(key, source, matcher, cache)
            if record is not None and reused(result, record, record_key, matcher, cache):
                return result
        entry = read_document(data, source.path.suffix, pipeline, reading, key)
        if entry.error is not None or entry.extracted is None:
            result.error = entry.error or _("no text found in the file")
            return result
        result.pages = entry.extracted.pages
        result.words = entry.extracted.words
        result.warnings = list(entry.extracted.warnings)
        result.blocks = list(entry.extracted.blocks)
        result.ocr, result.converter = entry.extracted.ocr, entry.extracted.converter
        numbered = list(enumerate(entry.sentences))
        affected = matcher.affected(record.fingerprints) if record is not None else None
        if record is not None and affected is not None:
            found, _touched = rematch(source, numbered, matcher, record, affected)
        else:
            found = hits_by_sentence(source, numbered, matcher)
        found = mark_ocr(found, result.ocr)
        result.hits = [h for _, h in found]
        if cache is not None:
            new_record = record_of(result, matcher, found, dict(numbered))
            cache.put_record(record_key, new_record)
            result.hit_rows = (new_record.hits_json, new_record.evidence)
    except Exception as exc:  # a reader library failing on one file must not stop the run
        result.error = _(
            "could not be analysed ({error}); the other files were; please report this file"
        ).format(error=f"{type(exc).__name__}: {exc}")
        result.blocks, result.hits = [], []
    return result


def _record(key: str, source: Source, matcher: Matcher, cache: Cache) -> tuple[str, Record | None]:
    """The key of a document's match record (its content ``key``, its metadata and
    the lexicon's settings), and the record when the cache has one."""
    record_key = cache.record_key(key, dumps([source.metadata(), matcher.setting]))
    return record_key, cache.get_record(record_key)


def cached_result(
    sha256: str, source: Source, pipeline: Pipeline, matcher: Matcher, reading: Reading
) -> DocumentResult | None:
    """The result of the document with this content from its match record, when the
    record is enough (reuse.reused); else None: read the document."""
    cache = reading.cache
    if cache is None:
        return None
    record_key, record = _record(reading.key(sha256, pipeline), source, matcher, cache)
    if record is None:
        return None
    result = DocumentResult(source, sha256=sha256)
    try:
        if reused(result, record, record_key, matcher, cache):
            return result
    except Exception:  # a record that does not serve (as in analyse_bytes): read again
        pass
    return None


def analyse_document(
    source: Source,
    pipeline: Pipeline,
    matcher: Matcher,
    reading: Reading = PLAIN,
) -> DocumentResult:
    """Read, lemmatise and match one file. Never raises for a bad file. A file whose
    stamp the cache knows (stamps.py) is not read when its match record is enough."""
    cache = reading.cache
    if cache is not None:
        known = cache.stamps.sha256(source.path, source.identity)
        if known is not None:
            result = cached_result(known, source, pipeline, matcher, reading)
            if result is not None:
                return result
    try:
        data, stamp = read_file_stamped(source.path, reading.limits, source.identity)
    except ExtractionError as exc:
        return DocumentResult(source, error=str(exc))
    result = analyse_bytes(data, source, pipeline, matcher, reading)
    result.stamp = stamp
    return result
