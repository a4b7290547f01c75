"""Lexicon authoring: check, schema, examples, try, import — each with a lexicon that is wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from leaderscan.cli import cli
from leaderscan.errors import LexiconError
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import (
    COMPETENCE_KEYS,
    DEFAULT_LEXICON,
    EXAMPLE_KEYS,
    ORIENTATION_KEYS,
    PATTERN_KEYS,
    TOP_KEYS,
    load_lexicon,
    parse_lexicon,
)
from leaderscan.lexicons import PACKAGED
from tests.conftest import LEXICON, ROOT, make_txt

HEAD = """\
orientations: [Strateeg, Verkenner, Ontwikkelaar, Procesmanager, {name: Overig, scored: false}]
competences:
"""


def write(tmp_path: Path, body: str, name: str = "competences.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def check(path: Path):
    return CliRunner().invoke(cli, ["lexicon", "check", str(path), "--model", "simplemma"])


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize("name", sorted(PACKAGED))
def test_packaged_lexicons_check_clean_and_their_examples_pass(
    name: str, any_pipeline: Pipeline
) -> None:
    model = any_pipeline.model
    runner = CliRunner()
    r = runner.invoke(cli, ["lexicon", "check", str(PACKAGED[name]), "--model", model])
    assert r.exit_code == 0, r.output
    assert r.stdout == ""  # no error, no warning
    assert "0 error(s), 0 warning(s)" in r.stderr
    r = runner.invoke(cli, ["lexicon", "test", str(PACKAGED[name]), "--model", model])
    assert r.exit_code == 0, r.output
    assert " 0 failed" in r.stderr
    assert any_pipeline.description in r.stderr


def test_default_lexicon_carries_examples_for_its_hardest_entries() -> None:
    data = yaml.safe_load((DEFAULT_LEXICON).read_text(encoding="utf-8"))
    with_examples = {c["id"] for c in data["competences"] if c.get("examples")}
    # the hardest entries carry examples: R9 pairs, exclusions, separable verbs
    assert {
        "verbindend",
        "verbinden",
        "besluitvaardig",
        "overtuigend-besluitvaardig",
        "richting-geven-ontwikkeling",
        "richting-geven-werk",
        "sociaal",
        "netwerken",
        "conflicthantering",
    } <= with_examples


@pytest.mark.parametrize(
    ("body", "line_text", "message"),
    [
        (
            "  - {label: Visie, orientation: Strateg, patterns: [visie]}\n",
            "Strateg",
            "unknown orientation 'Strateg' in competence 'Visie'; did you mean 'Strateeg'?",
        ),
        (
            "  - {id: visie, label: Visie, orientation: Strateeg, patterns: [visie]}\n"
            "  - {id: visie, label: Visionair, orientation: Strateeg, patterns: [visionair]}\n",
            "Visionair",
            "duplicate id 'visie' (first at line",
        ),
        (
            "  - {label: Visie, orientation: Strateeg, patterns: ['  ']}\n",
            "Visie",
            "empty pattern in competence 'Visie'",
        ),
        (
            "  - {label: Visie, orientation: Strateeg, patrons: [visie]}\n",
            "patrons",
            "unknown key 'patrons' in a competence; did you mean 'patterns'?",
        ),
    ],
)
def test_check_reports_structural_errors_with_their_line(
    tmp_path: Path, body: str, line_text: str, message: str
) -> None:
    path = write(tmp_path, body)
    r = check(path)
    assert r.exit_code == 2
    line = line_of(path, line_text)
    assert f"{path}:{line}: error: {message}" in r.stdout


def test_check_finds_what_patterns_do(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        # a duplicate label (warning)
        "  - {id: a, label: Open, orientation: Verkenner, patterns: [open]}\n"
        "  - {id: b, label: Open, orientation: Verkenner, patterns: [openheid]}\n"
        # unmatchable: the tokenizer splits the word, the pattern has it as one term
        "  - {label: Kwaliteit, orientation: Ontwikkelaar, patterns: ['kwaliteit(en)']}\n"
        # shadowed: the same pattern in a competence earlier in the file always wins
        "  - {label: Besluitvaardig, orientation: Strateeg, patterns: [besluitvaardig]}\n"
        "  - {label: Daadkracht, orientation: Procesmanager, patterns: [besluitvaardig, daadkrachtig]}\n"
        # an exclusion that removes every match
        "  - {label: Sociaal, orientation: Verkenner, patterns: [sociaal], exclude: [sociaal]}\n"
        # a separable verb written joined
        "  - {label: Koers uitzetten, orientation: Strateeg, patterns: ['koers uitzetten']}\n",
    )
    r = check(path)
    assert r.exit_code == 2, r.output
    out = r.stdout
    assert (
        f"{path}:{line_of(path, 'id: b')}: warning: label 'Open' of Verkenner is used twice" in out
    )
    assert f"{path}:{line_of(path, 'kwaliteit(en)')}: error: pattern 'kwaliteit(en)'" in out
    assert (
        "cannot match: the pipeline splits 'kwaliteit(en)' into the tokens 'kwaliteit ( en )'"
        in out
    )
    assert (
        f"{path}:{line_of(path, 'Daadkracht')}: error: pattern 'besluitvaardig' of competence "
        "'Daadkracht' is shadowed: its words always count for 'Besluitvaardig'"
    ) in out
    assert (
        f"{path}:{line_of(path, 'exclude: [sociaal]')}: error: exclusion 'sociaal' of competence "
        "'Sociaal' removes every match"
    ) in out
    assert (
        f"{path}:{line_of(path, 'koers uitzetten')}: warning: 'uitzetten' in competence "
        "'Koers uitzetten' is a separable verb"
    ) in out and 'add the pattern "zetten uit"' in out


def test_check_warnings_only_exit_zero(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "  - {label: Koers uitzetten, orientation: Strateeg, patterns: ['koers uitzetten']}\n",
    )
    r = check(path)
    assert r.exit_code == 0
    assert "warning: 'uitzetten'" in r.stdout
    fixed = write(
        tmp_path,
        "  - {label: Koers uitzetten, orientation: Strateeg, patterns: ['koers uitzetten', 'koers zetten uit']}\n",
        "fixed.yaml",
    )
    assert check(fixed).stdout == ""


def test_run_refuses_a_lexicon_that_fails_the_check(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "  - {label: Sociaal, orientation: Verkenner, patterns: [sociaal], exclude: [sociaal]}\n",
    )
    make_txt(tmp_path / "corpus" / "Talis" / "wijk" / "v.txt", "Je bent sociaal.\n")
    r = CliRunner().invoke(
        cli,
        ["run", str(tmp_path / "corpus"), "--lexicon", str(path), "--out", str(tmp_path / "o")],
    )
    assert r.exit_code == 2
    assert "removes every match" in r.stderr
    assert "fix the lexicon" in r.stderr
    assert not (tmp_path / "o").exists()


# --------------------------------------------------------------------- schema

SCHEMA = json.loads(
    (ROOT / "src" / "leaderscan" / "schema" / "competences.schema.json").read_text()
)


def test_schema_is_referenced_and_printed() -> None:
    first = (DEFAULT_LEXICON).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/competences.schema.json"
    assert (DEFAULT_LEXICON.parent / "../schema/competences.schema.json").is_file()
    r = CliRunner().invoke(cli, ["lexicon", "schema"])
    assert json.loads(r.stdout) == SCHEMA


def test_schema_and_loader_know_the_same_keys() -> None:
    d = SCHEMA["$defs"]
    assert set(SCHEMA["properties"]) == TOP_KEYS
    assert set(SCHEMA["properties"]["orientations"]["items"]["oneOf"][1]["properties"]) == (
        ORIENTATION_KEYS
    )
    assert set(d["competence"]["properties"]) == COMPETENCE_KEYS
    assert set(d["pattern"]["oneOf"][1]["properties"]) == PATTERN_KEYS
    assert set(d["competence"]["properties"]["examples"]["properties"]) == EXAMPLE_KEYS


C = "  - {label: Visie, orientation: Strateeg, patterns: [visie]}\n"
AGREEMENT = [
    (HEAD + C, True),
    (LEXICON, True),
    ((DEFAULT_LEXICON).read_text(encoding="utf-8"), True),
    ("competences: []\n", False),
    (HEAD.replace("competences:\n", "competences: []\n"), False),
    ("orientations: []\ncompetences:\n" + C, False),
    (HEAD + C + "extra: 1\n", False),
    (HEAD + "  - {label: Visie, orientation: Strateeg}\n", False),
    (HEAD + "  - {label: Visie, orientation: Strateeg, patterns: []}\n", False),
    (HEAD + "  - {label: Visie, orientation: Strateeg, patterns: ['']}\n", False),
    (
        HEAD + "  - {label: Visie, orientation: Strateeg, patterns: [{exact: a, phrase: b}]}\n",
        False,
    ),
    (HEAD + "  - {label: Visie, orientation: Strateeg, patterns: [{window: 3}]}\n", False),
    (
        HEAD + "  - {label: Visie, orientation: Strateeg, patterns: [{words: a, window: 0}]}\n",
        False,
    ),
    (HEAD + "  - {label: Visie, orientation: Strateeg, patterns: [[a]]}\n", False),
    (HEAD + "  - {label: Visie, orientation: Strateeg, patterns: [a], examples: [x]}\n", False),
    (
        HEAD + "  - {label: Visie, orientation: Strateeg, patterns: [a], examples: {ok: [x]}}\n",
        False,
    ),
    (HEAD + "  - {label: Visie, orientation: Strateeg, patterns: [a], labels: [x]}\n", False),
    (HEAD + "  - {label: Visie, orientation: Strateeg, patterns: [a], exclude: {x: 1}}\n", False),
    (
        HEAD
        + "  - {label: Visie, orientation: Strateeg, patterns: [a], exclude: [b, {exact: c}]}\n",
        True,
    ),
    ("window: 0\n" + HEAD + C, False),
    (
        "orientations: [{name: A, scored: maybe}]\ncompetences:\n  - {label: x, orientation: A, patterns: [x]}\n",
        False,
    ),
    (
        "orientations: [{label: A}]\ncompetences:\n  - {label: x, orientation: A, patterns: [x]}\n",
        False,
    ),
    ("unscored_sections: [Wie zijn wij]\n" + HEAD + C, True),
    ("unscored_sections: [1, 2]\n" + HEAD + C, False),
]


@pytest.mark.parametrize(("text", "valid"), AGREEMENT)
def test_schema_and_loader_agree(tmp_path: Path, text: str, valid: bool) -> None:
    """Cross-references (an orientation that exists, unique ids) are the loader's alone."""
    in_schema = jsonschema.Draft202012Validator(SCHEMA).is_valid(yaml.safe_load(text))
    try:
        parse_lexicon(tmp_path / "c.yaml", text)
        in_loader = True
    except LexiconError:
        in_loader = False
    assert (in_schema, in_loader) == (valid, valid)


