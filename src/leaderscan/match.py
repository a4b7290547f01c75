"""Matching: lexicon patterns against the words and lemmas of one sentence.

spaCy's Matcher and PhraseMatcher match token sequences in order; a lexicon
pattern here matches its words *in any order within a window* (Dutch verb-second
order and separable verbs: "je legt verbanden", "zet de koers uit"), so the
matcher is a small index of its own over plain words and lemmas. It works on
``Sentence`` objects, so it is tested without loading any spaCy model.

Rules, in order:

1. A competence's exclusions ("sociaal werker" for *Sociaal*) remove the tokens
   they cover; the competence can still match elsewhere in the sentence.
2. Each competence matches at most once per sentence: its most specific pattern.
3. Where matches of different competences share a token, the more specific one
   wins: more words, then exact surface forms over lemmas, then the shorter span,
   then the order of the lexicon ("overtuigend en besluitvaardig" beats
   "besluitvaardig"; exact "verbindend" beats the lemma "verbinden").
"""

from __future__ import annotations

import copy
import fnmatch
import hashlib
import itertools
import json
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from .forms import sentence_forms
from .i18n import _
from .lemma_table import dictionary_lemma, normalise_lemma
from .lexicon import Competence, Lexicon, Pattern
from .match_index import Index, Occurrences
from .model import Sentence

MAX_COMBINATIONS = 4096


@dataclass(frozen=True)
class CompiledTerm:
    """One word of a pattern: the forms it accepts. A lemma term accepts a token when
    any of the token's forms (its word, the pipeline's lemma, the dictionary lemma:
    ``forms.sentence_forms``) is one of the term's forms (the word as written in
    the lexicon and its dictionary lemma), so the result does not hang on one
    lemmatiser's habits. An exact term accepts the word as written only."""

    lemmas: frozenset[str]
    globs: tuple[str, ...]
    exact: bool

    def accepts(self, word: str, forms: frozenset[str]) -> bool:
        if self.exact:
            return word in self.lemmas or any(fnmatch.fnmatchcase(word, g) for g in self.globs)
        if not self.lemmas.isdisjoint(forms):
            return True
        return any(fnmatch.fnmatchcase(f, g) for g in self.globs for f in forms)


@dataclass(frozen=True)
class CompiledPattern:
    competence: Competence
    pattern: Pattern
    terms: tuple[CompiledTerm, ...]
    window: int
    order: int  # position of the competence in the lexicon

    @property
    def exact(self) -> bool:
        return self.pattern.mode == "exact"


@dataclass(frozen=True)
class Found:
    """A pattern matched in a sentence: which tokens, which span."""

    compiled: CompiledPattern
    tokens: tuple[int, ...]

    @property
    def competence(self) -> Competence:
        return self.compiled.competence

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1]

    def rank(self) -> tuple[int, int, int, int]:
        """Sort key: most specific first."""
        return (
            -len(self.tokens),
            0 if self.compiled.exact else 1,
            self.end - self.start,
            self.compiled.order,
        )


@dataclass(frozen=True)
class Dropped:
    found: Found
    reason: str  # for people, in the language of the run
    excluded: bool = False  # by an exclusion of its competence (else by an overlap)


@dataclass
class SentenceMatches:
    found: list[Found]
    dropped: list[Dropped]


def compile_pattern(
    competence: Competence, pattern: Pattern, window: int, order: int
) -> CompiledPattern:
    """A pattern's terms as the forms they accept: each alternative as written and its
    dictionary lemma, the same under every pipeline (no lemma of the pipeline, which
    would read a lexicon word out of context)."""
    exact = pattern.mode == "exact"
    terms = []
    for term in pattern.terms:
        plain: set[str] = set()
        globs: list[str] = []
        for alt in term.alternatives:
            if any(c in alt for c in "*?["):
                globs.append(alt if exact else normalise_lemma(alt))
                continue
            plain.add(alt if exact else normalise_lemma(alt))
            if not exact and any(c.isalpha() for c in alt):
                plain.add(dictionary_lemma(alt))
        terms.append(CompiledTerm(frozenset(plain), tuple(globs), exact))
    return CompiledPattern(competence, pattern, tuple(terms), window_of(pattern, window), order)


def window_of(pattern: Pattern, window: int) -> int:
    """How many tokens a match of ``pattern`` may span (the lexicon's ``window`` by default)."""
    size = len(pattern.terms) if pattern.contiguous else (pattern.window or window)
    return max(size, len(pattern.terms))


