"""The cache: extracted and lemmatised documents, by file content and pipeline.

An entry holds what a document gives before matching: its blocks and its
sentences with words and lemmas (or why it could not be read). The key is the
SHA-256 of the file's bytes together with the pipeline and its version, the PDF
engine, the page limit, the cache format and the language of messages (an entry
holds the warnings of its document, in words), so editing the lexicon only
re-matches, and a new pipeline or leaderscan version reads again.

Entries are JSON (never pickle: a cache folder may be shared), written to a
temporary name and renamed, so two runs at once never see half an entry. An
entry that cannot be read or belongs to another key is ignored and rebuilt. A
document's match record (``Record``, ``matches/``) is a JSON line of its small
fields, then its larger parts one line each (``RECORD_PARTS``: JSON texts kept as
they are, and word lists), so reading one parses only what is needed.

The cache also keeps the pipeline's analysis of lexicon phrases that are not
plain words ("politiek-bestuurlijk"), so a run on cached documents never has to
load spaCy.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import atomic_open
from .i18n import _, language
from .model import Block, Extracted, Sentence
from .stamps import FileStamps
from .version import __version__

FORMAT = 16  # 16: a known heading after a possessive ("Uw verantwoordelijkheden"), a line in capitals that addresses the candidate ("WAT JE DOET") is a heading, partners and partijen are parties, not the employer, a later clause of the employer's ask describes the one asked for, an inflected participle the dictionary knows only uninflected ("gedeelde") has the lemma of that form; 15: inflected adjectives with a spelling change ("vertrouwensvolle") lemmatised; 14: "in onze organisatie" and a creed ("zo willen we zijn") are the employer's; 13: a trained pipeline lemmatises the words the dictionary does not know, each with its context; 12: a name in quotation marks is no ask, the values named as such; 11: numbered headings, "X in het kort", what an organisation is, "bij ons"; 10: a team, numbers and "die" in party subjects, "biedt" offer headings, more inverted employer order; 9: another party as subject; 8: token forms, scope and sections of real vacancies; 7: content controls, long paragraphs cut, bullets, sentences after "dat."
Analysis = tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]  # words, lemmas, offsets
ENV = "LEADERSCAN_CACHE_DIR"


def default_cache_dir() -> Path:
    """$LEADERSCAN_CACHE_DIR, else $XDG_CACHE_HOME/leaderscan, else ~/.cache/leaderscan."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no user entry
        home = Path(os.path.expanduser("~"))
    base = os.environ.get("XDG_CACHE_HOME") or str(home / ".cache")
    return Path(base) / "leaderscan"


SEP = "\x1f"
# a match record's file: a JSON line of its small fields, then these, one line each
RECORD_PARTS = ("vocabulary", "positions", "document", "hits", "evidence", "hit sentences")


class Vocabulary(AbstractSet[str]):
    """A document's words and lemmas as its record keeps them (sorted, joined by SEP):
    whether it has any of a few words is told from that text; the set is made only
    when it is iterated (a glob to try on every word)."""

    def __init__(self, words: str):
        self.text = words
        self._padded = f"{SEP}{words}{SEP}"
        self._set: frozenset[str] | None = None

    @classmethod
    def of(cls, words: Iterable[str]) -> Vocabulary:
        return cls(SEP.join(sorted(words)))

    @property
    def words(self) -> frozenset[str]:
        if self._set is None:
            self._set = frozenset(self.text.split(SEP)) if self.text else frozenset()
        return self._set

    def isdisjoint(self, other: Iterable[Any]) -> bool:
        return not any(f"{SEP}{k}{SEP}" in self._padded for k in other)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and f"{SEP}{word}{SEP}" in self._padded

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


