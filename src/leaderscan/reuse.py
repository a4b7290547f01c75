"""Reusing a document's cached match record when the lexicon changed: which sentences
a changed competence can touch, matching only those again, and the new record."""

from __future__ import annotations

import fnmatch
import json

from .cache import SEP, Cache, Record, Vocabulary
from .forms import sentence_forms
from .hits import hits_by_sentence, mark_ocr, ocr_pages
from .match import Affected, Matcher
from .model import Hit, Sentence, Source
from .results import DocumentResult
from .rows import rendered
from .runfile import document_json


def reused(
    result: DocumentResult, record: Record, record_key: str, matcher: Matcher, cache: Cache
) -> bool:
    """Fill ``result`` from a document's match record, when the record is enough:
    the lexicon changed only in competences that cannot touch the document, or only
    in sentences that had a hit (which the record keeps). False: read it again."""
    if matcher.unchanged_for(record.fingerprints, record.vocabulary, record.found):
        from_record(result, record)
        return True
    affected = matcher.affected(record.fingerprints)
    if affected is None or not candidates(affected, record) <= set(record.sentences):
        return False
    from_record(result, record)
    stored = record.hit_sentences()
    found, touched = rematch(result.source, sorted(stored.items()), matcher, record, affected)
    if not touched:  # the edit can touch no sentence: the record's hits stand
        return True
    found = mark_ocr(found, ocr_pages(json.loads(record.document)))
    result.hits = [h for _, h in found]
    updated = record_of(result, matcher, found, stored, record)
    result.hit_rows = (updated.hits_json, updated.evidence)
    if updated.hits_json != record.hits_json:  # else the record still serves
        cache.put_record(record_key, updated)
    return True


def rematch(
    source: Source,
    numbered: list[tuple[int, Sentence]],
    matcher: Matcher,
    record: Record,
    affected: Affected,
) -> tuple[list[tuple[int, Hit]], bool]:
    """Match again only the sentences where a hit of the record may no longer hold or
    a changed competence can match now; keep the record's hits of every other
    sentence. And whether there was such a sentence."""
    old: dict[int, list[Hit]] = {}
    for i, row in zip(record.sentences, json.loads(record.hits_json), strict=True):
        old.setdefault(i, []).append(Hit.from_row(row))
    keys, globbed = affected.keys()
    out: list[tuple[int, Hit]] = []
    any_touched = False
    for i, sentence in numbered:
        before = old.get(i, [])
        touched = any(h.competence_id in affected.stale for h in before)
        if not touched:
            vocabulary = set().union(*sentence_forms(sentence))
            if globbed or not keys.isdisjoint(vocabulary):
                touched = affected.may_match(vocabulary)
        if touched:
            any_touched = True
            out += hits_by_sentence(source, [(i, sentence)], matcher)
        else:
            out += [(i, h) for h in before]
    return out, any_touched


def candidates(affected: Affected, record: Record) -> set[int]:
    """The sentences in which a changed competence, as it is now, could match."""
    out: set[int] = set()
    for cps in affected.probes.values():
        for cp in cps:
            where = []
            for term in cp.terms:
                keys = set(term.lemmas)
                for g in term.globs:
                    keys |= {k for k in record.vocabulary if fnmatch.fnmatchcase(k, g)}
                where.append(record.sentences_with(keys))
            out |= set.intersection(*where) if where else set()
    return out


def record_of(
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
        vocabulary = Vocabulary.of(postings)
        positions = SEP.join(" ".join(map(str, postings[k])) for k in sorted(postings))
    return Record(
        matcher.fingerprints,
        vocabulary,
        {h.competence_id for h in result.hits},
        document_json(result),
        result.pages,
        result.words,
        result.warnings,
        *rendered(h for _, h in found),
        [i for i, _ in found],
        Record.sentences_json({i: sentences[i] for i, _ in found}),
        positions,
    )


def from_record(result: DocumentResult, record: Record) -> DocumentResult:
    result.pages, result.words, result.warnings = record.pages, record.words, record.warnings
    result.hits = [Hit.from_row(row) for row in json.loads(record.hits_json)]
    result.hit_rows = (record.hits_json, record.evidence)
    result.document_json = record.document
    return result
