"""Where the terms of a list of compiled patterns accept the tokens of a sentence.

The index behind ``match.Matcher``: exact terms looked up by word, the others by
each of a token's forms, glob terms tried once per (word, forms).
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .match import CompiledPattern, CompiledTerm

# The 200 most frequent Dutch words (wordfreq 3.1, ``top_n_list("nl", 200)``, without
# digits and single letters), written out so that matching never loads a word list: a
# term of these is a poor anchor (it is in nearly every sentence). Only speed hangs on it.
COMMON_WORDS = frozenset(
    """de van het een en in is op ik dat voor je te met niet zijn die als er maar om aan hij
    ook ze door naar uit bij dan dit was we wat heeft of over nog deze hebben kan meer zo al
    geen mijn wel tot u wordt heb worden nu haar ben kunnen veel jaar me moet hoe mensen na
    ons waar werd goed gaan gaat onze wil zich zou doen andere hier dus tegen maken alleen
    mij onder had hun twee nieuwe weer zien zal jij moeten eerste komt wij echt eens daar
    heel toch dag mee staat alle tijd zij zoals iets komen leven omdat toen ga waren hem
    jullie tijdens altijd tussen ja weet wie laten waarom alles net via even gewoon grote
    man terug af laat zonder uur steeds zie bent eigen keer maakt willen iedereen weg hele
    iemand binnen uw werden werk nooit zit één drie zelf aantal geven hebt kinderen samen
    vinden kunt plaats snel toe deel elkaar huis laatste mag nodig vanaf vind vrouw weten
    doet krijgen want allemaal beter erg staan zeggen zegt denk gemaakt land naam zeker
    zullen misschien""".split()
)


MEMO = 500_000  # strings whose glob terms an index remembers, of each kind


class Occurrences(NamedTuple):
    """Where each form and word of a sentence is: what every index looks up."""

    lemmas: dict[str, list[int]]
    words: dict[str, list[int]]

    @classmethod
    def of(cls, words: list[str], forms: tuple[frozenset[str], ...]) -> Occurrences:
        """Of lower-case ``words`` and their ``forms`` (``forms.sentence_forms``)."""
        at_lemma: dict[str, list[int]] = {}
        at_word: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            for f in forms[i]:
                at_lemma.setdefault(f, []).append(i)
            at_word.setdefault(word, []).append(i)
        return cls(at_lemma, at_word)


class Index:
    """Where the terms of a list of patterns accept the tokens of a sentence: exact
    terms looked up by word, others by each of the token's forms, glob terms tried
    once per (word, forms); the same positions as ``CompiledTerm.accepts`` on every
    token. Only patterns whose rarest term (its *anchor*: the term least likely to be in a
    sentence, ``commonness``) is in the sentence are looked at further."""

    def __init__(self, patterns: list[CompiledPattern]):
        self.patterns = patterns
        # key -> (pattern index, term index); exact terms keyed by word, others by lemma
        by_lemma: dict[str, list[tuple[int, int]]] = defaultdict(list)
        by_word: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._globbed: list[tuple[int, int]] = []
        for pi, cp in enumerate(patterns):
            for ti, term in enumerate(cp.terms):
                index = by_word if term.exact else by_lemma
                for key in term.lemmas:
                    index[key].append((pi, ti))
                if term.globs:
                    self._globbed.append((pi, ti))
        # the glob terms that accept a word (exact terms) or a form (the others),
        # remembered per string
        self._glob_words: dict[str, list[tuple[int, int]]] = {}
        self._glob_forms: dict[str, list[tuple[int, int]]] = {}
        # each glob term with what its globs start with (a word that starts otherwise
        # cannot match), as one expression of its globs when a word first gets that far
        # (what CompiledTerm.accepts does with fnmatch, glob by glob)
        self._glob_checks = [
            (pi, ti, term, tuple(re.split(r"[*?\[]", g, maxsplit=1)[0] for g in term.globs))
            for pi, ti in self._globbed
            for term in [patterns[pi].terms[ti]]
        ]
        self._compiled_globs: dict[int, re.Pattern[str]] = {}
        # every glob in one expression: most words match none, and are told so at once
        globs = sorted({g for pi, ti in self._globbed for g in patterns[pi].terms[ti].globs})
        self._any_glob = re.compile("|".join(fnmatch.translate(g) for g in globs) or "(?!)")
        anchor_lemma: dict[str, list[int]] = defaultdict(list)
        anchor_word: dict[str, list[int]] = defaultdict(list)
        self._anchor_globbed: set[tuple[int, int]] = set()
        self._anchors: list[int] = []

        def commonness(term: CompiledTerm) -> tuple[float, int]:
            """How likely a sentence has the term (a common word counts as a
            thousand others), then how many other terms share its keys."""
            if term.globs:
                return float("inf"), 0  # a glob may accept any number of words
            index = by_word if term.exact else by_lemma
            common = sum(1000 if k.lower() in COMMON_WORDS else 1 for k in term.lemmas)
            return common, sum(len(index[k]) for k in term.lemmas)

        for pi, cp in enumerate(patterns):
            ti = min(range(len(cp.terms)), key=lambda t: commonness(cp.terms[t]))
            term = cp.terms[ti]
            self._anchors.append(ti)
            for key in term.lemmas:
                (anchor_word if term.exact else anchor_lemma)[key].append(pi)
            if term.globs:
                self._anchor_globbed.add((pi, ti))
        self._anchor_lemma = dict(anchor_lemma)
        self._anchor_word = dict(anchor_word)
        # each pattern's other terms, rarest first, as (exact, keys, glob term or None):
        # most patterns that come up by their anchor lack another term, told by one look
        self._others = [
            tuple(
                (t.exact, t.lemmas, (pi, ti) if t.globs else None)
                for ti, t in sorted(
                    ((ti, t) for ti, t in enumerate(cp.terms) if ti != self._anchors[pi]),
                    key=lambda it: commonness(it[1]),
                )
            )
            for pi, cp in enumerate(patterns)
        ]

    def positions(
        self,
        words: list[str],
        forms: tuple[frozenset[str], ...],
        occurrences: Occurrences | None = None,
    ) -> dict[int, list[list[int]]]:
        """For each pattern whose terms are all present: the positions (in order) of
        each term in the sentence of lower-case ``words`` and their ``forms``; in the
        order in which the patterns first come up, token by token, and in lexicon
        order at one token (patterns that come up only by a glob after the others).
        The order breaks ties between equally specific matches of a competence.
        ``occurrences``: the sentence's ``occurrences``, when another index had them."""
        at_lemma, at_word = occurrences or Occurrences.of(words, forms)
        at_glob: dict[tuple[int, int], list[int]] = {}
        if self._globbed:
            by_word, by_form = self._glob_words, self._glob_forms
            for i, word in enumerate(words):
                terms = by_word.get(word)
                for pt in terms if terms is not None else self._word_globs(word):
                    at_glob.setdefault(pt, []).append(i)
                for f in forms[i]:
                    terms = by_form.get(f)
                    for pt in terms if terms is not None else self._form_globs(f):
                        at = at_glob.setdefault(pt, [])
                        if not at or at[-1] != i:  # by two forms of one token
                            at.append(i)
        candidates: set[int] = set()
        anchor_lemma, anchor_word = self._anchor_lemma, self._anchor_word
        for key in at_lemma.keys() & anchor_lemma.keys():
            candidates.update(anchor_lemma[key])
        for key in at_word.keys() & anchor_word.keys():
            candidates.update(anchor_word[key])
        for pt in at_glob.keys() & self._anchor_globbed:
            candidates.add(pt[0])
        found: list[tuple[int, int, int, list[list[int]]]] = []
        others = self._others
        for pi in candidates:
            # its anchor is there (that made it a candidate): is every other term?
            for exact, keys, glob_term in others[pi]:
                present = at_word if exact else at_lemma
                if present.keys().isdisjoint(keys) and glob_term not in at_glob:
                    break
            else:
                found.append(self._found(pi, at_lemma, at_word, at_glob))
        found.sort(key=lambda f: f[:3])
        return {pi: slots for _, _, pi, slots in found}

    def _found(
        self,
        pi: int,
        at_lemma: dict[str, list[int]],
        at_word: dict[str, list[int]],
        at_glob: dict[tuple[int, int], list[int]],
    ) -> tuple[int, int, int, list[list[int]]]:
        """A pattern with every term present: (0 when found by a word, else 1 (by globs
        only); its first token; pi; the positions of each term)."""
        slots: list[list[int]] = []
        first = -1  # the first token with a term found by lemma or word
        for ti, term in enumerate(self.patterns[pi].terms):
            at = at_word if term.exact else at_lemma
            keys = term.lemmas
            if len(keys) > len(at):
                lists = [v for k, v in at.items() if k in keys]
            else:
                lists = [at[k] for k in keys if k in at]
            if lists:
                start = min(v[0] for v in lists)
                first = start if first < 0 else min(first, start)
            globbed = at_glob.get((pi, ti))
            if globbed is not None:
                lists.append(globbed)
            slots.append(lists[0] if len(lists) == 1 else sorted(set().union(*lists)))
        if first >= 0:
            return 0, first, pi, slots
        return 1, min(v[0] for (p, _), v in at_glob.items() if p == pi), pi, slots

    def _word_globs(self, word: str) -> list[tuple[int, int]]:
        """The exact glob terms whose globs accept ``word``; remembered."""
        terms = self._globs_of(word, exact=True) if self._any_glob.match(word) else []
        if len(self._glob_words) < MEMO:
            self._glob_words[word] = terms
        return terms

    def _form_globs(self, form: str) -> list[tuple[int, int]]:
        """The other glob terms whose globs accept ``form``; remembered."""
        terms = self._globs_of(form, exact=False) if self._any_glob.match(form) else []
        if len(self._glob_forms) < MEMO:
            self._glob_forms[form] = terms
        return terms

    def _globs_of(self, text: str, exact: bool) -> list[tuple[int, int]]:
        return [
            (pi, ti)
            for n, (pi, ti, term, starts) in enumerate(self._glob_checks)
            if term.exact == exact
            and text.startswith(starts)
            and self._expression(n).match(text) is not None
        ]

    def _expression(self, n: int) -> re.Pattern[str]:
        """The n-th glob term's globs as one expression, compiled when first needed."""
        rx = self._compiled_globs.get(n)
        if rx is None:
            term = self._glob_checks[n][2]
            rx = self._compiled_globs[n] = re.compile(
                "|".join(fnmatch.translate(g) for g in term.globs)
            )
        return rx