@dataclass
class Record:
    """What a document gave with one lexicon: enough to reuse it after a lexicon edit
    that cannot touch it (Matcher.unchanged_for), without reading it again."""

    fingerprints: dict[str, str]  # competence id -> fingerprint, in lexicon order
    vocabulary: Vocabulary  # the document's lemmas and lower-case words
    found: set[str]  # competence ids with a hit in the document
    document: str  # its entry in run.json, as JSON
    pages: int
    words: int
    warnings: list[str]
    hits_json: str  # its hits as a JSON list of rows (run.json)
    evidence: list[list[Any]]  # and as evidence.csv rows
    sentences: list[int]  # the index of the sentence of each hit
    hit_sentences_json: str  # the sentences with a hit, by index; read when needed
    # for each word of the vocabulary (in its order), the sentences it is in: "3 7 12",
    # joined by SEP
    positions: str = ""

    @staticmethod
    def sentences_json(sentences: dict[int, Sentence]) -> str:
        return json.dumps(
            {
                str(i): [x.page, x.section, x.text, x.words, x.lemmas, x.offsets]
                for i, x in sentences.items()
            },
            ensure_ascii=False,
        )

    def hit_sentences(self) -> dict[int, Sentence]:
        data = json.loads(self.hit_sentences_json)
        return {
            int(i): Sentence(int(p), sec, str(t), tuple(w), tuple(lem), tuple(o))
            for i, (p, sec, t, w, lem, o) in data.items()
        }

    def sentences_with(self, keys: Iterable[str]) -> set[int]:
        """The sentences that contain any of ``keys`` (lemmas or lower-case words)."""
        if not hasattr(self, "_postings"):
            text = self.vocabulary.text
            words, where = (text.split(SEP), self.positions.split(SEP)) if text else ([], [])
            self._postings = dict(zip(words, where, strict=True))
        out: set[int] = set()
        for k in keys:
            if k in self._postings:
                out.update(map(int, self._postings[k].split()))
        return out


@dataclass
class CachedDocument:
    """A document as read and lemmatised, or the reason it could not be read."""

    extracted: Extracted | None
    sentences: list[Sentence]
    error: str | None = None


def _write_atomic(path: Path, text: str) -> None:
    with atomic_open(path, "w", durable=False, private=True, encoding="utf-8") as f:
        f.write(text)


