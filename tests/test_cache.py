"""The cache (cache.py, reuse.py, lemma_table.py): a lexicon edit only matches again
what it can change, damaged entries are rebuilt, a cache that cannot be written is a
warning."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaderscan import analyse as analyse_module
from leaderscan.cache import Cache
from leaderscan.cli import cli
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import DEFAULT_LEXICON, load_lexicon, parse_lexicon
from leaderscan.match import Matcher
from leaderscan.scan import measure
from tests.conftest import ROOT, found, make_txt, set_patterns

CORPUS = ROOT / "corpus"
LEXICON = DEFAULT_LEXICON


class Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str):
        self.calls = 0
        original = getattr(owner, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def test_cache_makes_a_lexicon_edit_only_rematch(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    text = LEXICON.read_text(encoding="utf-8")
    first = measure(CORPUS, parse_lexicon(LEXICON, text), pipeline, cache=cache)
    # an edit: a pattern of 'flexibel' replaced by a word the corpus does not have
    edited_text = set_patterns(text, "flexibel", ["flexibel", "flexibiliteit", "omschakelbaar"])
    assert edited_text != text
    edited = parse_lexicon(LEXICON, edited_text)
    extractions = Counter(monkeypatch, analyse_module, "extract_bytes")
    matches = Counter(monkeypatch, Matcher, "match")
    again = measure(CORPUS, edited, pipeline, cache=cache)
    assert extractions.calls == 0  # nothing read or lemmatised again
    # only the sentences of the one document with 'flexibel' are matched again
    sentences = sum(1 for d in first.documents for _ in d.blocks)
    assert 0 < matches.calls < sentences / 10
    monkeypatch.undo()
    full = measure(CORPUS, edited, pipeline)  # no cache at all
    assert found(again)["hits"] == found(full)["hits"]
    assert found(again)["documents"] == found(full)["documents"]


def test_an_added_pattern_matches_again_only_the_sentences_with_its_words(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    text = LEXICON.read_text(encoding="utf-8")
    measure(CORPUS, parse_lexicon(LEXICON, text), pipeline, cache=cache)
    at = "      - schakelvermogen\n"
    # 'flexibel' has a hit in the corpus, but that sentence is not matched again: only
    # the three sentences with both words of an added pattern are ("Je bent
    # communicatief, initiatiefrijk en verbindend." and two more), none for a new word
    for added, sentences in (("rekbaar", 0), ('"communicatief verbindend"', 3)):
        edited = parse_lexicon(LEXICON, text.replace(at, f"{at}      - {added}\n"))
        extractions = Counter(monkeypatch, analyse_module, "extract_bytes")
        matches = Counter(monkeypatch, Matcher, "match")
        again = measure(CORPUS, edited, pipeline, cache=cache)
        assert extractions.calls == 0 and matches.calls == sentences, added
        monkeypatch.undo()
        full = measure(CORPUS, edited, pipeline)
        assert found(again) == found(full), added


EDITS = {
    "new competence": (
        "  - id: communicatief\n",
        "  - {id: wijkgericht, label: Wijkgericht, orientation: Verkenner, patterns: [wijk, buurt]}\n"
        "  - id: communicatief\n",
    ),
    "competence removed": ("communicatief", ["xyzzy"]),
    "label changed": ("    label: Sociaal\n", "    label: Sociaal vaardig\n"),
    "exclusion added": (
        '      - "sociaal en maatschappelijk"\n',
        '      - "sociaal en maatschappelijk"\n      - "sociaal betrokken"\n',
    ),
    "pattern that wins an overlap": ("flexibel", ["flexibel", "communicatief sterk flexibel"]),
    # only patterns added: the other hits of the competence stand without matching again
    "pattern added that wins an overlap": (
        "      - schakelvermogen\n",
        '      - schakelvermogen\n      - "communicatief verbindend"\n',
    ),
    "pattern removed": ("      - schakelvermogen\n", ""),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_every_kind_of_edit_gives_what_a_full_run_gives(
    tmp_path: Path, pipeline: Pipeline, edit: str
) -> None:
    text = LEXICON.read_text(encoding="utf-8")
    old, new = EDITS[edit]
    if isinstance(new, list):  # a competence's patterns replaced
        edited_text = set_patterns(text, old, new)
    else:
        assert old in text
        edited_text = text.replace(old, new, 1)
    cache = Cache(tmp_path / "cache")
    before = found(measure(CORPUS, parse_lexicon(LEXICON, text), pipeline, cache=cache))
    edited = parse_lexicon(LEXICON, edited_text)
    incremental = found(measure(CORPUS, edited, pipeline, cache=cache))
    full = found(measure(CORPUS, edited, pipeline))
    assert incremental == full
    if edit in (
        "new competence",
        "competence removed",
        "label changed",
        "pattern added that wins an overlap",
    ):
        assert incremental["hits"] != before["hits"]  # the edit did change the results


def test_a_damaged_or_foreign_cache_entry_is_rebuilt(tmp_path: Path, pipeline: Pipeline) -> None:
    cache = Cache(tmp_path / "cache")
    lexicon = load_lexicon(LEXICON)
    before = measure(CORPUS, lexicon, pipeline, cache=cache)
    entries = sorted((tmp_path / "cache" / "documents").rglob("*.json"))
    entries += sorted((tmp_path / "cache" / "matches").rglob("*.record"))
    assert len(entries) == 2 * 23

    def head(text: str) -> dict:  # a match record starts with a JSON line
        return json.loads(text.split("\n", 1)[0])

    for i, entry in enumerate(entries):  # every entry damaged, in one of three ways
        if i % 3 == 0:
            entry.write_text("{ not json", encoding="utf-8")
        elif i % 3 == 1:
            entry.write_bytes(b"\x00\xff garbage")
        else:
            text = entry.read_text(encoding="utf-8")
            foreign = head(text)
            foreign["key"] = "someone else's"
            rest = text.split("\n", 1)[1:]
            entry.write_text("\n".join([json.dumps(foreign), *rest]), encoding="utf-8")
    after = measure(CORPUS, lexicon, pipeline, cache=cache)
    assert found(after) == found(before)
    assert not after.skipped
    for entry in entries:  # written anew
        assert head(entry.read_text(encoding="utf-8"))["key"] == entry.stem


def test_no_cache_writes_no_cache(tmp_path: Path, lexicon_file: Path) -> None:
    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    cache = tmp_path / "cache"
    args = ["run", str(corpus), "--lexicon", str(lexicon_file), "-q", "--cache-dir", str(cache)]
    r = CliRunner().invoke(cli, [*args, "--no-cache", "--out", str(tmp_path / "a")])
    assert r.exit_code == 0, r.output
    assert not cache.exists()
    r = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "b")])
    assert r.exit_code == 0 and any(cache.rglob("*.json"))
    # and a copy of the lemma table, so that a new lexicon word is one lookup
    assert list((cache / "lemmas").glob("simplemma-*-nl-*"))


@pytest.mark.parametrize("how", ["env is a file", "option below a file"])
def test_a_cache_that_cannot_be_written_is_a_warning_and_the_run_completes(
    tmp_path: Path, lexicon_file: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    blocker = tmp_path / "een bestand"
    blocker.write_text("", encoding="utf-8")
    args = ["run", str(corpus), "--lexicon", str(lexicon_file), "-q", "-j", "1"]
    if how == "env is a file":
        monkeypatch.setenv("LEADERSCAN_CACHE_DIR", str(blocker))
        why = "it is a file, not a folder"
    else:
        args += ["--cache-dir", str(blocker / "cache")]
        why = "Not a directory"
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert f"cannot be used ({why}); running without a cache" in r.stderr
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["hits"]


@pytest.mark.parametrize("damage", ["a file missing", "random bytes", "an empty file", "no count"])
def test_a_damaged_lemma_table_is_ignored_and_rebuilt(
    tmp_path: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaderscan import lemma_table as lemmatise

    monkeypatch.setattr(lemmatise._tables, "copy", None)
    monkeypatch.setattr(lemmatise._tables, "known", {})  # as in a new process
    monkeypatch.setattr(lemmatise._tables, "loaded", False)  # as in a run on cached documents
    path = lemmatise.save_lemma_table(tmp_path, force=True)
    assert path is not None
    # damage the file that holds "visie", or the table as a whole
    shard = path / f"{lemmatise._shard(b'visie'):02d}"
    if damage == "a file missing":
        shard.unlink()
    elif damage == "random bytes":
        shard.write_bytes(os.urandom(8192))
    elif damage == "an empty file":
        shard.write_bytes(b"")
    else:
        (path / "count").unlink()
    lemmatise.use_lemma_table(tmp_path)
    assert lemmatise.is_known("visie")  # from simplemma's own table
    assert lemmatise.is_lemma_of_itself("verbinden")
    assert lemmatise._tables.copy is None
    assert not path.exists()  # so that the next run writes it again
    monkeypatch.setattr(lemmatise._tables, "loaded", True)
    assert lemmatise.save_lemma_table(tmp_path) == path
    assert sum(f.stat().st_size for f in path.iterdir()) > 1_000_000


@pytest.mark.parametrize(
    "damage", ["none", "not JSON", "not a table of words", "a word known as text"]
)
def test_the_lemmas_of_lexicon_words_kept_in_the_cache_give_the_same_run(
    tmp_path: Path, lexicon_file: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaderscan import forms, lemma_table

    # as in a new process: no lexicon word looked up yet
    monkeypatch.setattr(lemma_table._tables, "words", {})
    monkeypatch.setattr(lemma_table._tables, "known", {})
    monkeypatch.setattr(lemma_table._tables, "new_words", 0)
    lemma_table.lexicon_lemma.cache_clear()
    forms._forms.cache_clear()
    corpus = tmp_path / "corpus"
    make_txt(corpus / "Talis" / "wijk" / "v.txt", "Wie ben jij\nJe bent communicatief.\n")
    cache = tmp_path / "cache"
    args = ["run", str(corpus), "--lexicon", str(lexicon_file), "-q", "-j", "1"]
    args += ["--cache-dir", str(cache), "--overwrite"]
    r = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "a")])
    assert r.exit_code == 0, r.output
    (kept,) = (cache / "lemmas").glob("words-*.json")
    words = json.loads(kept.read_text(encoding="utf-8"))
    assert words["lemmas"]["communicatief"] == "communicatief"
    assert words["known"]["communicatief"] is True
    if damage == "not JSON":
        kept.write_bytes(b"\xff{")
    elif damage == "not a table of words":
        kept.write_text('{"lemmas": {"communicatief": 3}, "known": {}}', encoding="utf-8")
    elif damage == "a word known as text":
        kept.write_text('{"lemmas": {}, "known": {"communicatief": "ja"}}', encoding="utf-8")
    r = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "b"), "--no-cache"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "c")])
    assert r.exit_code == 0, r.output
    for name in ("counts.csv", "evidence.csv"):
        expected = (tmp_path / "b" / name).read_bytes()
        assert (tmp_path / "a" / name).read_bytes() == expected
        assert (tmp_path / "c" / name).read_bytes() == expected


def test_a_file_whose_stamp_is_known_is_not_read_again_until_it_changes(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaderscan import stamps

    monkeypatch.setattr(stamps, "RECENT_NS", 0)  # the files were written just now
    corpus = tmp_path / "corpus"
    texts = {
        "Talis/wijk/a.txt": "Wie ben jij\nJe bent communicatief en flexibel.\n",
        "Talis/lijn/b.txt": "Wie ben jij\nJe werkt resultaatgericht.\n",
        "Bindkracht10/wijk/c.txt": "Wie ben jij\nJe bent sociaal en daadkrachtig.\n",
    }
    for name, text in texts.items():
        make_txt(corpus / name, text)
    lexicon_text = LEXICON.read_text(encoding="utf-8")
    measure(corpus, parse_lexicon(LEXICON, lexicon_text), pipeline, cache=Cache(tmp_path / "c"))
    at = "      - schakelvermogen\n"
    edited = parse_lexicon(LEXICON, lexicon_text.replace(at, f"{at}      - rekbaar\n"))
    reads = Counter(monkeypatch, analyse_module, "read_file_stamped")
    again = measure(corpus, edited, pipeline, cache=Cache(tmp_path / "c"))
    assert reads.calls == 0  # each document from its record, no file opened
    # the same size and modification time, other words: its change time tells
    changed = corpus / "Talis/lijn/b.txt"
    before = changed.stat()
    changed.write_bytes(changed.read_bytes().replace(b"resultaatgericht", b"xyzzy" * 3 + b"x"))
    assert changed.stat().st_size == before.st_size
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    third = measure(corpus, edited, pipeline, cache=Cache(tmp_path / "c"))
    assert reads.calls == 1
    monkeypatch.undo()
    assert found(again) != found(third)
    assert found(third) == found(measure(corpus, edited, pipeline))  # as without a cache


def test_a_file_changed_in_the_last_seconds_gets_no_stamp(tmp_path: Path) -> None:
    from leaderscan.stamps import RECENT_NS, FileStamps, stamp_of

    path = tmp_path / "v.txt"
    path.write_text("Je bent communicatief.", encoding="utf-8")
    st = path.stat()
    changed = max(st.st_mtime_ns, st.st_ctime_ns)
    assert stamp_of(st, now_ns=changed + RECENT_NS // 2) is None
    stamp = stamp_of(st, now_ns=changed + RECENT_NS)
    assert stamp is not None
    stamps = FileStamps(tmp_path / "cache")
    stamps.add(path, stamp, "0" * 64)
    stamps.save()
    assert FileStamps(tmp_path / "cache").sha256(path) is None  # just written: read it
    (tmp_path / "cache" / "stamps.json").write_bytes(b"\x00 garbage")
    assert FileStamps(tmp_path / "cache").sha256(path) is None
