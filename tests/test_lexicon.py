from pathlib import Path

import pytest

from leaderscan.errors import LexiconError
from leaderscan.lexicon import load_lexicon, parse_lexicon
from leaderscan.lexicons import load_lexicons

GOOD = """\
orientations:
  - {name: Regisseur, label: De regisseur}
  - {name: Bouwer}
  - {name: Rest, scored: false}
competences:
  - {label: Visie, orientation: Regisseur, patterns: [visie]}
  - {id: bouwen, label: Bouwen, orientation: Bouwer, patterns: [bouwen, {exact: bouwend}, {phrase: "samen bouwen"}]}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(LexiconError) as info:
        parse_lexicon(Path("competences.yaml"), text)
    return [str(p) for p in info.value.problems]


def test_lexicon_orientations_order_and_labels_come_from_yaml() -> None:
    lex = parse_lexicon(Path("x.yaml"), GOOD)
    assert [(o.name, o.label, o.scored) for o in lex.orientations] == [
        ("Regisseur", "De regisseur", True),
        ("Bouwer", "Bouwer", True),
        ("Rest", "Rest", False),
    ]
    assert [c.id for c in lex.competences] == ["visie", "bouwen"]
    assert [p.mode for p in lex.competences[1].patterns] == ["words", "exact", "phrase"]


def test_lexicon_unknown_orientation_suggests_the_closest() -> None:
    assert problems(GOOD.replace("orientation: Bouwer,", "orientation: Bouwr,")) == [
        "competences.yaml:7: unknown orientation 'Bouwr' in competence 'Bouwen'; did you mean 'Bouwer'? "
        "A new one is declared under 'orientations:'"
    ]


def test_lexicon_reports_every_problem_with_its_line() -> None:
    text = (
        GOOD
        + "  - {label: Leeg, orientation: Bouwer, patterns: []}\n  - {label: X, orientation: Bouwer, patern: [x]}\n"
    )
    got = problems(text)
    assert (
        got[0]
        == "competences.yaml:8: 'patterns' in competence 'Leeg' is empty: give at least one pattern"
    )
    assert (
        "competences.yaml:9: unknown key 'patern' in a competence; did you mean 'patterns'?" in got
    )
    assert "competences.yaml:9: competence 'X' has no 'patterns': give at least one pattern" in got


def test_lexicon_duplicate_keys_and_ids() -> None:
    text = GOOD + "  - {id: bouwen, label: Anders, orientation: Bouwer, patterns: [x]}\n"
    assert problems(text) == [
        "competences.yaml:8: duplicate id 'bouwen' (first at line 7); give each competence its own id"
    ]
    dup = "orientations: [A]\norientations: [B]\ncompetences: [{label: x, orientation: A, patterns: [x]}]\n"
    assert problems(dup) == ["competences.yaml:2: duplicate key 'orientations' (first at line 1)"]


def test_lexicon_yaml_syntax_error_has_line() -> None:
    got = problems("orientations: [A\ncompetences: x\n")
    assert len(got) == 1 and got[0].startswith("competences.yaml:2: YAML syntax error")


def test_lexicon_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="lexicon file not found; pass --lexicon FILE"):
        load_lexicon(tmp_path / "nope.yaml")


@pytest.mark.parametrize("times", [800, 3000])
def test_a_pattern_of_one_word_repeated_is_refused_quickly(times: int, tmp_path: Path) -> None:
    import time

    from click.testing import CliRunner

    from leaderscan.cli import cli

    words = " ".join(["visie"] * times)
    path = tmp_path / "competences.yaml"
    path.write_text(
        "orientations: [Strateeg]\ncompetences:\n"
        f'  - {{id: visie, label: Visie, orientation: Strateeg, patterns: [{{exact: "{words}"}}]}}\n',
        encoding="utf-8",
    )
    start = time.monotonic()
    r = CliRunner().invoke(cli, ["lexicon", "check", str(path), "--model", "simplemma"])
    assert time.monotonic() - start < 10
    assert r.exit_code == 2
    assert f"{path}:3: error: a pattern of {times} words in competence 'Visie'" in r.output


def test_a_50_mb_lexicon_is_refused_at_once(tmp_path: Path) -> None:
    import time

    competence = "  - {label: Visie, orientation: Strateeg, patterns: [visie]}\n"
    text = "orientations: [Strateeg]\ncompetences:\n" + competence * (
        50 * 1024 * 1024 // len(competence)
    )
    start = time.monotonic()
    assert problems(text) == [
        "competences.yaml: the lexicon is 50 MB; more than 2 MB is refused (the bundled one "
        "is about 30 KB): is this the right file?"
    ]
    assert time.monotonic() - start < 5


EXTRA = """\
orientations:
  - {name: Bouwer}
  - {name: Rest, scored: false}
  - {name: Verbinder}
competences:
  - {id: stevig, label: Stressbestendig, orientation: Rest, patterns: [stressbestendig]}
  - {id: verbinden, label: Verbinden, orientation: Verbinder, patterns: [verbinden]}
"""


def test_a_lexicon_on_top_of_another_adds_its_competences_and_orientations(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(EXTRA, encoding="utf-8")
    both = load_lexicons([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    assert [c.id for c in both.competences] == ["visie", "bouwen", "stevig", "verbinden"]
    assert [o.name for o in both.orientations] == ["Regisseur", "Bouwer", "Rest", "Verbinder"]
    assert both.orientation("Regisseur").label == "De regisseur"  # the first file's words
    assert both.described == f"{tmp_path / 'a.yaml'} + {tmp_path / 'b.yaml'}"
    # what a run saves is one lexicon that reads back the same, without the files
    again = parse_lexicon(Path("saved.yaml"), both.text)
    assert again.competences == both.competences and again.orientations == both.orientations
    assert load_lexicons([tmp_path / "b.yaml"]).competences[0].id == "stevig"  # alone


def test_combined_lexicons_refuse_an_id_twice_and_an_orientation_of_two_meanings(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        EXTRA.replace("id: stevig", "id: bouwen").replace(
            "{name: Bouwer}", "{name: Bouwer, scored: false}"
        ),
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as info:
        load_lexicons([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    messages = [str(p) for p in info.value.problems]
    assert any("orientation 'Bouwer' is not scored here but scored in" in m for m in messages)
    assert (
        f"{tmp_path / 'b.yaml'}:6: competence id 'bouwen' is also in {tmp_path / 'a.yaml'}"
        in " ".join(messages)
    )
