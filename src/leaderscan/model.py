"""Plain data passed between the stages. Everything here pickles and turns into JSON."""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .i18n import N_

VACANCY = "vacancy"  # the kind of document N counts; others are evidence (policy, training…)

# the kinds of document, and the Dutch words for them that are accepted as well
KINDS = {"vacancy": "vacature", "policy": "beleid", "training": "opleiding"}
# for people: shown translated, _(KIND_CHOICES)
KIND_CHOICES = N_("vacancy (vacature), policy (beleid) or training (opleiding)")


def kind_name(text: str) -> str | None:
    """The kind a word names (English or Dutch, any case), or None for an unknown one."""
    word = text.strip().casefold()
    if word in KINDS:
        return word
    return next((k for k, nl in KINDS.items() if nl == word), None)


@dataclass(frozen=True)
class SectionCell:
    """A named section of a document that belongs to a cell (manifest ``sections``)."""

    heading: str
    cell: str
    page: int | None = None


@dataclass(frozen=True)
class Source:
    """A discovered file and what the folder layout and manifest say about it."""

    path: Path
    document: str  # path relative to the corpus folder, with forward slashes
    organisation: str | None
    cell: str | None
    kind: str = VACANCY
    title: str = ""
    year: int | None = None
    sections: tuple[SectionCell, ...] = ()
    # (device, inode) of the file discovery checked: what is opened later must be it
    identity: tuple[int, int] | None = field(default=None, compare=False)

    def metadata(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "organisation": self.organisation,
            "cell": self.cell,
            "kind": self.kind,
            "title": self.title,
            "year": self.year,
            "sections": [asdict(s) for s in self.sections],
        }


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, table cell or heading, on one page."""

    page: int
    section: str | None
    text: str
    heading: bool = False


@dataclass
class Extracted:
    blocks: list[Block]
    pages: int
    warnings: list[str] = field(default_factory=list)
    ocr: dict[int, float] = field(default_factory=dict)  # page -> OCR confidence (0-100)
    converter: str = ""  # the program that read the file, when not a Python library

    @property
    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)


@dataclass(frozen=True)
class Sentence:
    """A sentence with its words (as written) and normalised lemmas, token by token."""

    page: int
    section: str | None
    text: str
    words: tuple[str, ...]
    lemmas: tuple[str, ...]
    offsets: tuple[int, ...] = ()  # character offset of each word in ``text``

    def span_text(self, start: int, end: int) -> str:
        """The text from word ``start`` to word ``end`` (inclusive), as written."""
        if self.offsets:
            return self.text[self.offsets[start] : self.offsets[end] + len(self.words[end])]
        return " ".join(self.words[start : end + 1])


@dataclass(frozen=True)
class Hit:
    """One competence found in one sentence of one document."""

    organisation: str | None
    document: str
    kind: str
    cell: str | None
    page: int
    section: str | None
    orientation: str
    competence_id: str
    competence: str
    match: str
    context: str
    scored: bool
    reason: str = ""  # why a hit is not scored
    pattern: str = ""
    tokens: tuple[int, ...] = ()
    ocr: float | None = None  # the OCR confidence (0-100) of its page, if read by OCR

    def as_row(self) -> dict[str, Any]:
        """The hit as a flat row (evidence.csv, run.json), without the token positions;
        ``ocr`` only for a hit on a page read by OCR."""
        row = {name: getattr(self, name) for name in HIT_FIELDS}
        if self.ocr is not None:
            row["ocr"] = self.ocr
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Hit:
        """``Hit(**row)``, without the frozen dataclass's one ``object.__setattr__`` per
        field (a third of the time): a warm run makes one for every hit it reuses."""
        if not (_HIT_REQUIRED.issubset(row) and _HIT_NAMES.issuperset(row)):
            return cls(**row)  # raises the TypeError that names the field
        hit = object.__new__(cls)
        hit.__dict__.update(_HIT_DEFAULTS)
        hit.__dict__.update(row)
        return hit


HIT_FIELDS = [f for f in Hit.__dataclass_fields__ if f not in ("tokens", "ocr")]
_HIT_DEFAULTS: dict[str, Any] = {
    f.name: None if f.default is MISSING else f.default for f in fields(Hit)
}
_HIT_REQUIRED = frozenset(f.name for f in fields(Hit) if f.default is MISSING)
_HIT_NAMES = frozenset(_HIT_DEFAULTS)


def dumps(value: Any) -> str:
    """Compact JSON in one piece: only then does json use its fast C encoder."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