# ------------------------------------------------------------ examples, try


def test_lexicon_test_reports_failing_examples_with_tokens_and_lemmas(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "  - label: Koers uitzetten\n"
        "    orientation: Strateeg\n"
        "    patterns: ['koers uitzetten']\n"
        "    examples:\n"
        "      match: ['Je zet de koers uit.', 'Je kunt de koers uitzetten.']\n"
        "      no_match: ['Je vaart een vaste koers.']\n",
    )
    r = CliRunner().invoke(cli, ["lexicon", "test", str(path), "--model", "simplemma"])
    assert r.exit_code == 2
    assert "FAIL Koers uitzetten (line 3) must match: “Je zet de koers uit.”" in r.stdout
    assert "zet" in r.stdout and "zetten" in r.stdout  # the word and its lemma
    assert "uitzetten." not in r.stdout.split("FAIL")[1]  # the passing example is not shown
    assert "3 example(s) of 1 competence(s), 1 failed" in r.stderr


def test_try_explains_matches_and_drops(tmp_path: Path, lexicon_file: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        cli,
        [
            "try",
            "Je bent overtuigend en besluitvaardig. Als sociaal werker ben je integer.",
            "--lexicon",
            str(lexicon_file),
            "--model",
            "simplemma",
        ],
        env={"COLUMNS": "200"},
    )
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "besluitvaardig  besluitvaardig" in out  # token and lemma columns
    assert "✓ Overtuigend en besluitvaardig (Procesmanager): “overtuigend en besluitvaardig”" in out
    assert "pattern 'overtuigend besluitvaardig'" in out
    assert "✗ Besluitvaardig: “besluitvaardig”" in out and "overlaps the more specific match" in out
    assert "✗ Sociaal: “sociaal”" in out and "excluded by an exclusion" in out
    assert "does not count: orientation 'Overig' is not scored" in out
    # in Dutch, one language per line: the explanation's own words are Dutch
    nl = runner.invoke(
        cli,
        ["try", "Als sociaal werker ben je integer.", "--lexicon", str(lexicon_file)]
        + ["--model", "simplemma", "--lang", "nl"],
        env={"COLUMNS": "200"},
    )
    assert nl.exit_code == 0, nl.output
    assert "Zin:" in nl.stdout and "woord" in nl.stdout and "vondst" in nl.stdout
    assert "telt niet: oriëntatie 'Overig' wordt niet gescoord" in nl.stdout
    r = runner.invoke(
        cli,
        [
            "try",
            "Wij zijn communicatief.",
            "--section",
            "Wie zijn wij",
            "--lexicon",
            str(lexicon_file),
            "--lang",
            "en",
        ],
        env={"COLUMNS": "200"},
    )
    assert "does not count: section 'Wie zijn wij' does not state what the role asks" in r.stdout


