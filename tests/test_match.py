"""Matching on hand-built sentences: no spaCy model involved."""

from pathlib import Path

from leaderscan.lexicon import DEFAULT_LEXICON, Lexicon, parse_lexicon
from leaderscan.match import Matcher
from leaderscan.model import Sentence


def sent(pairs: str) -> Sentence:
    """'word/lemma word/lemma ...' (lemma defaults to the lower-case word)."""
    words, lemmas = [], []
    for item in pairs.split():
        w, _, lem = item.partition("/")
        words.append(w)
        lemmas.append(lem or w.lower())
    return Sentence(
        page=1, section=None, text=" ".join(words), words=tuple(words), lemmas=tuple(lemmas)
    )


def lex(body: str) -> Lexicon:
    text = "orientations: [Strateeg, Verkenner, Ontwikkelaar, Procesmanager]\ncompetences:\n" + body
    return parse_lexicon(Path("t.yaml"), text)


def found(matcher: Matcher, s: Sentence) -> list[str]:
    return [f.competence.id for f in matcher.match(s).found]


def test_match_multiword_any_order_within_window_separable_verb() -> None:
    m = Matcher(
        lex(
            "  - {id: koers, label: Koers, orientation: Strateeg, patterns: ['koers zetten uit']}\n"
        )
    )
    assert found(m, sent("Samen zet/zetten je de koers voor de wijk uit")) == ["koers"]
    assert found(m, sent("De koers is bekend")) == []


def test_match_window_limits_distance() -> None:
    m = Matcher(
        lex(
            "  - {id: v, label: V, orientation: Strateeg, patterns: [{words: 'verband leggen', window: 3}]}\n"
        )
    )
    assert found(m, sent("je legt/leggen verbanden/verband")) == ["v"]
    assert found(m, sent("je legt/leggen contact met de buurt over verbanden/verband")) == []


def test_match_exact_surface_form_is_not_the_lemma() -> None:
    m = Matcher(
        lex(
            "  - {id: verbindend, label: Verbindend, orientation: Verkenner, patterns: [{exact: verbindend}]}\n"
            "  - {id: verbinden, label: Verbinden, orientation: Verkenner, patterns: [verbinden]}\n"
        )
    )
    assert found(m, sent("je bent verbindend/verbinden")) == ["verbindend"]
    assert found(m, sent("je kunt mensen verbinden")) == ["verbinden"]
    dropped = m.match(sent("je bent verbindend/verbinden")).dropped
    assert [d.found.competence.id for d in dropped] == ["verbinden"]
    assert "Verbindend" in dropped[0].reason


def test_match_glob_for_compounds() -> None:
    m = Matcher(
        lex(
            "  - {id: s, label: Samenwerken, orientation: Ontwikkelaar, patterns: ['samenwerk*']}\n"
        )
    )
    assert found(m, sent("goede samenwerkingsverbanden/samenwerkingsverband")) == ["s"]
    assert found(m, sent("je werkt samen")) == []


def test_match_exclusion_removes_job_title_but_not_other_mentions() -> None:
    m = Matcher(
        lex(
            "  - {id: sociaal, label: Sociaal, orientation: Verkenner, patterns: [sociaal],"
            " exclude: ['sociaal werker', 'sociaal huurwoning']}\n"
        )
    )
    assert found(m, sent("als sociaal werker werk je in de wijk")) == []
    assert found(m, sent("veel sociale/sociaal huurwoningen/huurwoning")) == []
    assert found(m, sent("de sociaal werker is sociaal")) == ["sociaal"]
    assert m.match(sent("als sociaal werker")).dropped[0].reason.startswith("excluded")


def test_match_longer_phrase_wins_overlap() -> None:
    m = Matcher(
        lex(
            "  - {id: b, label: Besluitvaardig, orientation: Strateeg, patterns: [besluitvaardig]}\n"
            "  - {id: ob, label: Overtuigend en besluitvaardig, orientation: Procesmanager,"
            " patterns: ['overtuigend besluitvaardig']}\n"
        )
    )
    assert found(m, sent("je bent overtuigend en besluitvaardig")) == ["ob"]
    assert found(m, sent("je bent besluitvaardig")) == ["b"]
    # the shorter competence still counts where it stands on its own in the same sentence
    assert sorted(
        found(m, sent("overtuigend en besluitvaardig , en ook elders besluitvaardig"))
    ) == ["b", "ob"]


def test_match_alternatives_and_once_per_sentence() -> None:
    m = Matcher(
        lex(
            "  - {id: c, label: Coachen, orientation: Ontwikkelaar, patterns: ['coachen|coachend', coach]}\n"
        )
    )
    result = m.match(sent("coachend leidinggeven , een coach die wil coachen"))
    assert [f.competence.id for f in result.found] == ["c"]


def test_match_pattern_and_text_meet_by_dictionary_lemma_whatever_the_pipeline_lemma() -> None:
    # "verbanden" in the lexicon and "verband" in the text share the dictionary lemma;
    # a trained pipeline's own lemma ("leg_uit", "netwerk") is one form more, not the only one
    m = Matcher(
        lex(
            "  - {id: v, label: V, orientation: Strateeg, patterns: ['verbanden leggen']}\n"
            "  - {id: n, label: N, orientation: Verkenner, patterns: [netwerken]}\n"
        )
    )
    assert found(m, sent("Je legt/leg_uit het verband/verband")) == ["v"]
    assert found(m, sent("Je netwerkt/netwerk_en graag")) == ["n"]
    assert found(m, sent("Je bouwt netwerken/netwerk")) == ["n"]


