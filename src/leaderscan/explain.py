"""Why did (not) this count? One sentence through the pipeline and the matcher.

``explain`` gives a sentence's tokens and lemmas, each match with the pattern
that fired and whether it is scored, and the matches that were dropped: by an
exclusion, by overlap with a more specific match, or because the section or the
orientation is not scored. ``check_examples`` runs the lexicon's own example
sentences (``examples: match / no_match``) as tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .i18n import _
from .lemmatise import Pipeline
from .lexicon import Competence, Lexicon
from .match import Matcher
from .model import Block, Sentence
from .scope import unscored_reason


@dataclass(frozen=True)
class Match:
    competence: Competence
    orientation: str  # label
    pattern: str
    words: str  # the matched words as written
    tokens: tuple[int, ...]
    counted: bool
    reason: str = ""  # why it does not count (scope: section or sentence; orientation)
    in_scope: bool = True  # the sentence states what the role asks (scope.py)


@dataclass(frozen=True)
class Drop:
    competence: Competence
    pattern: str
    words: str
    reason: str


@dataclass
class Explanation:
    sentence: Sentence
    matches: list[Match] = field(default_factory=list)
    dropped: list[Drop] = field(default_factory=list)

    def found(self, competence_id: str) -> bool:
        """Whether the competence is found where the role is described (its orientation
        may still be one that is not counted)."""
        return any(m.competence.id == competence_id and m.in_scope for m in self.matches)


def explain_sentence(
    sentence: Sentence, matcher: Matcher, organisation: str | None = None
) -> Explanation:
    lexicon = matcher.lexicon
    labels = {o.name: o.label for o in lexicon.orientations}
    scored = {o.name: o.scored for o in lexicon.orientations}
    result = matcher.match(sentence)
    out = Explanation(sentence)
    for f in result.found:
        comp = f.competence
        scope = unscored_reason(lexicon, sentence, f.tokens, organisation)
        reason = scope or (
            ""
            if scored.get(comp.orientation)
            else _("orientation '{orientation}' is not scored").format(orientation=comp.orientation)
        )
        out.matches.append(
            Match(
                comp,
                labels.get(comp.orientation, comp.orientation),
                f.compiled.pattern.text,
                sentence.span_text(f.start, f.end),
                f.tokens,
                not reason,
                reason,
                not scope,
            )
        )
    for d in result.dropped:
        out.dropped.append(
            Drop(
                d.found.competence,
                d.found.compiled.pattern.text,
                sentence.span_text(d.found.start, d.found.end),
                d.reason,
            )
        )
    return out


def explain(
    text: str, pipeline: Pipeline, matcher: Matcher, section: str | None = None
) -> list[Explanation]:
    """Each sentence of ``text`` (under heading ``section``), explained."""
    return [explain_sentence(s, matcher) for s in pipeline.sentences([Block(1, section, text)])]


def explain_blocks(
    blocks: Iterable[Block], pipeline: Pipeline, matcher: Matcher
) -> Iterator[Explanation]:
    for s in pipeline.sentences(blocks):
        yield explain_sentence(s, matcher)


@dataclass(frozen=True)
class ExampleResult:
    competence: Competence
    text: str
    should_match: bool
    explanations: tuple[Explanation, ...]

    @property
    def ok(self) -> bool:
        found = any(e.found(self.competence.id) for e in self.explanations)
        return found == self.should_match


def check_examples(lexicon: Lexicon, pipeline: Pipeline) -> list[ExampleResult]:
    """Every example sentence of every competence, matched with the whole lexicon."""
    matcher = Matcher(lexicon)
    results = []
    for comp in lexicon.competences:
        for should, texts in ((True, comp.examples.match), (False, comp.examples.no_match)):
            for text in texts:
                results.append(
                    ExampleResult(comp, text, should, tuple(explain(text, pipeline, matcher)))
                )
    return results
