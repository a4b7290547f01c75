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
from typing import Any, Literal

from .forms import sentence_forms
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


# The messages of the findings, by kind. Outcomes are kept without lines or labels
# (LintRecord), so that the lint of an edit takes what the edit cannot change from
# the lint before it, and says it with the lines and labels of the lexicon now.
MESSAGES = {
    "shadowed": N_(
        "pattern '{pattern}' of {where} is shadowed: its words always count "
        "for '{other}' (pattern '{other_pattern}', line {line}); make one of "
        "them more specific or merge them"
    ),
    "split": N_(
        "pattern '{pattern}' of {where} cannot match: the pipeline splits "
        "'{words}' into the tokens '{tokens}'; write one word per term, with "
        "alternatives as 'a|b' (e.g. 'kwaliteit|kwaliteiten')"
    ),
    "lemmas": N_(
        "pattern '{pattern}' of {where} cannot match: the pipeline reads its "
        "words as lemmas '{lemmas}'; write the pattern with these lemmas, or "
        "use {{exact: ...}} for the words as written"
    ),
    "separable": N_(
        "'{word}' in {where} is a separable verb: a main clause "
        "splits it ('... {particle}'), which this pattern misses; "
        'add the pattern "{verb} {particle}"'
    ),
    "exclusion": N_(
        "exclusion '{exclusion}' of {where} removes every match of the "
        "competence (it covers the words of each of its patterns); make it "
        "longer, e.g. 'sociaal werker' rather than 'sociaal'"
    ),
}
# one outcome: [severity, kind, arguments]; "shadowed" names its rival pattern as
# "rival": [competence id, text, mode, window]
Outcome = list[Any]
# what one pattern gave: [competences in the match, the own words' forms, outcomes]
PatternLint = list[Any]


@dataclass(frozen=True)
class LintRecord:
    """A lexicon's lint, competence by competence and line-free (JSON data): per
    competence ``{"patterns": [PatternLint ...], "exclusions": [[Outcome ...] ...]}``,
    with the Matcher's ``setting`` and ``fingerprints`` it was made with."""

    setting: str
    fingerprints: dict[str, str]
    competences: dict[str, Any]

    def to_data(self) -> Any:
        return [self.setting, self.fingerprints, self.competences]

    @classmethod
    def from_data(cls, data: Any) -> LintRecord | None:
        """The record of ``to_data``, or None when ``data`` is not one."""
        if not (isinstance(data, list) and len(data) == 3):
            return None
        setting, fingerprints, competences = data
        if not (
            isinstance(setting, str)
            and isinstance(fingerprints, dict)
            and isinstance(competences, dict)
            and all(
                isinstance(c, dict)
                and isinstance(c.get("patterns"), list)
                and isinstance(c.get("exclusions"), list)
                and all(isinstance(x, list) and len(x) == 3 for x in c["patterns"])
                for c in competences.values()
            )
        ):
            return None
        return cls(setting, fingerprints, competences)


def lint(lexicon: Lexicon, pipeline: Pipeline, matcher: Matcher | None = None) -> list[Finding]:
    """Every finding for ``lexicon`` with ``pipeline``, the loader's warnings included
    (``matcher``: the lexicon's, when one is at hand)."""
    done = linted(lexicon, pipeline, matcher)
    assert done is not None  # without an earlier record, nothing is left out
    return done[0]


def linted(
    lexicon: Lexicon,
    pipeline: Pipeline,
    matcher: Matcher | None = None,
    earlier: LintRecord | None = None,
    at_most: int | None = None,
) -> tuple[list[Finding], LintRecord] | None:
    """``lint``'s findings and their record. With the record of an ``earlier`` lint of
    this lexicon file, a competence the edit did not change keeps the outcomes of its
    patterns wherever nothing the edit changed or added can match the pattern's own
    words (``Matcher.affected``): the same findings, found again only where they can
    differ. None when more than ``at_most`` patterns would be linted."""
    matcher = matcher or Matcher(lexicon)
    affected = None
    if earlier is not None and earlier.setting == matcher.setting:
        affected = matcher.affected(earlier.fingerprints)
    plan: dict[str, list[int] | None] = {}  # per competence: patterns to lint, None: all
    for comp in lexicon.competences:
        kept = earlier.competences.get(comp.id) if earlier is not None else None
        if (
            affected is None
            or kept is None
            or comp.id in affected.stale
            or comp.id in affected.probes
            or earlier is None
            or earlier.fingerprints.get(comp.id) != matcher.fingerprints[comp.id]
            or len(kept["patterns"]) != len(comp.patterns)
            or len(kept["exclusions"]) != len(comp.exclude)
        ):
            plan[comp.id] = None
        else:
            plan[comp.id] = [
                i
                for i, (involved, forms, _outcomes) in enumerate(kept["patterns"])
                if not affected.stale.isdisjoint(involved) or affected.may_match(set(forms))
            ]
    todo = sum(
        len(c.patterns) if plan[c.id] is None else len(plan[c.id] or ())
        for c in lexicon.competences
    )
    if at_most is not None and todo > at_most:
        return None
    full = matcher
    if earlier is not None:  # the phrases to lint again, matched on what they can meet
        matcher = matcher.within(_vocabulary(lexicon, plan, pipeline))
    competences: dict[str, Any] = {}
    for order, comp in enumerate(lexicon.competences):
        again = plan[comp.id]
        if again is None:
            competences[comp.id] = _lint_competence(lexicon, comp, order, pipeline, matcher)
        else:
            assert earlier is not None
            kept = earlier.competences[comp.id]
            patterns = list(kept["patterns"])
            for i in again:
                patterns[i] = _lint_pattern(comp, comp.patterns[i], pipeline, matcher)[0]
            competences[comp.id] = {"patterns": patterns, "exclusions": kept["exclusions"]}
    record = LintRecord(full.setting, dict(full.fingerprints), competences)
    findings = _findings_of(lexicon, record)
    if findings is None:  # an outcome names a pattern the lexicon no longer has
        return linted(lexicon, pipeline, full) if earlier is not None else None
    return findings, record


