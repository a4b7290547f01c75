"""simplemma's Dutch lemmas: the dictionary lemma every pipeline shares with the
lexicon, from simplemma's table in memory or from the copy the cache keeps of it.

A lexicon edit that adds a word would load simplemma's whole Dutch table (370,000
entries, about a second) for that one word. The cache keeps the table in 64 small files
(``marshal``, a word's file by the CRC-32 of the word), of which a lookup reads one;
simplemma's own strategy runs over them, so the lemmas are the same. They are written in
a fifth of the time an SQLite table took (docs/benchmarks.md).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import itertools
import json
import marshal
import os
import shutil
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Adjectives that simplemma leaves inflected ("resultaatgerichte", "vertrouwensvolle"),
# by their inflected ending and its spelling without the -e (Dutch doubles a consonant
# after a short vowel, writes a long one once, and voices s to z); bench/lemmatisers.py.
_INFLECTED_ADJECTIVES = {
    "gerichte": "gericht",
    "rijke": "rijk",
    "ige": "ig",
    "ische": "isch",
    "bare": "baar",
    "lijke": "lijk",
    "volle": "vol",
    "zame": "zaam",
    "loze": "loos",
    "vaste": "vast",
}


def normalise_lemma(lemma: str) -> str:
    return lemma.lower().replace("_", "").strip()


def _adjective_rule(
    lower: str, lemma: str, known: Callable[[str], str | None] | None = None
) -> str:
    """The lemma of an inflected adjective simplemma leaves as it is: by its ending
    ("resultaatgerichte"); or, for a participle the table does not know inflected
    ("gedeelde", "ondernemende", "gevoerde"), the lemma of its form without the -e when
    the table knows that (``known``: its lemma, else None): "gedeeld" -> "delen",
    "ondernemend". A trained pipeline gives such words a lemma of its own; this gives
    every pipeline the dictionary's."""
    if lemma == lower and lower.endswith("e"):
        for inflected, plain in _INFLECTED_ADJECTIVES.items():
            if lower.endswith(inflected):
                lemma = lower[: -len(inflected)] + plain
                break
        else:
            if known is not None and len(lower) > 5 and lower.endswith(("de", "te")):
                lemma = known(lower[:-1]) or lemma
    return normalise_lemma(lemma)


def _simplemma_known(word: str) -> str | None:
    import simplemma

    return simplemma.lemmatize(word, lang="nl") if simplemma.is_known(word, lang="nl") else None


@dataclass
class _Tables:
    """What this process holds of simplemma's Dutch table: the table itself (loaded by
    the first ``simplemma_lemma``), or the cache's copy in use (``use_lemma_table``)."""

    loaded: bool = False
    copy: TableLemmatizer | None = None
    looked_up: int = 0  # words of texts looked up in the copy (text_lemma)
    # lemmas of lexicon words: those the cache kept (load_word_lemmas), and new ones
    words: dict[str, str] = field(default_factory=dict)
    # whether words are in the table: those the cache kept, and new ones
    known: dict[str, bool] = field(default_factory=dict)
    new_words: int = 0


_tables = _Tables()


@functools.lru_cache(maxsize=200_000)
def simplemma_lemma(word: str) -> str:
    """simplemma's Dutch lemma of ``word``, with a rule for inflected adjectives."""
    import simplemma

    _tables.loaded = True
    lower = word.lower()
    return _adjective_rule(lower, simplemma.lemmatize(lower, lang="nl"), _simplemma_known)


SHARDS = 64  # files of the cache's lemma table


class TableDamaged(Exception):
    """A file of the cache's lemma table is missing or cannot be read."""


def _shard(key: bytes) -> int:
    return zlib.crc32(key) % SHARDS


