"""Lint a lexicon against a pipeline: problems the loader cannot see.

The loader (lexicon.py) checks the structure: keys, types, orientations,
duplicate ids. This module checks what the patterns *do*, by lemmatising each
pattern's own words with the pipeline and running the whole matcher on them:

* a pattern that does not match its own words (the pipeline never gives these
  lemmas) is **unmatchable**;
* a pattern whose own words always count for another competence is **shadowed**;
* an exclusion that also removes each pattern's own words **removes every match**;
* a separable verb written joined ("uitzetten") misses the split form of a main
  clause ("zet de koers uit"): a warning, with the pattern to add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .i18n import N_, _
from .lemma_table import is_known, is_lemma_of_itself, normalise_lemma
from .lemmatise import Pipeline
from .lexicon import Competence, Lexicon, Pattern
from .match import Matcher, compile_pattern, pattern_tokens
from .model import Sentence

Severity = Literal["error", "warning"]
SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning")}
# Particles that are split off in a main clause ("zet ... uit"). Prefixes that are
# often inseparable (door, om, onder, over, voor, achter: "overtuigen") are left out.
SEPARABLE = (
    "bijeen",
    "binnen",
    "samen",
    "terug",
    "langs",
    "tegen",
    "aan",
    "af",
    "bij",
    "in",
    "los",
    "mee",
    "na",
    "neer",
    "op",
    "rond",
    "toe",
    "uit",
    "vast",
    "vrij",
    "weg",
)


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {_(SEVERITY_NAMES[self.severity])}: {self.message}"


def own_words(pattern: Pattern) -> str:
    """The pattern written as a sentence: each term's first alternative, globs filled in."""
    return " ".join(re.sub(r"[*?]|\[[^\]]*\]", "", t.alternatives[0]) for t in pattern.terms)


def own_sentence(pattern: Pattern, pipeline: Pipeline) -> Sentence:
    return pipeline.phrase(own_words(pattern))


def remembered_split(word: str, pipeline: Pipeline) -> tuple[str, str] | None:
    """separable_split, remembered in the pipeline's memo (which the cache keeps), so
    that checking an unchanged lexicon does not load simplemma's dictionary."""
    key = f"\x00separable\x00{word}"
    if key not in pipeline.memo:
        split = separable_split(word) or ()
        pipeline.memo[key] = (split, split, tuple(0 for _ in split))
    words = pipeline.memo[key][0]
    return (words[0], words[1]) if len(words) == 2 else None


# separable verbs whose particle is often inseparable elsewhere ("omarmen", "overtuigen"),
# named one by one: "je gaat om met agressie", "je zet de koers door"
SEPARABLE_VERBS = {
    w: (p, w[len(p) :])
    for p, words in (
        ("om", ("omgaan", "omzetten", "omschakelen", "ombuigen", "omdenken")),
        ("door", ("doorzetten", "doorpakken", "doorvoeren", "doorgaan", "doorgeven")),
        ("voor", ("voorbereiden", "voorstellen", "voorleggen", "voorgaan", "voordoen")),
        ("over", ("overdragen", "overnemen", "overbrengen", "overdoen")),
        ("achter", ("achterlaten",)),
    )
    for w in words
}


def separable_split(word: str) -> tuple[str, str] | None:
    """('uit', 'zetten') for 'uitzetten' when that is a separable verb, else None."""
    if word in SEPARABLE_VERBS:
        return SEPARABLE_VERBS[word]
    # an infinitive is its own lemma ("afspraken" is a plural: lemma "afspraak")
    if not word.isalpha() or not word.endswith("en") or not is_lemma_of_itself(word):
        return None
    for particle in SEPARABLE:
        rest = word[len(particle) :]
        if word.startswith(particle) and len(rest) >= 4 and rest.endswith("en") and is_known(rest):
            return particle, rest
    return None


