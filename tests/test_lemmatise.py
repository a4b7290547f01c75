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
    """Lexicon words looked up in the cache's SQLite copy of simplemma's table get the
    lemma simplemma gives from its own table: the same strategy over the same entries."""
    import simplemma
    import yaml

    from leaderscan.lemma_table import TableLemmatizer, save_lemma_table

    path = save_lemma_table(tmp_path, force=True)
    assert path is not None and path.is_file()
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