class _LemmaTable(Mapping[str, str]):
    """The cache's copy of simplemma's table: SHARDS files of a dict (bytes to bytes,
    as simplemma keeps them) each, a file read when a word of it is first asked."""

    def __init__(self, path: Path):
        self._path = path
        self._shards: dict[int, dict[bytes, bytes]] = {}

    def _load(self, n: int) -> dict[bytes, bytes]:
        shard = self._shards.get(n)
        if shard is None:
            try:
                data = marshal.loads((self._path / f"{n:02d}").read_bytes())
            except (OSError, EOFError, ValueError, TypeError) as exc:
                raise TableDamaged(f"{self._path}: {exc}") from exc
            if not isinstance(data, dict):
                raise TableDamaged(f"{self._path}: file {n:02d} holds no table")
            shard = self._shards[n] = data
        return shard

    def get(self, key: str, default: Any = None) -> Any:
        k = key.encode()
        value = self._load(_shard(k)).get(k)
        return value.decode() if value is not None else default

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def __iter__(self) -> Iterator[str]:
        return (k.decode() for n in range(SHARDS) for k in self._load(n))

    def __len__(self) -> int:
        return sum(len(self._load(n)) for n in range(SHARDS))

    def check(self) -> None:
        """Raise TableDamaged unless every file is there and the count written with them
        says the table is whole (the files themselves are read when first needed)."""
        try:
            count = int((self._path / "count").read_text(encoding="ascii"))
            missing = [n for n in range(SHARDS) if not (self._path / f"{n:02d}").is_file()]
        except (OSError, ValueError) as exc:
            raise TableDamaged(f"{self._path}: {exc}") from exc
        if missing or count < 1000:
            raise TableDamaged(f"{self._path}: the lemma table is not whole")


class _TableFactory:
    def __init__(self, table: _LemmaTable):
        self.table = table

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != "nl":
            raise ValueError(f"only Dutch in the lemma table, not {lang}")
        return self.table


def lemma_table_path(cache_root: Path) -> Path:
    return Path(cache_root) / "lemmas" / f"simplemma-{package_version('simplemma')}-nl-2"


class TableLemmatizer:
    """simplemma's lemmatize and is_known for Dutch, over the cache's copy of its table."""

    def __init__(self, path: Path):
        self.path = path
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
        """Raise TableDamaged unless the table is there and whole."""
        self._table.check()

    def lemmatize(self, word: str) -> str:
        return str(self._simplemma()[0].lemmatize(word, lang="nl"))

    def is_known(self, word: str) -> bool:
        """simplemma's ``is_known(word, "nl")``; for a word without an apostrophe (all but
        a few) without importing simplemma: its lookup of such a word in Dutch is the
        word in NFC, then with its first letter's case turned (simplemma's
        DictionaryLookupStrategy.get_lemma)."""
        if "'" in word or "\u2019" in word or "\u02bc" in word:
            from simplemma.utils import normalize_token

            return self._simplemma()[1].get_lemma(normalize_token(word), "nl") is not None
        token = unicodedata.normalize("NFC", word)
        if self._table.get(token) is not None:
            return True
        turned = token.lower() if token[:1].isupper() else token.capitalize()
        return self._table.get(turned) is not None


def use_lemma_table(cache_root: Path) -> None:
    """Look lexicon words up in the cache's lemma table, when there is one, and take
    the lemmas of the lexicon words it kept."""
    load_word_lemmas(cache_root)
    path = lemma_table_path(cache_root)
    if _tables.copy is None and path.exists():
        try:
            table = TableLemmatizer(path)
            table.check()
            _tables.copy = table
        except TableDamaged:
            # damaged (a file missing, a table cut short): removed, so that the next run
            # that loads simplemma writes it again
            _tables.copy = None
            _remove(path)


def _remove(path: Path) -> None:
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        pass


def save_lemma_table(cache_root: Path, force: bool = False) -> Path | None:
    """Write the lemma table into the cache, if this process has loaded simplemma's table
    anyway and the cache has no copy yet (once per cache, well under a second)."""
    path = lemma_table_path(cache_root)
    if not (_tables.loaded or force) or path.exists():
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
        shards: list[dict[bytes, bytes]] = [{} for _ in range(SHARDS)]
        for k, v in rows:
            shards[_shard(k)][k] = v
        tmp.mkdir()
        for n, shard in enumerate(shards):
            (tmp / f"{n:02d}").write_bytes(marshal.dumps(shard))
        (tmp / "count").write_text(str(sum(map(len, shards))), encoding="ascii")
        os.replace(tmp, path)
    except OSError:
        _remove(tmp)
        return None
    finally:
        lock.unlink(missing_ok=True)
    return path


def _table_broke() -> None:
    """A file of the lemma table could not be read: removed (the next run that loads
    simplemma writes it again), simplemma's own table from now on."""
    if _tables.copy is not None:
        _remove(_tables.copy.path)
    forget_lemma_table()


