"""Candidate competences: what the vacancies ask of the candidate that no entry covers.

A vacancy asks in a few set ways, the cues (cues.py; their strength here, ``CUES``):

* a trait after the verb: "je bent / u bent / ben jij flexibel, stressbestendig en
  zelfstandig", "… die onafhankelijk is", "je werkt nauwkeurig", "een gedreven collega";
* an ability noun: "een open houding", "analytisch vermogen", "communicatieve
  vaardigheden", "een stevige persoonlijkheid", "oog voor", "affiniteit met";
* a word of a competence suffix anywhere: adviesvaardig, klantgericht(heid),
  kostenbewust(zijn), inlevingsvermogen, politiek sensitief, stressbestendig;
* an ability clause: "in staat om … te X", "weet … te X", "kunt goed X";
* a short bullet of the profile section ("Stressbestendig", "Flexibel en loyaal");
* a task: "u adviseert het college", "het organiseren van …";
* "je houdt van X", "oog (en oor) voor X", "een open werkhouding";
* "ervaring met X", "kennis van X": usually a domain, so ranked well below the rest,
  and so is a diploma or years of experience (a qualification).

Only sentences that count are read: the scored sections, and in a vacancy not a clause
of the employer (scope.py, the same rules as a run). What a pattern already matches, the
organisations' names, job titles (-werker, -adviseur, …, and the role words of the
documents' own file names) and names in capitals are left out. Forms of one competence
are one candidate (``cues.root``): adviesvaardig, adviesvaardigheden, advisering and
"goed kunnen adviseren" share the root "adviser". Candidates are ranked by documents
times the strength of their best occurrence (its cue's, less outside the role and
profile sections and for a single very common word), then the rarer word first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .analyse import PLAIN, Reading, read_document
from .cue_words import (
    AFFINITY_LABEL,
    COPULA,
    FILLERS,
    HAVE,
    LAW_LABEL,
    MARKERS,
    MIN_LENGTH,
    NOT_TRAITS,
    TITLE_ENDINGS,
)
from .cues import (
    is_law,
    is_word,
    key_of,
    occurrences,
)
from .discover import Discovery
from .i18n import N_, ngettext
from .lemmatise import Pipeline
from .lexicon import Lexicon
from .match import Matcher
from .model import VACANCY, Block, Sentence, Source
from .runfile import source_from_dict
from .saved import Measurement, saved_lexicon
from .scope import _name_words, score
from .sections import FUNCTIE, PROFIEL, heading_kind
from .tally import is_outside_cells

# cue -> strength: a candidate ranks by documents x the strength of its best cue
CUES = {
    "trait": 1.0,  # je bent X, u bent X, ben jij X
    "ability": 1.0,  # een open houding, analytisch vermogen, oog voor, affiniteit met
    "suffix": 1.0,  # adviesvaardig, klantgericht, stressbestendig
    "sought": 0.9,  # we zoeken een gedreven collega
    "manner": 0.9,  # je werkt zelfstandig
    "able": 0.9,  # in staat om … te X, weet … te X, kunt goed X
    "bullet": 0.8,  # a bullet of one to four words in the profile section
    "task": 0.7,  # u adviseert het college, je coördineert, het organiseren van
    "can": 0.6,  # je kunt zelfstandig werken
    "have": 0.6,  # je hebt geduld
    "domain": 0.3,  # ervaring met X, kennis van X
    "qualification": 0.3,  # a bullet of a diploma or years: "afgeronde hbo-opleiding"
}
# a sentence under no heading of the role or the profile asks less surely
OUTSIDE_ROLE = 0.8
# a word this common in Dutch (wordfreq's Zipf scale) says little on its own:
# "richting", "helpen", "denken", "aanwezig"
GENERIC_ZIPF = 5.0
GENERIC = 0.8
# the candidates that group many objects under one name
FIXED_LABELS: dict[tuple[str, ...], str] = {
    ("affiniteit",): AFFINITY_LABEL,
    ("wetgeving",): LAW_LABEL,
}
# the header of suggest --format csv, for people: translated where written
COLUMNS = [N_("candidate"), N_("documents"), N_("times"), N_("forms"), N_("cue"), N_("examples")]


@dataclass
class Example:
    document: str
    page: int
    sentence: str


@dataclass
class Candidate:
    """One competence the texts ask and no entry covers, with every form it took."""

    key: tuple[str, ...]
    forms: Counter[str] = field(default_factory=Counter)
    documents: set[str] = field(default_factory=set)
    cues: Counter[str] = field(default_factory=Counter)
    examples: list[Example] = field(default_factory=list)
    fixed_label: str = ""
    best: float = 0.0  # the strength of its best occurrence

    @property
    def label(self) -> str:
        return self.fixed_label or self.forms.most_common(1)[0][0]

    @property
    def strength(self) -> float:
        return self.best or max(CUES[c] for c in self.cues)

    @property
    def cue(self) -> str:
        return max(self.cues, key=lambda c: (CUES[c], self.cues[c]))

    @property
    def score(self) -> float:
        return len(self.documents) * self.strength

    @property
    def in_documents(self) -> str:
        n = len(self.documents)
        return ngettext("{n} document", "{n} documents", n).format(n=n)

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    def row(self) -> list[object]:
        return [
            self.label,
            len(self.documents),
            self.count,
            "; ".join(f for f, _ in self.forms.most_common()),
            self.cue,
            " | ".join(f"{e.sentence} ({e.document}, p. {e.page})" for e in self.examples),
        ]


@dataclass
class _Context:
    lexicon: Lexicon
    matcher: Matcher
    pipeline: Pipeline
    names: set[str]
    titles: set[str]
    covered_forms: dict[str, bool] = field(default_factory=dict)

    def covered(self, form: str) -> bool:
        """Whether an entry of the lexicon matches the form on its own."""
        if form not in self.covered_forms:
            sentence = self.pipeline.phrase(form)
            self.covered_forms[form] = bool(self.matcher.match(sentence).found)
        return self.covered_forms[form]

    def is_title(self, lower: str) -> bool:
        return lower.endswith(TITLE_ENDINGS) or lower in self.titles or lower in self.names


def _content(ctx: _Context, s: Sentence, i: int, covered: set[int]) -> bool:
    """A word that can name (part of) a competence."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    word = s.words[i]
    lower = word.lower()
    return (
        is_word(word)
        and len(lower) >= MIN_LENGTH
        and lower not in STOP_WORDS
        and lower not in FILLERS
        and i not in covered
        and not (i > 0 and word[0].isupper() and not is_law(word))  # a place, an organisation
        and not ctx.is_title(lower)
    )


