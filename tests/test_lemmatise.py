from pathlib import Path

import pytest

from leaderscan.lemma_table import normalise_lemma
from leaderscan.lemmatise import load_pipeline
from leaderscan.model import Block


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("verbanden", "verband"),
        ("taken", "taak"),
        ("bent", "zijn"),
        ("resultaatgerichte", "resultaatgericht"),
        ("communicatieve", "communicatief"),
        ("samenwerken", "samenwerken"),
        ("initiatiefrijke", "initiatiefrijk"),
        # spelling changes of the inflection: a consonant doubled, a vowel written once
        ("vertrouwensvolle", "vertrouwensvol"),
        ("benaderbare", "benaderbaar"),
        ("oplossingsgerichte", "oplossingsgericht"),
        # participles the table knows only uninflected: the lemma of that form
        ("ondernemende", "ondernemend"),
        ("gedeelde", "delen"),
        ("gevoerde", "voeren"),
    ],
)
def test_lemmatise_fallback_handles_inflected_vacancy_words(
    pipeline, word: str, lemma: str
) -> None:
    assert pipeline.lemmas(word) == [lemma]


def test_lemmatise_normalises_underscored_lemmas() -> None:
    assert normalise_lemma("Aan_sluiten") == "aansluiten"
    assert normalise_lemma("project_begroting") == "projectbegroting"


def test_lemmatise_sentences_keep_page_section_and_offsets(pipeline) -> None:
    blocks = [
        Block(2, "Wie ben jij", "Je legt verbanden. Je bent flexibel!"),
        Block(2, "Wie ben jij", "Wie ben jij", heading=True),
    ]
    sents = list(pipeline.sentences(blocks))
    assert [(s.page, s.section, s.text) for s in sents] == [
        (2, "Wie ben jij", "Je legt verbanden."),
        (2, "Wie ben jij", "Je bent flexibel!"),
    ]
    assert sents[0].lemmas[:3] == ("je", "leggen", "verband")
    assert sents[1].span_text(1, 2) == "bent flexibel"


def test_lemmatise_pipeline_names_itself(pipeline) -> None:
    assert pipeline.name == "simplemma"
    assert "spaCy" in pipeline.version
    assert load_pipeline("simplemma") is pipeline


def test_the_cached_lemma_table_gives_simplemmas_lemmas(tmp_path: Path) -> None:
    """Lexicon words looked up in the cache's copy of simplemma's table get the
    lemma simplemma gives from its own table: the same strategy over the same entries."""
    import simplemma
    import yaml

    from leaderscan.lemma_table import TableLemmatizer, save_lemma_table

    path = save_lemma_table(tmp_path, force=True)
    assert path is not None and path.is_dir()
    table = TableLemmatizer(path)
    from leaderscan.lexicon import DEFAULT_LEXICON

    lexicon = yaml.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    words = {
        w.strip("*").lower()
        for c in lexicon["competences"]
        for p in c["patterns"]
        for alt in (p if isinstance(p, str) else next(iter(p.values()))).split()
        for w in alt.split("|")
    }
    words |= {
        "lost",
        "knopen",
        "hakken",
        "verbindende",
        "resultaatgerichte",
        "werkster",
        "werker",
        "coacht",
        "zet",
        "wendbare",
        "onbestaandwoord",
        "co-creatie",
        "l'année",
        "Visie",
        "VISIE",
        "Nijmegen",
        "nijmegen",
        "ree\u0308el",  # reëel written with a combining diaeresis
        "co\u00f6rdineren",
    }
    assert len(words) > 250
    for w in sorted(words):
        assert table.lemmatize(w) == simplemma.lemmatize(w, lang="nl"), w
        assert table.is_known(w) == simplemma.is_known(w, lang="nl"), w


def test_a_sentence_ends_after_dat_and_other_words_that_are_also_abbreviations(pipeline) -> None:
    from leaderscan.model import Block

    text = "Je onderhoudt dat. Omdat je flexibel bent. Dat doe je al. Pas op, max. 36 uur."
    assert [s.text for s in pipeline.sentences([Block(1, None, text)])] == [
        "Je onderhoudt dat.",
        "Omdat je flexibel bent.",
        "Dat doe je al.",
        "Pas op, max. 36 uur.",  # a real abbreviation stays one
    ]


