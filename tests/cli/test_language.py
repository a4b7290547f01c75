"""The command line in Dutch or English, one language per line: the run's summary, its
usage errors and every command's --help."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan.cli import cli
from tests.conftest import make_txt

ROOT = Path(__file__).resolve().parent.parent.parent

# words that are unambiguously of one language (not of the other, not a thesis term)
ENGLISH = {
    "a", "the", "and", "not", "with", "which", "file", "files", "folder", "read", "hits",
    "scored", "skipped", "results", "documents", "every", "each", "when", "default", "give",
    "only", "this", "that", "from", "print", "write", "written", "where", "sentence",
}  # fmt: skip
DUTCH = {
    "het", "een", "niet", "bestand", "bestanden", "gelezen", "geen", "wordt", "vondsten",
    "gescoord", "overgeslagen", "resultaten", "documenten", "standaard", "toon", "schrijf",
    "elke", "map", "zin", "waar", "met", "van", "voor", "geef",
}  # fmt: skip
# what is the same in both languages or quotes corpus or lexicon text: option names,
# placeholders, file names and paths, quoted text (example sentences, column names)
NEUTRAL = re.compile(r"--?[\w-]+|\b[A-Z][A-Z_|]+\b|\S*[/\\.]\S+|'[^']*'|\"[^\"]*\"|\[[^\]]*\]")


def words(line: str) -> set[str]:
    return set(re.findall(r"(?<!\w)[^\W\d_]+(?!\w)", NEUTRAL.sub(" ", line).lower()))


def assert_one_language(lines: list[str], language: str) -> None:
    other = DUTCH if language == "en" else ENGLISH
    mixed = [(line, sorted(words(line) & other)) for line in lines if words(line) & other]
    assert not mixed, f"not in {language}: {mixed}"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": "400"})


def test_the_word_lists_see_the_other_language() -> None:
    assert words("23 documenten gelezen, 162 vondsten") & DUTCH
    assert words("23 documents read, 162 hits (100 scored)") & ENGLISH
    assert not words("--out '' in 'Wie zijn wij' corpus/Talis/wijk/een.txt") & DUTCH


@pytest.mark.parametrize(
    ("lang", "summary", "skipped"),
    [
        (
            "nl",
            "23 documenten gelezen, 162 vondsten (100 gescoord); resultaten in {out}/ "
            "(table.csv, counts.csv, evidence.csv, run.json)",
            "Overgeslagen: 1 bestand:",
        ),
        (
            "en",
            "23 documents read, 162 hits (100 scored); results in {out}/ "
            "(table.csv, counts.csv, evidence.csv, run.json)",
            "Skipped: 1 file:",
        ),
    ],
)
def test_the_run_of_the_bundled_corpus_says_its_summary_in_the_language_chosen(
    tmp_path: Path, lang: str, summary: str, skipped: str
) -> None:
    out = tmp_path / "out"
    r = invoke(
        "run", str(ROOT / "corpus"), "--out", str(out), "-q", "--model", "simplemma", "--lang", lang
    )
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert summary.format(out=out) in lines
    assert_one_language([summary.format(out=out)], lang)

    # a corpus with a damaged file: the skipped lines (the reason is the library's)
    corpus = tmp_path / "c"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    (corpus / "Talis" / "wijk" / "kapot.pdf").write_bytes(b"geen pdf")
    r = invoke(
        "run",
        str(corpus),
        "--out",
        str(tmp_path / "o2"),
        "-q",
        "--model",
        "simplemma",
        "--lang",
        lang,
    )
    assert r.exit_code == 0, r.output
    assert skipped in r.stdout.splitlines()
    ours = [ln for ln in r.stdout.splitlines() if ln.startswith(("1 ", skipped))]
    ours += [ln.split(":")[0] for ln in r.stderr.splitlines() if "kapot.pdf" in ln]
    assert len(ours) == 3, r.output
    assert_one_language(ours, lang)


@pytest.mark.parametrize(
    ("lang", "empty_out", "no_sentence"),
    [
        (
            "en",
            "leaderscan: --out '' names no folder; give one, e.g. --out out/",
            "leaderscan: give a sentence in quotes, or --file FILE",
        ),
        (
            "nl",
            "leaderscan: --out '' noemt geen map; geef er een, bijvoorbeeld --out out/",
            "leaderscan: geef een zin tussen aanhalingstekens, of --file BESTAND",
        ),
    ],
)
def test_a_usage_error_is_one_line_in_the_language_chosen(
    tmp_path: Path, lang: str, empty_out: str, no_sentence: str
) -> None:
    r = invoke("run", str(tmp_path), "--out", "", "--lang", lang)
    assert r.exit_code == 2
    assert r.stderr.strip() == empty_out
    r = invoke("try", "--lang", lang)
    assert r.exit_code == 2
    assert r.stderr.strip() == no_sentence
    assert_one_language([empty_out, no_sentence], lang)


WALK = """
import json, sys
sys.path.insert(0, {scripts!r})
from leaderscan.cli.language import use_language
use_language({lang!r})
import make_cli_docs
from leaderscan.cli import cli
paths = [(), *make_cli_docs.commands(cli)]
print(json.dumps({{" ".join(p): make_cli_docs.help_text(cli, p) for p in paths}}))
"""


def every_help(lang: str) -> dict[str, str]:
    """The --help of every command (walking the group), in a process of its own: the
    help is made in the language chosen when the commands are defined."""
    code = WALK.format(scripts=str(ROOT / "scripts"), lang=lang)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def prose(help_text: str) -> list[str]:
    """The lines of a --help that are sentences: not the example commands."""
    return [
        line
        for line in help_text.splitlines()
        if line.strip() and not line.strip().startswith("leaderscan ")
    ]


def test_every_command_s_help_is_dutch_in_dutch_and_english_in_english() -> None:
    dutch, english = every_help("nl"), every_help("en")
    assert dutch.keys() == english.keys()
    assert {"run", "lexicon check", "try", "suggest"} <= dutch.keys()
    for path, text in dutch.items():
        assert text.startswith("Gebruik: leaderscan"), path
        assert_one_language(prose(text), "nl")
        # every paragraph of the description differs from the English one
        nl_paragraphs = [p for p in text.split("\n\n") if not p.strip().startswith("leaderscan ")]
        en_paragraphs = [
            p for p in english[path].split("\n\n") if not p.strip().startswith("leaderscan ")
        ]
        same = set(nl_paragraphs) & set(en_paragraphs)
        assert not same, (path, same)
    for path, text in english.items():
        assert text.startswith("Usage: leaderscan"), path
        assert_one_language(prose(text), "en")