def _title_words(sources: Iterable[Source]) -> set[str]:
    """The role words of the documents' own file names (05_projectleider_wijkaanpak)."""
    out: set[str] = set()
    for source in sources:
        for part in re.split(r"[\W\d_]+", Path(source.document).stem.lower()):
            if len(part) >= 4:
                out.add(part)
    return out


def _profile(section: str | None) -> bool:
    """A profile section, or a list that a cue opens: "Daarnaast ben je:", "Je hebt:"."""
    if heading_kind(section) == PROFIEL:
        return True
    words = re.findall(r"\w+", (section or "").lower())
    return any(pair in COPULA + HAVE for pair in zip(words, words[1:], strict=False))


def candidates_in(
    ctx: _Context, source: Source, sentences: Iterable[Sentence]
) -> Iterator[tuple[tuple[str, ...], str, str, Sentence, float]]:
    """(key, form, cue, sentence, strength) of each candidate in one document's
    sentences: the strength of its cue, less outside the role and profile sections."""
    lexicon = ctx.lexicon
    for s in sentences:
        if not s.words:
            continue
        cell, scored, reason = score(source, s, True, lexicon)
        if not scored and not is_outside_cells(reason):
            continue
        result = ctx.matcher.match(s)
        covered = {t for f in result.found for t in f.tokens}
        covered |= {t for d in result.dropped for t in d.found.tokens}
        profile = _profile(s.section)
        ask = 1.0 if heading_kind(s.section) in (PROFIEL, FUNCTIE) or profile else OUTSIDE_ROLE
        for occ in occurrences(s, profile):
            if source.kind == VACANCY and score(source, s, True, lexicon, occ.cue_at)[2] not in (
                "",
                reason,
            ):
                continue  # the employer's clause
            if occ.key is None and occ.tokens and occ.tokens[-1] in covered:
                continue  # "een echte verbinder": the head is an entry's, so is the rest
            tokens = [t for t in occ.tokens if _content(ctx, s, t, covered)]
            if all(s.words[t].lower() in MARKERS for t in tokens):
                tokens = []
            if occ.key is None and not tokens:
                continue
            if occ.key is None and (s.words[tokens[-1]].lower() in NOT_TRAITS or len(tokens) > 4):
                continue
            if occ.form:
                form = occ.form
                if ctx.covered(form) or tokens == [] or occ.tokens[0] in covered:
                    continue
            elif occ.label:  # the cue and its object: "voeling met jongeren"
                last = occ.tokens[-1] if occ.tokens else occ.cue_at[1] + 1
                form = " ".join(w.lower() for w in s.words[occ.cue_at[0] : last + 1] if is_word(w))
            else:
                form = " ".join(s.words[t].lower() for t in tokens)
                if ctx.covered(form):
                    continue
            key = occ.key or key_of(s, tokens)
            if not key or all(len(k) < MIN_LENGTH for k in key):
                continue
            yield key, form, occ.cue, s, CUES[occ.cue] * ask