def test_try_a_file(tmp_path: Path, lexicon_file: Path) -> None:
    doc = make_txt(
        tmp_path / "v.txt",
        "Wie zijn wij\nWij zijn communicatief.\n\nWie ben jij\nJe bent resultaatgericht. Je fietst graag.\n",
    )
    for lang, summary in (
        ("en", f"2 sentences with a hit in {doc}"),
        ("nl", f"2 zinnen met een vondst in {doc}"),
    ):
        r = CliRunner().invoke(
            cli,
            ["try", "--file", str(doc), "--lexicon", str(lexicon_file), "--lang", lang],
            env={"COLUMNS": "400"},
        )
        assert r.exit_code == 0, r.output
        assert summary in r.stdout
        assert "fietst" not in r.stdout


def test_try_needs_a_sentence_or_a_file() -> None:
    r = CliRunner().invoke(cli, ["try"])
    assert r.exit_code == 2 and "give a sentence in quotes, or --file FILE" in r.stderr


# --------------------------------------------------------------------- import

LIWC = """\
%
1\tStrateeg
2\tVerkenner
%
visie*\t1
strategisch\t1
netwerk*\t2
in gesprek gaan\t2
verbindend\t1\t2
"""

QUANTEDA = """\
Strateeg:
  - visie*
  - strategisch
Verkenner:
  Netwerken: [netwerk*, netwerker]
  Verbinden:
    - verbindend
    - mensen verbinden
"""


