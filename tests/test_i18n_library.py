"""The library's messages in Dutch or English, one language per line: a lexicon error,
an unreadable file's skip reason, a manifest error and a run.json of a newer format are
Dutch with use_language("nl") and English otherwise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import leaderscan
from leaderscan.cli.language import use_language
from leaderscan.errors import LeaderscanError
from leaderscan.lexicon import DEFAULT_LEXICON, load_lexicon
from leaderscan.manifest import load_manifest
from leaderscan.runfile import load_run

# unambiguous words of each language (lines quoting the corpus are not checked here)
ENGLISH = {"the", "and", "not", "with", "file", "which", "must", "unknown", "use"}
DUTCH = {"het", "een", "niet", "bestand", "gelezen", "geen", "wordt", "moet", "onbekende"}


def _words(line: str) -> set[str]:
    """The words of leaderscan's own in a message: quoted values and paths left out."""
    line = re.sub(r"'[^']*'|\"[^\"]*\"|\S*/\S*", " ", line)
    return set(re.findall(r"[a-zë]+", line.lower()))


def assert_one_language(message: str, language: str) -> None:
    for line in message.splitlines():
        words = _words(line)
        other = (DUTCH if language == "en" else ENGLISH) & words
        own = (ENGLISH if language == "en" else DUTCH) & words
        assert own and not other, (language, line, other)


def _lexicon_error(tmp_path: Path) -> str:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        DEFAULT_LEXICON.read_text(encoding="utf-8").replace(
            "competences:\n",
            "competences:\n  - {label: Iets, orientation: Bouwer, patterns: [iets]}\n",
            1,
        ),
        encoding="utf-8",
    )
    with pytest.raises(LeaderscanError) as raised:
        load_lexicon(bad)
    return str(raised.value)


def _skip_reason(tmp_path: Path) -> str:
    corpus = tmp_path / "corpus"
    (corpus / "Talis" / "wijk").mkdir(parents=True)
    (corpus / "Talis" / "wijk" / "leeg.txt").write_bytes(b"")
    (corpus / "Talis" / "wijk" / "goed.txt").write_text(
        "Je verbindt bewoners en partners in de wijk.\n", encoding="utf-8"
    )
    options = leaderscan.Options(lexicon=DEFAULT_LEXICON, model="simplemma", cache=False, jobs=1)
    run = leaderscan.scan(corpus, options)
    reasons = dict(run.skipped)
    assert list(reasons) == ["Talis/wijk/leeg.txt"]
    return reasons["Talis/wijk/leeg.txt"]


def _manifest_error(tmp_path: Path) -> str:
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(
        "documents:\n  - match: Talis/wijk/a.pdf\n    kind: folder\n", encoding="utf-8"
    )
    with pytest.raises(LeaderscanError) as raised:
        load_manifest(manifest)
    return str(raised.value)


def _newer_run(tmp_path: Path) -> str:
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"format": 999, "documents": [], "hits": []}), encoding="utf-8")
    with pytest.raises(LeaderscanError) as raised:
        load_run(path)
    return str(raised.value)


FAMILIES = {
    "lexicon": (
        _lexicon_error,
        "unknown orientation 'Bouwer' in competence 'Iets'",
        "onbekende oriëntatie 'Bouwer' in competentie 'Iets'",
    ),
    "skip reason": (_skip_reason, "the file is empty (0 bytes)", "het bestand is leeg (0 bytes)"),
    "manifest": (
        _manifest_error,
        "unknown kind 'folder'; use vacancy (vacature)",
        "onbekende soort 'folder'; gebruik vacature (vacancy)",
    ),
    "run.json": (
        _newer_run,
        "it was written by a newer leaderscan (format 999",
        "hij is geschreven door een nieuwere leaderscan (formaat 999",
    ),
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_a_message_is_dutch_in_dutch_and_english_otherwise(family: str, tmp_path: Path) -> None:
    make, english, dutch = FAMILIES[family]
    (tmp_path / "nl").mkdir()
    (tmp_path / "en").mkdir()
    use_language("nl")
    in_dutch = make(tmp_path / "nl")
    use_language("en")
    in_english = make(tmp_path / "en")
    assert dutch in in_dutch and english not in in_dutch
    assert english in in_english and dutch not in in_english
    assert_one_language(in_dutch, "nl")
    assert_one_language(in_english, "en")


def test_why_a_hit_does_not_count_follows_the_language_and_is_recognised_in_both() -> None:
    from leaderscan.scope import EVIDENCE_ONLY, is_evidence_only
    from leaderscan.tally import OUTSIDE_CELLS, is_outside_cells

    use_language("nl")
    dutch = leaderscan.i18n._(EVIDENCE_ONLY), leaderscan.i18n._(OUTSIDE_CELLS)
    use_language("en")
    assert dutch == ("alleen bewijs (oriëntatie niet gescoord)", "niet in een cel")
    # a run saved in one language is read in the other: the reasons are still known
    assert is_evidence_only(dutch[0]) and is_evidence_only(EVIDENCE_ONLY)
    assert is_outside_cells(dutch[1] + " (policy)") and is_outside_cells("not in a cell (policy)")
    assert not is_outside_cells("section 'Wie zijn wij' does not state what the role asks")
