"""competences.yaml: the lexicon, loaded into typed objects and validated in one place.

Orientations (their names, order and labels) come from the file, so another
framework is another YAML file. Every problem is reported with its line, all at once.

Pattern syntax (see docs/lexicon.md):

* a string is a lemma pattern: its words must all occur in one sentence, in any
  order, within ``window`` tokens (Dutch verb-second order and separable verbs);
* ``a|b`` inside a word gives alternatives; ``samenwerk*`` is a glob on the lemma
  or the word;
* ``{exact: "verbindend"}`` matches the surface words, in order and adjacent;
* ``{phrase: "sociaal werker"}`` matches lemmas, in order and adjacent;
* ``{words: "...", window: 12}`` is a lemma pattern with its own window.

Exclusions (``exclude``) are written the same way, but a plain string there is
a phrase: "sociaal werker" excludes the adjacent words only.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from .errors import LexiconError, Problem
from .sections import KIND_NAMES
from .yamlio import LineDict, LineList, load_yaml, read_text

Mode = Literal["words", "phrase", "exact"]
DEFAULT_WINDOW = 8
GLOB_CHARS = re.compile(r"[*?\[]")
# A pattern names a competence in a few words; the matcher's work grows quickly with its
# length, so a pattern of many words (a pasted sentence, a word repeated) is refused.
MAX_PATTERN_WORDS = 12
# The bundled lexicon is about 30 KB for 104 competences; a file far larger than any
# lexicon (a corpus pasted in, a generated file) is refused before it is parsed.
MAX_LEXICON_BYTES = 2 * 1024 * 1024
LEXICON_NAME = "competences.yaml"
# the lexicon that comes with leaderscan: all items of Boon (2021), Appendices 7 and 8
DEFAULT_LEXICON = Path(__file__).parent / "lexicons" / LEXICON_NAME


@dataclass(frozen=True)
class Orientation:
    name: str
    label: str
    scored: bool = True
    description: str = ""


@dataclass(frozen=True)
class Term:
    """One word of a pattern: alternatives, each a plain word or a glob."""

    alternatives: tuple[str, ...]

    @property
    def is_glob(self) -> bool:
        return any(GLOB_CHARS.search(a) for a in self.alternatives)


@dataclass(frozen=True)
class Pattern:
    text: str
    terms: tuple[Term, ...]
    mode: Mode = "words"
    window: int | None = None
    line: int = 0

    @property
    def contiguous(self) -> bool:
        return self.mode in ("phrase", "exact")


@dataclass(frozen=True)
class Examples:
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()


@dataclass(frozen=True)
class Competence:
    id: str
    label: str
    orientation: str
    patterns: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    note: str = ""
    meaning: str = ""  # one line: what the competence is, so a user can judge a hit
    examples: Examples = Examples()
    line: int = 0

    def label_for(self, organisation: str | None) -> str:
        """The label an organisation uses for this competence (R8), else the label."""
        return dict(self.labels).get(organisation or "", self.label)


@dataclass(frozen=True)
class Lexicon:
    path: Path
    text: str
    name: str
    orientations: tuple[Orientation, ...]
    competences: tuple[Competence, ...]
    unscored_sections: tuple[str, ...] = ()
    unscored_kinds: tuple[str, ...] = ()  # kinds of section (sections.py) not scored
    window: int = DEFAULT_WINDOW
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    # the files it was read from: one, or several combined (lexicons.py)
    sources: tuple[Path, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.sources:
            object.__setattr__(self, "sources", (self.path,))

    @property
    def described(self) -> str:
        """The file, or the files combined, as a user would name them."""
        return " + ".join(str(p) for p in self.sources)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def orientation(self, name: str) -> Orientation:
        return next(o for o in self.orientations if o.name == name)

    def competence(self, id_: str) -> Competence:
        return next(c for c in self.competences if c.id == id_)


TOP_KEYS = {
    "version",
    "name",
    "description",
    "window",
    "orientations",
    "unscored_sections",
    "unscored_kinds",
    "competences",
}
ORIENTATION_KEYS = {"name", "label", "scored", "description"}
COMPETENCE_KEYS = {
    "id",
    "label",
    "labels",
    "orientation",
    "patterns",
    "exclude",
    "note",
    "meaning",
    "examples",
}
PATTERN_KEYS = {"words", "phrase", "exact", "window"}
EXAMPLE_KEYS = {"match", "no_match"}


def slug(label: str) -> str:
    s = re.sub(r"[^0-9a-z]+", "-", label.lower().replace("ë", "e").replace("é", "e")).strip("-")
    return s or "competentie"


def parse_terms(text: str) -> tuple[Term, ...]:
    return tuple(
        Term(tuple(a for a in word.split("|") if a))
        for word in text.lower().split()
        if word.strip("|")
    )


def normalise_heading(text: str) -> str:
    """Headings compare case-insensitively, without punctuation and extra spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