def test_import_liwc(tmp_path: Path) -> None:
    src = tmp_path / "leiderschap.dic"
    src.write_text(LIWC, encoding="utf-8")
    out = tmp_path / "competences.yaml"
    r = CliRunner().invoke(cli, ["lexicon", "import", str(src), "--out", str(out)])
    assert r.exit_code == 0, r.output
    lex = parse_lexicon(out, out.read_text(encoding="utf-8"))
    assert [o.name for o in lex.orientations] == ["Strateeg", "Verkenner"]
    by_label = {(c.orientation, c.label): c for c in lex.competences}
    assert by_label[("Strateeg", "Visie")].patterns[0].text == "visie*"
    assert by_label[("Verkenner", "In gesprek gaan")].patterns[0].mode == "phrase"
    assert ("Strateeg", "Verbindend") in by_label and ("Verkenner", "Verbindend") in by_label
    assert len({c.id for c in lex.competences}) == len(lex.competences)
    # LIWC counts a word in two categories; leaderscan counts it for one competence,
    # and the check says so
    r = check(out)
    assert r.exit_code == 2
    assert "pattern 'verbindend' of competence 'Verbindend' is shadowed" in r.stdout
    # an existing file is not replaced
    r = CliRunner().invoke(cli, ["lexicon", "import", str(src), "--out", str(out)])
    assert r.exit_code == 2 and "exists" in r.stderr


