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
from typing import Literal

from .errors import LexiconError, Problem
from .i18n import _
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


def load_lexicon(path: Path | str) -> Lexicon:
    """Load and validate competences.yaml; raise LexiconError listing every problem."""
    path = Path(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise LexiconError(
            [Problem(path, 0, _("lexicon file not found; pass --lexicon FILE"))]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(
            [Problem(path, 0, _("cannot read the lexicon: {error}").format(error=exc))]
        ) from None
    return parse_lexicon(path, text)


def parse_lexicon(path: Path, text: str) -> Lexicon:
    size = len(text.encode("utf-8"))
    if size > MAX_LEXICON_BYTES:
        raise LexiconError(
            [
                Problem(
                    path,
                    0,
                    _(
                        "the lexicon is {size:.0f} MB; more than {most} MB is refused (the "
                        "bundled one is about 30 KB): is this the right file?"
                    ).format(size=size / 1024 / 1024, most=MAX_LEXICON_BYTES // 1024 // 1024),
                )
            ]
        )
    data, problems = load_yaml(path, text)
    from .lexicon_checks import Checker  # it builds the types above

    check = Checker(path)
    check.problems.extend(problems)
    if data is None and not problems:
        check.error(0, _("the lexicon is empty; it needs 'orientations' and 'competences'"))
    if data is None or check.problems and not isinstance(data, LineDict):
        raise LexiconError(check.problems)
    if not isinstance(data, LineDict):
        raise LexiconError(
            [
                Problem(
                    path,
                    1,
                    _("the lexicon must be a mapping with 'orientations' and 'competences'"),
                )
            ]
        )
    the_lexicon = _("the lexicon")
    check.unknown_keys(data, TOP_KEYS, the_lexicon)
    window = check.window(data, the_lexicon) or DEFAULT_WINDOW

    orientations: list[Orientation] = []
    raw_or = data.get("orientations")
    if not isinstance(raw_or, LineList) or not raw_or:
        check.error(
            data.line_of("orientations"),
            _("'orientations' must be a non-empty list (name, label, scored)"),
        )
        raw_or = LineList()
    for i, item in enumerate(raw_or):
        line = raw_or.line_of(i)
        if isinstance(item, str):
            item = LineDict(name=item)
            item.line, item.key_lines = line, {}
        if not isinstance(item, LineDict):
            check.error(line, _("an orientation must be a name or a mapping with 'name'"))
            continue
        an_orientation = _("an orientation")
        check.unknown_keys(item, ORIENTATION_KEYS, an_orientation)
        name = check.text(item, "name", an_orientation)
        if not name:
            continue
        if any(o.name == name for o in orientations):
            check.error(line, _("duplicate orientation '{name}'").format(name=name))
            continue
        scored = item.get("scored", True)
        if not isinstance(scored, bool):
            check.error(
                item.line_of("scored"),
                _("'scored' of orientation '{name}' must be true or false").format(name=name),
            )
            scored = True
        orientations.append(
            Orientation(
                name=name,
                label=check.text(item, "label", an_orientation, required=False) or name,
                scored=scored,
                description=check.text(item, "description", an_orientation, required=False),
            )
        )
    names = [o.name for o in orientations]

    unscored = check.strings(data, "unscored_sections", the_lexicon)
    kinds = check.strings(data, "unscored_kinds", the_lexicon)
    for kind in kinds:
        if kind not in KIND_NAMES:
            check.error(
                data.line_of("unscored_kinds"),
                _(
                    "unknown kind of section '{kind}' in 'unscored_kinds'; the kinds are {kinds}"
                ).format(kind=kind, kinds=", ".join(KIND_NAMES)),
            )

    competences: list[Competence] = []
    raw_c = data.get("competences")
    if not isinstance(raw_c, LineList) or not raw_c:
        check.error(data.line_of("competences"), _("'competences' must be a non-empty list"))
        raw_c = LineList()
    seen_ids: dict[str, int] = {}
    seen_labels: dict[tuple[str, str], int] = {}
    for i, item in enumerate(raw_c):
        line = raw_c.line_of(i)
        if not isinstance(item, LineDict):
            check.error(
                line, _("a competence must be a mapping with 'label', 'orientation' and 'patterns'")
            )
            continue
        a_competence = _("a competence")
        check.unknown_keys(item, COMPETENCE_KEYS, a_competence)
        label = check.text(item, "label", a_competence)
        where = _("competence '{label}'").format(label=label or "?")
        cid = check.text(item, "id", where, required=False) or slug(label)
        if cid in seen_ids:
            check.error(
                item.line_of("id"),
                _(
                    "duplicate id '{id}' (first at line {line}); give each competence its own id"
                ).format(id=cid, line=seen_ids[cid]),
            )
        seen_ids.setdefault(cid, item.line)
        orientation = check.text(item, "orientation", where)
        if orientation and orientation not in names:
            hint = difflib.get_close_matches(orientation, names, n=1, cutoff=0.5)
            message = (
                _(
                    "unknown orientation '{orientation}' in {where}; did you mean '{hint}'? A new "
                    "one is declared under 'orientations:'"
                ).format(orientation=orientation, where=where, hint=hint[0])
                if hint
                else _(
                    "unknown orientation '{orientation}' in {where}; use one of: {names}, or "
                    "declare it under 'orientations:'"
                ).format(orientation=orientation, where=where, names=", ".join(names))
            )
            check.error(item.line_of("orientation"), message)
        key = (label.lower(), orientation)
        if label and key in seen_labels and "labels" not in item:
            check.warnings.append(
                Problem(
                    path,
                    item.line_of("label"),
                    _(
                        "label '{label}' of {orientation} is used twice (first at line {line})"
                    ).format(label=label, orientation=orientation, line=seen_labels[key]),
                )
            )
        seen_labels.setdefault(key, item.line)
        labels_raw = item.get("labels") or {}
        labels: tuple[tuple[str, str], ...] = ()
        if not isinstance(labels_raw, dict) or not all(
            isinstance(v, str) for v in labels_raw.values()
        ):
            check.error(
                item.line_of("labels"),
                _("'labels' in {where} must map organisation to label").format(where=where),
            )
        else:
            labels = tuple((str(k), v) for k, v in labels_raw.items())
        examples = Examples()
        raw_ex = item.get("examples")
        if raw_ex is not None:
            if not isinstance(raw_ex, LineDict):
                check.error(
                    item.line_of("examples"),
                    _("'examples' in {where} must have 'match' and/or 'no_match'").format(
                        where=where
                    ),
                )
            else:
                check.unknown_keys(
                    raw_ex, EXAMPLE_KEYS, _("the examples of {where}").format(where=where)
                )
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
        name=check.text(data, "name", the_lexicon, required=False) or path.name,
        orientations=tuple(orientations),
        competences=tuple(competences),
        unscored_sections=tuple(normalise_heading(s) for s in unscored),
        unscored_kinds=tuple(k for k in kinds if k in KIND_NAMES),
        window=window,
        warnings=tuple(check.warnings),
    )
