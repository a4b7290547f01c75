"""What the cache keeps of a lexicon: its compiled patterns and its lint findings.

Compiling ~2,000 patterns (each word's dictionary lemma) and linting them (every
pattern's own words through the whole matcher) take longer than the rest of a
command that finds nothing to do. Both depend only on the lexicon's text and
file, the lemma data (simplemma's version; for the findings also the pipeline)
and leaderscan's code, so both are kept in the cache folder under a key made of
exactly these (``compiled/<key>.json``). The code is named by leaderscan's
version, the cache format and the size and modification time of every module of
the package, so an edited checkout never reads what older code wrote.

Entries are JSON (never pickle: a cache folder may be shared), written
atomically. An entry that cannot be read, belongs to another key or does not fit
the lexicon is ignored (the work is done again) and written anew.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from .atomic import atomic_open
from .cache import FORMAT
from .lemma_table import package_version
from .lemmatise import Pipeline
from .lexicon import Lexicon
from .lint import Finding, lint
from .match import CompiledPattern, CompiledTerm, Made, Matcher, window_of
from .version import __version__

PACKAGE = Path(__file__).parent

# per competence, its patterns' and its exclusions' terms: [lemmas, globs] each
TermsData = list[list[list[list[list[str]]]]]


def to_terms(made: Made) -> TermsData:
    return [
        [[[sorted(t.lemmas), list(t.globs)] for t in cp.terms] for cp in group]
        for pair in made
        for group in [pair[0], pair[1]]
    ]


def from_terms(lexicon: Lexicon, terms: object) -> Made | None:
    """The compiled patterns of ``lexicon`` from ``_to_terms`` data, or None when the data
    does not fit it (another lexicon, a damaged file)."""
    comps = lexicon.competences
    if not isinstance(terms, list) or len(terms) != 2 * len(comps):
        return None
    made = []
    try:
        for order, comp in enumerate(comps):
            pair: list[list[CompiledPattern]] = []
            for patterns, data in (
                (comp.patterns, terms[2 * order]),
                (comp.exclude, terms[2 * order + 1]),
            ):
                if not isinstance(data, list) or len(data) != len(patterns):
                    return None
                group = []
                for p, pattern_terms in zip(patterns, data, strict=True):
                    if not isinstance(pattern_terms, list) or len(pattern_terms) != len(p.terms):
                        return None
                    exact = p.mode == "exact"
                    compiled = []
                    for lemmas, globs in pattern_terms:
                        if not all(isinstance(x, str) for x in [*lemmas, *globs]):
                            return None
                        compiled.append(CompiledTerm(frozenset(lemmas), tuple(globs), exact))
                    window = window_of(p, lexicon.window)
                    group.append(CompiledPattern(comp, p, tuple(compiled), window, order))
                pair.append(group)
            made.append((pair[0], pair[1]))
    except (TypeError, ValueError):
        return None
    return made


@functools.cache
def code_fingerprint() -> str:
    """leaderscan's version and cache format, and the size and modification time of
    each of its modules: what a compiled lexicon was made by."""
    h = hashlib.sha256(f"{__version__}|{FORMAT}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"|{path.relative_to(PACKAGE)}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def _key(kind: str, lexicon: Lexicon, pipeline: str = "") -> str:
    parts = [
        kind,
        lexicon.sha256,
        str(lexicon.path),
        pipeline,
        package_version("simplemma"),
        code_fingerprint(),
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


class LexiconStore:
    """A lexicon's compiled terms and lint findings in the cache folder ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / "compiled" / f"{key}.json"

    def _read(self, key: str) -> Any:
        """The entry's data, or None (none, damaged or another key's)."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("key") != key:
                return None
            return entry.get("data")
        except (OSError, ValueError):
            return None

    def _write(self, key: str, data: Any) -> None:
        """Store an entry; a cache that cannot be written is not an error."""
        text = json.dumps({"key": key, "data": data}, ensure_ascii=False, separators=(",", ":"))
        try:
            with atomic_open(
                self._path(key), "w", durable=False, private=True, encoding="utf-8"
            ) as f:
                f.write(text)
        except OSError:
            pass

    def matcher(self, lexicon: Lexicon) -> Matcher:
        """The lexicon's Matcher, its patterns compiled from the cache when it has them
        (else compiled when first needed, and kept)."""
        key = _key("terms", lexicon)

        def load() -> Made | None:
            data = self._read(key)
            return from_terms(lexicon, data) if data is not None else None

        def keep(made: Made) -> None:
            self._write(key, to_terms(made))

        return Matcher(lexicon, load=load, on_compile=keep)

    def lint(self, lexicon: Lexicon, pipeline: Pipeline) -> list[Finding]:
        """``lint.lint``, from the cache when this lexicon was linted with this pipeline."""
        key = _key("lint", lexicon, pipeline.fingerprint)
        found = _findings(self._read(key))
        if found is not None:
            return found
        findings = lint(lexicon, pipeline, self.matcher(lexicon))
        self._write(key, [[str(f.path), f.line, f.severity, f.message] for f in findings])
        return findings


def _findings(data: Any) -> list[Finding] | None:
    """Findings as stored, or None when ``data`` is not a list of them."""
    if not isinstance(data, list):
        return None
    out = []
    for row in data:
        if not (isinstance(row, list) and len(row) == 4 and row[2] in ("error", "warning")):
            return None
        path, line, severity, message = row
        if not (isinstance(path, str) and isinstance(line, int) and isinstance(message, str)):
            return None
        out.append(Finding(Path(path), line, severity, message))
    return out


def matcher_for(lexicon: Lexicon, root: Path | None) -> Matcher:
    """The lexicon's Matcher, with the compiled patterns of the cache ``root`` (None: none)."""
    if root is None:
        return Matcher(lexicon)
    return LexiconStore(root).matcher(lexicon)


def lint_for(lexicon: Lexicon, pipeline: Pipeline, root: Path | None) -> list[Finding]:
    """The lexicon's lint findings, with the cache ``root`` (None: none)."""
    if root is None:
        return lint(lexicon, pipeline)
    return LexiconStore(root).lint(lexicon, pipeline)