def _generic(form: str) -> bool:
    """One word, and a common one: "richting", "helpen"."""
    from wordfreq import zipf_frequency

    return " " not in form and zipf_frequency(form, "nl") >= GENERIC_ZIPF


def rank(
    sources: list[Source],
    sentences_of: Callable[[Source], list[Sentence] | str],
    lexicon: Lexicon,
    pipeline: Pipeline,
    top: int = 30,
    min_documents: int = 1,
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """Ranked candidates of the documents' sentences (``sentences_of`` gives a
    document's sentences, or why it could not be read), and (document, reason) of the
    documents that could not be read."""
    ctx = _Context(
        lexicon,
        Matcher(lexicon),
        pipeline,
        names=set().union(*(_name_words(s.organisation or "") for s in sources)),
        titles=_title_words(sources),
    )
    found: dict[tuple[str, ...], Candidate] = {}
    skipped = []
    for source in sources:
        sentences = sentences_of(source)
        if isinstance(sentences, str):
            skipped.append((source.document, sentences))
            continue
        for key, form, cue, s, strength in candidates_in(ctx, source, sentences):
            cand = found.setdefault(key, Candidate(key))
            cand.fixed_label = FIXED_LABELS.get(key, "")
            cand.forms[form] += 1
            cand.cues[cue] += 1
            cand.best = max(cand.best, strength * (GENERIC if _generic(form) else 1.0))
            if source.document not in cand.documents and len(cand.examples) < 3:
                cand.examples.append(Example(source.document, s.page, s.text))
            cand.documents.add(source.document)
    kept = [c for c in found.values() if len(c.documents) >= min_documents]
    from wordfreq import zipf_frequency

    # equal otherwise, the rarer word first: "behulpzaam" before "avonds"
    ranked = sorted(
        kept,
        key=lambda c: (
            -c.score,
            -len(c.documents),
            -c.count,
            zipf_frequency(c.label, "nl"),
            c.label,
        ),
    )
    return ranked[:top], skipped


def suggest(
    discovery: Discovery,
    lexicon: Lexicon,
    pipeline: Pipeline,
    top: int = 30,
    min_documents: int = 1,
    reading: Reading = PLAIN,
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """Ranked candidates of a corpus, and (document, reason) of files that could not be
    read. With a cache in ``reading``, documents read before are not read again."""

    def sentences_of(source: Source) -> list[Sentence] | str:
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            return exc.strerror or str(exc)
        entry = read_document(data, source.path.suffix, pipeline, reading)
        return entry.error if entry.error is not None else entry.sentences

    return rank(discovery.sources, sentences_of, lexicon, pipeline, top, min_documents)


def unlisted(m: Measurement, pipeline: Pipeline, top: int = 10) -> list[Candidate]:
    """The commonest candidates of a saved run, from the text and the lexicon its
    run.json keeps (the corpus is not read again): what the lexicon did not count."""
    lexicon = saved_lexicon(m.data)
    documents = {d["document"]: d for d in m.read if "blocks" in d}

    def sentences_of(source: Source) -> list[Sentence]:
        blocks = documents[source.document]["blocks"]
        return list(pipeline.sentences(Block(int(p), s, t, bool(h)) for p, s, t, h in blocks))

    sources = [source_from_dict(d) for d in documents.values()]
    return rank(sources, sentences_of, lexicon, pipeline, top)[0]