def _vocabulary(
    lexicon: Lexicon, plan: dict[str, list[int] | None], pipeline: Pipeline
) -> set[str]:
    """Every word and form of the own sentences of the patterns ``plan`` lints."""
    vocabulary: set[str] = set()
    for comp in lexicon.competences:
        again = plan[comp.id]
        for i in range(len(comp.patterns)) if again is None else again:
            sentence = own_sentence(comp.patterns[i], pipeline)
            vocabulary.update(w.lower() for w in sentence.words)
            vocabulary.update(*sentence_forms(sentence))
    return vocabulary


def _lint_competence(
    lexicon: Lexicon, comp: Competence, order: int, pipeline: Pipeline, matcher: Matcher
) -> dict[str, Any]:
    own: list[Sentence] = []
    patterns = []
    for p in comp.patterns:
        outcome, sentence = _lint_pattern(comp, p, pipeline, matcher)
        patterns.append(outcome)
        own.append(sentence)
    exclusions: list[list[Outcome]] = []
    for e in comp.exclude:
        compiled = compile_pattern(comp, e, lexicon.window, order)
        if own and all(pattern_tokens(compiled, s) for s in own):
            exclusions.append([["error", "exclusion", {}]])
        else:
            exclusions.append([])
    return {"patterns": patterns, "exclusions": exclusions}


def _lint_pattern(
    comp: Competence, p: Pattern, pipeline: Pipeline, matcher: Matcher
) -> tuple[PatternLint, Sentence]:
    """What linting one pattern finds, line-free, and its own sentence."""
    sentence = own_sentence(p, pipeline)
    result = matcher.match(sentence)
    involved = sorted(
        {f.competence.id for f in result.found} | {d.found.competence.id for d in result.dropped}
    )
    outcomes: list[Outcome] = []
    if not any(f.competence.id == comp.id for f in result.found):
        rivals = [
            f
            for f in result.found
            if f.competence.id != comp.id
            and any(d.found.competence.id == comp.id for d in result.dropped)
        ]
        excluded = [d for d in result.dropped if d.found.competence.id == comp.id and d.excluded]
        if rivals:
            r = rivals[0].compiled.pattern
            rival = [rivals[0].competence.id, r.text, r.mode, r.window]
            outcomes.append(["error", "shadowed", {"rival": rival}])
        elif not excluded:
            if len(sentence.words) != len(p.terms):
                args = {"words": own_words(p), "tokens": " ".join(sentence.words)}
                outcomes.append(["error", "split", args])
            else:
                outcomes.append(["error", "lemmas", {"lemmas": " ".join(sentence.lemmas)}])
    if p.mode == "words":
        for term in p.terms:
            for alt in term.alternatives:
                split = remembered_split(normalise_lemma(alt), pipeline)
                if split and not _has_split_form(comp, *split):
                    particle, verb = split
                    args = {"word": alt, "particle": particle, "verb": verb}
                    outcomes.append(["warning", "separable", args])
    forms = sorted(set().union(*sentence_forms(sentence)))
    return [involved, forms, outcomes], sentence


def _findings_of(lexicon: Lexicon, record: LintRecord) -> list[Finding] | None:
    """The findings of a record, in the words, lines and labels of ``lexicon``; None when
    a rival pattern it names is not in the lexicon."""
    findings = [Finding(w.path, w.line, "warning", w.message) for w in lexicon.warnings]
    by_id = {c.id: c for c in lexicon.competences}
    path = lexicon.path
    for comp in lexicon.competences:
        where = _("competence '{label}'").format(label=comp.label)
        kept = record.competences[comp.id]
        for p, (_involved, _forms, outcomes) in zip(comp.patterns, kept["patterns"], strict=True):
            for severity, kind, args in outcomes:
                values = {"pattern": p.text, "where": where, **args}
                if kind == "shadowed":
                    cid, text, mode, window = args["rival"]
                    other = by_id.get(cid)
                    rival = next(
                        (
                            x
                            for x in (other.patterns if other else ())
                            if (x.text, x.mode, x.window) == (text, mode, window)
                        ),
                        None,
                    )
                    if other is None or rival is None:
                        return None
                    values |= {
                        "other": other.label,
                        "other_pattern": rival.text,
                        "line": rival.line,
                    }
                findings.append(Finding(path, p.line, severity, _(MESSAGES[kind]).format(**values)))
        for e, outcomes in zip(comp.exclude, kept["exclusions"], strict=True):
            for severity, kind, args in outcomes:
                message = _(MESSAGES[kind]).format(exclusion=e.text, where=where, **args)
                findings.append(Finding(path, e.line, severity, message))
    return sorted(findings, key=lambda f: (f.line, f.severity))
