"""simplemma's Dutch lemmas: the dictionary lemma every pipeline shares with the
lexicon, from simplemma's table in memory or from the copy the cache keeps of it.

A lexicon edit that adds a word would load simplemma's whole Dutch table (370,000
entries, ~0.3 s) for that one word. The cache keeps the table in SQLite, where one
word is one query; simplemma's own strategy runs over it, so the lemmas are the same.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Adjectives that simplemma leaves inflected ("resultaatgerichte"); bench/lemmatisers.py.
_ADJECTIVE_ENDINGS = (
    "gericht",
    "rijk",
    "ig",
    "isch",
    "baar",
    "lijk",
    "vol",
    "zaam",
    "loos",
    "vast",
)


def normalise_lemma(lemma: str) -> str:
    return lemma.lower().replace("_", "").strip()


def _adjective_rule(lower: str, lemma: str) -> str:
    if lemma == lower and lower.endswith("e") and lower[:-1].endswith(_ADJECTIVE_ENDINGS):
        lemma = lower[:-1]
    return normalise_lemma(lemma)


@dataclass
class _Tables:
    """What this process holds of simplemma's Dutch table: the table itself (loaded by
    the first ``simplemma_lemma``), or the cache's SQLite copy in use (``use_lemma_table``)."""

    loaded: bool = False
    copy: TableLemmatizer | None = None
    looked_up: int = 0  # words of texts looked up in the copy (text_lemma)


_tables = _Tables()


@functools.lru_cache(maxsize=200_000)
def simplemma_lemma(word: str) -> str:
    """simplemma's Dutch lemma of ``word``, with a rule for inflected adjectives."""
    import simplemma

    _tables.loaded = True
    lower = word.lower()
    return _adjective_rule(lower, simplemma.lemmatize(lower, lang="nl"))


class _LemmaTable(Mapping[str, str]):
    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def get(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT v FROM lemmas WHERE k = ?", (key.encode(),)).fetchone()
        return row[0].decode() if row else default

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def __iter__(self) -> Iterator[str]:
        return (k.decode() for (k,) in self._db.execute("SELECT k FROM lemmas"))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM lemmas").fetchone()[0])


class _TableFactory:
    def __init__(self, table: _LemmaTable):
        self.table = table

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != "nl":
            raise ValueError(f"only Dutch in the lemma table, not {lang}")
        return self.table


def lemma_table_path(cache_root: Path) -> Path:
    return Path(cache_root) / "lemmas" / f"simplemma-{package_version('simplemma')}-nl-1.sqlite"


class TableLemmatizer:
    """simplemma's lemmatize and is_known for Dutch, over the SQLite copy of its table."""

    def __init__(self, path: Path):
        self._table = _LemmaTable(path)
        self._strategies: tuple[Any, Any] | None = None

    def _simplemma(self) -> tuple[Any, Any]:
        """simplemma's lemmatizer and lookup over the table, made on first use: a run
        that looks no word up does not import simplemma (its rules take a while)."""
        if self._strategies is None:
            from simplemma import Lemmatizer
            from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy

            factory = _TableFactory(self._table)
            self._strategies = (
                Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)),
                DictionaryLookupStrategy(factory),
            )
        return self._strategies

    def check(self) -> None:
        """Raise sqlite3.Error unless the table is there and answers as simplemma does."""
        if len(self._table) < 1000:  # reads every page of the table once
            raise sqlite3.DatabaseError("the lemma table is (nearly) empty")

    def lemmatize(self, word: str) -> str:
        return str(self._simplemma()[0].lemmatize(word, lang="nl"))

    def is_known(self, word: str) -> bool:
        from simplemma.utils import normalize_token

        return self._simplemma()[1].get_lemma(normalize_token(word), "nl") is not None


def use_lemma_table(cache_root: Path) -> None:
    """Look lexicon words up in the cache's lemma table, when there is one."""
    path = lemma_table_path(cache_root)
    if _tables.copy is None and path.is_file():
        try:
            table = TableLemmatizer(path)
            table.check()
            _tables.copy = table
        except (sqlite3.Error, OSError, ValueError):
            # damaged (random bytes, an empty file, a table cut short): removed, so that
            # the next run that loads simplemma writes it again
            _tables.copy = None
            try:
                path.unlink()
            except OSError:
                pass