def unusable(root: Path) -> str | None:
    """Why the cache folder ``root`` cannot be used (it cannot be made or written), or
    None. A run then goes on without a cache: a cache is never worth the results."""
    if root.exists() and not root.is_dir():
        return _("it is a file, not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
        with atomic_open(root / ".probe", "w", durable=False, private=True) as f:
            f.write("")
        (root / ".probe").unlink()
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


class Cache:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._matches = os.path.join(self.root, "matches")  # a str: read per document
        self._lexicons: dict[str, dict[str, str]] = {}
        self._ids: dict[int, tuple[dict[str, str], str]] = {}
        self.stamps = FileStamps(self.root)  # each file's hash by its stamp

    @staticmethod
    def key(sha256: str, pipeline: str, engine: str, max_pages: int) -> str:
        raw = f"{FORMAT}|{__version__}|{language()}|{sha256}|{pipeline}|{engine}|{max_pages}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / "documents" / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedDocument | None:
        """The entry, or None when there is none or it is damaged or foreign."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("key") != key:
                return None
            if data.get("error"):
                return CachedDocument(None, [], str(data["error"]))
            blocks = [Block(int(p), s, str(t), bool(h)) for p, s, t, h in data["blocks"]]
            sentences = [
                Sentence(int(p), s, str(t), tuple(w), tuple(lem), tuple(o))
                for p, s, t, w, lem, o in data["sentences"]
            ]
            if any(len(s.words) != len(s.lemmas) for s in sentences):
                return None
            extracted = Extracted(
                blocks,
                int(data["pages"]),
                list(data.get("warnings", [])),
                {int(p): float(c) for p, c in data.get("ocr", {}).items()},
                str(data.get("converter", "")),
            )
            return CachedDocument(extracted, sentences)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, entry: CachedDocument) -> None:
        """Store an entry; a cache that cannot be written is not an error."""
        data: dict[str, Any] = {"format": FORMAT, "key": key}
        if entry.error is not None or entry.extracted is None:
            data["error"] = entry.error
        else:
            ex = entry.extracted
            data.update(
                pages=ex.pages,
                warnings=ex.warnings,
                blocks=[[b.page, b.section, b.text, b.heading] for b in ex.blocks],
                sentences=[
                    [s.page, s.section, s.text, s.words, s.lemmas, s.offsets]
                    for s in entry.sentences
                ],
            )
            if ex.ocr:
                data["ocr"] = {str(p): c for p, c in ex.ocr.items()}
            if ex.converter:
                data["converter"] = ex.converter
        try:
            _write_atomic(
                self._path(key), json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            )
        except OSError:
            pass

    @staticmethod
    def record_key(document_key: str, context: str) -> str:
        return hashlib.sha256(f"{document_key}|{context}".encode()).hexdigest()

    def _lexicon_id(self, fingerprints: dict[str, str]) -> str:
        """The fingerprints of a lexicon are stored once, and named in each record."""
        known = self._ids.get(id(fingerprints))
        if known is not None and known[0] is fingerprints:
            return known[1]
        text = json.dumps(list(fingerprints.items()))
        name = hashlib.sha256(text.encode()).hexdigest()[:32]
        self._ids[id(fingerprints)] = (fingerprints, name)
        if name not in self._lexicons:
            _write_atomic(self.root / "lexicons" / f"{name}.json", text)
            self._lexicons[name] = dict(fingerprints)
        return name

    def _lexicon(self, name: str) -> dict[str, str]:
        if name not in self._lexicons:
            path = self.root / "lexicons" / f"{name}.json"
            text = path.read_text(encoding="utf-8")  # OSError: the record is unusable
            if hashlib.sha256(text.encode()).hexdigest()[:32] != name:
                raise ValueError("foreign lexicon fingerprints")
            self._lexicons[name] = dict(json.loads(text))
        return self._lexicons[name]

    def has_record(self, key: str) -> bool:
        return self._record_path(key).is_file()

    def get_record(self, key: str) -> Record | None:
        """A document's earlier matches, or None (none, damaged or foreign)."""
        try:
            with open(self._record_file(key), encoding="utf-8") as f:
                text = f.read()
            parts = text.split("\n")
            if len(parts) != len(RECORD_PARTS) + 1:
                return None
            head = json.loads(parts[0])
            if head.get("format") != FORMAT or head.get("key") != key:
                return None
            vocabulary, positions, document, hits, evidence, hit_sentences = parts[1:]
            rows = json.loads(evidence)
            if len(rows) != len(head["sentences"]) or vocabulary.count(SEP) != positions.count(SEP):
                return None
            return Record(
                fingerprints=self._lexicon(str(head["lexicon"])),
                vocabulary=Vocabulary(vocabulary),
                positions=positions,
                found=set(head["found"]),
                document=document,
                pages=int(head["pages"]),
                words=int(head["words"]),
                warnings=list(head["warnings"]),
                hits_json=hits,
                evidence=list(rows),
                sentences=[int(i) for i in head["sentences"]],
                hit_sentences_json=hit_sentences,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put_record(self, key: str, record: Record) -> None:
        """Store a record; a cache that cannot be written is not an error."""
        try:
            lexicon = self._lexicon_id(record.fingerprints)
        except OSError:
            return
        head = {
            "format": FORMAT,
            "key": key,
            "lexicon": lexicon,
            "found": sorted(record.found),
            "pages": record.pages,
            "words": record.words,
            "warnings": record.warnings,
            "sentences": record.sentences,
        }
        parts = [
            json.dumps(head, ensure_ascii=False, separators=(",", ":")),
            record.vocabulary.text,
            record.positions,
            record.document,
            record.hits_json,
            json.dumps(record.evidence, ensure_ascii=False, separators=(",", ":")),
            record.hit_sentences_json,
        ]
        if any("\n" in part for part in parts):  # JSON has none; a word might
            return
        try:
            _write_atomic(self._record_path(key), "\n".join(parts))
        except OSError:
            pass

    def _record_file(self, key: str) -> str:
        """Where a document's match record is, as a str (read for every document)."""
        return os.path.join(self._matches, key[:2], f"{key}.record")

    def _record_path(self, key: str) -> Path:
        return Path(self._record_file(key))

    def _phrases_path(self, pipeline: str) -> Path:
        name = hashlib.sha256(f"{FORMAT}|{pipeline}".encode()).hexdigest()[:16]
        return self.root / "phrases" / f"{name}.json"

    def load_phrases(self, pipeline: str) -> dict[str, Analysis]:
        try:
            data = json.loads(self._phrases_path(pipeline).read_text(encoding="utf-8"))
            out = {k: (tuple(w), tuple(lem), tuple(o)) for k, (w, lem, o) in data.items()}
            return {k: v for k, v in out.items() if len(v[0]) == len(v[1]) == len(v[2])}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def save_phrases(self, pipeline: str, phrases: dict[str, Analysis]) -> None:
        try:
            _write_atomic(
                self._phrases_path(pipeline),
                json.dumps({k: [list(x) for x in v] for k, v in phrases.items()}),
            )
        except OSError:
            pass