SPLIT_TEXTS = [
    "Je bent flexibel. Je werkt graag samen!",
    "Wat ga je doen? Je bouwt een netwerk op; je onderhoudt het… En verder.",
    'Hij zei: "Kom maar." Daarna ging hij weg.',
    "Eerst dit.. Dan dat?! (Tussen haakjes.) Klaar",
    "Geen punt aan het eind",
    "…",
    "Je hebt een hbo-opleiding, bijv. sociaal werk. Ervaring is een pré.",
    "Drie  spaties.\n\nEen nieuwe regel ; daarna",
]


def _examples() -> list[str]:
    """The lexicon's example sentences, five to a paragraph."""
    from leaderscan.lexicon import DEFAULT_LEXICON, load_lexicon

    lexicon = load_lexicon(DEFAULT_LEXICON)
    examples = [t for c in lexicon.competences for t in c.examples.match]
    return [" ".join(examples[i : i + 5]) for i in range(0, len(examples), 5)]


def test_lemmatise_splits_sentences_as_spacys_sentencizer(any_pipeline) -> None:
    """The sentence boundaries read from the Doc's arrays are those of spaCy's own
    rule-based sentencizer with the same punctuation, token by token."""
    from leaderscan.lemmatise import SENTENCE_ENDS

    nlp = any_pipeline.nlp
    texts = [*SPLIT_TEXTS, *_examples()]
    with nlp.select_pipes(disable=["leaderscan_sentencizer"]):
        nlp.add_pipe(
            "sentencizer",
            name="spacy_sentencizer",
            first=True,
            config={"punct_chars": list(SENTENCE_ENDS)},
        )
        try:
            theirs = [[s.start for s in doc.sents] for doc in nlp.pipe(texts)]
        finally:
            nlp.remove_pipe("spacy_sentencizer")
    ours = [[s.start for s in doc.sents] for doc in nlp.pipe(texts)]
    assert ours == theirs
    assert sum(map(len, ours)) > 2 * len(texts)


def test_lemmatise_trained_pipeline_runs_only_what_its_lemmas_need() -> None:
    """The trained stand-in runs its tok2vec and edit-tree lemmatizer only (no tagger,
    no morphologizer), and only around the words the dictionary does not know: those
    words get the lemmas the whole pipeline gives them in the whole text, and matching
    sees every sentence as it would with the whole pipeline."""
    import spacy

    from leaderscan.forms import sentence_forms, takes_pipeline_lemma
    from leaderscan.lemmatise import Pipeline, _sentencizer
    from tests.conftest import TRAINED_STAND_IN, pipeline_named

    pruned = pipeline_named("trained")
    assert pruned.nlp.pipe_names == ["leaderscan_sentencizer", "tok2vec", "trainable_lemmatizer"]
    assert pruned.reach == 4  # a window of 1 in each of 4 layers
    whole = spacy.load(TRAINED_STAND_IN)
    assert {"tagger", "morphologizer"} <= set(whole.pipe_names)
    _sentencizer(whole)
    full = Pipeline("whole", "", lambda: whole)
    blocks = [Block(1, None, t) for t in [*SPLIT_TEXTS, *_examples(), *LONG_TEXTS]]
    ours, theirs = list(pruned.sentences(blocks)), list(full.sentences(blocks))
    assert [(s.text, s.words, s.offsets) for s in ours] == [
        (s.text, s.words, s.offsets) for s in theirs
    ]
    asked = 0
    for a, b in zip(ours, theirs, strict=True):
        for word, mine, model in zip(a.words, a.lemmas, b.lemmas, strict=True):
            if takes_pipeline_lemma(word):
                asked += 1
                assert mine == model, (word, a.text)
        assert sentence_forms(a) == sentence_forms(b)
    assert asked > 40


