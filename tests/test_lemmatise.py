import pytest

from leaderscan.lemmatise import load_pipeline, normalise_lemma
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