def save_lemma_table(cache_root: Path, force: bool = False) -> Path | None:
    """Write the lemma table into the cache, if this process has loaded simplemma's table
    anyway and the cache has no copy yet (once per cache, well under a second)."""
    path = lemma_table_path(cache_root)
    if not (_tables.loaded or force) or path.is_file():
        return None
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    try:
        from simplemma.strategies.dictionaries.dictionary_factory import (
            DEFAULT_DICTIONARY_FACTORY as factory,
        )
    except ImportError:  # another simplemma: a factory of our own, decoded again
        factory = DefaultDictionaryFactory()
    lock = path.with_name(f".{path.name}.lock")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:  # one process writes it; the others leave it be (a cache it cannot write: none)
        path.parent.mkdir(parents=True, exist_ok=True)
        if lock.exists() and time.time() - lock.stat().st_mtime > 600:
            lock.unlink(missing_ok=True)  # left by a process that was killed
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except OSError:
        return None
    try:
        table = factory.get_dictionary("nl")
        # simplemma keeps the entries as bytes: taken as they are, not decoded one by one
        raw = getattr(table, "_dict", None)
        rows = (
            raw.items()
            if isinstance(raw, dict)
            else ((k.encode(), v.encode()) for k, v in table.items())
        )
        db = sqlite3.connect(tmp)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("CREATE TABLE lemmas (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID")
        db.executemany("INSERT INTO lemmas VALUES (?, ?)", rows)
        db.commit()
        db.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        tmp.unlink(missing_ok=True)
        return None
    finally:
        lock.unlink(missing_ok=True)
    return path


def forget_lemma_table() -> None:
    """Stop using the cache's lemma table (it broke during the run, or the process is a
    forked worker, which must not share its parent's connection): simplemma's own table
    from now on, or the table opened again by ``use_lemma_table``."""
    _tables.copy = None


def _raw_lemma(lower: str) -> str:
    if _tables.copy is not None and not _tables.loaded:
        try:
            return str(_tables.copy.lemmatize(lower))
        except sqlite3.Error:
            forget_lemma_table()
    import simplemma

    return str(simplemma.lemmatize(lower, lang="nl"))


@functools.lru_cache(maxsize=200_000)
def lexicon_lemma(word: str) -> str:
    """``simplemma_lemma`` for a word of the lexicon: from the cache's lemma table when
    this process has not loaded simplemma's table (the same lemma, sooner)."""
    if _tables.copy is None or _tables.loaded:
        return simplemma_lemma(word)
    lower = word.lower()
    return _adjective_rule(lower, _raw_lemma(lower))


# Words of a text looked up in the cache's copy of the table before this process loads
# simplemma's own: a sentence or two (try, a document added to a cached corpus) is
# quicker so; thousands of words are quicker from the table in memory.
COPY_WORDS = 200


def text_lemma(word: str) -> str:
    """``simplemma_lemma`` for a word of a text: the first COPY_WORDS words from the
    cache's lemma table when this process has not loaded simplemma's (the same lemma)."""
    if _tables.copy is not None and not _tables.loaded and _tables.looked_up < COPY_WORDS:
        _tables.looked_up += 1
        return lexicon_lemma(word)
    return simplemma_lemma(word)


def is_lemma_of_itself(word: str) -> bool:
    """Whether simplemma leaves ``word`` as it is (an infinitive, not a plural)."""
    return _raw_lemma(word) == word


def is_known(word: str) -> bool:
    """Whether ``word`` is in simplemma's Dutch table."""
    if _tables.copy is not None and not _tables.loaded:
        try:
            return bool(_tables.copy.is_known(word))
        except sqlite3.Error:
            forget_lemma_table()
    import simplemma

    return bool(simplemma.is_known(word, lang="nl"))


def dictionary_lemma(word: str) -> str:
    """The dictionary lemma of a word (simplemma's Dutch table, with the adjective
    rule): the same under every pipeline, so text and lexicon meet on it."""
    return lexicon_lemma(word)


def package_version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"
