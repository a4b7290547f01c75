"""Where the terms of a list of compiled patterns accept the tokens of a sentence.

The index behind ``match.Matcher``: exact terms looked up by word, the others by
each of a token's forms, glob terms tried once per (word, forms).
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from typing import TYPE_CHECKING

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
        self._glob_memo: dict[tuple[str, frozenset[str]], list[tuple[int, int]]] = {}
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
        for pi, cp in enumerate(patterns):

            def commonness(term: CompiledTerm) -> tuple[float, int]:
                """How likely a sentence has the term (a common word counts as a
                thousand others), then how many other terms share its keys."""
                if term.globs:
                    return float("inf"), 0  # a glob may accept any number of words
                index = by_word if term.exact else by_lemma
                common = sum(1000 if k.lower() in COMMON_WORDS else 1 for k in term.lemmas)
                return common, sum(len(index[k]) for k in term.lemmas)

            ti = min(range(len(cp.terms)), key=lambda t: commonness(cp.terms[t]))
            term = cp.terms[ti]
            self._anchors.append(ti)
            for key in term.lemmas:
                (anchor_word if term.exact else anchor_lemma)[key].append(pi)
            if term.globs:
                self._anchor_globbed.add((pi, ti))
        self._anchor_lemma = dict(anchor_lemma)
        self._anchor_word = dict(anchor_word)

    def positions(
        self, words: list[str], forms: tuple[frozenset[str], ...]
    ) -> dict[int, list[list[int]]]:
        """For each pattern whose terms are all present: the positions (in order) of
        each term in the sentence of lower-case ``words`` and their ``forms``; in the
        order in which the patterns first come up, token by token, and in lexicon
        order at one token (patterns that come up only by a glob after the others).
        The order breaks ties between equally specific matches of a competence."""
        at_lemma: dict[str, list[int]] = {}
        at_word: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            for f in forms[i]:
                at_lemma.setdefault(f, []).append(i)
            at_word.setdefault(word, []).append(i)
        at_glob: dict[tuple[int, int], list[int]] = {}
        if self._globbed:
            memo, terms_of = self._glob_memo, self._glob_terms
            for i, word in enumerate(words):
                terms = memo.get((word, forms[i]))
                for pt in terms if terms is not None else terms_of(word, forms[i]):
                    at_glob.setdefault(pt, []).append(i)
        candidates: set[int] = set()
        anchor_lemma, anchor_word = self._anchor_lemma, self._anchor_word
        for key in at_lemma.keys() & anchor_lemma.keys():
            candidates.update(anchor_lemma[key])
        for key in at_word.keys() & anchor_word.keys():
            candidates.update(anchor_word[key])
        for pt in at_glob.keys() & self._anchor_globbed:
            candidates.add(pt[0])
        found: list[tuple[int, int, int, list[list[int]]]] = []
        for pi in candidates:
            slots: list[list[int]] = []
            first = len(words)  # the first token with a term found by lemma or word
            for ti, term in enumerate(self.patterns[pi].terms):
                at = at_word if term.exact else at_lemma
                keys = term.lemmas
                if len(keys) > len(at):
                    lists = [v for k, v in at.items() if k in keys]
                else:
                    lists = [at[k] for k in keys if k in at]
                if lists:
                    first = min(first, min(v[0] for v in lists))
                globbed = at_glob.get((pi, ti))
                if globbed is not None:
                    lists.append(globbed)
                if not lists:
                    break
                slots.append(lists[0] if len(lists) == 1 else sorted(set().union(*lists)))
            else:
                if first < len(words):
                    found.append((0, first, pi, slots))
                else:  # found by globs only
                    g = min(v[0] for (p, _), v in at_glob.items() if p == pi)
                    found.append((1, g, pi, slots))
        found.sort(key=lambda f: f[:3])
        return {pi: slots for _, _, pi, slots in found}

    def _glob_terms(self, word: str, forms: frozenset[str]) -> list[tuple[int, int]]:
        """The glob terms that accept a token; remembered per (word, forms)."""
        key = (word, forms)
        terms = self._glob_memo.get(key)
        if terms is None:
            match = self._any_glob.match
            if match(word) or any(match(f) for f in forms):
                terms = [
                    (pi, ti)
                    for n, (pi, ti, term, starts) in enumerate(self._glob_checks)
                    if (
                        word in term.lemmas
                        or word.startswith(starts)
                        and self._expression(n).match(word) is not None
                        if term.exact
                        else not term.lemmas.isdisjoint(forms)
                        or any(
                            f.startswith(starts) and self._expression(n).match(f) is not None
                            for f in forms
                        )
                    )
                ]
            else:  # accepted by no glob; by the term's words, the index finds it
                terms = []
            if len(self._glob_memo) < 500_000:
                self._glob_memo[key] = terms
        return terms

    def _expression(self, n: int) -> re.Pattern[str]:
        """The n-th glob term's globs as one expression, compiled when first needed."""
        rx = self._compiled_globs.get(n)
        if rx is None:
            term = self._glob_checks[n][2]
            rx = self._compiled_globs[n] = re.compile(
                "|".join(fnmatch.translate(g) for g in term.globs)
            )
        return rx