# paragraphs with words the dictionary does not know at the start, the end and next to
# each other, so that their stretches meet and touch the ends of the text
LONG_TEXTS = [
    "Wijkcoördinatoren en buurtbemiddelaars van Stichting Wijkkracht Oosterhout overleggen "
    "elke week in het buurtkantoor met de opbouwwerkers over de leefbaarheidsagenda.",
    "Je bent het gezicht van de corporatie in de portiekflats aan de Kastanjelaan en je "
    "pakt signalen over woonfraude, vervuiling en burenruzies snel op met de "
    "wijkagent, de zorgcoördinator en het sociaal wijkteam Noordkwartier.",
    "Huurdersbelangenvereniging",
    "Als teamleider woonruimtebemiddeling stuur je acht verhuurmakelaars aan.",
]


def test_a_pipeline_whose_lemmas_read_the_whole_text_is_run_on_the_whole_text() -> None:
    """Only a tok2vec of window encoders under per-token heads has a reach; a parser,
    a rule-based lemmatizer or a head with a tok2vec of its own has none."""
    from leaderscan.trained import lemma_reach

    tok2vec = {
        "factory": "tok2vec",
        "model": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {"@architectures": "spacy.MultiHashEmbed.v2"},
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "window_size": 1,
                "depth": 4,
            },
        },
    }
    listener = {"@architectures": "spacy.Tok2VecListener.v1"}
    head = {
        "factory": "trainable_lemmatizer",
        "model": {"@architectures": "spacy.Tagger.v2", "tok2vec": listener},
    }
    config = {"components": {"tok2vec": tok2vec, "trainable_lemmatizer": head}}
    assert lemma_reach(config, ["tok2vec", "trainable_lemmatizer"]) == 4
    wide = {
        **tok2vec,
        "model": {**tok2vec["model"], "encode": {**tok2vec["model"]["encode"], "window_size": 2}},
    }
    assert (
        lemma_reach(
            {"components": {**config["components"], "tok2vec": wide}},
            ["tok2vec", "trainable_lemmatizer"],
        )
        == 8
    )
    rule = {"factory": "lemmatizer", "mode": "rule"}
    assert (
        lemma_reach(
            {"components": {**config["components"], "lemmatizer": rule}}, ["tok2vec", "lemmatizer"]
        )
        is None
    )
    parser = {"factory": "parser", "model": {"@architectures": "spacy.TransitionBasedParser.v2"}}
    assert (
        lemma_reach({"components": {"tok2vec": tok2vec, "parser": parser}}, ["tok2vec", "parser"])
        is None
    )
    own = {
        **head,
        "model": {**head["model"], "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2"}},
    }
    assert (
        lemma_reach({"components": {"trainable_lemmatizer": own}}, ["trainable_lemmatizer"]) is None
    )
    lstm = {
        **tok2vec,
        "model": {**tok2vec["model"], "encode": {"@architectures": "spacy.TorchBiLSTMEncoder.v1"}},
    }
    assert lemma_reach({"components": {"tok2vec": lstm}}, ["tok2vec"]) is None


def test_lemmatise_an_inflected_participle_meets_its_pattern_under_every_pipeline(
    any_pipeline, tmp_path: Path
) -> None:
    from leaderscan.explain import explain
    from leaderscan.lexicon import parse_lexicon
    from leaderscan.match import Matcher

    lexicon = parse_lexicon(
        tmp_path / "competences.yaml",
        "orientations: [Strateeg, Ontwikkelaar]\ncompetences:\n"
        '  - {id: werkwijze, label: Werkwijze, orientation: Strateeg, patterns: ["gedeeld werkwijze"]}\n'
        "  - {id: ondernemend, label: Ondernemend, orientation: Ontwikkelaar, patterns: [ondernemend]}\n",
    )
    matcher = Matcher(lexicon)
    for text, wanted in [
        ("U maakt van het team een geheel met een gedeelde werkwijze.", ["werkwijze"]),
        ("Wij zoeken een ondernemende adviseur.", ["ondernemend"]),
    ]:
        found = [m.competence.id for e in explain(text, any_pipeline, matcher) for m in e.matches]
        assert found == wanted, text
