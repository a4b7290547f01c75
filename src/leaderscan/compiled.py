"""What the cache keeps of a lexicon: its compiled patterns and its lint findings.

Compiling ~2,000 patterns (each word's dictionary lemma) and linting them (every
pattern's own words through the whole matcher) take longer than the rest of a
command that finds nothing to do. Both depend only on the lexicon's text and
file, the lemma data (simplemma's version; for the findings also the pipeline)
and leaderscan's code (and the findings, being words, the language of messages),
so both are kept in the cache folder under a key made of
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
import os
from pathlib import Path
from typing import Any

from .atomic import atomic_open
from .cache import FORMAT
from .errors import Problem
from .i18n import language
from .lemma_table import package_version
from .lemmatise import Pipeline
from .lexicon import (
    Competence,
    Examples,
    Lexicon,
    Orientation,
    Pattern,
    Term,
    load_lexicon,
    parse_lexicon,
)
from .lexicon_edit import parse_edited
from .lint import Finding, LintRecord, lint, linted
from .match import (
    CompiledPattern,
    CompiledTerm,
    Made,
    Matcher,
    compile_pattern,
    spec_fingerprint,
    window_of,
)
from .version import __version__
from .yamlio import read_text

PACKAGE = Path(__file__).parent
# compiled competences kept across lexicon edits, beyond those of the lexicon in use
KEPT_COMPETENCES = 2000
TERMS = "competences"  # the folders of compiled competences and of their specs
SPECS = "competences/specs"
LINTS = "lints"  # the record of the last lint of each lexicon file (lint.LintRecord)
TEXTS = "lexicon-texts"  # the file and text of the lexicon parsed last (from a file, from any)

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
    for order in range(len(comps)):
        pair = _pair_from_terms(lexicon, order, terms[2 * order : 2 * order + 2])
        if pair is None:
            return None
        made.append(pair)
    return made


def _pair_from_terms(
    lexicon: Lexicon, order: int, terms: object
) -> tuple[list[CompiledPattern], list[CompiledPattern]] | None:
    """One competence's compiled patterns and exclusions from its two ``to_terms``
    lists, or None when they do not fit it."""
    comp = lexicon.competences[order]
    if not isinstance(terms, list) or len(terms) != 2:
        return None
    pair: list[list[CompiledPattern]] = []
    try:
        for patterns, data in ((comp.patterns, terms[0]), (comp.exclude, terms[1])):
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
    except (TypeError, ValueError):
        return None
    return pair[0], pair[1]


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


def _named(path: Path, text: str) -> Lexicon:
    """What names a lexicon file in a key, before it is parsed: its path and text."""
    return Lexicon(path, text, "", (), ())


def _key(kind: str, lexicon: Lexicon, pipeline: str = "") -> str:
    parts = [
        kind,
        lexicon.sha256,
        str(lexicon.path),
        pipeline,
        package_version("simplemma"),
        code_fingerprint(),
        # findings and a parsed lexicon's warnings are in words: the language names them too
        "" if kind == "terms" else language(),
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


class LexiconStore:
    """A lexicon's compiled terms and lint findings in the cache folder ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, key: str, folder: str = "compiled") -> Path:
        return self.root / folder / f"{key}.json"

    def _read(self, key: str, folder: str = "compiled") -> Any:
        """The entry's data, or None (none, damaged or another key's)."""
        try:
            entry = json.loads(self._path(key, folder).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("key") != key:
                return None
            return entry.get("data")
        except (OSError, ValueError):
            return None

    def _write(self, key: str, data: Any, folder: str = "compiled") -> None:
        """Store an entry; a cache that cannot be written is not an error."""
        text = json.dumps({"key": key, "data": data}, ensure_ascii=False, separators=(",", ":"))
        try:
            with atomic_open(
                self._path(key, folder), "w", durable=False, private=True, encoding="utf-8"
            ) as f:
                f.write(text)
        except OSError:
            pass

    def _last_lexicon(self, key: str) -> Lexicon | None:
        """The parsed lexicon whose file and text the entry ``key`` names, when the cache
        has it."""
        entry = self._read(key, TEXTS)
        if not (
            isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)
        ):
            return None
        path, text = Path(entry[0]), entry[1]
        return _lexicon_from(path, text, self._read(_key("lexicon", _named(path, text))))

    def matcher(self, lexicon: Lexicon) -> Matcher:
        """The lexicon's Matcher, its patterns compiled from the cache when it has them
        (else compiled when first needed, and kept): the whole lexicon's, or each
        competence's as an earlier lexicon had it, so an edit compiles only what it
        changed. The cache also keeps each competence's spec (``competence_spec``), so
        the Matcher of an edited lexicon knows what an edit changed."""
        key = _key("terms", lexicon)
        matcher: Matcher

        def load() -> Made | None:
            data = self._read(key)
            made = from_terms(lexicon, data) if data is not None else None
            if made is None:
                made = self._compile_by_competence(lexicon, matcher.fingerprints)
                self._write(key, to_terms(made))
            return made

        matcher = Matcher(lexicon, load=load, earlier=self.competence_spec)
        self._keep_specs(matcher.specs, matcher.fingerprints)
        return matcher

    def _compile_by_competence(self, lexicon: Lexicon, fingerprints: dict[str, str]) -> Made:
        """The lexicon compiled, each competence from the cache's compiled competences
        when one with its fingerprint was compiled before; those kept for next time."""
        key = hashlib.sha256(
            json.dumps(
                [
                    "competence terms",
                    lexicon.window,
                    package_version("simplemma"),
                    code_fingerprint(),
                ]
            ).encode()
        ).hexdigest()
        known = self._read(key, TERMS)
        known = known if isinstance(known, dict) else {}
        made: Made = []
        kept: dict[str, Any] = {}
        for order, comp in enumerate(lexicon.competences):
            fingerprint = fingerprints[comp.id]
            pair = _pair_from_terms(lexicon, order, known.get(fingerprint))
            if pair is None:
                pair = (
                    [compile_pattern(comp, p, lexicon.window, order) for p in comp.patterns],
                    [compile_pattern(comp, p, lexicon.window, order) for p in comp.exclude],
                )
            made.append(pair)
            kept[fingerprint] = to_terms([pair])
        if len(known) + len(kept) <= KEPT_COMPETENCES:  # else only this lexicon's
            kept = {**known, **kept}
        if kept != known:
            self._write(key, kept, TERMS)
        return made

    def _spec_path(self, fingerprint: str) -> Path:
        return self.root / SPECS / f"{fingerprint}.json"

    def competence_spec(self, fingerprint: str) -> Any:
        """The spec of the competence with this fingerprint, as kept; None if none."""
        try:
            spec = json.loads(self._spec_path(fingerprint).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return spec if spec_fingerprint(spec) == fingerprint else None

    def _keep_specs(self, specs: dict[str, Any], fingerprints: dict[str, str]) -> None:
        folder = self.root / SPECS
        try:
            known = set(os.listdir(folder))
        except OSError:
            known = set()
        for c, spec in specs.items():
            name = f"{fingerprints[c]}.json"
            if name not in known:
                try:
                    with atomic_open(
                        folder / name, "w", durable=False, private=True, encoding="utf-8"
                    ) as f:
                        f.write(json.dumps(spec, ensure_ascii=False))
                except OSError:
                    return  # a cache that cannot be written is not an error

    def cached_lint(self, lexicon: Lexicon, pipeline: Pipeline) -> list[Finding] | None:
        """The findings of this lexicon linted with this pipeline before, or None."""
        return _findings(self._read(_key("lint", lexicon, pipeline.fingerprint)))

    def lint(
        self, lexicon: Lexicon, pipeline: Pipeline, at_most: int | None = None
    ) -> list[Finding] | None:
        """``lint.lint``, from the cache when this lexicon was linted with this pipeline;
        after an edit, only what the edit can change is linted again (the cache keeps
        the record of the last lint of each lexicon file). None when that is more than
        ``at_most`` patterns."""
        key = _key("lint", lexicon, pipeline.fingerprint)
        found = _findings(self._read(key))
        if found is not None:
            return found
        # the last lint of this file, whatever its text, else the last lint of any
        record_key = _key("lint record", _named(lexicon.path, ""), pipeline.fingerprint)
        last_key = _key("lint record", _named(Path(), ""), pipeline.fingerprint)
        earlier = LintRecord.from_data(self._read(record_key, LINTS)) or LintRecord.from_data(
            self._read(last_key, LINTS)
        )
        matcher = matcher_for(lexicon, self.root)
        try:
            done = linted(lexicon, pipeline, matcher, earlier, at_most)
        except (TypeError, ValueError, KeyError, IndexError):  # a damaged record: lint anew
            done = linted(lexicon, pipeline, matcher, None, at_most)
        if done is None:
            return None
        findings, record = done
        self._write(key, [[str(f.path), f.line, f.severity, f.message] for f in findings])
        self._write(record_key, record.to_data(), LINTS)
        self._write(last_key, record.to_data(), LINTS)
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


def _lexicon_data(lexicon: Lexicon) -> list[Any]:
    """The parsed lexicon as JSON data (all but its path and text, which are the file's)."""

    def pattern(p: Pattern) -> list[Any]:
        return [p.text, [list(t.alternatives) for t in p.terms], p.mode, p.window, p.line]

    return [
        lexicon.name,
        [[o.name, o.label, o.scored, o.description] for o in lexicon.orientations],
        [
            [
                c.id,
                c.label,
                c.orientation,
                [pattern(p) for p in c.patterns],
                [pattern(p) for p in c.exclude],
                [list(x) for x in c.labels],
                c.note,
                c.meaning,
                [list(c.examples.match), list(c.examples.no_match)],
                c.line,
            ]
            for c in lexicon.competences
        ],
        list(lexicon.unscored_sections),
        list(lexicon.unscored_kinds),
        lexicon.window,
        [[str(w.path), w.line, w.message] for w in lexicon.warnings],
    ]


def _lexicon_from(path: Path, text: str, data: Any) -> Lexicon | None:
    """The lexicon of ``_lexicon_data``, or None when ``data`` is not what it writes."""

    def pattern(x: list[Any]) -> Pattern:
        text, terms, mode, window, line = x
        return Pattern(text, tuple(Term(tuple(t)) for t in terms), mode, window, line)

    try:
        name, orientations, competences, sections, kinds, window, warnings = data
        lexicon = Lexicon(
            path=path,
            text=text,
            name=name,
            orientations=tuple(Orientation(*o) for o in orientations),
            competences=tuple(
                Competence(
                    id=i,
                    label=label,
                    orientation=orientation,
                    patterns=tuple(pattern(p) for p in patterns),
                    exclude=tuple(pattern(p) for p in exclude),
                    labels=tuple((a, b) for a, b in labels),
                    note=note,
                    meaning=meaning,
                    examples=Examples(tuple(examples[0]), tuple(examples[1])),
                    line=line,
                )
                for i, label, orientation, patterns, exclude, labels, note, meaning, examples, line in competences
            ),
            unscored_sections=tuple(sections),
            unscored_kinds=tuple(kinds),
            window=window,
            warnings=tuple(Problem(Path(p), line, message) for p, line, message in warnings),
        )
    except (TypeError, ValueError):
        return None
    # what does not come back exactly as written (a string for a number, ...) is damage
    return lexicon if _lexicon_data(lexicon) == data and _typed(lexicon) else None


def _typed(lexicon: Lexicon) -> bool:
    """Whether the numbers and flags of a lexicon read back are of their types."""
    patterns = [p for c in lexicon.competences for p in (*c.patterns, *c.exclude)]
    return (
        isinstance(lexicon.window, int)
        and all(isinstance(o.scored, bool) for o in lexicon.orientations)
        and all(isinstance(c.line, int) for c in lexicon.competences)
        and all(
            isinstance(p.line, int) and (p.window is None or isinstance(p.window, int))
            for p in patterns
        )
    )


def load_lexicon_cached(path: Path | str, root: Path | None) -> Lexicon:
    """``lexicon.load_lexicon``, the parsed lexicon taken from the cache ``root`` (None:
    none) when it has read this file's text before, and an edit of the text it read
    last parsed only where it changed (lexicon_edit.py)."""
    path = Path(path)
    if root is None:
        return load_lexicon(path)
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError):
        return load_lexicon(path)  # says what is wrong with the file
    key = _key("lexicon", _named(path, text))
    store = LexiconStore(root)
    lexicon = _lexicon_from(path, text, store._read(key))
    if lexicon is None:
        # the lexicon parsed last from this file, else from any: an edit of its text is
        # parsed where it changed
        earlier = next(filter(None, (store._last_lexicon(k) for k in _lasts(path))), None)
        lexicon = (
            parse_lexicon(path, text) if earlier is None else parse_edited(path, text, earlier)
        )
        keep_lexicon(lexicon, root)
    return lexicon