def forget_lemma_table() -> None:
    """Stop using the cache's lemma table (it broke during the run, or the process is a
    forked worker, which reads it itself): simplemma's own table
    from now on, or the table opened again by ``use_lemma_table``."""
    _tables.copy = None


def _raw_lemma(lower: str) -> str:
    if _tables.copy is not None and not _tables.loaded:
        try:
            return str(_tables.copy.lemmatize(lower))
        except TableDamaged:
            _table_broke()
    import simplemma

    return str(simplemma.lemmatize(lower, lang="nl"))


def _raw_known(lower: str) -> str | None:
    """The table's lemma of a word it knows, else None (as ``_raw_lemma`` reads it)."""
    if _tables.copy is not None and not _tables.loaded:
        try:
            return str(_tables.copy.lemmatize(lower)) if _tables.copy.is_known(lower) else None
        except TableDamaged:
            _table_broke()
    return _simplemma_known(lower)


@functools.lru_cache(maxsize=200_000)
def lexicon_lemma(word: str) -> str:
    """``simplemma_lemma`` for a word of the lexicon: as the cache kept it from an
    earlier run, else from the cache's lemma table when this process has not loaded
    simplemma's table (the same lemma, sooner)."""
    lemma = _tables.words.get(word)
    if lemma is not None:
        return lemma
    if _tables.copy is None or _tables.loaded:
        lemma = simplemma_lemma(word)
    else:
        lower = word.lower()
        lemma = _adjective_rule(lower, _raw_lemma(lower), _raw_known)
    _tables.words[word] = lemma
    _tables.new_words += 1
    return lemma


@functools.cache
def _words_path(cache_root: Path) -> Path:
    """Where the cache keeps lexicon words' lemmas: by simplemma's version and this
    module's code (its rules make the lemmas)."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    name = f"words-{package_version('simplemma')}-{code}.json"
    return Path(cache_root) / "lemmas" / name


def load_word_lemmas(cache_root: Path) -> None:
    """The lemmas of lexicon words an earlier run kept in the cache, and which words the
    table knows: an edited lexicon is compiled, and linted, with lookups for its new
    words only. A file that is not what ``save_word_lemmas`` writes is ignored."""
    try:
        data = json.loads(_words_path(cache_root).read_text(encoding="utf-8"))
        lemmas, known = data["lemmas"], data["known"]
    except (OSError, ValueError, TypeError, KeyError):
        return
    if (
        isinstance(lemmas, dict)
        and isinstance(known, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in lemmas.items())
        and all(isinstance(k, str) and isinstance(v, bool) for k, v in known.items())
    ):
        for word, lemma in lemmas.items():
            _tables.words.setdefault(word, lemma)
        for word, in_table in known.items():
            _tables.known.setdefault(word, in_table)


def word_lemmas() -> dict[str, str]:
    """The lemmas of lexicon words this process knows (a copy)."""
    return dict(_tables.words)


def add_word_lemmas(words: Mapping[str, str]) -> None:
    """Lemmas of lexicon words another process looked up, to be kept with this one's."""
    for word, lemma in words.items():
        if word not in _tables.words:
            _tables.words[word] = lemma
            _tables.new_words += 1


def save_word_lemmas(cache_root: Path) -> None:
    """Keep the lemmas of lexicon words, and which words the table knows, in the cache,
    when this process added any."""
    if not _tables.new_words:
        return
    from .atomic import atomic_open

    try:
        path = _words_path(cache_root)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(path, "w", durable=False, private=True, encoding="utf-8") as f:
            known = dict(itertools.islice(_tables.known.items(), KEPT_KNOWN))
            data = {"lemmas": _tables.words, "known": known}
            f.write(json.dumps(data, ensure_ascii=False, sort_keys=True))
        _tables.new_words = 0
    except OSError:
        pass


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
    """Whether ``word`` is in simplemma's Dutch table: as this process or the cache
    (load_word_lemmas) knows it, else looked up; remembered either way."""
    known = _tables.known.get(word)
    if known is None:
        known = _tables.known[word] = _look_up(word)
        if len(_tables.known) <= KEPT_KNOWN:
            _tables.new_words += 1
    return known


# words kept with whether the table knows them: the lexicon's and the first of texts
KEPT_KNOWN = 50_000


def _look_up(word: str) -> bool:
    if _tables.copy is not None and not _tables.loaded:
        try:
            return bool(_tables.copy.is_known(word))
        except TableDamaged:
            _table_broke()
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