def test_import_quanteda_nested(tmp_path: Path) -> None:
    src = tmp_path / "dict.yml"
    src.write_text(QUANTEDA, encoding="utf-8")
    r = CliRunner().invoke(cli, ["lexicon", "import", str(src)])
    assert r.exit_code == 0, r.output
    lex = parse_lexicon(tmp_path / "x.yaml", r.stdout)
    comps = {c.label: c for c in lex.competences}
    assert [p.text for p in comps["Netwerken"].patterns] == ["netwerk*", "netwerker"]
    assert comps["Netwerken"].orientation == "Verkenner"
    assert [p.mode for p in comps["Verbinden"].patterns] == ["words", "phrase"]
    assert comps["Visie"].orientation == "Strateeg"


def test_import_bad_dictionary_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "kapot.dic"
    src.write_text("visie* 1\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["lexicon", "import", str(src)])
    assert r.exit_code == 2
    assert "not a LIWC .dic file" in r.stderr and "Traceback" not in r.output


@pytest.mark.parametrize("name", sorted(PACKAGED))
def test_packaged_lexicons_every_competence_has_a_meaning_and_examples(name: str) -> None:
    """A user judges a hit by the competence's meaning; the examples are its tests:
    at least four sentences that must find it and two of a wrong sense that must not."""
    data = yaml.safe_load(PACKAGED[name].read_text(encoding="utf-8"))
    short = []
    for c in data["competences"]:
        ex = c.get("examples") or {}
        if not (c.get("meaning") or "").strip():
            short.append(f"{c['id']}: no meaning")
        if len(ex.get("match") or []) < 4 or len(ex.get("no_match") or []) < 2:
            short.append(
                f"{c['id']}: {len(ex.get('match') or [])} / {len(ex.get('no_match') or [])}"
            )
    assert not short, short


def test_yaml_syntax_error_says_what_is_wrong_in_plain_words_and_where(tmp_path: Path) -> None:
    path = tmp_path / "competences.yaml"
    path.write_text(
        HEAD + "  - label: Visie\n    orientation: Strateeg\n    patterns: [visie,\n      missie\n"
        "  - {label: Missie, orientation: Strateeg, patterns: [missie]}\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(cli, ["lexicon", "check", str(path)])
    assert r.exit_code == 2
    line = r.stdout.splitlines()[0]
    assert line.startswith(f"{path}:")
    assert "a list in [ ] is not closed with ']'" in line and "the list begins at line" in line


def test_a_lexicon_that_does_not_exist_is_named_without_line_0(tmp_path: Path) -> None:
    missing = tmp_path / "competenties.yaml"
    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "a.txt", "Je bent communicatief.")
    for args in (
        ["run", str(corpus), "--lexicon", str(missing)],
        ["lexicon", "check", str(missing)],
        ["lexicon", "check", "--lexicon", str(missing)],
        ["lexicon", "test", "--lexicon", str(missing)],
    ):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 2, args
        assert (
            r.stderr == f"leaderscan: {missing}: no such file; check the name of the lexicon given "
            "(or use one that comes with leaderscan: competences, uitbreiding)\n"
        )


def test_lexicon_check_and_test_take_lexicon_like_the_other_commands(tmp_path: Path) -> None:
    path = tmp_path / "competences.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    r = CliRunner().invoke(
        cli, ["lexicon", "check", "--lexicon", str(path), "--model", "simplemma"]
    )
    assert r.exit_code == 0, r.output
    assert f"{path}: 12 competences, 0 error(s)" in r.stderr
    r = CliRunner().invoke(cli, ["lexicon", "test", "--lexicon", str(path), "--model", "simplemma"])
    assert r.exit_code == 0, r.output


def test_unknown_orientation_says_how_to_declare_a_new_one(tmp_path: Path) -> None:
    with pytest.raises(LexiconError) as info:
        parse_lexicon(
            tmp_path / "x.yaml",
            HEAD + "  - {label: Visie, orientation: Regisseur, patterns: [visie]}\n",
        )
    assert (
        "use one of: Strateeg, Verkenner, Ontwikkelaar, Procesmanager, Overig, or declare it "
        "under 'orientations:'"
    ) in str(info.value)


