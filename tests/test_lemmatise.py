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
    no morphologizer), and its lemmas are those of the whole pipeline."""
    import spacy

    from leaderscan.lemmatise import Pipeline, _sentencizer
    from tests.conftest import TRAINED_STAND_IN, pipeline_named

    pruned = pipeline_named("trained")
    assert pruned.nlp.pipe_names == ["leaderscan_sentencizer", "tok2vec", "trainable_lemmatizer"]
    whole = spacy.load(TRAINED_STAND_IN)
    assert {"tagger", "morphologizer"} <= set(whole.pipe_names)
    _sentencizer(whole)
    full = Pipeline("whole", "", lambda: whole)
    blocks = [Block(1, None, t) for t in [*SPLIT_TEXTS, *_examples()]]
    assert list(pruned.sentences(blocks)) == list(full.sentences(blocks))
