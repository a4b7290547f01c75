"""What a run returns: one ``DocumentResult`` per document and the ``Run`` of a corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .lexicon import Lexicon
from .manifest import Manifest
from .model import Block, Hit, Source
from .rows import rendered
from .stamps import Stamp
from .tally import Table
from .version import __version__


@dataclass
class DocumentResult:
    source: Source
    sha256: str = ""
    pages: int = 0
    words: int = 0
    hits: list[Hit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # why the document was skipped
    blocks: list[Block] = field(default_factory=list)  # the text, kept for re-scoring
    document_json: str | None = None  # to_dict() as JSON, when it came from the cache
    # the hits as run.json and evidence.csv rows, when they came from the cache
    hit_rows: tuple[str, list[list[Any]]] | None = None
    ocr: dict[int, float] = field(default_factory=dict)  # page -> OCR confidence
    converter: str = ""  # the program that read or converted the file (Tesseract, LibreOffice)
    stamp: Stamp | None = None  # the file's when it was read (stamps.py)

    def rendered(self) -> tuple[str, list[list[Any]]]:
        """The hits as a JSON list of rows and as evidence.csv rows."""
        return self.hit_rows if self.hit_rows is not None else rendered(self.hits)


@dataclass
class Run:
    corpus: Path
    lexicon: Lexicon
    pipeline: str
    pipeline_version: str
    documents: list[DocumentResult]
    unsupported: list[str]
    skipped_links: list[tuple[str, str]]
    table: Table
    manifest: Manifest
    outside: Table  # documents outside the cells, per kind x organisation
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    version: str = __version__
    pipeline_description: str = ""  # as the terminal names it
    # with scan(out=...): the files written, the hits in them, and what the files of
    # the run this one replaced left behind (removed; or kept, filled in by hand)
    written: list[Path] = field(default_factory=list)
    hit_count: int = 0
    scored_count: int = 0
    removed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def hits(self) -> list[Hit]:
        return [h for d in self.documents for h in d.hits]

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """(document, reason) of every file that was not analysed."""
        out = [(d.source.document, d.error) for d in self.documents if d.error]
        return out + self.skipped_links