def test_lexicon_test_fails_a_lexicon_that_lexicon_check_rejects(tmp_path: Path) -> None:
    path = tmp_path / "competences.yaml"
    path.write_text(
        HEAD
        + "  - {id: a, label: Sociaal, orientation: Verkenner, patterns: [sociaal], exclude: [sociaal]}\n",
        encoding="utf-8",
    )
    check = CliRunner().invoke(cli, ["lexicon", "check", str(path), "--model", "simplemma"])
    assert check.exit_code == 2
    r = CliRunner().invoke(cli, ["lexicon", "test", str(path), "--model", "simplemma"])
    assert r.exit_code == 2
    assert "exclusion 'sociaal' of competence 'Sociaal' removes every match" in r.stderr


def test_lint_finds_the_joined_separable_verb_omgaan(tmp_path: Path) -> None:
    path = tmp_path / "competences.yaml"
    path.write_text(
        HEAD
        + "  - {label: Omgaan met agressie, orientation: Procesmanager, patterns: [omgaan agressie]}\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(cli, ["lexicon", "check", str(path), "--model", "simplemma"])
    assert (
        "'omgaan' in competence 'Omgaan met agressie' is a separable verb: a main clause splits "
        "it ('... om'), which this pattern misses; add the pattern \"gaan om\""
    ) in r.stdout


# --------------------------------------------------------------------- packaged default


def test_run_outside_the_repository_uses_the_packaged_lexicon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "data" / "vacatures"
    shutil.copytree(ROOT / "corpus", corpus)
    elsewhere = tmp_path / "leeg"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no competences.yaml here nor beside the corpus
    r = CliRunner().invoke(
        cli, ["run", str(corpus), "--out", "uit", "--model", "simplemma"], env={"COLUMNS": "200"}
    )
    assert r.exit_code == 0, r.output
    assert f"lexicon: {DEFAULT_LEXICON} (default)" in r.stdout
    run = json.loads((elsewhere / "uit" / "run.json").read_text(encoding="utf-8"))
    assert run["lexicon"]["path"] == str(DEFAULT_LEXICON)
    assert run["table"]["rows"] == {  # Figure 26
        "Strateeg": [0, 0, 8, 8],
        "Verkenner": [5, 6, 4, 6],
        "Ontwikkelaar": [6, 7, 6, 4],
        "Procesmanager": [4, 2, 7, 4],
    }


def test_lexicon_init_writes_a_copy_and_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["lexicon", "init"])
    assert r.exit_code == 0, r.output
    copy = tmp_path / "competences.yaml"
    assert copy.read_bytes() == DEFAULT_LEXICON.read_bytes()
    copy.write_text(copy.read_text(encoding="utf-8") + "# eigen aanpassing\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["lexicon", "init"])
    assert r.exit_code == 2
    assert r.stderr == (
        "leaderscan: competences.yaml: exists; choose another PATH or remove it first\n"
    )
    assert copy.read_text(encoding="utf-8").endswith("# eigen aanpassing\n")  # kept
    (tmp_path / "eigen").mkdir()
    r = CliRunner().invoke(cli, ["lexicon", "init", "eigen"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "eigen" / "competences.yaml").read_bytes() == DEFAULT_LEXICON.read_bytes()
    # and the copy is found first: in the current folder, before the packaged default
    r = CliRunner().invoke(cli, ["try", "Je bent een netwerker."])
    assert r.exit_code == 0, r.output
    assert "lexicon: competences.yaml" in r.stdout


def test_the_extension_says_why_each_orientation_and_adds_only_new_competences() -> None:
    """The extension for a second measurement stays apart from the 2021 instrument: no id
    or label of the thesis's, and each entry's note names the orientation it was given."""
    thesis = load_lexicon(DEFAULT_LEXICON)
    extension = load_lexicon(PACKAGED["uitbreiding"])
    assert len(extension.competences) >= 60
    assert not {c.id for c in extension.competences} & {c.id for c in thesis.competences}
    labels = {c.label.lower() for c in thesis.competences}
    assert not {c.label.lower() for c in extension.competences} & labels
    unexplained = [
        c.id for c in extension.competences if not c.note.startswith(f"{c.orientation}:")
    ]
    assert not unexplained