class _Checker:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def unknown_keys(self, data: LineDict, allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                hint = difflib.get_close_matches(key, sorted(allowed), n=1)
                fix = (
                    f"; did you mean '{hint[0]}'?"
                    if hint
                    else f"; allowed: {', '.join(sorted(allowed))}"
                )
                self.error(data.line_of(key), f"unknown key '{key}' in {where}{fix}")

    def text(self, data: LineDict, key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.error(data.line, f"{where} has no '{key}'")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.error(data.line_of(key), f"'{key}' in {where} must be text")
            return ""
        return str(value).strip()

    def window(self, data: LineDict, where: str) -> int | None:
        value = data.get("window")
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.error(
                data.line_of("window"), f"'window' in {where} must be a whole number of at least 1"
            )
            return None
        return value

    def pattern(self, item: Any, line: int, where: str, plain: Mode = "words") -> Pattern | None:
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            text, mode, window = str(item), plain, None
        elif isinstance(item, LineDict):
            self.unknown_keys(item, PATTERN_KEYS, where)
            modes = [k for k in ("words", "phrase", "exact") if k in item]
            if len(modes) != 1:
                self.error(
                    item.line,
                    f"a pattern in {where} needs exactly one of 'words', 'phrase' or 'exact'",
                )
                return None
            mode = cast(Mode, modes[0])
            text = self.text(item, mode, where)
            window = self.window(item, where)
        else:
            self.error(
                line, f"a pattern in {where} must be text or a mapping such as {{exact: ...}}"
            )
            return None
        terms = parse_terms(text)
        if not terms:
            self.error(line, f"empty pattern in {where}")
            return None
        if len(terms) > MAX_PATTERN_WORDS:
            self.error(
                line,
                f"a pattern of {len(terms)} words in {where}; a pattern has at most "
                f"{MAX_PATTERN_WORDS}: keep the words that name the competence",
            )
            return None
        return Pattern(text=text.strip(), terms=terms, mode=mode, window=window, line=line)

    def patterns(
        self, data: LineDict, key: str, where: str, required: bool, plain: Mode = "words"
    ) -> tuple[Pattern, ...]:
        value = data.get(key)
        if value is None:
            if required:
                self.error(data.line, f"{where} has no '{key}': give at least one pattern")
            return ()
        if isinstance(value, str):
            value_list: list[Any] = [value]
            lines = [data.line_of(key)]
        elif isinstance(value, LineList):
            value_list, lines = list(value), value.item_lines
        else:
            self.error(data.line_of(key), f"'{key}' in {where} must be a list of patterns")
            return ()
        if required and not value_list:
            self.error(data.line_of(key), f"'{key}' in {where} is empty: give at least one pattern")
        out = [
            self.pattern(item, line, where, plain)
            for item, line in zip(value_list, lines, strict=True)
        ]
        return tuple(p for p in out if p is not None)

    def strings(self, data: LineDict, key: str, where: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(data.line_of(key), f"'{key}' in {where} must be a list of texts")
            return ()
        return tuple(v.strip() for v in value)


def load_lexicon(path: Path | str) -> Lexicon:
    """Load and validate competences.yaml; raise LexiconError listing every problem."""
    path = Path(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise LexiconError(
            [Problem(path, 0, "lexicon file not found; pass --lexicon FILE")]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError([Problem(path, 0, f"cannot read the lexicon: {exc}")]) from None
    return parse_lexicon(path, text)


def parse_lexicon(path: Path, text: str) -> Lexicon:
    size = len(text.encode("utf-8"))
    if size > MAX_LEXICON_BYTES:
        raise LexiconError(
            [
                Problem(
                    path,
                    0,
                    f"the lexicon is {size / 1024 / 1024:.0f} MB; more than "
                    f"{MAX_LEXICON_BYTES // 1024 // 1024} MB is refused (the bundled one is "
                    "about 30 KB): is this the right file?",
                )
            ]
        )
    data, problems = load_yaml(path, text)
    check = _Checker(path)
    check.problems.extend(problems)
    if data is None and not problems:
        check.error(0, "the lexicon is empty; it needs 'orientations' and 'competences'")
    if data is None or check.problems and not isinstance(data, LineDict):
        raise LexiconError(check.problems)
    if not isinstance(data, LineDict):
        raise LexiconError(
            [
                Problem(
                    path, 1, "the lexicon must be a mapping with 'orientations' and 'competences'"
                )
            ]
        )
    check.unknown_keys(data, TOP_KEYS, "the lexicon")
    window = check.window(data, "the lexicon") or DEFAULT_WINDOW

    orientations: list[Orientation] = []
    raw_or = data.get("orientations")
    if not isinstance(raw_or, LineList) or not raw_or:
        check.error(
            data.line_of("orientations"),
            "'orientations' must be a non-empty list (name, label, scored)",
        )
        raw_or = LineList()
    for i, item in enumerate(raw_or):
        line = raw_or.line_of(i)
        if isinstance(item, str):
            item = LineDict(name=item)
            item.line, item.key_lines = line, {}
        if not isinstance(item, LineDict):
            check.error(line, "an orientation must be a name or a mapping with 'name'")
            continue
        check.unknown_keys(item, ORIENTATION_KEYS, "an orientation")
        name = check.text(item, "name", "an orientation")
        if not name:
            continue
        if any(o.name == name for o in orientations):
            check.error(line, f"duplicate orientation '{name}'")
            continue
        scored = item.get("scored", True)
        if not isinstance(scored, bool):
            check.error(
                item.line_of("scored"), f"'scored' of orientation '{name}' must be true or false"
            )
            scored = True
        orientations.append(
            Orientation(
                name=name,
                label=check.text(item, "label", "an orientation", required=False) or name,
                scored=scored,
                description=check.text(item, "description", "an orientation", required=False),
            )
        )
    names = [o.name for o in orientations]

    unscored = check.strings(data, "unscored_sections", "the lexicon")
    kinds = check.strings(data, "unscored_kinds", "the lexicon")
    for kind in kinds:
        if kind not in KIND_NAMES:
            check.error(
                data.line_of("unscored_kinds"),
                f"unknown kind of section '{kind}' in 'unscored_kinds'; "
                f"the kinds are {', '.join(KIND_NAMES)}",
            )

    competences: list[Competence] = []
    raw_c = data.get("competences")
    if not isinstance(raw_c, LineList) or not raw_c:
        check.error(data.line_of("competences"), "'competences' must be a non-empty list")
        raw_c = LineList()
    seen_ids: dict[str, int] = {}
    seen_labels: dict[tuple[str, str], int] = {}
    for i, item in enumerate(raw_c):
        line = raw_c.line_of(i)
        if not isinstance(item, LineDict):
            check.error(
                line, "a competence must be a mapping with 'label', 'orientation' and 'patterns'"
            )
            continue
        check.unknown_keys(item, COMPETENCE_KEYS, "a competence")
        label = check.text(item, "label", "a competence")
        where = f"competence '{label or '?'}'"
        cid = check.text(item, "id", where, required=False) or slug(label)
        if cid in seen_ids:
            check.error(
                item.line_of("id"),
                f"duplicate id '{cid}' (first at line {seen_ids[cid]}); give each competence its own id",
            )
        seen_ids.setdefault(cid, item.line)
        orientation = check.text(item, "orientation", where)
        if orientation and orientation not in names:
            hint = difflib.get_close_matches(orientation, names, n=1, cutoff=0.5)
            fix = (
                f"did you mean '{hint[0]}'? A new one is declared under 'orientations:'"
                if hint
                else f"use one of: {', '.join(names)}, or declare it under 'orientations:'"
            )
            check.error(
                item.line_of("orientation"),
                f"unknown orientation '{orientation}' in {where}; {fix}",
            )
        key = (label.lower(), orientation)
        if label and key in seen_labels and "labels" not in item:
            check.warnings.append(
                Problem(
                    path,
                    item.line_of("label"),
                    f"label '{label}' of {orientation} is used twice (first at line {seen_labels[key]})",
                )
            )
        seen_labels.setdefault(key, item.line)
        labels_raw = item.get("labels") or {}
        labels: tuple[tuple[str, str], ...] = ()
        if not isinstance(labels_raw, dict) or not all(
            isinstance(v, str) for v in labels_raw.values()
        ):
            check.error(
                item.line_of("labels"), f"'labels' in {where} must map organisation to label"
            )
        else:
            labels = tuple((str(k), v) for k, v in labels_raw.items())
        examples = Examples()
        raw_ex = item.get("examples")
        if raw_ex is not None:
            if not isinstance(raw_ex, LineDict):
                check.error(
                    item.line_of("examples"),
                    f"'examples' in {where} must have 'match' and/or 'no_match'",
                )
            else:
                check.unknown_keys(raw_ex, EXAMPLE_KEYS, f"the examples of {where}")
                examples = Examples(
                    check.strings(raw_ex, "match", where), check.strings(raw_ex, "no_match", where)
                )
        competences.append(
            Competence(
                id=cid,
                label=label,
                orientation=orientation,
                patterns=check.patterns(item, "patterns", where, required=True),
                exclude=check.patterns(item, "exclude", where, required=False, plain="phrase"),
                labels=labels,
                note=check.text(item, "note", where, required=False),
                meaning=check.text(item, "meaning", where, required=False),
                examples=examples,
                line=item.line,
            )
        )
    if check.problems:
        raise LexiconError(check.problems)
    return Lexicon(
        path=path,
        text=text,
        name=check.text(data, "name", "the lexicon", required=False) or path.name,
        orientations=tuple(orientations),
        competences=tuple(competences),
        unscored_sections=tuple(normalise_heading(s) for s in unscored),
        unscored_kinds=tuple(k for k in kinds if k in KIND_NAMES),
        window=window,
        warnings=tuple(check.warnings),
    )
