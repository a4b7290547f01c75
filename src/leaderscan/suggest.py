"""Suggest lexicon entries: frequent lemmas and short phrases no pattern covers.

Reads the scored sections of a corpus (not 'Wie zijn wij', 'Wat bieden wij', …),
drops stop words, numbers, short words, the organisations' names and every token
a pattern already matches. Words that are at least as frequent in the unscored
sections (the organisation's own description: "wijk", "gemeente", "jaar") are
background, not what a role asks, and are left out too. The rest is ranked by
how many documents use it, weighed by how rare the word is in Dutch at large
(wordfreq's Zipf scale: "maken" 6.1, "communicatief" 2.9), so that
"stressbestendig" in five vacancies comes before "jaar" in twelve. Each suggestion carries an example
sentence, so HR can judge it and paste a pattern.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .discover import Discovery
from .errors import ExtractionError
from .extract import extract
from .lemmatise import Pipeline
from .lexicon import Lexicon
from .match import Matcher
from .scope import section_reason

MIN_LENGTH = 4
ZIPF_CEILING = 7.0  # the most frequent Dutch words ("de") are near 7.5


@dataclass
class Suggestion:
    text: str  # a lemma, or two lemmas for a phrase
    documents: set[str] = field(default_factory=set)
    count: int = 0
    example: str = ""
    example_document: str = ""
    example_page: int = 0
    zipf: float = 0.0  # frequency in general Dutch, log10 per billion words

    @property
    def score(self) -> float:
        return len(self.documents) * max(ZIPF_CEILING - self.zipf, 0.1)

    def row(self) -> list[object]:
        return [
            self.text,
            len(self.documents),
            self.count,
            self.example,
            self.example_document,
            self.example_page,
            round(self.zipf, 2),
        ]


COLUMNS = ["suggestion", "documents", "occurrences", "example", "document", "page", "zipf"]


def _content(word: str, lemma: str) -> bool:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return (
        word.isalpha()
        and len(lemma) >= MIN_LENGTH
        and lemma not in STOP_WORDS
        and word.lower() not in STOP_WORDS
    )


def suggest(
    discovery: Discovery,
    lexicon: Lexicon,
    pipeline: Pipeline,
    top: int = 30,
    min_documents: int = 2,
    phrases: bool = True,
) -> tuple[list[Suggestion], list[tuple[str, str]]]:
    """Ranked suggestions, and (document, reason) of files that could not be read."""
    matcher = Matcher(lexicon)
    known = {k for cp in matcher.patterns for t in cp.terms for k in t.lemmas}
    found: dict[str, Suggestion] = {}
    background: dict[str, int] = defaultdict(int)
    totals = {"scored": 0, "background": 0}
    names = {(s.organisation or "").lower() for s in discovery.sources}
    skipped = []
    for source in discovery.sources:
        try:
            blocks = extract(source.path).blocks
        except ExtractionError as exc:
            skipped.append((source.document, str(exc)))
            continue
        for s in pipeline.sentences(blocks):
            if section_reason(lexicon, s.section):
                for w, lemma in zip(s.words, s.lemmas, strict=True):
                    if _content(w, lemma):
                        background[lemma] += 1
                        totals["background"] += 1
                continue
            result = matcher.match(s)
            covered = {t for f in result.found for t in f.tokens}
            covered |= {t for d in result.dropped for t in d.found.tokens}
            ok = [
                i not in covered
                and s.lemmas[i] not in known
                and s.lemmas[i] not in names
                and _content(w, s.lemmas[i])
                for i, w in enumerate(s.words)
            ]
            keys = [s.lemmas[i] for i in range(len(s.words)) if ok[i]]
            if phrases:
                keys += [
                    f"{s.lemmas[i]} {s.lemmas[i + 1]}"
                    for i in range(len(s.words) - 1)
                    if ok[i] and ok[i + 1]
                ]
            totals["scored"] += sum(ok)
            for key in keys:
                sug = found.setdefault(key, Suggestion(key))
                sug.count += 1
                sug.documents.add(source.document)
                if not sug.example:
                    sug.example, sug.example_document, sug.example_page = (
                        s.text,
                        source.document,
                        s.page,
                    )

    def foreground(sug: Suggestion) -> bool:
        """More frequent, relatively, in the scored sections than in the background."""
        if " " in sug.text or not totals["background"]:
            return True
        rate = sug.count / max(totals["scored"], 1)
        return rate > (background.get(sug.text, 0) + 0.5) / totals["background"]

    from wordfreq import zipf_frequency

    kept = [s for s in found.values() if len(s.documents) >= min_documents and foreground(s)]
    for sug in kept:
        sug.zipf = zipf_frequency(sug.text, "nl")
    ranked = sorted(kept, key=lambda s: (-s.score, -s.count, s.text))
    return ranked[:top], skipped
