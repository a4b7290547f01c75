"""Dutch or English: the catalogue is complete and compiled, the locale and --lang
choose, and --help follows."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from leaderscan import i18n
from leaderscan.cli.language import use_language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_catalogue  # noqa: E402

FIELD = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]")


def _strings(message_string: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message_string,) if isinstance(message_string, str) else tuple(message_string)


def test_every_string_of_the_code_has_its_dutch_and_the_same_placeholders() -> None:
    catalogue, conflicts = make_catalogue.combined(make_catalogue.read_sources())
    assert conflicts == []
    found = make_catalogue.code_strings()
    assert len(found) > 3
    lacking = make_catalogue.missing(catalogue, found)
    assert lacking == [], "run scripts/make_catalogue.py and translate: " + "; ".join(
        f"{key!r} ({found[key][0]})" for key in lacking[:10]
    )
    for key in found:
        ids = _strings(key)
        for text in _strings(catalogue[key].string):
            assert sorted(FIELD.findall(text)) == sorted(FIELD.findall(ids[-1])), (key, text)


def test_the_compiled_catalogue_holds_the_po_files() -> None:
    catalogue, _ = make_catalogue.combined(make_catalogue.read_sources())
    with make_catalogue.COMPILED.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    wanted = {}
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, str):
            wanted[message.id] = message.string
        else:
            for n, text in enumerate(message.string):
                wanted[(message.id[0], n)] = text
    held = {k: v for k, v in compiled._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert held == wanted, "run python scripts/make_catalogue.py"


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("nl_NL.UTF-8", "nl"),
        ("nl_BE", "nl"),
        ("Dutch_Netherlands", "nl"),
        ("en_GB.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("fr_BE.UTF-8", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_locale_names_the_language(name: str | None, language: str) -> None:
    assert i18n.language_of_locale(name) == language


def test_leaderscan_lang_wins_over_the_locale_and_language_over_lang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", i18n.ENVIRONMENT):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert i18n.language_from_environment() == "nl"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert i18n.language_from_environment() == "en"
    monkeypatch.setenv(i18n.ENVIRONMENT, "nl")
    assert i18n.language_from_environment() == "nl"


def test_lang_on_the_command_line_is_read_before_click() -> None:
    assert i18n.language_in_arguments(["run", "corpus", "--lang", "nl"]) == "nl"
    assert i18n.language_in_arguments(["--lang=EN", "run"]) == "en"
    assert i18n.language_in_arguments(["try", "--", "--lang", "nl"]) is None
    assert i18n.language_in_arguments(["run", "--lang", "fr"]) is None


def test_messages_follow_the_language_chosen() -> None:
    use_language("nl")
    assert i18n._("Interrupted.") == "Onderbroken."
    assert i18n.language() == "nl"
    use_language("en")
    assert i18n._("Interrupted.") == "Interrupted."


def _help(*args: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_MESSAGES")}
    environment.pop(i18n.ENVIRONMENT, None)
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-m", "leaderscan", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return done.stdout


def test_help_is_dutch_in_a_dutch_locale_and_english_with_lang_en() -> None:
    dutch = _help("run", "--help", LC_ALL="nl_NL.UTF-8")
    assert dutch.startswith("Gebruik: ") and " run [OPTIES] CORPUS" in dutch
    assert "\nOpties:\n" in dutch and "Toon deze hulp en stop." in dutch
    english = _help("run", "--help", "--lang", "en", LC_ALL="nl_NL.UTF-8")
    assert english.startswith("Usage: ") and " run [OPTIONS] CORPUS" in english
    assert "Show this message and exit." in english
    assert _help("--help", LC_ALL="C.UTF-8").startswith("Usage:")
    assert _help("--lang", "nl", "--help", LC_ALL="C.UTF-8").startswith("Gebruik:")