def _lasts(path: Path) -> list[str]:
    """The keys of the lexicon parsed last from this file, and from any file."""
    return [_key("last lexicon", _named(path, "")), _key("last lexicon", _named(Path(), ""))]


def keep_lexicon(lexicon: Lexicon, root: Path) -> None:
    """Keep a parsed lexicon in the cache ``root``, as the one parsed last from its file
    (a run that made the cache folder parsed its lexicon before there was one)."""
    store = LexiconStore(root)
    store._write(_key("lexicon", _named(lexicon.path, lexicon.text)), _lexicon_data(lexicon))
    for last in _lasts(lexicon.path):
        store._write(last, [str(lexicon.path), lexicon.text], TEXTS)


# the Matcher of each lexicon this process has used, by cache: one compile per process
_matchers: dict[tuple[int, Path | None], tuple[Lexicon, Matcher]] = {}


def matcher_for(lexicon: Lexicon, root: Path | None) -> Matcher:
    """The lexicon's Matcher, with the compiled patterns of the cache ``root`` (None: none);
    the same Matcher each time for one lexicon and cache."""
    key = (id(lexicon), root)
    known = _matchers.get(key)
    if known is not None and known[0] is lexicon:
        return known[1]
    matcher = Matcher(lexicon) if root is None else LexiconStore(root).matcher(lexicon)
    if len(_matchers) >= 8:
        _matchers.clear()
    _matchers[key] = (lexicon, matcher)
    return matcher


def lint_for(lexicon: Lexicon, pipeline: Pipeline, root: Path | None) -> list[Finding]:
    """The lexicon's lint findings, with the cache ``root`` (None: none)."""
    if root is None:
        return lint(lexicon, pipeline)
    findings = LexiconStore(root).lint(lexicon, pipeline)
    assert findings is not None  # nothing is left out without ``at_most``
    return findings