def _has_split_form(comp: Competence, particle: str, verb: str) -> bool:
    for p in comp.patterns:
        if p.mode == "exact" or len(p.terms) < 2:
            continue
        alts = [set(t.alternatives) for t in p.terms]
        if any(particle in a for a in alts) and any(
            verb in a or any(x.endswith("*") and verb.startswith(x[:-1]) for x in a) for a in alts
        ):
            return True
    return False


def lint(lexicon: Lexicon, pipeline: Pipeline, matcher: Matcher | None = None) -> list[Finding]:
    """Every finding for ``lexicon`` with ``pipeline``, the loader's warnings included
    (``matcher``: the lexicon's, when one is at hand)."""
    findings = [Finding(w.path, w.line, "warning", w.message) for w in lexicon.warnings]
    matcher = matcher or Matcher(lexicon)
    path = lexicon.path

    def add(line: int, severity: Severity, message: str) -> None:
        findings.append(Finding(path, line, severity, message))

    for order, comp in enumerate(lexicon.competences):
        where = _("competence '{label}'").format(label=comp.label)
        own: dict[int, Sentence] = {}
        for i, p in enumerate(comp.patterns):
            sentence = own_sentence(p, pipeline)
            own[i] = sentence
            result = matcher.match(sentence)
            if any(f.competence.id == comp.id for f in result.found):
                pass
            else:
                rivals = [
                    f
                    for f in result.found
                    if f.competence.id != comp.id
                    and any(d.found.competence.id == comp.id for d in result.dropped)
                ]
                excluded = [
                    d for d in result.dropped if d.found.competence.id == comp.id and d.excluded
                ]
                if rivals:
                    r = rivals[0]
                    add(
                        p.line,
                        "error",
                        _(
                            "pattern '{pattern}' of {where} is shadowed: its words always count "
                            "for '{other}' (pattern '{other_pattern}', line {line}); make one of "
                            "them more specific or merge them"
                        ).format(
                            pattern=p.text,
                            where=where,
                            other=r.competence.label,
                            other_pattern=r.compiled.pattern.text,
                            line=r.compiled.pattern.line,
                        ),
                    )
                elif not excluded:
                    lemmas = " ".join(sentence.lemmas)
                    if len(sentence.words) != len(p.terms):
                        message = _(
                            "pattern '{pattern}' of {where} cannot match: the pipeline splits "
                            "'{words}' into the tokens '{tokens}'; write one word per term, with "
                            "alternatives as 'a|b' (e.g. 'kwaliteit|kwaliteiten')"
                        ).format(
                            pattern=p.text,
                            where=where,
                            words=own_words(p),
                            tokens=" ".join(sentence.words),
                        )
                    else:
                        message = _(
                            "pattern '{pattern}' of {where} cannot match: the pipeline reads its "
                            "words as lemmas '{lemmas}'; write the pattern with these lemmas, or "
                            "use {{exact: ...}} for the words as written"
                        ).format(pattern=p.text, where=where, lemmas=lemmas)
                    add(p.line, "error", message)
            if p.mode == "words":
                for term in p.terms:
                    for alt in term.alternatives:
                        split = remembered_split(normalise_lemma(alt), pipeline)
                        if split and not _has_split_form(comp, *split):
                            particle, verb = split
                            add(
                                p.line,
                                "warning",
                                _(
                                    "'{word}' in {where} is a separable verb: a main clause "
                                    "splits it ('... {particle}'), which this pattern misses; "
                                    'add the pattern "{verb} {particle}"'
                                ).format(word=alt, where=where, particle=particle, verb=verb),
                            )
        for e in comp.exclude:
            compiled = compile_pattern(comp, e, lexicon.window, order)
            if own and all(pattern_tokens(compiled, s) for s in own.values()):
                add(
                    e.line,
                    "error",
                    _(
                        "exclusion '{exclusion}' of {where} removes every match of the "
                        "competence (it covers the words of each of its patterns); make it "
                        "longer, e.g. 'sociaal werker' rather than 'sociaal'"
                    ).format(exclusion=e.text, where=where),
                )
    return sorted(findings, key=lambda f: (f.line, f.severity))
