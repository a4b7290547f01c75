"""scan(): discover -> extract -> lemmatise -> match -> tally, for a corpus folder.

``analyse_document`` is the per-document stage: a function of the file, its
metadata, the pipeline and the matcher, returning a ``DocumentResult``; the tally
is a merge of those results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .discover import Discovery, discover
from .errors import ExtractionError
from .extract import extract
from .lemmatise import Pipeline
from .lexicon import Lexicon, normalise_heading
from .manifest import Manifest
from .match import Matcher
from .model import Block, Hit, Sentence, Source
from .tally import Table, tally, tally_outside_cells

EVIDENCE_ONLY = "evidence only (orientation not scored)"
OUTSIDE_CELLS = "not in a cell"


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

    @property
    def hits(self) -> list[Hit]:
        return [h for d in self.documents for h in d.hits]

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """(document, reason) of every file that was not analysed."""
        out = [(d.source.document, d.error) for d in self.documents if d.error]
        return out + self.skipped_links  # type: ignore[return-value]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _section_matches(section: str | None, heading: str) -> bool:
    if not section:
        return False
    s, h = normalise_heading(section), normalise_heading(heading)
    return s == h or s.startswith(h + " ")


def score(
    source: Source, sentence: Sentence, orientation_scored: bool, lexicon: Lexicon
) -> tuple[str | None, bool, str]:
    """The cell a sentence counts in, whether a hit there is scored, and if not, why.

    A hit in a document outside the cells gets the reason ``OUTSIDE_CELLS (kind)``
    when it would otherwise count; the per-kind table counts those.
    """
    for sc in source.sections:
        if _section_matches(sentence.section, sc.heading) and (
            sc.page is None or sc.page == sentence.page
        ):
            cell: str | None = sc.cell
            break
    else:
        cell = source.cell
        if sentence.section:
            key = normalise_heading(sentence.section)
            if any(key == u or key.startswith(u + " ") for u in lexicon.unscored_sections):
                return (
                    cell,
                    False,
                    f"section '{sentence.section}' does not state what the role asks",
                )
    if not orientation_scored:
        return cell, False, EVIDENCE_ONLY
    if not cell:
        return None, False, f"{OUTSIDE_CELLS} ({source.kind})"
    return cell, True, ""


def analyse_sentences(source: Source, sentences: Iterable[Sentence], matcher: Matcher) -> list[Hit]:
    lexicon = matcher.lexicon
    scored_orientation = {o.name: o.scored for o in lexicon.orientations}
    hits = []
    for sentence in sentences:
        for found in matcher.match(sentence).found:
            comp = found.competence
            cell, scored, reason = score(
                source, sentence, scored_orientation.get(comp.orientation, False), lexicon
            )
            hits.append(
                Hit(
                    organisation=source.organisation,
                    document=source.document,
                    kind=source.kind,
                    cell=cell,
                    page=sentence.page,
                    section=sentence.section,
                    orientation=comp.orientation,
                    competence_id=comp.id,
                    competence=comp.label_for(source.organisation),
                    match=sentence.span_text(found.start, found.end),
                    context=sentence.text,
                    scored=scored,
                    reason=reason,
                    pattern=found.compiled.pattern.text,
                    tokens=found.tokens,
                )
            )
    return hits


def analyse_document(source: Source, pipeline: Pipeline, matcher: Matcher) -> DocumentResult:
    """Read, lemmatise and match one document. Never raises for a bad file."""
    result = DocumentResult(source)
    try:
        result.sha256 = sha256_file(source.path)
        extracted = extract(source.path)
    except ExtractionError as exc:
        result.error = str(exc)
        return result
    except OSError as exc:
        result.error = f"cannot open the file: {exc.strerror or exc}"
        return result
    result.pages = extracted.pages
    result.words = extracted.words
    result.warnings = list(extracted.warnings)
    result.blocks = list(extracted.blocks)
    result.hits = analyse_sentences(source, pipeline.sentences(extracted.blocks), matcher)
    return result


def counts_outside_cells(hit: Hit) -> bool:
    """Whether a hit in a document outside the cells would be scored inside one."""
    return hit.reason.startswith(OUTSIDE_CELLS)


def build_tables(
    hits: Iterable[Hit],
    documents: Iterable[tuple[str | None, str | None, str]],
    orientations: list[tuple[str, str]],
    cell_order: Sequence[str] = (),
    organisation_order: Sequence[str] = (),
) -> tuple[Table, Table]:
    """The Figure 26 table and the table of documents outside the cells."""
    hits, documents = list(hits), list(documents)
    return (
        tally(hits, documents, orientations, cell_order, organisation_order),
        tally_outside_cells(
            hits,
            documents,
            orientations,
            counts_outside_cells,
            organisation_order=organisation_order,
        ),
    )


def scored_orientations(lexicon: Lexicon) -> list[tuple[str, str]]:
    return [(o.name, o.label) for o in lexicon.orientations if o.scored]


def scan(
    corpus: Path,
    lexicon: Lexicon,
    pipeline: Pipeline,
    on_document: Callable[[DocumentResult], None] | None = None,
    discovery: Discovery | None = None,
    kinds: Iterable[str] | None = None,
) -> Run:
    """Analyse every document in ``corpus``; call ``on_document`` after each one."""
    discovery = discovery or discover(corpus)
    wanted = set(kinds) if kinds else None
    matcher = Matcher(lexicon, pipeline.lemmas)
    documents = []
    for source in discovery.sources:
        if wanted is not None and source.kind not in wanted:
            continue
        result = analyse_document(source, pipeline, matcher)
        documents.append(result)
        if on_document:
            on_document(result)
    table, outside = build_tables(
        (h for d in documents for h in d.hits),
        ((d.source.organisation, d.source.cell, d.source.kind) for d in documents if not d.error),
        scored_orientations(lexicon),
        discovery.manifest.cells,
        discovery.manifest.organisations,
    )
    return Run(
        corpus=Path(corpus),
        lexicon=lexicon,
        pipeline=pipeline.name,
        pipeline_version=pipeline.version,
        documents=documents,
        unsupported=discovery.unsupported,
        skipped_links=discovery.skipped,
        table=table,
        outside=outside,
        manifest=discovery.manifest,
    )
