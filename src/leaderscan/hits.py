"""The hits of sentences: each competence the matcher finds, with the cell it counts in
(scope.score), its context, and the OCR confidence of its page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .match import Matcher
from .model import Hit, Sentence, Source
from .scope import score

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


def ocr_pages(document: dict[str, Any]) -> dict[int, float]:
    """The OCR confidence by page of a document entry of run.json."""
    return {int(p): float(c) for p, c in (document.get("ocr") or {}).items()}


def mark_ocr(found: list[tuple[int, Hit]], pages: dict[int, float]) -> list[tuple[int, Hit]]:
    """The hits on pages read by OCR, marked with the page's OCR confidence."""
    if not pages:
        return found
    return [(i, replace(h, ocr=pages[h.page]) if h.page in pages else h) for i, h in found]