def _assignments(cands: list[list[int]], window: int, contiguous: bool) -> list[tuple[int, ...]]:
    """Distinct token positions, one per term, within the window; best (shortest) first."""
    if contiguous:
        out = []
        sets = [set(c) for c in cands]
        for p in cands[0]:
            if all(p + j in c for j, c in enumerate(sets)):
                out.append(tuple(range(p, p + len(cands))))
        return out
    if len(cands) == 1:
        return [(p,) for p in cands[0]]
    combos = []
    for n, combo in enumerate(itertools.product(*cands)):
        if n >= MAX_COMBINATIONS:
            break
        if len(set(combo)) != len(combo):
            continue
        if max(combo) - min(combo) + 1 <= window:
            combos.append(tuple(sorted(combo)))
    combos.sort(key=lambda c: (c[-1] - c[0], c[0]))
    return combos


def pattern_tokens(cp: CompiledPattern, sentence: Sentence) -> set[int]:
    """Every token of ``sentence`` that some match of ``cp`` covers."""
    words = [w.lower() for w in sentence.words]
    forms = sentence_forms(sentence)
    cands = [
        [i for i, (w, f) in enumerate(zip(words, forms, strict=True)) if t.accepts(w, f)]
        for t in cp.terms
    ]
    tokens: set[int] = set()
    if all(cands):
        for combo in _assignments(cands, cp.window, cp.pattern.contiguous):
            tokens.update(combo)
    return tokens


def _fingerprint(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:20]


def spec_fingerprint(spec: Any) -> str:
    """A competence's fingerprint (``Matcher.fingerprints``) from its spec."""
    return _fingerprint(spec)


def _pattern_spec(p: Pattern) -> list[object]:
    return [p.text, p.mode, p.window]


def competence_spec(c: Competence) -> list[Any]:
    """What a competence matches and how its hits read, as JSON data: its fingerprint
    is made of it, and the cache keeps it (an edit is then known by what it changed)."""
    return [
        c.label,
        [list(x) for x in sorted(c.labels)],
        c.orientation,
        [_pattern_spec(p) for p in c.patterns],
        [_pattern_spec(p) for p in c.exclude],
    ]


def added_patterns(old: Any, new: list[Any]) -> list[int] | None:
    """Where a competence's spec ``new`` only adds patterns to ``old`` (the others in
    the same order, all else the same): the places of the added ones. None for any
    other change, or an ``old`` that is not a spec."""
    if not (isinstance(old, list) and len(old) == 5 and isinstance(old[3], list)):
        return None
    if old[:3] != new[:3] or old[4] != new[4]:
        return None
    kept, added = 0, []
    for place, spec in enumerate(new[3]):
        if kept < len(old[3]) and old[3][kept] == spec:
            kept += 1
        else:
            added.append(place)
    return added if kept == len(old[3]) else None


@dataclass(frozen=True)
class Affected:
    """What a lexicon edit can do to a document's earlier hits (Matcher.affected)."""

    stale: frozenset[str]  # competences whose earlier hits may not hold now
    # per competence that can gain a hit, the patterns that can give it: all its
    # patterns, or only those an edit added to it
    probes: dict[str, list[CompiledPattern]]

    def may_match(self, vocabulary: AbstractSet[str]) -> bool:
        """Whether a probe could match a text of these words and lemmas."""
        return any(may_match(cps, vocabulary) for cps in self.probes.values())

    def keys(self) -> tuple[set[str], bool]:
        """Every lemma or word the probes look for, and whether any has a glob (which
        no set of keys describes)."""
        keys: set[str] = set()
        globbed = False
        for cps in self.probes.values():
            for cp in cps:
                for term in cp.terms:
                    keys |= term.lemmas
                    globbed = globbed or bool(term.globs)
        return keys, globbed


def may_match(patterns: list[CompiledPattern], vocabulary: AbstractSet[str]) -> bool:
    """Whether any of the patterns could match a text whose words and lemmas (lower
    case) are ``vocabulary``."""
    for cp in patterns:
        if all(
            not vocabulary.isdisjoint(term.lemmas)
            or any(fnmatch.fnmatchcase(v, g) for g in term.globs for v in vocabulary)
            for term in cp.terms
        ):
            return True
    return False


# per competence in lexicon order: its compiled patterns and its compiled exclusions
Made = list[tuple[list[CompiledPattern], list[CompiledPattern]]]


class _Compiled:
    """A lexicon's compiled patterns and exclusions, with their indexes."""

    def __init__(self, made: Made):
        self.patterns: list[CompiledPattern] = [cp for group, _exclusion in made for cp in group]
        self.exclusions: dict[str, list[CompiledPattern]] = defaultdict(list)
        for _pattern, group in made:
            for cp in group:
                self.exclusions[cp.competence.id].append(cp)
        self.index = Index(self.patterns)
        # every exclusion in one index, so a sentence is looked up once for all of them
        excluding = [cp for cps in self.exclusions.values() for cp in cps]
        self.exclusion_index = Index(excluding)
        self.exclusions_of: dict[str, list[int]] = defaultdict(list)
        for ei, cp in enumerate(excluding):
            self.exclusions_of[cp.competence.id].append(ei)