def test_match_elliptic_compound_stands_for_the_whole_word() -> None:
    m = Matcher(
        lex("  - {id: r, label: R, orientation: Procesmanager, patterns: [resultaatgerichtheid]}\n")
    )
    assert found(m, sent("balans tussen resultaat- en mensgerichtheid")) == ["r"]
    assert found(m, sent("balans tussen resultaat en mensgerichtheid")) == []


def test_match_index_finds_what_every_term_accepts(pipeline) -> None:
    """The matcher's index gives, for every pattern and exclusion of the bundled lexicon,
    the positions ``CompiledTerm.accepts`` gives token by token, on the lexicon's own
    example sentences; and only patterns with every term present."""
    from leaderscan.forms import sentence_forms
    from leaderscan.lexicon import load_lexicon
    from leaderscan.model import Block

    lexicon = load_lexicon(DEFAULT_LEXICON)
    matcher = Matcher(lexicon)
    texts = [t for c in lexicon.competences for t in (*c.examples.match, *c.examples.no_match)]
    # one in sixteen: every pattern tried on every token is slow
    sentences = list(pipeline.sentences(Block(1, None, t) for t in texts[::16]))
    assert len(sentences) >= 25
    complete = 0
    for s in sentences:
        words = [w.lower() for w in s.words]
        forms = sentence_forms(s)
        for index in (matcher.compiled.index, matcher.compiled.exclusion_index):
            got = index.positions(words, forms)
            expected = {}
            for pi, cp in enumerate(index.patterns):
                slots = [
                    [
                        i
                        for i, (w, f) in enumerate(zip(words, forms, strict=True))
                        if t.accepts(w, f)
                    ]
                    for t in cp.terms
                ]
                if all(slots):
                    expected[pi] = slots
            assert got == expected, s.text
            complete += len(got)
    assert complete >= len(sentences)


def test_match_of_two_equal_patterns_is_the_first_in_the_lexicon_in_every_process() -> None:
    """Two patterns of one competence on the same word (by different forms of it):
    the hit names the one first in the lexicon, whatever the process's hash seed."""
    import os
    import subprocess
    import sys

    code = (
        "from tests.test_match import lex, sent\n"
        "from leaderscan.match import Matcher\n"
        'm = Matcher(lex("  - {id: s, label: S, orientation: Procesmanager, '
        'patterns: [structureren, gestructureerd]}\\n"))\n'
        "print(m.match(sent('Je werkt gestructureerd/structureren')).found[0].compiled.pattern.text)\n"
    )
    root = Path(__file__).resolve().parent.parent
    seen = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        seen.add(out.stdout.strip())
    assert seen == {"structureren"}


def test_a_matcher_within_a_vocabulary_matches_its_sentences_as_the_whole_lexicon(
    pipeline,
) -> None:
    """``Matcher.within`` keeps only what can match sentences of a vocabulary: on the
    lexicon's example sentences (hits, exclusions and shadowed rivals among them) it
    finds and drops exactly what the whole matcher does, with a fraction of its patterns."""
    from leaderscan.forms import sentence_forms
    from leaderscan.lexicon import load_lexicon
    from leaderscan.model import Block

    lexicon = load_lexicon(DEFAULT_LEXICON)
    matcher = Matcher(lexicon)
    texts = [t for c in lexicon.competences for t in (*c.examples.match, *c.examples.no_match)]
    sentences = list(pipeline.sentences(Block(1, None, t) for t in texts[::8]))
    dropped = 0
    for s in sentences:
        vocabulary = {w.lower() for w in s.words}.union(*sentence_forms(s))
        within = matcher.within(vocabulary)
        assert len(within.patterns) < len(matcher.patterns) / 10
        whole, small = matcher.match(s), within.match(s)
        assert [(f.compiled.pattern, f.tokens) for f in small.found] == [
            (f.compiled.pattern, f.tokens) for f in whole.found
        ], s.text
        assert [(d.found.compiled.pattern, d.reason) for d in small.dropped] == [
            (d.found.compiled.pattern, d.reason) for d in whole.dropped
        ], s.text
        dropped += len(whole.dropped)
    assert dropped > 0  # exclusions and lost overlaps were among them


def test_a_verb_in_t_after_its_subject_meets_its_infinitive() -> None:
    """ "je staat", "u plant": both pipelines may read "staat" and "plant" as nouns; after
    its subject the form meets the verb too. "je werk" (a possessive and a noun) does not
    become a verb."""
    m = Matcher(
        lex(
            "  - {id: open, label: Open, orientation: Verkenner, patterns: ['staan open kritiek']}\n"
            "  - {id: plan, label: Plan, orientation: Procesmanager, patterns: ['plannen werkdag']}\n"
            "  - {id: werk, label: Werk, orientation: Ontwikkelaar, patterns: ['werken wijk']}\n"
        )
    )
    assert found(m, sent("Je staat/staat open voor kritiek")) == ["open"]
    assert found(m, sent("U plant/plant uw werkdag zelf")) == ["plan"]
    assert found(m, sent("De staat/staat is open voor kritiek")) == []
    assert found(m, sent("Je werk/werk in de wijk")) == []