class Matcher:
    """A lexicon compiled for one pipeline: lemmas of patterns come from that pipeline.

    ``fingerprints`` identify what each competence matches and how its hits read,
    and ``setting`` what the lexicon as a whole decides (window, unscored sections,
    orientations): a document's earlier matches stay valid for competences whose
    fingerprint did not change (scan.py, the cache's match records).
    """

    def __init__(
        self,
        lexicon: Lexicon,
        load: Callable[[], Made | None] | None = None,
        on_compile: Callable[[Made], None] | None = None,
        earlier: Callable[[str], Any] | None = None,
    ):
        self.lexicon = lexicon
        self.setting = _fingerprint(
            [
                lexicon.window,
                list(lexicon.unscored_sections),
                [[o.name, o.label, o.scored] for o in lexicon.orientations],
            ]
        )
        self.specs = {c.id: competence_spec(c) for c in lexicon.competences}
        # in lexicon order: the order breaks ties between overlapping matches
        self.fingerprints = {c: spec_fingerprint(spec) for c, spec in self.specs.items()}
        # fingerprints of earlier lexicons (shared by the cache's records) -> changed ids
        self._changed_memo: dict[int, tuple[dict[str, str], set[str] | None]] = {}
        self._affected_memo: dict[int, tuple[dict[str, str], Affected | None]] = {}
        self._load = load
        self._on_compile = on_compile
        self._earlier = earlier  # a competence's spec by its fingerprint (the cache)
        self._made: Made | None = None
        self._groups: dict[str, list[CompiledPattern]] | None = None
        self._compiled: _Compiled | None = None

    @property
    def made(self) -> Made:
        """The patterns and exclusions compiled, on first use: a run whose documents
        all keep their earlier matches never needs them. From ``load`` when it has
        them (the cache: compiled.py), else compiled and handed to ``on_compile``."""
        if self._made is None:
            made = self._load() if self._load is not None else None
            if made is None:
                made = [
                    (
                        [
                            compile_pattern(comp, p, self.lexicon.window, order)
                            for p in comp.patterns
                        ],
                        [
                            compile_pattern(comp, p, self.lexicon.window, order)
                            for p in comp.exclude
                        ],
                    )
                    for order, comp in enumerate(self.lexicon.competences)
                ]
                if self._on_compile is not None:
                    self._on_compile(made)
            self._made = made
        return self._made

    @property
    def compiled(self) -> _Compiled:
        """The compiled patterns with the indexes that match sentences, on first use."""
        if self._compiled is None:
            self._compiled = _Compiled(self.made)
        return self._compiled

    def within(self, vocabulary: AbstractSet[str]) -> Matcher:
        """This matcher for sentences whose words and forms (lower case) are all in
        ``vocabulary``: with only the patterns and exclusions that could match such a
        sentence (``may_match``), in the same order, it finds the same matches, and its
        index is built in a fraction of the time (the lint of an edit: a few phrases)."""

        def fits(cps: list[CompiledPattern]) -> list[CompiledPattern]:
            return [cp for cp in cps if may_match([cp], vocabulary)]

        within = copy.copy(self)
        within._made = [(fits(group), fits(exclusions)) for group, exclusions in self.made]
        within._groups = within._compiled = None
        return within

    @property
    def patterns(self) -> list[CompiledPattern]:
        return self.compiled.patterns

    @property
    def exclusions(self) -> dict[str, list[CompiledPattern]]:
        return self.compiled.exclusions

    def unchanged_for(
        self, fingerprints: dict[str, str], vocabulary: AbstractSet[str], found: set[str]
    ) -> bool:
        """Whether a document matched earlier with competences ``fingerprints`` (in
        their order), giving hits of the competences ``found``, would give the same
        hits now: the competences both lexicons share are in the same order, no
        competence with a hit there changed other than by added patterns, and no
        pattern that is new to it can match its ``vocabulary``."""
        affected = self.affected(fingerprints)
        return (
            affected is not None
            and affected.stale.isdisjoint(found)
            and not affected.may_match(vocabulary)
        )

    def affected(self, fingerprints: dict[str, str]) -> Affected | None:
        """What changed since a lexicon with these ``fingerprints`` can do to a
        document's hits; None when the competences both share are in another order.
        A competence that only gained patterns (``earlier`` knows its old spec) keeps
        its hits wherever none of the new patterns can match."""
        memo = self._affected_memo.get(id(fingerprints))
        if memo is not None and memo[0] is fingerprints:
            return memo[1]
        changed = self.changed(fingerprints)
        affected = None
        if changed is not None:
            stale: set[str] = set()
            probes: dict[str, list[CompiledPattern]] = {}
            for c in sorted(changed):
                if c not in self.specs:
                    stale.add(c)
                    continue
                old = fingerprints.get(c)
                spec = self._earlier(old) if old is not None and self._earlier else None
                added = added_patterns(spec, self.specs[c])
                if added is None:
                    stale.add(c)
                    probes[c] = self.patterns_of(c)
                elif added:
                    probes[c] = [self.patterns_of(c)[i] for i in added]
            affected = Affected(frozenset(stale), probes)
        self._affected_memo[id(fingerprints)] = (fingerprints, affected)
        return affected

    def changed(self, fingerprints: dict[str, str]) -> set[str] | None:
        """The competences added, removed or changed since a lexicon with these
        ``fingerprints``; None when the competences both share are in another order
        (which decides ties between overlapping matches)."""
        memo = self._changed_memo.get(id(fingerprints))
        if memo is not None and memo[0] is fingerprints:
            return memo[1]
        old, new = list(fingerprints), list(self.fingerprints)
        shared = set(old) & set(new)
        changed: set[str] | None = None
        if [c for c in old if c in shared] == [c for c in new if c in shared]:
            changed = {c for c in shared if fingerprints[c] != self.fingerprints[c]}
            changed |= set(old) ^ set(new)
        self._changed_memo[id(fingerprints)] = (fingerprints, changed)
        return changed

    def patterns_of(self, competence_id: str) -> list[CompiledPattern]:
        if self._groups is None:
            self._groups = {
                comp.id: group
                for comp, (group, _exclusions) in zip(
                    self.lexicon.competences, self.made, strict=True
                )
            }
        return self._groups.get(competence_id, [])

    def _excluded(self, positions: dict[int, list[list[int]]], competence_id: str) -> set[int]:
        """The tokens the competence's exclusions cover (``pattern_tokens`` of each),
        from the positions of every exclusion in the sentence."""
        tokens: set[int] = set()
        for ei in self.compiled.exclusions_of.get(competence_id, ()):
            slots = positions.get(ei)
            if slots is not None and all(slots):
                cp = self.compiled.exclusion_index.patterns[ei]
                for combo in _assignments(slots, cp.window, cp.pattern.contiguous):
                    tokens.update(combo)
        return tokens

    def match(self, sentence: Sentence) -> SentenceMatches:
        """All competences found in the sentence, and the matches dropped, with why."""
        dropped: list[Dropped] = []
        candidates: list[Found] = []
        excluded_cache: dict[str, set[int]] = {}
        words = [w.lower() for w in sentence.words]
        forms = sentence_forms(sentence)
        occurrences = Occurrences.of(words, forms)  # the same for patterns and exclusions
        excluding: dict[int, list[list[int]]] | None = None
        for pi, slots in self.compiled.index.positions(words, forms, occurrences).items():
            if not all(slots):
                continue
            cp = self.patterns[pi]
            cid = cp.competence.id
            if cid in self.exclusions and cid not in excluded_cache:
                if excluding is None:
                    excluding = self.compiled.exclusion_index.positions(words, forms, occurrences)
                excluded_cache[cid] = self._excluded(excluding, cid)
            blocked = excluded_cache.get(cid, set())
            for combo in _assignments(slots, cp.window, cp.pattern.contiguous):
                found = Found(cp, combo)
                if blocked.intersection(combo):
                    dropped.append(
                        Dropped(found, _("excluded by an exclusion of this competence"), True)
                    )
                    continue
                candidates.append(found)
                if len(combo) > 1:
                    break  # the best assignment of a multi-word pattern is enough
        candidates.sort(key=Found.rank)
        taken: dict[int, Found] = {}
        accepted: list[Found] = []
        done: set[str] = set()
        for found in candidates:
            if found.competence.id in done:
                continue
            clash = next((taken[t] for t in found.tokens if t in taken), None)
            if clash is not None:
                dropped.append(
                    Dropped(
                        found,
                        _("overlaps the more specific match of '{label}'").format(
                            label=clash.competence.label
                        ),
                    )
                )
                continue
            accepted.append(found)
            done.add(found.competence.id)
            for t in found.tokens:
                taken[t] = found
        # a drop is only worth reporting when the competence did not match elsewhere
        dropped = [d for d in dropped if d.found.competence.id not in done]
        unique: dict[str, Dropped] = {}
        for d in dropped:
            unique.setdefault(d.found.competence.id, d)
        accepted.sort(key=lambda f: (f.start, f.compiled.order))
        return SentenceMatches(accepted, list(unique.values()))
